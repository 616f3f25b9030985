import DockerfileModel

/// Finds the first program a stage runs that its new image would lack, so
/// that a pass moving the stage (to Alpine, to a slim image) can refuse
/// instead of writing a Dockerfile whose RUN, CMD or HEALTHCHECK fails.
///
/// A program is there when the new image has it (`baseline`), when an
/// earlier install of the stage or of a stage it builds on gives it
/// (`apt-get`/`yum`/`apk` packages, `pip`/`npm -g`/`gem`/`cargo`/`go
/// install` of a named tool, a COPY of a file with its name), or when the
/// pass that follows rewrites it (`handled`). CMD, ENTRYPOINT and
/// HEALTHCHECK may also run what a language package manager installed
/// (`gunicorn` from `pip install -r`), unless the name is a known OS tool.
/// A shell script is never assumed portable: dockslim does not read it.
package struct StagePrograms {
    /// What the new image has.
    let baseline: Set<String>
    /// Commands the next pass rewrites (apt-get, useradd…).
    let handled: Set<String>

    package init(baseline: Set<String>, handled: Set<String> = []) {
        self.baseline = baseline
        self.handled = handled
    }

    /// Why the stages (oldest first, as FROM chains them) would fail on the
    /// new image, or `nil` when every program they run is accounted for.
    /// `assumeLanguageInstalls`: an earlier stage installed the application's
    /// dependencies (a runtime stage after a split).
    /// `alsoRuns`: commands run in the finished image from outside the
    /// Dockerfile (a Compose service's healthcheck), checked against what the chain installed.
    package func missing(in chain: [Stage], assumeLanguageInstalls: Bool = false, alsoRuns: [(what: String, commands: [[String]])] = []) -> String? {
        var provided: Set<String> = []
        var copied: Set<String> = []
        var languageInstalls = assumeLanguageInstalls
        var compiles = false
        // Under an ENTRYPOINT, CMD holds its arguments (or nothing, for a shell-form one), not a program.
        let entrypointSet: Bool = {
            guard let last = chain.flatMap(\.instructions).last(where: { $0.kind == .entrypoint }) else { return false }
            if case .exec(let w)? = last.command { return !w.isEmpty }
            return last.command != nil
        }()
        for stage in chain {
            for i in stage.instructions {
                let line = "\(i.keyword) on line \(i.startLine)"
                switch i.kind {
                case .copy, .add:
                    for a in i.argumentStrings { provided.insert(Paths.basename(a)); copied.insert(Paths.basename(a)) }
                case .run:
                    for words in ShellScan(run: i).commands {
                        guard let first = words.first else { continue }
                        if ["for", "case", "select", "function", "in"].contains(first) { continue }
                        if let why = check(words, provided: provided, copied: copied, lenient: false, compiled: compiles) { return "\(line) \(why)" }
                        provided.formUnion(Self.installed(by: words))
                        if Self.isLanguageInstall(words) { languageInstalls = true }
                        if Self.isCompile(words) { compiles = true }
                    }
                case .cmd, .entrypoint, .healthcheck:
                    if i.kind == .cmd && entrypointSet { continue }
                    let words = StartedCommands.of(i)
                    for w in words where !w.isEmpty {
                        if let why = check(w, provided: provided, copied: copied, lenient: languageInstalls, compiled: compiles) { return "\(line) \(why)" }
                    }
                default:
                    continue
                }
            }
        }
        for (what, commands) in alsoRuns {
            for words in commands where !words.isEmpty {
                if let why = check(words, provided: provided, copied: copied, lenient: false, compiled: compiles) { return "\(what) \(why)" }
            }
        }
        return nil
    }

    private func check(_ words: [String], provided: Set<String>, copied: Set<String>, lenient: Bool, compiled: Bool) -> String? {
        // Redirections (`<<EOT`, `>/dev/null`) before the program are not programs.
        let words = Array(words.drop { $0.hasPrefix("<") || $0.hasPrefix(">") })
        guard var program = words.first else { return nil }
        if ["sh", "bash", "ash", "dash", "source", "."].contains(program), let script = words.dropFirst().first(where: { !$0.hasPrefix("-") }),
           script.hasSuffix(".sh") {
            return "runs the script \(script), which dockslim does not read (it may need bash or the old image's tools)"
        }
        if program.hasSuffix(".sh") {
            return "runs the script \(program), which dockslim does not read (it may need bash or the old image's tools)"
        }
        if program.hasPrefix("$") || program.contains("$(") { return "runs a program named by a variable (\(program))" }
        // A path after a compile in the stage: a program built here, on the new image's C library.
        if compiled && program.contains("/") && !program.hasPrefix("/usr/bin/") && !program.hasPrefix("/bin/") { return nil }
        let path = program
        program = Paths.basename(program)
        if baseline.contains(program) || handled.contains(program) { return nil }
        if provided.contains(program) {
            // A package's program named by its old path: Alpine may put it elsewhere (tini: /sbin, not /usr/bin).
            let systemDirs = ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"]
            if systemDirs.contains(where: path.hasPrefix) && !copied.contains(program) {
                return "runs \(path), a path the new image's package may not use"
            }
            return nil
        }
        if lenient && !ImageCommands.systemPrograms.contains(program) && !words[0].hasPrefix("/usr/bin/") && !words[0].hasPrefix("/bin/") { return nil }
        return "runs \(program), which the new image does not have"
    }

    /// Commands a command installs: packages, and tools named to pip, npm, gem, cargo or go.
    package static func installed(by words: [String]) -> Set<String> {
        var out = ImageCommands.commands(of: PackageInstalls.installedPackages(words))
        guard let tool = words.first else { return out }
        let rest = Array(words.dropFirst())
        func named(after sub: Set<String>) -> [String] {
            guard let at = rest.firstIndex(where: { sub.contains($0) }) else { return [] }
            // Package names: not options, not paths (a scoped npm name has a slash but starts with @).
            return rest[(at + 1)...].filter { $0.hasPrefix("@") || (!$0.hasPrefix("-") && !$0.contains("/")) }
        }
        var names: [String] = []
        switch Paths.basename(tool) {
        case "pip", "pip3", "pipx":
            names = named(after: ["install"])
        case "uv" where rest.first == "tool" || rest.first == "pip":
            names = named(after: ["install"])
        case "virtualenv":
            out.formUnion(["python", "python3", "pip", "pip3"])
        case "python", "python3":
            if rest.starts(with: ["-m", "venv"]) || rest.starts(with: ["-m", "virtualenv"]) { out.formUnion(["python", "python3", "pip", "pip3"]) }
            if rest.starts(with: ["-m", "pip"]) || rest.starts(with: ["-m", "pipx"]) { names = Array(rest.dropFirst(2)).filter { !$0.hasPrefix("-") && $0 != "install" } }
        case "npm", "pnpm": if rest.contains("-g") || rest.contains("--global") { names = named(after: ["install", "i", "add"]) }
        case "yarn": if rest.first == "global" { names = named(after: ["add"]) }
        case "gem", "cargo": names = named(after: ["install"])
        case "go": if rest.first == "install" { names = rest.dropFirst().filter { !$0.hasPrefix("-") }.map { String($0.split(separator: "@").first ?? "").split(separator: "/").last.map(String.init) ?? "" } }
        case "corepack": if rest.first == "enable" { out.formUnion(["pnpm", "yarn", "pnpx", "yarnpkg"]) }
        default: break
        }
        for n in names {
            // `uvicorn[standard]==0.30`, `@nestjs/cli@10`: the tool's own name.
            var base = n.hasPrefix("@") ? String(n.split(separator: "/").last ?? "") : n
            base = String(base.prefix { !"[=<>~!@;".contains($0) })
            if !base.isEmpty { out.insert(base) }
            if n.hasPrefix("@nestjs/cli") { out.insert("nest") }
        }
        return out
    }

    /// A command that compiles programs in the stage (against the image's own C library).
    /// A C or C++ build run directly (not a language's package build): the compiler and C library decide whether it builds.
    package static func isCCompile(_ words: [String]) -> Bool {
        guard let tool = words.first.map(Paths.basename) else { return false }
        return ["make", "cmake", "ninja", "meson", "gcc", "cc", "g++", "c++", "clang", "clang++", "configure", "autoreconf"].contains(tool)
            || tool.hasPrefix("gcc-") || tool.hasPrefix("g++-")
    }

    static func isCompile(_ words: [String]) -> Bool {
        guard let tool = words.first.map(Paths.basename) else { return false }
        let rest = Set(words.dropFirst())
        switch tool {
        case "make", "cmake", "ninja", "meson", "gcc", "cc", "g++", "c++", "clang", "configure": return true
        case "go": return rest.contains("build") || rest.contains("install")
        case "cargo": return rest.contains("build") || rest.contains("install")
        default: return false
        }
    }

    /// A language package manager that installs dependencies and their commands.
    static func isLanguageInstall(_ words: [String]) -> Bool {
        guard let tool = words.first.map(Paths.basename) else { return false }
        let rest = Set(words.dropFirst())
        switch tool {
        case "pip", "pip3", "pipenv": return rest.contains("install")
        case "poetry": return rest.contains("install")
        case "uv": return rest.contains("sync") || rest.contains("install")
        case "python", "python3": return rest.contains("pip") && rest.contains("install")
        case "npm": return !rest.isDisjoint(with: ["ci", "install", "i"])
        case "yarn": return rest.isEmpty || rest.contains("install")
        case "pnpm": return rest.contains("install") || rest.contains("i")
        case "bundle": return rest.contains("install")
        case "gem", "composer", "cargo": return rest.contains("install")
        case "go": return rest.contains("install") || rest.contains("build")
        default: return false
        }
    }
}
