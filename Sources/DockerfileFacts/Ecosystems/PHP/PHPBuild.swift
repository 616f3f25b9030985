import DockerfileModel

/// Reads a php stage that runs `composer install` into a split: the builder
/// is the stage itself up to that RUN (the app's own PHP, with its
/// extensions, checks the platform requirements); the runtime stage starts
/// from the same php image, runs again what changed the system (extensions,
/// their libraries, the web server's configuration) as written, and copies
/// the app folder, `vendor/` inside it, from the builder. `COPY --from`
/// keeps the builder's owners and modes (moby/moby#38599, moby/buildkit#1448),
/// so what the builder changed inside the app folder (`chown -R www-data
/// storage`) arrives as it was. Composer, its installer, git, unzip and the
/// download cache stay in the builder.
enum PHPBuild {
    static func read(_ input: StageInput, image: ImageReference) -> BuildReading {
        let stage = input.stage
        let label = "the PHP stage"
        if ImageCatalog.officialName(image) == "composer" {
            return .refused("\(label) runs on the composer image, whose PHP and extensions are not a php image's; dockslim would not know which php image runs the app")
        }
        // The build ends with the last RUN that runs composer (`dump-autoload` after a hoisted install), once one installs.
        guard let installIndex = stage.instructions.firstIndex(where: { i in
            i.kind == .run && ShellScan(run: i).commands.contains(where: Composer.isInstall)
        }) else {
            return .nothingToBuild("\(label) runs no composer install")
        }
        let buildIndex = stage.instructions.lastIndex { i in
            i.kind == .run && ShellScan(run: i).commands.contains { Composer.arguments($0) != nil }
        } ?? installIndex
        guard let appDir = input.workdir(before: buildIndex) else {
            return .refused("the folder composer install runs in is not known")
        }
        if appDir == "/" {
            return .refused("composer install runs in / (no WORKDIR), which the runtime stage cannot copy as a folder")
        }
        let entry = stage.instructions.last(where: { $0.kind == .entrypoint }) ?? stage.instructions.last(where: { $0.kind == .cmd })
        var reading = Reading(input: input, appDir: appDir, buildIndex: buildIndex)
        if let why = reading.classify() { return .refused(why) }
        if let why = reading.startProblem() { return .refused(why) }
        var plan = BuildPlan(language: .php, stage: stage, builderImage: image, buildIndex: buildIndex, artifacts: [],
                             entry: entry, linking: .interpreted, packages: reading.builderPackages)
        plan.checksOwnPackages = true
        plan.runtimeSetup = reading.setup
        plan.runtimeSetupPaths = reading.setupPaths
        plan.runtimeRuns = reading.tailRuns
        let kept = reading.setup.filter { $0.kind == .run }.map { String($0.startLine) }
        plan.notes.append("the runtime stage starts from \(image.original) and takes \(appDir) (the app with vendor/) from the builder"
                          + (kept.isEmpty ? "" : "; it runs again the RUN\(kept.count > 1 ? "s" : "") on line\(kept.count > 1 ? "s" : "") \(kept.joined(separator: ", ")), which install\(kept.count > 1 ? "" : "s") what PHP needs at run time")
                          + "; composer and its cache stay in the builder")
        if reading.composerInRuntime {
            plan.notes.append("a RUN the runtime stage repeats also installs composer or its helpers; split that RUN to leave them in the builder")
        }
        return .plan(plan)
    }

    /// The stage's instructions sorted into the builder's and the runtime's.
    struct Reading {
        let input: StageInput
        let appDir: String
        let buildIndex: Int
        /// What the runtime stage repeats after FROM, in order.
        var setup: [Instruction] = []
        /// Where the setup's copies from the context land.
        var setupPaths: [String] = []
        var tailRuns: [Instruction] = []
        var builderPackages: [String] = []
        /// Programs only the builder gets (git, unzip, composer), with the RUN's line.
        var builderPrograms: [String: Int] = [:]
        var composerInRuntime = false

        var stage: Stage { input.stage }

        /// Sorts every instruction; the reason when one cannot be placed.
        mutating func classify() -> String? {
            var sourcesCopied = false
            var pending: [Instruction] = []  // WORKDIR, ENV, ARG, USER waiting for a setup instruction after them
            for (k, i) in stage.instructions.enumerated() where k < buildIndex {
                switch i.kind {
                case .workdir, .env, .arg, .user:
                    pending.append(i)
                case .copy, .add:
                    if let from = i.flag("from")?.value {
                        if ImageReference(from).map(ImageCatalog.officialName) == "composer" { builderPrograms["composer"] = i.startLine }
                        continue  // the split pass judges copies from other images
                    }
                    let state = input.state(before: k)
                    guard let dest = i.argumentStrings.last.flatMap({ state.absolutePath($0) }), dest.certain else {
                        return "\(i.keyword) on line \(i.startLine) copies to a folder dockslim cannot resolve"
                    }
                    let target = dest.text
                    if Paths.covers(appDir, target) { sourcesCopied = true; continue }
                    if Paths.covers(target, appDir) {
                        return "\(i.keyword) on line \(i.startLine) copies into \(target), around the app folder \(appDir) that composer install runs in; the runtime stage would copy only \(appDir)"
                    }
                    if let why = placeSetup(i, pending: &pending) { return why }
                    setupPaths.append(target)
                case .run:
                    let workdir = input.workdir(before: k)
                    let commands = ShellScan(run: i).commands
                    let kinds = commands.map { PHPCommand.read($0, workdir: workdir, appDir: appDir) }
                    if let why = commands.lazy.compactMap(Composer.problem).first { return why }
                    let system = kinds.contains(.system)
                    let app = kinds.contains { $0 == .appLocal || $0 == .composer }
                    if system && app {
                        return "RUN on line \(i.startLine) changes both the system and the app folder; the runtime stage would have to repeat it before the app is there"
                    }
                    if !system {
                        noteBuilderOnly(commands, kinds, line: i.startLine)
                        continue
                    }
                    if sourcesCopied, let c = commands.first(where: { w in
                        PHPCommand.read(w, workdir: workdir, appDir: appDir) == .system && !PHPCommand.runsWithoutApp(w, appDir: appDir)
                    }) {
                        return "RUN on line \(i.startLine) runs `\(c.joined(separator: " ").prefix(80))` after the sources are copied; dockslim cannot tell whether it needs them, and the runtime stage would repeat it before they are there"
                    }
                    if kinds.contains(where: { if case .composerSetup = $0 { return true } else { return false } }) { composerInRuntime = true }
                    if let why = placeSetup(i, pending: &pending) { return why }
                default:
                    continue  // EXPOSE, LABEL, CMD…: the split pass moves them
                }
            }
            // The build RUN itself: composer and changes to the app folder only.
            let build = stage.instructions[buildIndex]
            let workdir = input.workdir(before: buildIndex)
            for words in ShellScan(run: build).commands {
                if let why = Composer.problem(words) { return why }
                if PHPCommand.read(words, workdir: workdir, appDir: appDir) == .system {
                    return "RUN on line \(build.startLine) also runs `\(words.joined(separator: " ").prefix(80))`, which changes more than the app folder the runtime stage copies"
                }
            }
            // After the build: RUNs the runtime stage runs on the copied app, which must not need what stays in the builder.
            for i in stage.instructions[(buildIndex + 1)...] where i.kind == .run {
                for words in ShellScan(run: i).commands {
                    guard let tool = words.first.map(Paths.basename) else { continue }
                    if Composer.arguments(words) != nil {
                        return "RUN on line \(i.startLine) runs composer after the install; the runtime stage would not have it"
                    }
                    if let line = builderPrograms[tool] {
                        return "RUN on line \(i.startLine) runs \(tool), which RUN on line \(line) installs for composer in the builder only"
                    }
                }
                tailRuns.append(i)
            }
            return nil
        }

        /// Adds an instruction to the runtime's setup, with the WORKDIR, ENV and ARG before it.
        private mutating func placeSetup(_ i: Instruction, pending: inout [Instruction]) -> String? {
            if let user = pending.last(where: { $0.kind == .user }), let name = user.argumentStrings.first, !["root", "0", "0:0", "root:root"].contains(name) {
                return "\(i.keyword) on line \(i.startLine) runs as \(name) (USER on line \(user.startLine)); the runtime stage would repeat it as root"
            }
            setup += pending.filter { $0.kind != .user }
            pending = []
            setup.append(i)
            return nil
        }

        /// Records the packages and programs a builder-only RUN brings in.
        private mutating func noteBuilderOnly(_ commands: [[String]], _ kinds: [PHPCommand], line: Int) {
            for (words, kind) in zip(commands, kinds) {
                guard case .composerSetup(let packages) = kind else { continue }
                builderPackages += packages
                for p in ImageCommands.commands(of: packages) where Composer.helperPrograms.contains(p) && builderPrograms[p] == nil {
                    builderPrograms[p] = line
                }
                for p in packages where Composer.helperPrograms.contains(p) && builderPrograms[p] == nil { builderPrograms[p] = line }
                if Composer.installsComposer(words) && builderPrograms["composer"] == nil { builderPrograms["composer"] = line }
            }
        }

        /// Why what the image starts needs the builder: it runs composer, or
        /// a program only the builder installs (in the command, a script the
        /// context holds, or the PHP sources' shell calls).
        func startProblem() -> String? {
            var scripts: [String] = []
            for i in stage.instructions where [.cmd, .entrypoint, .healthcheck].contains(i.kind) {
                let commands: [[String]]
                switch i.command {
                case .exec(let w)?: commands = [w]
                case .shell(let t)?: commands = ShellScan(t).commands
                case nil: commands = []
                }
                for words in commands {
                    for (n, w) in words.enumerated() {
                        let name = Paths.basename(w)
                        if name == "composer" || name == "composer.phar" {
                            return "\(i.keyword) on line \(i.startLine) runs composer when the container starts; the runtime stage would not have it"
                        }
                        if n == 0 || w.hasSuffix(".sh") { scripts.append(name) }
                        if let line = builderPrograms[name] {
                            return "\(i.keyword) on line \(i.startLine) runs \(name), which RUN on line \(line) installs in the builder only"
                        }
                    }
                }
            }
            guard let context = input.context else { return nil }
            for script in Set(scripts) where script.contains(".") || script.contains("entrypoint") {
                guard let path = context.files.first(where: { Paths.basename($0) == script }) else { continue }
                guard let text = context.text(path) else {
                    return "the container starts \(path), which dockslim could not read: it may run composer or a tool only the builder has"
                }
                for scanned in ShellScan(text).commands {
                    // Past the shell's own words: `then composer install`.
                    let words = Array(scanned.drop { ["if", "then", "else", "elif", "do", "!", "{", "}"].contains($0) })
                    guard let tool = words.first.map(Paths.basename) else { continue }
                    if tool == "composer" || tool == "composer.phar" || Composer.arguments(words) != nil {
                        return "\(path) runs composer when the container starts; the runtime stage would not have it"
                    }
                    if let line = builderPrograms[tool] {
                        return "\(path) runs \(tool), which RUN on line \(line) installs in the builder only"
                    }
                }
            }
            let helpers = builderPrograms.keys.filter { $0 != "composer" }
            guard !helpers.isEmpty else { return nil }
            let calls = ["exec(", "shell_exec(", "system(", "passthru(", "proc_open(", "popen(", "new Process(", "Process::fromShellCommandline("]
            for path in context.files where path.hasSuffix(".php") && !path.hasPrefix("vendor/") && !path.contains("/vendor/") {
                guard let text = context.text(path) else { continue }
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where calls.contains(where: line.contains) {
                    if let tool = helpers.first(where: { line.contains("'\($0) ") || line.contains("\"\($0) ") || line.contains("'\($0)'") || line.contains("\"\($0)\"") }) {
                        return "\(path):\(n + 1) runs \(tool), which the builder installs for composer only"
                    }
                }
            }
            return nil
        }
    }
}
