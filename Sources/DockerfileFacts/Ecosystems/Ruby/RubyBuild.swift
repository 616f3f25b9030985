import DockerfileModel

/// How a Ruby stage installs its gems with Bundler, and what its runtime
/// stage needs: `GEM_HOME` (the installed gems, the tools `gem install`
/// puts there, and Bundler's local settings, which the ruby images keep in
/// `BUNDLE_APP_CONFIG=$GEM_HOME`), the bundle path when it is elsewhere
/// (`vendor/bundle` under the app in deployment mode, `BUNDLE_PATH`), and
/// the app folder from the builder when the build writes into it (Rails
/// assets, bootsnap's cache, a bundle or settings inside it) or the sources
/// were copied before the last RUN. Bundler's settings must reach the
/// runtime as the install saw them (`without`, `deployment`, `path`):
/// `bundle exec` reads them again when the program starts.
enum RubyBuild {
    /// Files that only say how to install, never what the program reads.
    static func isManifest(_ source: String) -> Bool {
        ["Gemfile", "Gemfile.lock", "gems.rb", "gems.locked", ".ruby-version", ".tool-versions"].contains(Paths.basename(source))
    }

    /// Rails and rake tasks that build files into the app folder and need nothing else at run time.
    static let assetTasks: Set<String> = ["assets:precompile", "assets:clean", "tailwindcss:build", "dartsass:build"]

    /// Programs that run Rails or rake tasks (`bin/rails`, `./bin/rake`).
    static let taskRunners: Set<String> = ["rails", "rake", "bin/rails", "bin/rake", "./bin/rails", "./bin/rake"]

    /// What the stage's commands told Bundler.
    struct Settings {
        /// `--path`, `bundle config set --local path` (relative to the app folder, or absolute).
        var path: String?
        var system = false
        var deployment = false
        /// Something was written to Bundler's local settings (`$BUNDLE_APP_CONFIG/config`).
        var local = false
    }

    static func read(_ app: AppStage) -> Result<BuildPlan, BuildReadingStop> {
        let runs: [AppStage.Run]
        switch app.runs() { case .success(let r): runs = r; case .failure(let w): return .failure(.refused(w.text)) }
        var install: (index: Int, prefixes: [String: String])?
        var settings = Settings()
        var writesApp = false
        var packages: [String] = []
        for run in runs {
            let line = run.instruction.startLine
            for (prefixes, words) in commands(of: run) {
                guard let tool = words.first else { continue }
                let carried = "RUN on line \(line) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"
                switch tool {
                case "bundle", "bundler":
                    let sub = words.dropFirst().first
                    if sub == nil || sub == "install" {
                        if let why = readInstall(words, into: &settings, writesApp: &writesApp) { return .failure(.refused("RUN on line \(line): \(why)")) }
                        install = install ?? (run.index, prefixes)
                    } else if sub == "config" {
                        if let why = readConfig(words, into: &settings) { return .failure(.refused("RUN on line \(line): \(why)")) }
                    } else if sub == "exec" {
                        guard isAssetBuild(Array(words.dropFirst(2))) else { return .failure(.refused(carried)) }
                        writesApp = true
                    } else if sub != "clean" && sub != "check" {
                        return .failure(.refused(carried))
                    }
                case "gem":
                    if let why = readGem(words) { return .failure(.refused("RUN on line \(line): \(why)")) }
                case "rm":
                    let gemHome = app.input.state(before: run.index).environment["GEM_HOME"]?.text
                    guard let inApp = removesOnlyBuildFiles(words, gemHome: gemHome) else { return .failure(.refused(carried)) }
                    if inApp { writesApp = true }
                default:
                    if isAssetBuild(words) { writesApp = true; continue }
                    if !AppStage.systemCommand(words, packages: &packages) { return .failure(.refused(carried)) }
                }
            }
        }
        guard let install else { return .failure(.nothingToBuild("no RUN installs the gems (bundle install)")) }
        guard let appDir = app.workdir(before: install.index) else { return .failure(.refused("the folder the gems are installed for is not known")) }
        let environment = app.input.state(before: install.index).environment
        // A prefix holds for the install only; an ENV value must be known.
        func setting(_ name: String) -> Result<String?, BuildReadingStop> {
            if let v = install.prefixes[name] { return .success(v) }
            guard let v = environment[name] else { return .success(nil) }
            return v.certain ? .success(v.text) : .failure(.refused("\(name) is set to a value dockslim cannot read"))
        }
        let gemHome: String, appConfig: String, envPath: String?, envDeployment: String?
        do {
            guard let home = try setting("GEM_HOME").get(), home.hasPrefix("/") else {
                return .failure(.refused("GEM_HOME is not known where the gems are installed"))
            }
            gemHome = Paths.join("/", home)
            appConfig = try setting("BUNDLE_APP_CONFIG").get().map { Paths.join(appDir, $0) } ?? Paths.join(appDir, ".bundle")
            envPath = try setting("BUNDLE_PATH").get()
            envDeployment = try setting("BUNDLE_DEPLOYMENT").get()
        } catch {
            return .failure(error)
        }
        if let context = app.context, let gemfile = context.text("Gemfile"), let why = Ruby.gemfileNeedsSources(gemfile) {
            return .failure(.refused("the Gemfile \(why): Bundler reads it again when the program starts (a gemspec often runs `git ls-files`), so the bundle depends on the builder's folders and tools"))
        }
        if let context = app.context, let gemfile = context.text("Gemfile"), let lock = context.text("Gemfile.lock"),
           let why = RubyGems.staleLock(gemfile: gemfile, lock: lock) {
            return .failure(.refused("\(why), and the runtime stage would get the context's lock"))
        }
        // What the program needs of the builder's system packages is installed again in the runtime
        // stage, as the builder did; a package named through a variable or from changed repositories is refused.
        let stageRuns = (try? app.runs().get()) ?? []
        let needs = runtimeNeeds(RuntimePackages.kept(packages, commands: stageRuns.flatMap(\.commands)), app: app)
        var reinstall: String?
        switch RuntimePackages.reinstall(needs.map(\.package), runs: stageRuns, image: app.image) {
        case .none: break
        case .line(let line): reinstall = line
        case .namedByVariable:
            return .failure(.refused(needs[0].why + "; it is named through a variable, so the runtime stage cannot install it again"))
        case .repositoriesChanged(let changed):
            return .failure(.refused(needs[0].why + "; RUN on line \(changed.startLine) changes the package repositories, which the runtime stage would have to repeat"))
        }

        // Where the gems go: local settings win over ENV (bundler.io, bundle config).
        let bundlePath: String
        let path = settings.system ? nil : (settings.path ?? envPath.flatMap { $0.isEmpty ? nil : $0 })
        if let path {
            guard !path.contains("$"), !path.hasPrefix("~") else { return .failure(.refused("the bundle path \(path) names a variable")) }
            bundlePath = Paths.join(appDir, path)
        } else if settings.deployment || Ruby.isTrue(envDeployment) {
            bundlePath = Paths.join(appDir, "vendor/bundle")
        } else {
            bundlePath = gemHome
        }

        let inApp = { (p: String) in appDir != "/" && Paths.covers(appDir, p) }
        let sourcesBefore = app.copiesSourcesBefore(app.buildIndex + 1, isManifest: isManifest)
        let copyApp = sourcesBefore || writesApp || inApp(bundlePath) || (settings.local && inApp(appConfig))
        var artifacts = [Artifact(gemHome)]
        var what = [gemHome + (Paths.covers(gemHome, bundlePath) ? " (the gems and Bundler's settings)" : " (GEM_HOME, with Bundler's settings)")]
        if !Paths.covers(gemHome, bundlePath) && !(copyApp && inApp(bundlePath)) {
            artifacts.append(Artifact(bundlePath))
            what.append("\(bundlePath) (the bundle)")
        }
        if settings.local, !Paths.covers(gemHome, appConfig), !Paths.covers(bundlePath, appConfig), !(copyApp && inApp(appConfig)) {
            artifacts.append(Artifact(appConfig))
            what.append("\(appConfig) (Bundler's settings)")
        }
        if copyApp {
            guard appDir != "/" else { return .failure(.refused("the app is installed in / (no WORKDIR), which the runtime stage cannot copy as a folder")) }
            guard app.workdir(before: app.buildIndex) == appDir else {
                return .failure(.refused("the build ends in another folder than \(appDir), where the gems are installed"))
            }
            artifacts.append(Artifact(appDir))
            let why = sourcesBefore ? "the sources, with what the build wrote among them" : (writesApp ? "what the build wrote into it" : "the bundle and settings inside it")
            what.append("\(appDir) (\(why))")
        }
        var plan = BuildPlan(language: .ruby, stage: app.stage, builderImage: app.image, buildIndex: app.buildIndex, artifacts: artifacts,
                             entry: app.entry, linking: .interpreted, packages: packages)
        plan.checksOwnPackages = true
        plan.notes.append("the runtime stage copies \(what.joined(separator: ", ")) from the builder; the compilers and caches stay there")
        if let reinstall {
            plan.runtimeSetupRuns.append(reinstall)
            plan.notes.append("the runtime stage installs \(needs.map(\.package).joined(separator: ", ")) again, as the builder does: \(needs[0].why)")
        }
        return .success(plan)
    }

    /// Each command of a RUN with its `VAR=value` prefixes (as `AppStage.runs` reads them, which drops the prefixes).
    static func commands(of run: AppStage.Run) -> [(prefixes: [String: String], words: [String])] {
        guard case .shell(let text)? = run.instruction.command, let list = ShellCommandList.parse(text), list.commands.count == run.commands.count else {
            return run.commands.map { ([:], $0) }
        }
        return list.commands.map { c in
            var prefixes: [String: String] = [:]
            var words = c.texts[...]
            while let w = words.first, w.contains("="), !w.hasPrefix("-"), let eq = w.firstIndex(of: "=") {
                prefixes[String(w[..<eq])] = unquoted(String(w[w.index(after: eq)...]))
                words.removeFirst()
            }
            return (prefixes, Array(words))
        }
    }

    /// A word without the quotes around it (`'development test'`), when nothing else in it needs a shell.
    static func unquoted(_ word: String) -> String {
        guard word.count >= 2, let q = word.first, q == "'" || q == "\"", word.last == q else { return word }
        let inner = word.dropFirst().dropLast()
        return inner.contains(where: { $0 == "'" || $0 == "\"" || $0 == "\\" || $0 == "$" || $0 == "`" }) ? word : String(inner)
    }

    /// `bundle install [flags]`: the settings its flags remember, or why it cannot be carried.
    private static func readInstall(_ words: [String], into s: inout Settings, writesApp: inout Bool) -> String? {
        var args = words.dropFirst()
        if args.first == "install" { args = args.dropFirst() }
        while let a = args.popFirst() {
            let (flag, inline) = a.hasPrefix("--") && a.contains("=")
                ? (String(a.prefix { $0 != "=" }), Optional(String(a.drop { $0 != "=" }.dropFirst()))) : (a, nil)
            switch flag {
            case "--standalone":
                return "bundle install --standalone writes a bundle/ folder with its own setup, which dockslim does not follow"
            case "--gemfile":
                return "bundle install --gemfile installs another Gemfile, which `bundle exec` would not find"
            case "--deployment":
                s.deployment = true; s.local = true
            case "--system":
                s.system = true; s.path = nil; s.local = true
            case "--path":
                guard let v = inline ?? args.popFirst() else { return "bundle install --path names no folder" }
                s.path = unquoted(v); s.system = false; s.local = true
            case "--without", "--with":
                // Thor arrays: the groups up to the next flag.
                if inline == nil {
                    guard let first = args.first, !first.hasPrefix("-") else { return "\(flag) names no group" }
                    while let next = args.first, !next.hasPrefix("-") { args.removeFirst() }
                }
                s.local = true
            case "--binstubs":
                // Binstubs go to bin/ (or the folder named) in the app.
                if inline == nil, let next = args.first, !next.hasPrefix("-") { args.removeFirst() }
                writesApp = true
            default:
                if Ruby.valueFlags.contains(flag) {
                    if inline == nil { guard args.popFirst() != nil else { return "\(flag) has no value" } }
                } else if !flag.hasPrefix("-") {
                    return "`\(words.joined(separator: " "))` names something bundle install does not take"
                }
            }
        }
        return nil
    }

    /// `bundle config [set|unset] --local NAME VALUE`: what it sets. A
    /// setting without `--local` may go to `~/.bundle/config` (Bundler's
    /// default depends on its version and on whether the Gemfile is there),
    /// which the runtime stage would not get.
    private static func readConfig(_ words: [String], into s: inout Settings) -> String? {
        var args = Array(words.dropFirst(2))
        var verb = "set"
        var scope: String?
        while let first = args.first, ["set", "unset", "get", "list", "--local", "--global", "--delete"].contains(first) {
            if first.hasPrefix("--") { scope = first == "--delete" ? scope : first; if first == "--delete" { verb = "unset" } } else { verb = first }
            args.removeFirst()
        }
        if verb == "get" || verb == "list" || args.isEmpty { return nil }
        let text = "`\(words.joined(separator: " "))`"
        guard scope == "--local" else {
            return "\(text) does not say --local: depending on Bundler's version it writes ~/.bundle/config, which the runtime stage would not get (`bundle config set --local …` writes $BUNDLE_APP_CONFIG/config)"
        }
        var name = args[0].lowercased()
        if name.hasPrefix("bundle_") { name = String(name.dropFirst(7)).replacing("__", with: ".") }
        let value = args.dropFirst().map(unquoted).joined(separator: " ")
        s.local = true
        switch name {
        case "path":
            if verb == "unset" { s.path = nil } else { s.path = value; s.system = false }
        case "path.system", "system":
            s.system = verb == "set" && Ruby.isTrue(value)
        case "deployment":
            s.deployment = verb == "set" && Ruby.isTrue(value)
        case "app_config", "gemfile", "bin":
            return "\(text) moves what `bundle exec` reads, which dockslim does not follow"
        default:
            break
        }
        return nil
    }

    /// `gem install NAME…` into GEM_HOME, which the runtime copies; why another gem command cannot be carried.
    private static func readGem(_ words: [String]) -> String? {
        let text = "`\(words.joined(separator: " "))`"
        guard words.dropFirst().first == "install" else {
            if words.contains("--system") { return "\(text) updates RubyGems in /usr/local/lib/ruby, which the runtime stage does not copy" }
            return "\(text) is a gem command dockslim does not carry into a runtime stage"
        }
        var args = words.dropFirst(2)
        var names: [String] = []
        while let a = args.popFirst() {
            if ["-i", "--install-dir", "-n", "--bindir", "--user-install", "--target"].contains(a) || a.hasPrefix("--install-dir=") || a.hasPrefix("--bindir=") {
                return "\(text) installs outside GEM_HOME, which the runtime stage copies"
            }
            if ["-v", "--version", "-s", "--source", "--platform"].contains(a) { _ = args.popFirst(); continue }
            if a.hasPrefix("-") { continue }
            names.append(String(unquoted(a).prefix { $0 != ":" }))
        }
        if let native = names.first(where: { RubyGems.systemLibraries[$0] != nil }) {
            return "\(text) builds \(native) against \(RubyGems.systemLibraries[native]!), whose runtime package dockslim does not map"
        }
        return nil
    }

    /// `[bundle exec] rails assets:precompile`, `rake assets:clean`, `bootsnap precompile …`: writes into the app folder.
    static func isAssetBuild(_ words: [String]) -> Bool {
        guard let tool = words.first else { return false }
        if tool == "bootsnap" || tool == "bin/bootsnap" { return words.dropFirst().first == "precompile" }
        guard taskRunners.contains(tool) else { return false }
        let tasks = words.dropFirst().filter { !$0.hasPrefix("-") && !$0.contains("=") }
        return !tasks.isEmpty && tasks.allSatisfy(assetTasks.contains)
    }

    /// `rm` of caches and build leftovers: under GEM_HOME or the bundle
    /// path, Bundler's `~/.bundle`, `/tmp`, apt's lists, or inside the app
    /// folder (relative paths; then `true`). `nil` for anything else.
    static func removesOnlyBuildFiles(_ words: [String], gemHome: String?) -> Bool? {
        var inApp = false
        let targets = words.dropFirst().filter { !$0.hasPrefix("-") }
        guard !targets.isEmpty else { return nil }
        for raw in targets {
            let t = raw.replacing("\"", with: "").replacing("'", with: "")
            let roots = ["/tmp/", "/root/.bundle", "~/.bundle", "$HOME/.bundle", "${HOME}/.bundle", "$BUNDLE_PATH", "${BUNDLE_PATH}", "$GEM_HOME",
                         "${GEM_HOME}", "/var/lib/apt/lists", "/var/cache/apk"] + (gemHome.map { [$0 + "/"] } ?? [])
            if roots.contains(where: { t.hasPrefix($0) }) && !t.contains("..") { continue }
            if !t.hasPrefix("/") && !t.hasPrefix("$") && !t.hasPrefix("~") && !t.contains("..") && !t.isEmpty && t != "." && t != "*" {
                inApp = true
                continue
            }
            return nil
        }
        return inApp
    }

    /// The packages the builder installs that would be missed at run time,
    /// each with why: a library (a -dev package whose library the ruby
    /// images do not keep), tzdata (Rails reads it), anything but a build
    /// tool, or a tool the sources run.
    private static func runtimeNeeds(_ packages: [String], app: AppStage) -> [(package: String, why: String)] {
        packages.compactMap { p in runtimePackage([p], app: app).map { (p, $0) } }
    }

    private static func runtimePackage(_ packages: [String], app: AppStage) -> String? {
        let executed = Set((Ruby().findings(in: app.context)?.executes ?? []).map { Paths.basename($0.program) })
        let runs = (try? app.runs().get())?.flatMap(\.commands) ?? []
        let unusedTools = BuildPackages.runTimePackages(packages.filter(BuildPackages.isBuildOnly), runs: runs, starts: StartedCommands.of(app.stage))
        for p in packages {
            let n = p.split(separator: "=").first.map(String.init) ?? p
            if Ruby.imageLibraryHeaders.contains(n) { continue }
            if n.hasSuffix("-dev") || n.hasSuffix("-devel") {
                return "it installs \(n): a gem built against it needs that library at run time, and the runtime stage starts from the image without it"
            }
            if n == "tzdata" { return "it installs tzdata, which a Ruby program reads at run time (Rails' time zones)" }
            if !BuildPackages.isBuildOnly(n) { return "it installs \(n), which the program may need at run time" }
            if unusedTools.contains(p) { return "it installs \(n), which no build step uses: the image has it for run time, and the runtime stage would not" }
            if let program = ImageCommands.commands(of: [n]).first(where: executed.contains) {
                return "it installs \(n), and the sources run \(program)"
            }
        }
        return nil
    }
}
