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
        path order and applies with 'git apply' or 'patch -p1' from the current folder.
        Nothing is printed, and the exit status is 0, when nothing applies.
        DRY_RUN=true in the environment previews even with --write.

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
            .init(names: ["--explain"], valueName: nil, help: "Precede each hunk with the pass and the reason that made it."),
            .init(names: ["--color"], valueName: "when", help: "Colour the patch: auto, always or never (NO_COLOR is honoured).",
                  allowed: ["auto", "always", "never"], defaultValue: "auto"),
            .init(names: ["--option"], valueName: "key=value", help: "Set an option of the recipe's passes, e.g. keep=templates,static or tag=3.23 (repeatable).", repeatable: true),
            .init(names: ["--exclude"], valueName: "glob", help: "Skip files and folders matching the pattern (repeatable).", repeatable: true),
            .init(names: ["-j", "--jobs"], valueName: "n", help: "Files processed at once.", defaultValue: "all cores"),
            .init(names: ["--shard"], valueName: "i/n", help: "Take only the i-th of n deterministic shards of the files."),
            .init(names: ["--stdin-filename"], valueName: "name", help: "The path the patch names for standard input.", defaultValue: "Dockerfile"),
        ] + Verbosity.options + CommandLineBuild.options
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
        var shard: (index: Int, count: Int)?
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
        let plan: [RecipeRunner.PlannedPass]
        let runner = RecipeRunner(recipes: BuiltinRecipes.all + [options.recipe])
        do throws(RecipeError) {
            plan = try runner.plan(options.recipe, overrides: options.overrides)
        } catch {
            return DockslimCLI.usageError("\(error)", spec, console)
        }
        if options.write && args.positionals.contains("-") {
            return DockslimCLI.usageError("'--write' is only valid with files, not standard input", spec, console)
        }

        // Gather the files, scan each folder once, then rewrite in parallel.
        let cli: CommandLineBuild
        switch CommandLineBuild.parse(args, environment: env) {
        case .success(let c): cli = c
        case .failure(let e): return DockslimCLI.usageError(e.message, spec, console)
        }
        let input = InputFiles(args.positionals, excludes: args.all("--exclude"))
        var failures = input.failures.map { ($0.path, $0.reason) }
        let builds = input.projectBuilds(environment: env, arguments: args.positionals)
        for note in builds.notes where !options.quiet || note.hasPrefix("Error:") {
            console.stderr.write(TerminalText.escaped(note, singleLine: true) + "\n")
        }
        var jobs = RewriteJob.jobs(BuildUnit.units(input, builds, cli), builds)
        if let shard = options.shard { jobs = jobs.filter { Int(InputFiles.fnv1a($0.path) % UInt64(shard.count)) == shard.index - 1 } }
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

        Batch.forEach(jobs, jobs: options.jobs, { job -> Result<(FileRewrite, FileIdentity?), FileAccess.Failure> in
            let read: Result<(bytes: [UInt8], identity: FileIdentity?), FileAccess.Failure>
            if case .inline(let text) = job.unit.source { read = .success((Array(text.utf8), nil)) } else { read = InputFiles.readKeepingIdentity(job.path, stdin: stdin) }
            return read.map { read in
                if let refusal = job.refusal {
                    return (FileRewrite(original: read.bytes, output: read.bytes, steps: [], outcome: .refused(refusal), byRequiredStep: true), read.identity)
                }
                let project = job.unit.facts(factsByFolder)
                return (runner.run(plan, on: read.bytes, project: project, settings: job.unit.settings, path: job.pathInContext), read.identity)
            }
        }, emit: { job, result in
            let path = job.path
            done += 1
            status.progress(done: done, total: files.count, path: path)
            let label = path == "-" ? options.stdinName : path
            switch result {
            case .failure(let e):
                failures.append((path, e.description))
            case .success(let (rewrite, identity)):
                summary.count(rewrite)
                if !options.quiet && !options.json {
                    func note(_ text: String) { status.diagnostic(TerminalText.escaped("\(label): \(text)", singleLine: true)) }
                    if let why = rewrite.skipped {
                        if case .refused = rewrite.outcome { note("left alone: \(why)") }
                        else if options.verbosity == .verbose { note("skipped: \(why)") }
                        else { skippedLines.add(path: label, reason: why) }  // grouped when there are many
                    } else if case .nothingToDo(let why) = rewrite.outcome,
                              let finding = Self.fixableFinding(rewrite, recipe: options.recipe.id, project: job.unit.facts(factsByFolder), settings: job.unit.settings) {
                        note("unchanged: \(why) (the audit reports \(finding), which this recipe fixes)")
                    } else if options.verbosity == .verbose && !rewrite.changed && rewrite.declined.isEmpty {
                        note("unchanged: \(rewrite.outcome.reason ?? "the recipe changes nothing here")")
                    }
                    if rewrite.changed, let chosen = rewrite.chosen { note("\(options.recipe.id): \(chosen)") }
                    for d in rewrite.declined { note("left alone: \(d.pass): \(d.text)") }
                    for w in rewrite.warnings { note("warning: \(w.pass): \(w.text)") }
                }
                var patch: [UInt8] = []
                if rewrite.changed {
                    patch = options.explain ? PatchRenderer.explained(path: label, rewrite)
                        : UnifiedPatch.patch(path: label, old: rewrite.original, new: rewrite.output)
                }
                if options.json {
                    if !firstJSON { jsonFiles.comma() }
                    firstJSON = false
                    RewriteJSON.file(label, rewrite, patch: patch, into: &jsonFiles)
                } else if !patch.isEmpty {
                    console.stdout.write(options.color ? PatchRenderer.colored(patch) : patch)
                }
                if options.write && rewrite.changed && !dryRun {
                    do throws(FileAccess.Failure) {
                        try writer.write(path, rewrite.output, readAs: identity)
                    } catch {
                        failures.append((path, "cannot write: \(error)"))
                        summary.changed -= 1
                    }
                }
            }
        })
        status.finish()
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

    /// A finding the audit reports on the file that the recipe is a fix
    /// for (`DS012 on line 4`), so that leaving the file unchanged is said.
    static func fixableFinding(_ rewrite: FileRewrite, recipe: String, project: BuildContext?, settings: BuildSettings) -> String? {
        let findings = Auditor.audit(Dockerfile(parsing: rewrite.original, settings: settings), project: project).findings
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
        var shard: (Int, Int)?
        if let s = args.value("--shard") {
            let parts = s.split(separator: "/").map { Int($0) }
            guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, i >= 1, i <= n else {
                return .failure(UsageError(message: "The value '\(s)' is invalid for '--shard <i/n>': expected I/N with 1 ≤ I ≤ N"))
            }
            shard = (i, n)
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
                                color: color && !json, jobs: jobs, shard: shard,
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
