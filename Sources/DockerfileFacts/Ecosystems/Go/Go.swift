import DockerfileModel

extension Language {
    package static let go = Language(rawValue: "go")
}

/// Go: the `golang` images, `go build`/`go install` and their outputs,
/// `go mod download` with go.mod and go.sum, the module and build caches,
/// cgo, and static binaries for distroless `static`, Alpine and scratch.
///
/// Sources: the golang image sets `GOPATH=/go`, `WORKDIR /go` and puts
/// `/go/bin` and `/usr/local/go/bin` on PATH (docker-library/golang's
/// Dockerfile template); `go help build` and `go help install` for where
/// binaries are written.
package struct Go: CompiledEcosystem {
    package let language = Language.go
    package let name = "Go"
    package let recipes = ["go-distroless", "go-alpine"]
    package let installFolders = ["/go/bin", "/usr/local/go/bin"]
    /// Live-reload tools that run `go build` when sources change (cosmtrek/air, cespare/reflex, githubnemo/CompileDaemon…).
    package let developmentServers: Set<String> = ["air", "reflex", "CompileDaemon", "gin", "fresh", "realize", "modd", "gow", "wgo", "watchexec"]

    package init() {}

    package let sourceExtensions: Set<String> = ["go"]

    package func readSources(_ context: BuildContext) -> SourceFindings? { GoSources.read(context) }
    package let buildInputs = ["**/*.go", "go.mod", "go.sum", "vendor"]

    package func role(of image: ImageReference) -> ImageRole? {
        ImageCatalog.officialName(image) == "golang" ? .toolchain : nil
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        words.first == "go" && ["build", "install"].contains(words.dropFirst().first ?? "")
    }

    /// `go vet`, `go test` (writing no profile or test binary), `go version`,
    /// `go env` (not -w), `go list`, `go mod verify`: they only check and print.
    package func isCheckCommand(_ words: [String]) -> Bool {
        guard words.first == "go", let sub = words.dropFirst().first else { return false }
        let args = words.dropFirst(2)
        switch sub {
        case "vet", "version", "list": return true
        case "env": return !args.contains("-w") && !args.contains("-u")
        case "test":
            let writing = ["-o", "-c", "-coverprofile", "-cpuprofile", "-memprofile", "-blockprofile", "-mutexprofile", "-trace", "-outputdir"]
            return !args.contains { a in writing.contains { a == $0 || a.hasPrefix($0 + "=") } }
        case "mod": return ["verify", "graph", "why"].contains(args.first ?? "")
        default: return false
        }
    }

    /// Build tags that need no C.
    static let pureGoTags: Set<String> = ["netgo", "osusergo", "timetzdata", "purego", "nomsgpack", "jsoniter", "release", "prod",
                                          "production", "static", "static_build"]

    static let valueFlags: Set<String> = ["-o", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-modfile", "-p", "-pkgdir",
                                          "-buildmode", "-compiler", "-gccgoflags", "-installsuffix", "-overlay", "-pgo", "-coverpkg",
                                          "-covermode", "-toolexec", "-C", "-buildvcs", "-linkshared"]

    /// Environment names that belong to the toolchain, not the program.
    package func isToolchainVariable(_ name: String) -> Bool {
        let exact: Set<String> = ["GOPATH", "GOROOT", "GOBIN", "GOFLAGS", "GOOS", "GOARCH", "GOARM", "GOAMD64", "GOPROXY", "GOPRIVATE",
                                  "GONOSUMDB", "GONOPROXY", "GOSUMDB", "GOCACHE", "GOMODCACHE", "GO111MODULE", "GOTOOLCHAIN", "GOEXPERIMENT",
                                  "CGO_ENABLED", "CGO_CFLAGS", "CGO_LDFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS"]
        return exact.contains(name) || name.hasPrefix("GO_") && name.hasSuffix("_VERSION")
    }

    /// Folders of the context under `root` holding a Go package (a non-test
    /// .go file), as `./...` matches them: not vendor, testdata, or names
    /// starting with `.` or `_`.
    static func packageFolders(under root: String, in context: BuildContext) -> [String] {
        var folders: Set<String> = []
        for file in context.files where file.hasSuffix(".go") && !file.hasSuffix("_test.go") {
            let dir = Paths.dirname("/" + file).dropFirst()
            guard root.isEmpty || dir == root || dir.hasPrefix(root + "/") else { continue }
            let inside = root.isEmpty ? String(dir) : String(dir.dropFirst(root.count))
            let parts = inside.split(separator: "/")
            if parts.contains(where: { $0 == "vendor" || $0 == "testdata" || $0.hasPrefix(".") || $0.hasPrefix("_") }) { continue }
            folders.insert(String(dir))
        }
        return folders.sorted()
    }

    // MARK: Build

    /// The build as `CompiledBuild` reads it, unless it cannot work: a
    /// module that needs cgo built on golang's Alpine image, which has no C
    /// compiler (the build fails, or turns cgo off and the driver fails).
    package func readBuild(_ input: StageInput) -> BuildReading {
        let reading = CompiledBuild.read(input, for: language)
        // A build that fetches its imports' newest code: the reason that comes first, whatever else is unclear.
        if case .refused = reading, let root = input.rootImage, ImageCatalog.officialName(root) == "golang",
           let why = GoFetches.unpinned(input, image: root) { return .refused(why) }
        guard case .plan(let plan) = reading, ImageCatalog.officialName(plan.builderImage) == "golang" else { return reading }
        let chain = input.file.baseChain(of: plan.stage)
        if let why = GoFetches.unpinned(input, image: plan.builderImage) { return .refused(why) }
        if let why = GoOutputs.movedProgramFindsFiles(plan, context: input.context) { return .refused(why) }
        guard ImageCatalog.libc(of: plan.builderImage) == .musl else { return reading }
        guard let build = GoAlpine.goBuild(chain), !build.cgoOff, !AlpineInstalls.hasCToolchain(AlpineInstalls.packages(in: chain, before: nil)),
              let need = findings(in: input.context)?.nativeNeeds.first(where: { $0.requirement == .cgo }) else { return reading }
        return .refused("\(need.dependency) (\(need.evidence.file):\(need.evidence.line)) needs cgo, and \(plan.builderImage.original) has no C compiler: \(build.run.keyword) on line \(build.run.startLine) fails, or builds a program whose driver fails (install build-base before it)")
    }

    package func readBuildCommand(_ words: [String], in folder: String?, environment env: [String: String],
                                  context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>? {
        readBuildCommand(words, in: folder, site: nil, environment: env, context: context, image: image)
    }

    package func readBuildCommand(_ words: [String], in folder: String?, site: BuildSite?, environment env: [String: String],
                                  context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>? {
        GoBuildCommand.read(words, in: folder, site: site, environment: env, context: context, image: image)
    }

    package func contextProblem(_ words: [String], site: BuildSite, buildFolder: String, contextBelow: Bool, context: BuildContext, image: ImageReference,
                                environment: [String: String]) -> Why? {
        // A go.mod copied on its own into the folder or above it makes the folder a module's, whatever else was copied below.
        let outputs = GoOutputs(folder: buildFolder, site: site, context: context, image: image, environment: environment)
        let below = contextBelow && outputs.moduleFile(governing: buildFolder) == nil
        return contextProblem(words, contextFolder: site.contextFolder, buildFolder: buildFolder, contextBelow: below, context: context, image: image,
                              environment: environment)
    }

    /// A package or file the build names that the context lacks, or no
    /// go.mod where the go command (1.16 and later) builds in module mode.
    package func contextProblem(_ words: [String], contextFolder: String?, buildFolder: String, contextBelow: Bool, context: BuildContext, image: ImageReference,
                                environment: [String: String]) -> Why? {
        // Module mode is the default from Go 1.16; GOPATH mode only with GO111MODULE=off.
        let version = (image.tag ?? "").split(separator: "-").first.map { $0.split(separator: ".").compactMap { Int($0) } } ?? []
        let moduleMode = (version.count < 2 || version[0] > 1 || version[1] >= 16) && environment["GO111MODULE"] != "off"
        guard let contextFolder else {
            // Above the context's copy: no go.mod of the context is at or above the folder.
            return moduleMode && contextBelow ? Why("go \(words.dropFirst().first ?? "") runs in \(buildFolder), above the folder the build context was copied to, where there is no go.mod, and the go command of \(image.original) builds in module mode") : nil
        }
        let args = Array(words.dropFirst(2))
        var packages: [String] = []
        var output: String?
        var skip = false
        for (k, a) in args.enumerated() {
            if skip { skip = false; continue }
            if a == "-o" || a == "--o", k + 1 < args.count { output = args[k + 1] }
            if a.hasPrefix("-o=") { output = String(a.dropFirst(3)) }
            if a.hasPrefix("-") { if Self.valueFlags.contains(a) { skip = true }; continue }
            packages.append(a)
        }
        if packages.isEmpty { packages = ["."] }
        let join = { (p: String) in String(Paths.join("/", contextFolder + "/" + p).dropFirst()) }
        // `go build -o FILE ./...` writes one file only when the pattern matches one package
        // (cmd/go: "cannot write multiple packages to non-directory").
        if words.dropFirst().first == "build", let output, !output.hasSuffix("/"), let pattern = packages.first(where: { $0.hasSuffix("/...") && $0.hasPrefix(".") }) {
            let found = Self.packageFolders(under: join(String(pattern.dropLast(4))), in: context)
            if found.count > 1 {
                return Why("go build -o \(output) \(pattern) matches \(found.count) packages (\(found.prefix(3).map { $0.isEmpty ? "." : $0 }.joined(separator: ", "))…), and go cannot write several packages to one file")
            }
        }
        for p in packages where p.hasPrefix(".") && !p.contains("...") {
            let path = join(p)
            if p.hasSuffix(".go") {
                if !context.has(path) { return Why("it builds \(p), which the build context does not have") }
            } else if !context.files.contains(where: { $0.hasSuffix(".go") && Paths.dirname("/" + $0) == "/" + path || (path.isEmpty && !$0.contains("/") && $0.hasSuffix(".go")) }) {
                return Why("it builds \(p), a folder of the build context with no Go source")
            }
        }
        if moduleMode && !context.has("go.mod") && !hasModule(above: contextFolder, context) {
            return Why("the build context has no go.mod, and the go command of \(image.original) builds in module mode")
        }
        return nil
    }

    private func hasModule(above folder: String, _ context: BuildContext) -> Bool {
        var f = folder
        while !f.isEmpty {
            if context.has(f + "/go.mod") { return true }
            f = f.contains("/") ? String(f[..<f.lastIndex(of: "/")!]) : ""
        }
        return false
    }

    // MARK: Static binaries

    package func staticBuild(_ c: StaticBuildCommand) -> StaticBuildChange {
        guard c.words.first == "go", let sub = c.words.dropFirst().first, sub == "build" || sub == "install" else { return .notMine }
        if let set = c.prefix["CGO_ENABLED"] ?? c.environment["CGO_ENABLED"] {
            return .leave(set == "1" ? "CGO_ENABLED=1 is set, so the binary links libc" : nil)
        }
        if let why = cgoNeed(Array(c.words.dropFirst()), packages: c.packages, context: c.context) { return .leave("left dynamic: \(why)") }
        return .insert(word: 0, text: "CGO_ENABLED=0 ", reason: "CGO_ENABLED=0 makes go \(sub) produce a static binary, which needs no C library at run time")
    }

    /// Why a `go build` may need cgo, or `nil` when `CGO_ENABLED=0` is safe:
    /// a C toolchain or `-dev` package in the stage, build tags beyond the
    /// pure-Go ones, external linking, or a module of go.mod that uses cgo.
    package func cgoNeed(_ args: [String], packages: [String], context: BuildContext?) -> String? {
        if let c = packages.first(where: { ["gcc", "g++", "build-base", "musl-dev", "libc6-dev", "libc-dev", "clang"].contains($0) || $0.hasSuffix("-dev") }) {
            return "the stage installs \(c), a sign that the build uses cgo"
        }
        var i = 0
        while i < args.count {
            let a = args[i]
            var value: String?
            if a == "-tags" || a == "--tags", i + 1 < args.count { value = args[i + 1] } else if a.hasPrefix("-tags=") { value = String(a.dropFirst(6)) }
            if let value {
                let unknown = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !Self.pureGoTags.contains($0) }
                if !unknown.isEmpty { return "build tags \(unknown.joined(separator: ",")) may need cgo" }
            }
            if a.contains("linkmode") && args.dropFirst(i).contains(where: { $0.contains("external") }) { return "it links externally" }
            i += 1
        }
        if let context, let why = Self.cgoInSources(context) { return why }
        return nil
    }

    /// Modules that need cgo (they wrap C libraries); their pure-Go
    /// alternatives (modernc.org/sqlite, glebarez/sqlite) do not.
    static let cgoModules = ["github.com/mattn/go-sqlite3", "github.com/confluentinc/confluent-kafka-go", "gopkg.in/gographics/imagick",
                             "github.com/tecbot/gorocksdb", "github.com/linxGnu/grocksdb", "github.com/go-gl/glfw", "github.com/google/gopacket/pcap",
                             "github.com/miekg/pkcs11", "github.com/rjeczalik/notify", "github.com/mattn/go-oci8", "github.com/godror/godror",
                             "github.com/ceph/go-ceph", "github.com/DataDog/zstd", "github.com/valyala/gozstd", "github.com/h2non/bimg",
                             "github.com/davidbyttow/govips", "github.com/libgit2/git2go", "github.com/go-vgo/robotgo"]

    /// Why the module's own sources or requirements need cgo: `import "C"`
    /// in a .go file, or a go.mod requirement on a module that wraps C.
    static func cgoInSources(_ context: BuildContext) -> String? {
        if let mod = context.text("go.mod") {
            for module in cgoModules where mod.contains(module + " ") || mod.contains(module + "/") || mod.contains(module + "\n") {
                return "go.mod requires \(module), which needs cgo"
            }
        }
        for path in context.contents.keys.sorted() where path.hasSuffix(".go") && !path.hasSuffix("_test.go") {
            guard let text = context.text(path) else { continue }
            if text.contains("import \"C\"") { return "\(path) imports \"C\" (cgo)" }
        }
        return nil
    }

    /// golang's Alpine image has no C compiler: a module that needs cgo
    /// would build without it, and a glibc-only one would not run (`GoAlpine`).
    package func movingToAlpine(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?) -> AlpineMove {
        GoAlpine.move(stage, from: image, chain: chain, context: context, findings: findings(in: context))
    }

    // MARK: Dependencies and caches

    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard words.first == "go", words.dropFirst().first == "mod", words.dropFirst(2).first == "download" else { return .none }
        guard words.dropFirst(3).allSatisfy({ $0.hasPrefix("-") }) else { return .refuse("go mod download of named modules") }
        return .install(DependencyInstall(ecosystem: "go", required: ["go.mod"], optional: ["go.sum"], optionalPatterns: ["go.su[m]"]))
    }

    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? {
        if context.has("go.work") { return "go.work makes this a workspace: the install needs the modules it names" }
        if let mod = context.text("go.mod"),
           mod.textLines().contains(where: { $0.contains("=>") && ($0.contains("=> ./") || $0.contains("=> ../") || $0.contains("=> /")) }) {
            return "go.mod replaces a module with a local folder, which the install needs"
        }
        return nil
    }

    package func cacheMounts(_ words: [String], environment e: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard words.first == "go", let sub = words.dropFirst().first(where: { !$0.hasPrefix("-") }),
              ["build", "install", "mod", "test", "get", "run", "vet", "generate"].contains(sub) else { return .none }
        let onGolang = image.map { ImageCatalog.officialName($0) == "golang" } ?? false
        let movedGOPATH = e["GOPATH"].map { !(onGolang && $0 == "/go") } ?? false
        if movedGOPATH || e["GOMODCACHE"] != nil || e["GOCACHE"] != nil { return .skip("the stage moves GOPATH, GOMODCACHE or GOCACHE") }
        return .mounts([CacheMount(onGolang ? "/go/pkg/mod" : "/root/go/pkg/mod"), CacheMount("/root/.cache/go-build")])
    }

    // MARK: Runtime

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        CompiledRuntime.choose(builds, in: input, target: target, options: options)
    }
}
