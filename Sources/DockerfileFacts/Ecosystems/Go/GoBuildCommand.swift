import DockerfileModel

/// One `go build` or `go install` command: its flags, its packages, and the
/// programs it writes (named by `GoOutputs`).
enum GoBuildCommand {
    static func read(_ words: [String], in folder: String?, site: BuildSite?, environment env: [String: String],
                     context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>? {
        guard words.first == "go" else { return nil }
        let args = Array(words.dropFirst())
        guard let sub = args.first, sub == "build" || sub == "install" else { return nil }
        if let os = env["GOOS"], os != "linux" { return .failure(Why("it builds for \(os), not linux")) }
        var flags: [String: String] = [:]
        var packages: [String] = []
        var rest = args.dropFirst()
        while let a = rest.popFirst() {
            if a.hasPrefix("-") {
                let name = a.hasPrefix("--") ? String(a.dropFirst()) : a
                if let eq = name.firstIndex(of: "=") {
                    flags[String(name[..<eq])] = String(name[name.index(after: eq)...])
                } else if Go.valueFlags.contains(name) {
                    guard let v = rest.popFirst() else { return .failure(Why("\(a) has no value")) }
                    flags[name] = v
                } else {
                    flags[name] = ""
                }
            } else {
                packages.append(a)
            }
        }
        if packages.isEmpty { packages = ["."] }
        let isStatic = env["CGO_ENABLED"] == "0"
        let cgo = cgoSigns(flags, env)
        guard var dir = folder else { return .failure(Why("the folder the build runs in is not known")) }
        if let c = flags["-C"] { dir = Paths.join(dir, c) }
        let outputs = GoOutputs(folder: dir, site: site, context: context, image: image, environment: env)
        let step = { (paths: [String]) in Result<BuildStep, Why>.success(BuildStep(language: .go, artifacts: paths.map { Artifact($0) }, isStatic: isStatic, cgo: cgo)) }

        // The programs, by name, with the folder `go build` without -o writes into.
        let programs: [String]
        let files = packages.filter { $0.hasSuffix(".go") }
        if !files.isEmpty {
            guard files.count == packages.count else { return .failure(Why("go \(sub) names .go files and packages together")) }
            if sub == "install" && env["GOBIN"] == nil { return .failure(Why("go install of .go files has no install location without GOBIN")) }
            programs = [String(Paths.basename(files[0]).dropLast(3))]
        } else {
            var found: [String] = []
            for p in packages {
                switch names(of: p, outputs: outputs, sub: sub) {
                case .success(let n): found += n
                case .failure(let why): return .failure(why)
                }
            }
            programs = found
        }
        if programs.count > 1 {
            return .failure(Why("go \(sub) \(packages.joined(separator: " ")) makes several programs (\(programs.joined(separator: ", "))), and dockslim splits one"))
        }

        if sub == "install" {
            if env["GOARCH"] != nil { return .failure(Why("go install with GOARCH writes to a subfolder")) }
            return step(programs.map { Paths.join("/", outputs.installFolder + "/" + $0) })
        }
        if let o = flags["-o"] {
            guard !o.contains("$") else { return .failure(Why("-o \(o) uses a variable")) }
            // `-o` naming a folder (ending in `/`, the build's own, or one the image has) writes inside it.
            if o.hasSuffix("/") || Paths.join(dir, o) == dir || existingFolders.contains(Paths.join(dir, o)) {
                return step(programs.map { Paths.join(Paths.join(dir, o), $0) })
            }
            return step([Paths.join(dir, o)])
        }
        // Without -o: a single main package's program in the folder; several packages write nothing.
        return step(programs.map { Paths.join(dir, $0) })
    }

    /// Folders every Linux image has, which `-o` fills rather than replaces.
    static let existingFolders: Set<String> = Set(Paths.standardPATH + ["/go/bin", "/usr/local/go/bin", "/tmp"])

    /// The programs a package argument makes: `"?"` when the name is not known.
    private static func names(of package: String, outputs: GoOutputs, sub: String) -> Result<[String], Why> {
        let p = package.split(separator: "@").first.map(String.init) ?? package
        let isPath = p == "." || p == ".." || p.hasPrefix("./") || p.hasPrefix("../") || p.hasPrefix("/")
        if p.contains("...") {
            guard isPath, let found = outputs.mainPackages(p.hasPrefix("./") ? String(p.dropFirst(2)) : p) else {
                return .failure(Why("go \(sub) \(package) builds every package it matches, and dockslim cannot see which are programs"))
            }
            let mains = found.main.map { outputs.programName(ofPackageIn: $0) ?? "?" }
            // `go build ./...` writes a program only when the pattern matches that one package (cmd/go's runBuild).
            if sub == "build" && found.all > 1 && mains.count == 1 { return .success([]) }
            if mains.isEmpty { return .failure(Why("go \(sub) \(package) matches no main package of the build context")) }
            return .success(mains)
        }
        if isPath {
            return .success([outputs.programName(ofPackageIn: Paths.join(outputs.folder, p)) ?? "?"])
        }
        // An import path (`app/server`, `github.com/x/y/cmd/z@v1.2.0`).
        return .success([GoOutputs.execName(importPath: p, moduleMode: outputs.moduleMode ?? true)])
    }

    private static func cgoSigns(_ flags: [String: String], _ env: [String: String]) -> [String] {
        var cgo: [String] = []
        if env["CGO_ENABLED"] == "1" { cgo.append("CGO_ENABLED=1") }
        if let tags = flags["-tags"] {
            let unknown = tags.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !Go.pureGoTags.contains($0) }
            if !unknown.isEmpty { cgo.append("build tags \(unknown.joined(separator: ","))") }
        }
        if let ld = flags["-ldflags"], ld.contains("external") { cgo.append("external linking") }
        return cgo
    }
}
