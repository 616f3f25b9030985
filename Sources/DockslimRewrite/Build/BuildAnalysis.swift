import DockerfileModel
import DockerfileSyntax

/// What a stage builds, as far as it can be proven from the Dockerfile (and
/// the folder around it, when at hand): the language, the RUN that builds,
/// the files it produces, the command that runs them, and what they need.
/// The compiled-language passes act only on what this finds; where it cannot
/// be sure it says why, and they make no change.
struct BuildAnalysis: Sendable {
    /// A file the build produces and the runtime stage needs.
    struct Artifact: Sendable, Equatable {
        /// Where the build writes it.
        let builderPath: String
        /// Where the runtime stage puts it (on the standard PATH when the
        /// program is started by name).
        var runtimePath: String
    }

    let stage: Stage
    let language: Toolchains.Language
    let builderImage: ImageReference
    /// The builder's C library, when known.
    let libc: Toolchains.Libc?
    /// The last RUN that builds, and its index in the stage.
    let buildRun: Instruction
    let buildIndex: Int
    var artifacts: [Artifact]
    /// The CMD or ENTRYPOINT that starts the program (absent for a builder
    /// stage analysed for what it links).
    let entry: Instruction?
    /// The build makes a static binary (Go with CGO_ENABLED=0, C with
    /// `-static` on musl, Rust on musl).
    let isStatic: Bool
    /// Why the build may use cgo (Go).
    let cgoSigns: [String]
    /// Libraries a C build links with `-l`.
    let linkedLibraries: [String]
    /// Packages the stage installs.
    let packages: [String]
    /// Instructions after the build step, which describe the runtime image.
    let afterBuild: [Instruction]

    /// Analyses `stage`; the failure says what could not be established.
    static func analyse(_ stage: Stage, in file: Dockerfile, project: ProjectFacts?, requireEntry: Bool = true) -> Result<BuildAnalysis, Why> {
        guard case .image(let base) = stage.base else {
            return .failure(Why("its base is not an image dockslim can name (\(stage.baseText))"))
        }
        var workdir = Toolchains.workdir(ofImage: base)
        var env: [String: String] = [:]
        var packages: [String] = []
        var found: (run: Instruction, index: Int, language: Toolchains.Language, artifacts: [Artifact], isStatic: Bool, links: [String], cgo: [String])?
        var cgoSigns: [String] = []
        for (index, instruction) in stage.instructions.enumerated() {
            switch instruction.kind {
            case .workdir:
                // Variables are expanded as BuildKit does, from the stage's ENV and ARGs;
                // a value that stays unknown makes the folder unknown.
                guard let raw = instruction.argumentStrings.first else { continue }
                let expanded = ArgExpansion.expand(raw, Toolchains.environment(ofImage: base).merging(env) { $1 })
                if expanded.failed || !expanded.unresolved.isEmpty { workdir = nil; continue }
                let dir = expanded.result
                workdir = dir.hasPrefix("/") ? Paths.join("/", dir) : workdir.map { Paths.join($0, dir) }
            case .env, .arg:
                for kv in instruction.keyValues where kv.value != nil || instruction.kind == .env { env[kv.name] = kv.valueString ?? "" }
                if env["CGO_ENABLED"] == "1" { cgoSigns.append("ENV CGO_ENABLED=1 on line \(instruction.startLine)") }
            case .run:
                guard instruction.form == .shell, case .shell(let text)? = instruction.command else { continue }
                guard let list = ShellCommandList.parse(text) else {
                    if mentionsBuild(text) { return .failure(Why("RUN on line \(instruction.startLine) builds in a way dockslim cannot follow")) }
                    continue
                }
                var cwd = workdir
                var built: [Artifact] = []
                var language: Toolchains.Language?
                var isStatic = false
                var links: [String] = []
                var runCgo: [String] = []
                for command in list.commands {
                    var words = command.texts
                    var prefixEnv: [String: String] = [:]
                    while let w = words.first, let eq = w.firstIndex(of: "="), !w.hasPrefix("-") {
                        prefixEnv[String(w[..<eq])] = String(w[w.index(after: eq)...])
                        words.removeFirst()
                    }
                    guard let tool = words.first else { continue }
                    if tool == "cd" {
                        guard words.count == 2, let c = cwd, !words[1].contains("$") else { cwd = nil; continue }
                        cwd = Paths.join(c, words[1])
                        continue
                    }
                    packages += installedPackages(words)
                    let commandEnv = env.merging(prefixEnv) { $1 }
                    let result: Result<BuildStep, Why>?
                    switch tool {
                    case "go": result = goBuild(Array(words.dropFirst()), cwd: cwd, env: commandEnv, project: project)
                    case "cargo": result = cargoBuild(Array(words.dropFirst()), cwd: cwd, env: commandEnv, project: project)
                    case "gcc", "g++", "cc", "c++", "clang", "clang++": result = cBuild(Array(words.dropFirst()), cwd: cwd, cplusplus: tool.hasSuffix("++"))
                    case "make", "cmake": result = makeBuild(Array(words.dropFirst()), tool: tool, language: Toolchains.language(ofImage: base) ?? .c)
                    default: result = nil
                    }
                    guard let result else { continue }
                    switch result {
                    case .failure(let why): return .failure(Why("RUN on line \(instruction.startLine): \(why.text)"))
                    case .success(let step):
                        if let l = language, l != step.language { return .failure(Why("RUN on line \(instruction.startLine) builds with two toolchains")) }
                        language = step.language
                        built += step.artifacts
                        isStatic = isStatic || step.isStatic
                        links += step.links
                        runCgo += step.cgo
                        if step.byEvidence { built.append(Artifact(builderPath: "", runtimePath: "")) }
                    }
                }
                if let language {
                    let previous = found?.artifacts ?? []
                    found = (instruction, index, language, previous + built, isStatic, links, runCgo)
                    cgoSigns += runCgo
                }
            default:
                break
            }
        }
        guard let build = found else { return .failure(Why("no RUN builds a program dockslim recognises (go build, go install, cargo build, gcc/g++ -o, make)")) }
        let after = Array(stage.instructions[(build.index + 1)...])
        let libc = Toolchains.libc(ofImage: base)
        var isStatic = build.isStatic
        if build.language == .rust && libc == .musl { isStatic = true }
        if build.language == .c && isStatic && libc != .musl { isStatic = false }
        let signs = cgoSigns + packages.filter { ["gcc", "g++", "build-base", "musl-dev", "libc6-dev", "libc-dev", "clang"].contains($0) }.map { "the stage installs \($0)" }
        if !requireEntry {
            return .success(BuildAnalysis(stage: stage, language: build.language, builderImage: base, libc: libc, buildRun: build.run,
                                          buildIndex: build.index, artifacts: build.artifacts.filter { !$0.builderPath.isEmpty && Paths.basename($0.builderPath) != "?" },
                                          entry: nil, isStatic: isStatic, cgoSigns: signs, linkedLibraries: build.links, packages: packages, afterBuild: after))
        }
        guard let entry = stage.instructions.last(where: { $0.kind == .entrypoint }) ?? stage.instructions.last(where: { $0.kind == .cmd }) else {
            return .failure(Why("no CMD or ENTRYPOINT names the program, so the runtime stage would not know what to run"))
        }
        // The command that starts the program is the evidence of which file is the artifact.
        guard let program = programWord(entry) else { return .failure(Why("\(entry.keyword) on line \(entry.startLine) does not name a program")) }
        var finalWorkdir = workdir
        for i in stage.instructions where i.kind == .workdir && i.startLine > build.run.startLine {
            if let d = i.argumentStrings.first { finalWorkdir = finalWorkdir.map { Paths.join($0, d) } ?? (d.hasPrefix("/") ? d : nil) }
        }
        var artifacts = build.artifacts.filter { !$0.builderPath.isEmpty }
        let evidenceOnly = build.artifacts.contains { $0.builderPath.isEmpty }
        let pathDirs = Paths.standardPATH + (build.language == .go ? [Toolchains.goBin, "/usr/local/go/bin"] : []) + (build.language == .rust ? [Toolchains.cargoBin] : [])
        let entryPath: String?
        if program.hasPrefix("/") {
            entryPath = Paths.join("/", program)
        } else if program.contains("/") {
            entryPath = finalWorkdir.map { Paths.join($0, program) }
        } else {
            entryPath = nil
        }
        var matched = false
        for (k, a) in artifacts.enumerated() {
            if let p = entryPath, a.builderPath == p { matched = true }
            if entryPath == nil, Paths.basename(a.builderPath) == program, pathDirs.contains(Paths.dirname(a.builderPath)) {
                matched = true
                artifacts[k].runtimePath = "/usr/local/bin/" + program
            }
        }
        // A build whose output name is not known (make, cmake, `go build` of
        // an unnamed module): the command's path is taken as the artifact
        // when it lies under the folder the build ran in.
        if !matched, let p = entryPath, let w = workdir, (evidenceOnly || artifacts.contains { Paths.basename($0.builderPath) == "?" && Paths.dirname($0.builderPath) == Paths.dirname(p) }),
           p.hasPrefix(w == "/" ? "/" : w + "/") {
            artifacts.removeAll { Paths.basename($0.builderPath) == "?" }
            artifacts.append(Artifact(builderPath: p, runtimePath: p))
            matched = true
        }
        artifacts.removeAll { Paths.basename($0.builderPath) == "?" }
        guard matched else {
            let made = artifacts.map(\.builderPath).joined(separator: ", ")
            return .failure(Why("\(entry.keyword) on line \(entry.startLine) runs \(program), which is not what the build makes\(made.isEmpty ? "" : " (\(made))")"))
        }
        return .success(BuildAnalysis(stage: stage, language: build.language, builderImage: base, libc: libc, buildRun: build.run,
                                      buildIndex: build.index, artifacts: artifacts, entry: entry, isStatic: isStatic,
                                      cgoSigns: signs, linkedLibraries: build.links, packages: packages, afterBuild: after))
    }

    struct Why: Error, Sendable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    struct BuildStep {
        let language: Toolchains.Language
        let artifacts: [Artifact]
        let isStatic: Bool
        let links: [String]
        let cgo: [String]
        /// The output's name is known only from the command that runs it.
        var byEvidence = false
    }

    private static func mentionsBuild(_ text: String) -> Bool {
        ["go build", "go install", "cargo build", "cargo install", "gcc ", "g++ ", "make", "cmake"].contains { text.contains($0) }
    }

    /// The program an ENTRYPOINT or CMD starts: its first word.
    static func programWord(_ i: Instruction) -> String? {
        switch i.command {
        case .exec(let words): return words.first
        case .shell(let text):
            guard let list = ShellCommandList.parse(text), let first = list.commands.first else { return nil }
            var words = first.texts
            if words.first == "exec" { words.removeFirst() }
            return words.first
        case nil: return nil
        }
    }

    /// Packages an `apt-get install`, `apt install`, `apk add`, `yum`/`dnf`/`microdnf install` installs.
    static func installedPackages(_ words: [String]) -> [String] {
        guard let tool = words.first else { return [] }
        let subcommands: [String: Set<String>] = ["apt-get": ["install"], "apt": ["install"], "apk": ["add"], "yum": ["install"],
                                                  "dnf": ["install"], "microdnf": ["install"]]
        guard let subs = subcommands[tool], let at = words.firstIndex(where: { subs.contains($0) }) else { return [] }
        var out: [String] = []
        var skipNext = false
        for w in words[(at + 1)...] {
            if skipNext { skipNext = false; continue }
            if w == "-t" || w == "--target-release" || w == "-o" || w == "--repository" || w == "-X" || w == "--virtual" || w == "-t" { skipNext = true; continue }
            if w.hasPrefix("-") { continue }
            out.append(String(w.split(separator: "=").first ?? Substring(w)))
        }
        return out
    }

    // MARK: Go

    static let goValueFlags: Set<String> = ["-o", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-modfile", "-p", "-pkgdir",
                                            "-buildmode", "-compiler", "-gccgoflags", "-installsuffix", "-overlay", "-pgo", "-coverpkg",
                                            "-covermode", "-toolexec", "-C", "-buildvcs", "-linkshared"]
    /// Build tags that need no C.
    static let pureGoTags: Set<String> = ["netgo", "osusergo", "timetzdata", "purego", "nomsgpack", "jsoniter", "release", "prod", "production", "static", "static_build"]

    static func goBuild(_ args: [String], cwd: String?, env: [String: String], project: ProjectFacts?) -> Result<BuildStep, Why>? {
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
                } else if goValueFlags.contains(name) {
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
        // `./...` builds into -o when it matches one main package (the docker-library golang
        // README does this); without -o, or with -o a folder, the names are not known.
        let oFile = flags["-o"].map { !$0.hasSuffix("/") } ?? false
        if (packages.contains(where: { $0.contains("...") }) || packages.count > 1) && !(oFile && sub == "build") {
            return .failure(Why("go \(sub) of several packages writes no single binary dockslim can name"))
        }
        var cgo: [String] = []
        if env["CGO_ENABLED"] == "1" { cgo.append("CGO_ENABLED=1") }
        if let tags = flags["-tags"] {
            let unknown = tags.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !pureGoTags.contains($0) }
            if !unknown.isEmpty { cgo.append("build tags \(unknown.joined(separator: ","))") }
        }
        if let ld = flags["-ldflags"], ld.contains("external") { cgo.append("external linking") }
        let isStatic = env["CGO_ENABLED"] == "0"
        guard var dir = cwd else { return .failure(Why("the folder the build runs in is not known")) }
        if let c = flags["-C"] { dir = Paths.join(dir, c) }
        func name(of package: String) -> String {
            let p = package.split(separator: "@").first.map(String.init) ?? package
            if p == "." || p == "./" {
                // The module's name, when go.mod is at hand and the build runs at the context root.
                if let mod = project?.text("go.mod"), let line = mod.split(separator: "\n").first(where: { $0.hasPrefix("module ") }) {
                    return Paths.basename(line.dropFirst("module ".count).trimmingCharacters(in: " \t\r\""))
                }
                return "?"
            }
            return Paths.basename(p)
        }
        if sub == "install" {
            if env["GOOS"] != nil || env["GOARCH"] != nil { return .failure(Why("go install with GOOS/GOARCH writes to a subfolder")) }
            let bin = env["GOBIN"] ?? (env["GOPATH"].map { $0 + "/bin" } ?? Toolchains.goBin)
            let artifacts = packages.map { Artifact(builderPath: Paths.join("/", bin + "/" + name(of: $0)), runtimePath: Paths.join("/", bin + "/" + name(of: $0))) }
            return .success(BuildStep(language: .go, artifacts: artifacts, isStatic: isStatic, links: [], cgo: cgo))
        }
        let out: String
        if let o = flags["-o"] {
            guard !o.contains("$") else { return .failure(Why("-o \(o) uses a variable")) }
            out = o.hasSuffix("/") ? Paths.join(dir, o + name(of: packages[0])) : Paths.join(dir, o)
            if out.isEmpty { return .failure(Why("-o has no path")) }
        } else {
            out = Paths.join(dir, name(of: packages[0]))
        }
        return .success(BuildStep(language: .go, artifacts: [Artifact(builderPath: out, runtimePath: out)], isStatic: isStatic, links: [], cgo: cgo))
    }

    /// `make [target]` and `cmake --build DIR`: the output is known only
    /// from the command that runs it; installing targets are refused.
    static func makeBuild(_ args: [String], tool: String, language: Toolchains.Language) -> Result<BuildStep, Why>? {
        if tool == "cmake" {
            guard args.first == "--build" else { return nil }  // configuring, not building
            if args.contains("--target") && args.contains("install") { return .failure(Why("cmake installs the program elsewhere")) }
        } else if args.contains(where: { $0 == "install" || $0.hasPrefix("DESTDIR") || $0.hasPrefix("PREFIX") }) {
            return .failure(Why("make install puts the program where dockslim does not follow"))
        }
        return .success(BuildStep(language: language, artifacts: [], isStatic: args.contains { $0.contains("-static") }, links: [], cgo: [], byEvidence: true))
    }

    // MARK: Rust

    static func cargoBuild(_ args: [String], cwd: String?, env: [String: String], project: ProjectFacts?) -> Result<BuildStep, Why>? {
        guard let sub = args.first, sub == "build" || sub == "install" else { return nil }
        var release = false
        var bins: [String] = []
        var target: String?
        var rest = args.dropFirst()
        while let a = rest.popFirst() {
            switch a {
            case "--release", "-r": release = true
            case "--bin": if let v = rest.popFirst() { bins.append(v) }
            case "--target": target = rest.popFirst()
            case "--path", "--features", "-F", "--profile", "--manifest-path", "-p", "--package", "--target-dir", "--root", "-j", "--jobs":
                if a == "--profile" || a == "--manifest-path" || a == "--target-dir" || a == "-p" || a == "--package" {
                    return .failure(Why("cargo \(a) puts the binary where dockslim does not follow"))
                }
                _ = rest.popFirst()
            default:
                if a.hasPrefix("--bin=") { bins.append(String(a.dropFirst(6))) }
                else if a.hasPrefix("--target=") { target = String(a.dropFirst(9)) }
                else if a.hasPrefix("--profile=") || a.hasPrefix("--target-dir=") || a.hasPrefix("--manifest-path=") {
                    return .failure(Why("cargo \(a) puts the binary where dockslim does not follow"))
                }
            }
        }
        if bins.isEmpty, let toml = project?.text("Cargo.toml") { bins = cargoPackageName(toml).map { [$0] } ?? [] }
        let isStatic = target?.contains("musl") == true
        if sub == "install" {
            let names = bins.isEmpty ? ["?"] : bins
            let base = env["CARGO_HOME"].map { $0 + "/bin" } ?? Toolchains.cargoBin
            return .success(BuildStep(language: .rust, artifacts: names.map { Artifact(builderPath: base + "/" + $0, runtimePath: base + "/" + $0) },
                                      isStatic: isStatic, links: [], cgo: [], byEvidence: bins.isEmpty))
        }
        guard let dir = cwd else { return .failure(Why("the folder the build runs in is not known")) }
        if env["CARGO_TARGET_DIR"] != nil { return .failure(Why("CARGO_TARGET_DIR moves the binary")) }
        let folder = Paths.join(dir, "target/" + (target.map { $0 + "/" } ?? "") + (release ? "release" : "debug"))
        let names = bins.isEmpty ? ["?"] : bins
        return .success(BuildStep(language: .rust, artifacts: names.map { Artifact(builderPath: folder + "/" + $0, runtimePath: folder + "/" + $0) },
                                  isStatic: isStatic, links: [], cgo: []))
    }

    /// `[package] name = "…"` from a Cargo.toml.
    static func cargoPackageName(_ toml: String) -> String? {
        var inPackage = false
        for raw in toml.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.hasPrefix("[") { inPackage = line == "[package]"; continue }
            if inPackage, line.hasPrefix("name"), let eq = line.firstIndex(of: "=") {
                return line[line.index(after: eq)...].trimmingCharacters(in: " \t\"'")
            }
        }
        return nil
    }

    // MARK: C and C++

    static func cBuild(_ args: [String], cwd: String?, cplusplus: Bool) -> Result<BuildStep, Why>? {
        guard let o = args.firstIndex(of: "-o"), o + 1 < args.count else {
            if args.contains("-c") || args.contains("-E") || args.contains("--version") { return nil }
            return .failure(Why("a C compile without -o writes a.out, which dockslim does not take as the program"))
        }
        let out = args[o + 1]
        guard !out.contains("$"), let dir = cwd else { return .failure(Why("the output path is not known")) }
        if args.contains("-c") { return nil }  // an object file, not the program
        // A C++ driver links libstdc++ and libgcc_s without being asked.
        let links = args.filter { $0.hasPrefix("-l") && $0.count > 2 }.map { String($0.dropFirst(2)) } + (cplusplus ? ["stdc++", "gcc_s"] : [])
        return .success(BuildStep(language: .c, artifacts: [Artifact(builderPath: Paths.join(dir, out), runtimePath: Paths.join(dir, out))],
                                  isStatic: args.contains("-static"), links: links, cgo: []))
    }
}
