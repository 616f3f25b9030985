import DockslimAudit
import DockslimReport
import BuiltinRecipes
import DockerfileFacts
import DockerfileModel
import DockerfileSyntax
import DockslimRewrite
import UnifiedDiff

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dockslim rewrite --recipe ID [PATH...]`: the patch a recipe makes.
enum RewriteCommand {
    static let spec = CommandSpec(
        name: "rewrite",
        overview: "Rewrite Dockerfiles with a recipe; print the patch, or apply it with --write.",
        discussion: """
        PATH may be files, folders (searched for Dockerfile, Dockerfile.*, *.Dockerfile,
        Containerfile and *.containerfile, skipping .git, node_modules and vendor), or '-'
        for standard input; no PATH means the current folder. The patch lists files in
        path order, each named from the top of its repository (the nearest folder above
        it holding .git; else from the current folder, or from the folder argument for a
        path outside it), so it applies with 'git apply' or 'patch -p1' there; a line
        '# apply in DIR' comes before the files of each such folder (not before a first
        one that is the current folder). --patch-dir writes one patch per repository
        instead.
        Nothing is printed, and the exit status is 0, when nothing applies.
        DRY_RUN=true in the environment previews even with --write. Each Dockerfile's
        nearest .dockslim.json gives recipe options, excludes and targets (--option
        and --target win); see 'dockslim config --help'.

        Shards: --shard-index i --shard-count n (from 0; or JOB_COMPLETION_INDEX and
        DOCKSLIM_SHARD_COUNT from the environment) takes the repositories whose name
        hashes to i, so n jobs split the work with every repository in exactly one;
        a rerun gives the same output byte for byte.

        Exit status: 0 when every file was read and, with --write, written, whether or
        not anything changed; 1 when a file failed, or with --check when a file would
        change; 64 for a usage error.

        Standard error says what happened to each file (left alone, skipped, unchanged,
        warning) and ends with a summary; more than 20 skipped files are grouped by
        reason (-v lists each one, and also every unchanged file and the scan's notes);
        -q prints only errors. On a terminal, a run of more than 200 files shows its
        progress on one line below these.

        --write replaces only regular files inside the tree given (a link is followed
        to its target when that stays inside, and refused otherwise), never a file
        that changed since it was read, and a read-only file or one owned by another
        user only with --force.
        """,
        usage: "dockslim rewrite --recipe <recipe> [<options>] [<path> ...]",
        arguments: [.init(label: "<path>", help: "Files or folders to rewrite; '-' reads standard input.")],
        options: [
            .init(names: ["--recipe"], valueName: "recipe", help: "A builtin recipe id (see 'dockslim recipes') or a recipe JSON file."),
            .init(names: ["-w", "--write"], valueName: nil, help: "Apply the changes in place, atomically."),
            .init(names: ["--force"], valueName: nil, help: "With --write, also rewrite read-only files and files owned by another user (mode and owner are kept)."),
            .init(names: ["--check"], valueName: nil, help: "Exit 1 if any file would change (print the patch as well)."),
            .init(names: ["--format"], valueName: "format", help: "patch or json.", allowed: ["patch", "json"], defaultValue: "patch"),
            .init(names: ["--explain"], valueName: nil, help: "Name each hunk's pass and reason after its @@ line (the patch still applies)."),
            .init(names: ["--patch-dir"], valueName: "dir", help: "Write one patch per repository, DIR/<repository>.patch, instead of printing it."),
            .init(names: ["--color"], valueName: "when", help: "Colour the patch: auto, always or never (NO_COLOR is honoured).",
                  allowed: ["auto", "always", "never"], defaultValue: "auto"),
            .init(names: ["--option"], valueName: "key=value", help: "Set an option of the recipe's passes, e.g. keep=templates,static or tag=3.23 (repeatable).", repeatable: true),
            .init(names: ["--exclude"], valueName: "glob", help: "Skip files and folders matching the pattern, as .gitignore does, against the paths as printed (repeatable).", repeatable: true),
            CommandLineIgnores.configOption,
            .init(names: ["-j", "--jobs"], valueName: "n", help: "Files processed at once.", defaultValue: "all cores"),
            .init(names: ["--stdin-filename"], valueName: "name", help: "The path the patch names for standard input.", defaultValue: "Dockerfile"),
        ] + Verbosity.options + Shard.options + CommandLineBuild.options
    )

    struct Options {
        var recipe: Recipe
        var write: Bool
        var force: Bool
        var check: Bool
        var json: Bool
        var explain: Bool
        var color: Bool
        var jobs: Int
        var shard: Shard?
        var patchDir: String?
        var stdinName: String
        var verbosity: Verbosity
        var quiet: Bool { verbosity == .quiet }
        var overrides: [String: String]
    }

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        let env = ProcessEnvironment.current
        let options: Options
        switch parseOptions(args, env) {
        case .success(let o): options = o
        case .failure(let e): return DockslimCLI.usageError(e.message, spec, console)
        }
        let runner = RecipeRunner(recipes: BuiltinRecipes.all + [options.recipe])
        do throws(RecipeError) {
            _ = try runner.plan(options.recipe, overrides: options.overrides)  // the command line's options, checked once
        } catch {
            return DockslimCLI.usageError("\(error)", spec, console)
        }
        if options.write && args.positionals.contains("-") {
            return DockslimCLI.usageError("'--write' is only valid with files, not standard input", spec, console)
        }
        if options.patchDir != nil && args.positionals.contains("-") {
            return DockslimCLI.usageError("'--patch-dir' is only valid with files, not standard input", spec, console)
        }

        // Gather the files, scan each folder once, then rewrite in parallel.
        let cli: CommandLineBuild
        switch CommandLineBuild.parse(args, environment: env) {
        case .success(let c): cli = c
        case .failure(let e): return DockslimCLI.usageError(e.message, spec, console)
        }
        let configs: ProjectConfigs
        switch ProjectConfigs.make(explicit: args.value("--config")) {
        case .success(let c): configs = c
        case .failure(.usage(let message)): return DockslimCLI.usageError(message, spec, console)
        case .failure(.invalid(let e)):
            console.stderr.write(TerminalText.escaped("Error: \(e)", singleLine: true) + "\n")
            return DockslimCLI.ExitCode.failure
        }
        var input = InputFiles(args.positionals, excludes: args.all("--exclude"))
        // A shard reads only its repositories' Compose, Bake and .dockslim.json files: a broken one elsewhere fails its own shard.
        if let shard = options.shard { Self.keepShard(shard, of: &input) }
        var failures = input.failures.map { ($0.path, $0.reason) }
        let builds = input.projectBuilds(environment: env, arguments: args.positionals)
        for note in builds.notes where !options.quiet || note.hasPrefix("Error:") {
            console.stderr.write(TerminalText.escaped(note, singleLine: true) + "\n")
        }
        var units = BuildUnit.units(input, builds, cli)
        let placements = Self.placements(units.map(\.path), input)
        if let shard = options.shard { units = units.filter { shard.takes($0.path, placement: placements[$0.path]) } }
        let configured = configs.apply(to: units, commandLineTarget: cli.target, ignores: [])
        failures += configured.failures.map { ($0.path, $0.reason) }
        let jobs = RewriteJob.jobs(configured.units, builds)
        var patchDirectory = options.patchDir.map { PatchDirectory($0, naming: args.positionals.count <= 1 ? .underArgument : .fromCurrentFolder) }
        var lastRoot: RepositoryRoots.Root?
        let files = jobs.map(\.path)
        let stdin = files.contains("-") ? console.readStandardInput() : []
        let factsByFolder = input.projectFacts(jobs: options.jobs, extra: jobs.compactMap(\.unit.context))
        let dryRun = env["DRY_RUN"]?.lowercased() == "true"
        var summary = Summary()
        var jsonFiles = JSONWriter()
        var firstJSON = true
        let status = StatusLine(console.stderr, showsProgress: console.stderrIsTerminal && files.count > 200 && !options.quiet)
        var skippedLines = SkippedFiles()
        var done = 0
        if options.verbosity == .verbose { for note in ProjectScanner.notes(factsByFolder) { status.diagnostic(note) } }

        var writer = InPlaceWriter(force: options.force)
        let plans = RecipePlans(runner, options.recipe, overrides: options.overrides, configured: Set(jobs.map(\.unit.recipeOptions)))

        Batch.forEach(jobs, jobs: options.jobs, { job -> Result<(FileRewrite, FileIdentity?), FileAccess.Failure> in
            let read: Result<(bytes: [UInt8], identity: FileIdentity?), FileAccess.Failure>
            if case .inline(let text) = job.unit.source { read = .success((Array(text.utf8), nil)) } else { read = InputFiles.readKeepingIdentity(job.path, stdin: stdin) }
            return read.flatMap { read in
                if let refusal = job.refusal {
                    return .success((FileRewrite(original: read.bytes, output: read.bytes, steps: [], outcome: .refused(refusal), byRequiredStep: true), read.identity))
                }
                let project = job.unit.facts(factsByFolder)
                return plans.plan(job.unit.recipeOptions).map { plan in
                    (runner.run(plan, on: read.bytes, project: project, settings: job.unit.settings, path: job.pathInContext), read.identity)
                }
            }
        }, emit: { job, result in
            let path = job.path
            done += 1
            status.progress(done: done, total: files.count, path: path)
            let label = path == "-" ? options.stdinName : path
            switch result {
            case .failure(let e):
                failures.append((path, e.description))
                if let root = placements[path]?.root { patchDirectory?.fail(root) }
            case .success(let (rewrite, identity)):
                summary.count(rewrite)
                if !options.quiet && !options.json {
                    func note(_ text: String) { status.diagnostic(TerminalText.escaped("\(label): \(text)", singleLine: true)) }
                    if let why = rewrite.skipped {
                        if case .refused = rewrite.outcome { note("left alone: \(why)") }
                        else if options.verbosity == .verbose { note("skipped: \(why)") }
                        else { skippedLines.add(path: label, reason: why) }  // grouped when there are many
                    } else if case .nothingToDo(let why) = rewrite.outcome,
                              let finding = Self.fixableFinding(rewrite, recipe: options.recipe.id, project: job.unit.facts(factsByFolder), settings: job.unit.settings, rules: job.unit.rules) {
                        note("unchanged: \(why) (the audit reports \(finding), which this recipe fixes)")
                    } else if options.verbosity == .verbose && !rewrite.changed && rewrite.declined.isEmpty {
                        note("unchanged: \(rewrite.outcome.reason ?? "the recipe changes nothing here")")
                    }
                    if rewrite.changed, let chosen = rewrite.chosen { note("\(options.recipe.id): \(chosen)") }
                    for d in rewrite.declined { note("left alone: \(d.pass): \(d.text)") }
                    for w in rewrite.warnings { note("warning: \(w.pass): \(w.text)") }
                }
                let placement = placements[path]
                let name = placement?.path ?? label
                var patch: [UInt8] = []
                if rewrite.changed {
                    patch = options.explain ? PatchRenderer.explained(path: name, rewrite)
                        : UnifiedPatch.patch(path: name, old: rewrite.original, new: rewrite.output)
                }
                if let root = placement?.root, patchDirectory != nil {
                    patchDirectory?.add(patch, for: root)
                }
                if options.json {
                    if !firstJSON { jsonFiles.comma() }
                    firstJSON = false
                    RewriteJSON.file(label, rewrite, patch: patch, root: placement?.root.display, into: &jsonFiles)
                } else if !patch.isEmpty && patchDirectory == nil {
                    // Each change of folder is said, except a first one that is the current folder.
                    if let root = placement?.root, root != lastRoot, lastRoot != nil || root.display != "." {
                        console.stdout.write(Array("# apply in \(TerminalText.escaped(root.display, singleLine: true))\n".utf8))
                    }
                    lastRoot = placement?.root
                    console.stdout.write(options.color ? PatchRenderer.colored(patch) : patch)
                }
                if options.write && rewrite.changed && !dryRun {
                    do throws(FileAccess.Failure) {
                        try writer.write(path, rewrite.output, readAs: identity)
                    } catch {
                        failures.append((path, "cannot write: \(error)"))
                        summary.changed -= 1
                        if let root = placement?.root { patchDirectory?.fail(root) }
                    }
                }
            }
        })
        status.finish()
        if let patchDirectory {
            failures += patchDirectory.write()
            for root in patchDirectory.repositoriesHoldingTheFolder() where !options.quiet {
                console.stderr.write(TerminalText.escaped("warning: \(patchDirectory.folder) is inside the repository \(root.display): a tool that commits its changes would commit the patches too", singleLine: true) + "\n")
            }
        }
        for line in skippedLines.report { console.stderr.write(TerminalText.escaped(line, singleLine: true) + "\n") }
        for (path, why) in failures { console.stderr.write(TerminalText.escaped("Error: \(path): \(why)", singleLine: true) + "\n") }
        // A definition file with errors is bad input: said above, and the command fails after doing the rest.
        summary.failed = failures.count + builds.notes.filter { $0.hasPrefix("Error:") }.count
        if options.json {
            var w = JSONWriter()
            w.open()
            w.key("version"); w.string(JSONSchemaVersion.current)
            w.comma(); w.key("recipe"); w.string(options.recipe.id)
            w.comma(); w.key("files"); w.bytes.append(UInt8(ascii: "[")); w.bytes += jsonFiles.bytes; w.bytes.append(UInt8(ascii: "]"))
            w.comma(); w.key("summary"); summary.json(into: &w)
            w.close()
            w.bytes.append(0x0A)
            console.stdout.write(w.bytes)
        }
        if !options.quiet && (summary.changed > 0 || summary.failed > 0 || console.stderrIsTerminal) {
            console.stderr.write(TerminalText.escaped(summary.line(wrote: options.write && !dryRun), singleLine: true) + "\n")
        }
        if summary.failed > 0 { return DockslimCLI.ExitCode.failure }
        if options.check && summary.changed > 0 { return DockslimCLI.ExitCode.failure }
        return DockslimCLI.ExitCode.success
    }

    /// Keeps the shard's files, and the definition folders inside its
    /// repositories (a folder in no repository is kept: its Compose file may
    /// build a Dockerfile of this shard).
    static func keepShard(_ shard: Shard, of input: inout InputFiles) {
        let placed = placements(input.files, input)
        input.files = input.files.filter { shard.takes($0, placement: placed[$0]) }
        var roots = RepositoryRoots()
        let arguments = input.argumentFolder
        input.definitionFolders = input.definitionFolders.filter { folder in
            guard let root = roots.repository(ofFolder: folder, argument: arguments[folder] ?? folder) else { return true }
            return shard.takes(repository: root)
        }
    }

    /// Where each file's patch applies (`RepositoryRoots`), by path.
    static func placements(_ paths: [String], _ input: InputFiles) -> [String: RepositoryRoots.Placement] {
        var roots = RepositoryRoots()
        var out: [String: RepositoryRoots.Placement] = [:]
        for path in paths where out[path] == nil {
            out[path] = roots.place(path, argument: input.argumentFolder[path] ?? InputFiles.folderOf(path))
        }
        return out
    }

    /// A finding the audit reports on the file that the recipe is a fix
    /// for (`DS012 on line 4`), so that leaving the file unchanged is said.
    static func fixableFinding(_ rewrite: FileRewrite, recipe: String, project: BuildContext?, settings: BuildSettings, rules: RuleSettings = .none) -> String? {
        let findings = Auditor.audit(Dockerfile(parsing: rewrite.original, settings: settings), project: project, rules: rules).findings
        return findings.first { $0.fixCandidates.contains(recipe) }.map { "\($0.id) on line \($0.line)" }
    }

    private static func parseOptions(_ args: ParsedArguments, _ env: [String: String]) -> Result<Options, UsageError> {
        guard let id = args.value("--recipe") else { return .failure(UsageError(message: "Missing expected argument '--recipe <recipe>'")) }
        let recipe: Recipe
        switch loadRecipe(id) {
        case .success(let r): recipe = r
        case .failure(let e): return .failure(UsageError(message: e.description))
        }
        var jobs = activeProcessorCount()
        if let j = args.value("--jobs") {
            guard let n = Int(j), n >= 1 else { return .failure(UsageError(message: "The value '\(j)' is invalid for '--jobs <n>'")) }
            jobs = n
        }
        let shard: Shard?
        switch Shard.parse(args, environment: env) {
        case .success(let s): shard = s
        case .failure(let e): return .failure(e)
        }
        if let dir = args.value("--patch-dir"), dir.isEmpty {
            return .failure(UsageError(message: "The value '' is invalid for '--patch-dir <dir>'"))
        }
        let write = args.has("--write"), check = args.has("--check")
        if write && check { return .failure(UsageError(message: "'--write' and '--check' cannot be used together")) }
        if args.has("--force") && !write { return .failure(UsageError(message: "'--force' is only valid with '--write'")) }
        let json = args.value("--format") == "json"
        if json && args.has("--explain") { return .failure(UsageError(message: "'--explain' is only valid with '--format patch'")) }
        var overrides: [String: String] = [:]
        for o in args.all("--option") {
            guard let eq = o.firstIndex(of: "="), eq != o.startIndex else {
                return .failure(UsageError(message: "The value '\(o)' is invalid for '--option <key=value>'"))
            }
            overrides[String(o[..<eq])] = String(o[o.index(after: eq)...])
        }
        let color = Terminal.wantsColor(args.value("--color"), env: env, fd: 1)
        let verbosity: Verbosity
        switch Verbosity.parse(args) {
        case .success(let v): verbosity = v
        case .failure(let e): return .failure(e)
        }
        return .success(Options(recipe: recipe, write: write, force: args.has("--force"), check: check, json: json, explain: args.has("--explain"),
                                color: color && !json, jobs: jobs, shard: shard, patchDir: args.value("--patch-dir"),
                                stdinName: args.value("--stdin-filename") ?? "Dockerfile", verbosity: verbosity,
                                overrides: overrides))
    }

    /// A builtin recipe by id, or a JSON recipe file.
    static func loadRecipe(_ id: String) -> Result<Recipe, RecipeError> {
        if let r = BuiltinRecipes.recipe(id) { return .success(r) }
        guard id.hasSuffix(".json") || id.contains("/") else {
            return .failure(RecipeError("unknown recipe '\(id)' (see 'dockslim recipes')"))
        }
        do throws(FileAccess.Failure) {
            let bytes = try FileAccess.readRegularFile(id, limit: ReadLimits.recipe, what: "a recipe", followLinks: true).bytes
            return Result { () throws(RecipeError) in try Recipe.decode(bytes) }.mapError { RecipeError("\(id): \($0)") }
        } catch {
            return .failure(RecipeError("cannot read recipe '\(id)': \(error)"))
        }
    }

    static func activeProcessorCount() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

/// Counts for the summary line and the JSON summary.
struct Summary {
    var scanned = 0, changed = 0, unchanged = 0, skipped = 0, failed = 0
    var skipReasons: [String: Int] = [:]
    /// Files by outcome (`refused`, `not-applicable`…).
    var outcomes: [String: Int] = [:]

    mutating func count(_ r: FileRewrite) {
        scanned += 1
        outcomes[r.outcome.name, default: 0] += 1
        if let why = r.skipped {
            skipped += 1
            skipReasons[Self.reasonKind(why), default: 0] += 1
        } else if r.changed {
            changed += 1
        } else {
            unchanged += 1
        }
    }

    /// A reason's kind, by which skipped files are counted and grouped:
    /// the text before its first colon or parenthesis.
    static func reasonKind(_ why: String) -> String {
        String(why.prefix { $0 != ":" && $0 != "(" }).trimmingTrailingSpaces()
    }

    func line(wrote: Bool) -> String {
        var s = "dockslim: \(scanned) file\(scanned == 1 ? "" : "s") scanned, \(changed) \(wrote ? "rewritten" : "would change"), \(unchanged) unchanged"
        s += ", \(skipped) skipped"
        if !skipReasons.isEmpty {
            s += " (" + skipReasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ") + ")"
        }
        return s + ", \(failed) failed"
    }

    func json(into w: inout JSONWriter) {
        w.open()
        w.key("scanned"); w.int(scanned)
        w.comma(); w.key("changed"); w.int(changed)
        w.comma(); w.key("unchanged"); w.int(unchanged)
        w.comma(); w.key("skipped"); w.int(skipped)
        w.comma(); w.key("failed"); w.int(failed)
        w.comma(); w.key("outcomes"); w.open()
        for (k, (name, n)) in outcomes.sorted(by: { $0.key < $1.key }).enumerated() {
            if k > 0 { w.comma() }
            w.key(dynamic: name); w.int(n)
        }
        w.close()
        w.comma(); w.key("reasons"); w.open()
        for (k, (why, n)) in skipReasons.sorted(by: { $0.key < $1.key }).enumerated() {
            if k > 0 { w.comma() }
            w.key(dynamic: why); w.int(n)
        }
        w.close()
        w.close()
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// The process environment, read once.
enum ProcessEnvironment {
    static var current: [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
