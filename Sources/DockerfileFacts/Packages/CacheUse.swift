import DockerfileModel

/// How commands use the cache folders `use-cache-mounts` mounts, beyond the
/// mounts themselves: which caches a command reads whether or not it could
/// be mounted, which it reads when it runs in the container, and which a
/// later command of the same RUN empties again.
package enum CacheUse {
    /// The cache folders a command reads or fills, as its mounts would name
    /// them, even when it cannot be mounted (an `apt-get install` without
    /// `apt-get update` reads the lists an earlier RUN left). A command
    /// whose cache is disabled or moved reads none of them.
    package static func reads(_ words: [String], environment: [String: String], image: ImageReference?) -> [String] {
        let w = stripped(words)
        var need = PackageCaches.mounts(w, aptUpdatedFirst: true, apkInstallsToo: false)
        for ecosystem in Ecosystems.all where need == .none { need = ecosystem.cacheMounts(w, environment: environment, image: image) }
        if case .mounts(let ms) = need { return ms.map(\.target) }
        return []
    }

    /// Programs that compile with a toolchain each time they start (or
    /// when the sources change), as the toolchain command they run.
    static let devLoops: [String: [String]] = [
        "air": ["go", "build"], "CompileDaemon": ["go", "build"], "gow": ["go", "build"], "fresh": ["go", "build"],
        "reflex": ["go", "build"], "cargo-watch": ["cargo", "build"], "bacon": ["cargo", "build"],
    ]

    /// The cache folders a program the container starts reads: a build
    /// tool (`cargo run`, `mvn spring-boot:run`, `go run`, `gradle bootRun`, `dotnet run`,
    /// an install) or a dev loop that runs one (`air`, `CompileDaemon`).
    /// What a RUN downloaded there must then stay in the image.
    package static func readsAtStart(_ words: [String], environment: [String: String], image: ImageReference?) -> [String] {
        var w = stripped(words)
        guard let first = w.first else { return [] }
        let program = Paths.basename(first)
        if let loop = devLoops[program] {
            w = loop
        } else {
            switch program {
            case "mvnw": w[0] = "./mvnw"
            case "gradlew": w[0] = "./gradlew"
            case "cargo":
                // Every cargo subcommand but a few reads the registry; cargo's cacheMounts names the build ones.
                let sub = w.dropFirst().first { !$0.hasPrefix("-") } ?? ""
                if !["--version", "version", "help"].contains(sub) { w = ["cargo", "build"] }
            case "dotnet":
                // `dotnet run` and `dotnet watch` restore and build at start, reading NuGet's packages folder.
                let sub = w.dropFirst().first { !$0.hasPrefix("-") } ?? ""
                if ["run", "watch", "build", "test"].contains(sub) { w = ["dotnet", "restore"] }
            default: w[0] = program
            }
        }
        return reads(w, environment: environment, image: image)
    }

    /// Whether a command installs a tool by name rather than the project's
    /// dependencies (`go install pkg@version`, `cargo install ripgrep`,
    /// `npm install -g nodemon`, `yarn global add`): what it puts in the
    /// cache is that tool's, which neither a later build of the project
    /// nor the project's start reads.
    package static func installsATool(_ words: [String]) -> Bool {
        let w = stripped(words)
        guard let tool = w.first else { return false }
        let args = Array(w.dropFirst())
        let operands = args.filter { !$0.hasPrefix("-") }
        switch tool {
        case "go":
            return operands.first == "install" && operands.count > 1 && operands.dropFirst().allSatisfy { $0.contains("@") }
        case "cargo":
            return operands.first == "install" && operands.count > 1 && !args.contains(where: { $0 == "--path" || $0.hasPrefix("--path=") })
        case "npm", "pnpm":
            return ["install", "i", "add"].contains(operands.first ?? "") && args.contains(where: { $0 == "-g" || $0 == "--global" })
        case "yarn":
            return operands.prefix(2) == ["global", "add"]
        default:
            return false
        }
    }

    /// The simple commands of a CMD, ENTRYPOINT or compose `command:`: the
    /// words of exec form, or the commands of a shell (`sh -c …`, shell form).
    package static func commands(argv: [String]) -> [[String]] {
        guard let first = argv.first else { return [] }
        if ["sh", "bash", "ash", "dash", "zsh"].contains(Paths.basename(first)),
           let c = argv.firstIndex(where: { $0.hasPrefix("-") && $0.contains("c") && !$0.hasPrefix("--") }), c + 1 < argv.count {
            return ShellScan(argv[c + 1]).commands
        }
        return [stripped(argv)]
    }

    package static func commands(shell text: String) -> [[String]] { ShellScan(text).commands }

    /// The cache folders a command empties, given the mounts of the RUN
    /// (`npm cache clean`, `go clean -modcache`, `apt-get clean`,
    /// `apt-get dist-clean`, `rm -rf /var/lib/apt/lists/*`), each with the
    /// command as the message shows it.
    package static func empties(_ words: [String], among targets: [String], environment: [String: String], image: ImageReference?) -> [String] {
        let w = stripped(words)
        guard let tool = w.first else { return [] }
        let args = Array(w.dropFirst())
        let sub = args.first { !$0.hasPrefix("-") } ?? ""
        func filled(by fill: [String]) -> [String] { reads(fill, environment: environment, image: image) }
        var out: [String] = []
        switch tool {
        case "rm":
            for raw in args where !raw.hasPrefix("-") {
                guard let path = folderEmptied(raw) else { continue }
                out += targets.filter { Paths.covers(path, $0) || Paths.covers($0, path) }
            }
        case "npm" where sub == "cache" && args.contains(where: { ["clean", "clear", "rm"].contains($0) }):
            out = filled(by: ["npm", "install"])
        case "yarn" where sub == "cache" && args.contains("clean"):
            out = filled(by: ["yarn", "install"])
        case "pip", "pip3", "python", "python3":
            let pip = tool.hasPrefix("python") ? (args.prefix(2) == ["-m", "pip"] ? Array(args.dropFirst(2)) : []) : args
            if pip.first(where: { !$0.hasPrefix("-") }) == "cache", pip.contains(where: { ["purge", "remove"].contains($0) }) {
                out = filled(by: ["pip", "install"])
            }
        case "uv" where sub == "cache" && args.contains("clean"):
            out = filled(by: ["uv", "sync"])
        case "poetry" where sub == "cache" && args.contains("clear"):
            out = filled(by: ["poetry", "install"])
        case "go" where sub == "clean":
            let go = filled(by: ["go", "build"])
            if args.contains("-modcache"), let mod = go.first { out.append(mod) }
            if args.contains("-cache"), go.count > 1 { out.append(go[1]) }
        case "apt-get", "apt":
            if sub == "clean" { out = ["/var/cache/apt"] }
            if sub == "dist-clean" || sub == "distclean" { out = ["/var/cache/apt", "/var/lib/apt"] }
        case "apk" where sub == "cache" && args.contains(where: { ["clean", "purge"].contains($0) }):
            out = ["/var/cache/apk"]
        default:
            break
        }
        return out.filter(targets.contains)
    }

    /// The folder an `rm` argument removes or empties: `/var/lib/apt/lists`
    /// for `/var/lib/apt/lists/*`; `~` and `$HOME` are root's home. `nil`
    /// for a relative path or a variable dockslim does not know.
    static func folderEmptied(_ raw: String) -> String? {
        var p = raw
        if p.count >= 2, let q = p.first, (q == "\"" || q == "'"), p.last == q { p = String(p.dropFirst().dropLast()) }
        for home in ["~", "$HOME", "${HOME}"] where p == home || p.hasPrefix(home + "/") { p = "/root" + p.dropFirst(home.count) }
        guard p.hasPrefix("/"), !p.contains("$") else { return nil }
        // Up to the first segment with a wildcard: what is inside that folder goes.
        var kept: [Substring] = []
        for segment in p.split(separator: "/") {
            if segment.contains(where: { "*?[".contains($0) }) { break }
            kept.append(segment)
        }
        return "/" + kept.joined(separator: "/")
    }

    /// Words without `VAR=value` prefixes and wrappers that run the next
    /// word as the command (`exec`, `env`, `sudo`, `time`, `nice`, `nohup`, `command`).
    package static func stripped(_ words: [String]) -> [String] {
        var w = words[...]
        while let first = w.first {
            if first.contains("="), !first.hasPrefix("-"), !first.hasPrefix("=") { w.removeFirst(); continue }
            if ["exec", "env", "sudo", "time", "nice", "nohup", "command"].contains(first), let next = w.dropFirst().first, !next.hasPrefix("-") {
                w.removeFirst()
                continue
            }
            break
        }
        return Array(w)
    }
}
