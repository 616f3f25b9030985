import BuiltinRecipes
import DockerfileFacts
import DockerfileModel
import DockslimAudit
import DockslimReport
import DockslimRewrite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dockslim audit [PATH...]`: findings, each with the recipe that fixes it.
enum AuditCommand {
    static let spec = CommandSpec(
        name: "audit",
        overview: "Find what leaks into the final image, what busts the build cache, and what else to fix.",
        discussion: """
        PATH may be files, folders (searched as 'dockslim rewrite' does) or '-' for
        standard input; no PATH means the current folder. The folder that holds a
        Dockerfile is taken as its build context (its .dockerignore is read).

        Compose and Bake projects are read as Docker reads them: the compose.yaml,
        docker-compose.yml or docker-bake.hcl files in the folders searched, and above
        a file up to its repository's top. A Dockerfile a project builds is audited
        once per service or target that builds it differently, with that build's
        context, target (the final image) and args; inline Dockerfiles are audited
        too. Without a project, the last stage is the final image (said once when
        other stages could be), unless --target names another.

        A finding names the recipe that fixes it only after running that recipe on the
        file and seeing it change. '# dockslim ignore=DS012' (or several ids, comma-
        separated) on the line above an instruction silences those findings there;
        '# dockslim ignore-file=DS012,DS013' in the comments before the first
        instruction silences them in the whole file; --ignore DS012 everywhere. A
        silenced finding is counted, and SARIF keeps it with its suppression.
        'dockslim audit --rules' lists every rule.

        Each Dockerfile's nearest .dockslim.json (up to its repository's top) may switch
        rules off or change their severity, exclude files and name targets; see
        'dockslim config --help'. The command line wins over it.

        Standard error: the notes of the project scan and of each file, errors, and a
        summary; -q prints only errors, -v adds the scan's notes (a build context read
        only in part).

        Formats:
          text   path:line:col: severity[ID]: message (fix: dockslim rewrite --recipe …)
          json   every file with its findings, explanations and fixes, and a summary
          sarif  SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
        """,
        usage: "dockslim audit [<options>] [<path> ...]",
        arguments: [.init(label: "<path>", help: "Files or folders to audit; '-' reads standard input.")],
        options: [
            .init(names: ["--format"], valueName: "format", help: "text, json or sarif.", allowed: ["text", "json", "sarif"], defaultValue: "text"),
            .init(names: ["--fail-on"], valueName: "severity", help: "Exit 1 when a finding is at least this severe: error, warning, note or never.",
                  allowed: ["error", "warning", "note", "never"], defaultValue: "error"),
            .init(names: ["--html"], valueName: "file", help: "Also write a self-contained HTML report to this file."),
            .init(names: ["--rules"], valueName: nil, help: "List the rules and exit (--format text or json)."),
            .init(names: ["--color"], valueName: "when", help: "Colour the text: auto, always or never (NO_COLOR is honoured).",
                  allowed: ["auto", "always", "never"], defaultValue: "auto"),
            .init(names: ["--exclude"], valueName: "glob", help: "Skip files and folders matching the pattern, as .gitignore does, against the paths as printed (repeatable).", repeatable: true),
            CommandLineIgnores.option,
            CommandLineIgnores.configOption,
            .init(names: ["-j", "--jobs"], valueName: "n", help: "Files processed at once.", defaultValue: "all cores"),
            .init(names: ["--stdin-filename"], valueName: "name", help: "The path reported for standard input.", defaultValue: "Dockerfile"),
        ] + Verbosity.options + CommandLineBuild.options
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        if args.has("--rules") {
            switch args.value("--format") ?? "text" {
            case "json": console.stdout.write(RulesJSON.document(Auditor.rules, fixRecipes: builtinFixes))
            case "text": console.stdout.write(rulesTable())
            default: return DockslimCLI.usageError("'--rules' prints --format text or json", spec, console)
            }
            return DockslimCLI.ExitCode.success
        }
        let env = ProcessEnvironment.current
        guard let jobs = Jobs.parse(args.value("--jobs")) else {
            return DockslimCLI.usageError("The value '\(args.value("--jobs")!)' is invalid for '--jobs <n>'", spec, console)
        }
        let format = args.value("--format") ?? "text"
        let failOn = args.value("--fail-on") ?? "error"
        let color = format == "text" && Terminal.wantsColor(args.value("--color"), env: env, fd: 1)
        let stdinName = args.value("--stdin-filename") ?? "Dockerfile"
        let html = args.value("--html")
        let verbosity: Verbosity
        switch Verbosity.parse(args) {
        case .success(let v): verbosity = v
        case .failure(let e): return DockslimCLI.usageError(e.message, spec, console)
        }

        let cli: CommandLineBuild
        switch CommandLineBuild.parse(args, environment: env) {
        case .success(let c): cli = c
        case .failure(let e): return DockslimCLI.usageError(e.message, spec, console)
        }

        let ignores: [String]
        switch CommandLineIgnores.parse(args) {
        case .success(let ids): ignores = ids
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

        let input = InputFiles(args.positionals, excludes: args.all("--exclude"))
        var failures = input.failures
        let builds = input.projectBuilds(environment: env, arguments: args.positionals)
        let configured = configs.apply(to: BuildUnit.units(input, builds, cli), commandLineTarget: cli.target, ignores: ignores)
        failures += configured.failures
        let units = configured.units
        let stdin = input.files.contains("-") ? console.readStandardInput() : []
        let facts = input.projectFacts(jobs: jobs, extra: units.compactMap(\.context))
        let checker = FixChecker()
        for note in builds.notes where verbosity > .quiet || note.hasPrefix("Error:") {
            console.stderr.write(TerminalText.escaped(note, singleLine: true) + "\n")
        }
        if verbosity == .verbose { for note in ProjectScanner.notes(facts) { console.stderr.write(note + "\n") } }
        let definitionErrors = builds.notes.filter { $0.hasPrefix("Error:") }.count

        var audited: [AuditedFile] = []
        var counts: [Severity: Int] = [:]
        var suppressed = 0
        var auditedCount = 0
        Batch.forEach(units, jobs: jobs, { unit -> Result<AuditedFile, FileAccess.Failure> in
            unit.read(stdin: stdin).map { bytes in
                checker.audit(unit, bytes: bytes, name: unit.path == "-" ? stdinName : unit.path, facts: facts, suggest: html != nil)
            }
        }, emit: { unit, result in
            switch result {
            case .failure(let e):
                failures.append((unit.path, e.description))
            case .success(let file):
                auditedCount += 1
                if verbosity > .quiet, let note = file.implicitFinalStage {
                    console.stderr.write(TerminalText.escaped("note: \(file.path): \(note)", singleLine: true) + "\n")
                }
                for f in file.result.findings { counts[f.severity, default: 0] += 1 }
                suppressed += file.result.suppressed
                if format == "text" {
                    console.stdout.write(FindingText.lines(file, color: color))
                }
                if format != "text" || html != nil { audited.append(file) }
            }
        })
        switch format {
        case "json": console.stdout.write(FindingJSON.document(audited, failed: failures))
        case "sarif":
            var artifacts = SARIFArtifacts()
            console.stdout.write(SARIFLog.document(audited, version: DockslimCLI.version, artifact: { artifacts.artifact($0) }))
        default: break
        }
        if let html {
            do throws(FileAccess.Failure) {
                try AtomicWrite.create(html, with: Array(HTMLReport.page(audited, version: DockslimCLI.version).utf8))
            } catch {
                failures.append((html, "cannot write the report: \(error)"))
            }
        }
        for (path, why) in failures { console.stderr.write(TerminalText.escaped("Error: \(path): \(why)", singleLine: true) + "\n") }
        let total = counts.values.reduce(0, +)
        if verbosity > .quiet && (total > 0 || !failures.isEmpty || console.stderrIsTerminal) {
            var line = "dockslim: \(auditedCount) file\(auditedCount == 1 ? "" : "s") audited, "
            line += "\(counts[.error] ?? 0) error\(counts[.error] == 1 ? "" : "s"), \(counts[.warning] ?? 0) warning\(counts[.warning] == 1 ? "" : "s"), "
            line += "\(counts[.note] ?? 0) note\(counts[.note] == 1 ? "" : "s")"
            if suppressed > 0 { line += " (\(suppressed) suppressed)" }
            line += ", \(failures.count) failed"
            if let html, !failures.contains(where: { $0.path == html }) { line += "; report written to \(html)" }
            console.stderr.write(TerminalText.escaped(line, singleLine: true) + "\n")
        }
        if !failures.isEmpty || definitionErrors > 0 { return DockslimCLI.ExitCode.failure }
        let threshold: Severity? = failOn == "never" ? nil : Severity(rawValue: failOn)
        if let threshold, counts.contains(where: { $0.key >= threshold && $0.value > 0 }) { return DockslimCLI.ExitCode.failure }
        return DockslimCLI.ExitCode.success
    }

    /// The recipes named as a rule's fixes that are builtin ones.
    static func builtinFixes(_ r: RuleMetadata) -> [String] { r.fixRecipes.filter { BuiltinRecipes.recipe($0) != nil } }

    static func rulesTable() -> String {
        var out = ""
        for r in Auditor.rules {
            let fixes = builtinFixes(r)
            out += "\(r.id)  \(r.severity.rawValue.padding(7))  \(r.name)\n"
            out += "       \(r.summary)\n"
            if !fixes.isEmpty { out += "       fix: " + fixes.map { "dockslim rewrite --recipe \($0)" }.joined(separator: ", ") + "\n" }
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// Parses `--jobs`; the default is every core.
enum Jobs {
    static func parse(_ value: String?) -> Int? {
        guard let value else { return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
        guard let n = Int(value), n >= 1 else { return nil }
        return n
    }
}
