import DockslimAudit
import DockslimReport

/// `dockslim graph FILE`: the stage graph as Mermaid, DOT or JSON.
enum GraphCommand {
    static let spec = CommandSpec(
        name: "graph",
        overview: "Draw the stage graph: who builds on and copies from whom, and what each stage's findings are.",
        discussion: """
        For one Dockerfile: nodes are the stages (the final one marked, the ones it does
        not need shown as unreachable) and the external images they use; edges are FROM,
        COPY --from (labelled with what is copied) and RUN --mount from=.

        For a folder (or a file a Compose or Bake project builds): the project picture,
        one group per service or target with the stages its image needs, the base
        images each once, and the transfers between builds (FROM another service's
        image, through additional_contexts or its tag).

        Mermaid output renders in GitHub Markdown inside a ```mermaid block; DOT renders
        with Graphviz ('dot -Tsvg'); JSON is for other tools.
        """,
        usage: "dockslim graph [<options>] [<path> ...]",
        arguments: [.init(label: "<path>", help: "A Dockerfile, or folders; '-' reads standard input. Default: the current folder.")],
        options: [
            .init(names: ["--format"], valueName: "format", help: "mermaid, dot or json.", allowed: ["mermaid", "dot", "json"], defaultValue: "mermaid"),
            .init(names: ["--stdin-filename"], valueName: "name", help: "The path shown for standard input.", defaultValue: "Dockerfile"),
            .init(names: ["--exclude"], valueName: "glob", help: "Skip files and folders matching the pattern, as .gitignore does, against the paths as printed (repeatable).", repeatable: true),
            CommandLineIgnores.configOption,
        ] + Verbosity.options + CommandLineBuild.options
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        let env = ProcessEnvironment.current
        let cli: CommandLineBuild
        switch CommandLineBuild.parse(args, environment: env) {
        case .success(let c): cli = c
        case .failure(let e): return DockslimCLI.usageError(e.message, spec, console)
        }
        let verbosity: Verbosity
        switch Verbosity.parse(args) {
        case .success(let v): verbosity = v
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
        for (path, why) in input.failures {
            console.stderr.write(TerminalText.escaped("Error: \(path): \(why)", singleLine: true) + "\n")
        }
        if !input.failures.isEmpty { return DockslimCLI.ExitCode.failure }
        let builds = input.projectBuilds(environment: env, arguments: args.positionals)
        for note in builds.notes where verbosity > .quiet || note.hasPrefix("Error:") {
            console.stderr.write(TerminalText.escaped(note, singleLine: true) + "\n")
        }
        let configured = configs.apply(to: BuildUnit.units(input, builds, cli), commandLineTarget: cli.target, ignores: [])
        for (path, why) in configured.failures {
            console.stderr.write(TerminalText.escaped("Error: \(path): \(why)", singleLine: true) + "\n")
        }
        let units = configured.units
        let stdin = input.files.contains("-") ? console.readStandardInput() : []
        let facts = input.projectFacts(jobs: 1, extra: units.compactMap(\.context))
        if verbosity == .verbose { for note in ProjectScanner.notes(facts) { console.stderr.write(note + "\n") } }
        let checker = FixChecker()
        var files: [AuditedFile] = []
        var failed = !configured.failures.isEmpty
        for unit in units {
            switch unit.read(stdin: stdin) {
            case .success(let bytes):
                let name = unit.path == "-" ? (args.value("--stdin-filename") ?? "Dockerfile") : unit.path
                files.append(checker.audit(unit, bytes: bytes, name: name, facts: facts, suggest: false))
            case .failure(let e):
                console.stderr.write(TerminalText.escaped("Error: \(unit.path): \(e.description)", singleLine: true) + "\n")
                failed = true
            }
        }
        let format = args.value("--format") ?? "mermaid"
        let single = args.positionals.count == 1 && PathKind(args.positionals[0]) != .folder && files.count == 1 && files[0].build == nil
        if single {
            let graph = StageGraphDocument(files[0])
            switch format {
            case "dot": console.stdout.write(GraphFormats.dot(graph))
            case "json": console.stdout.write(GraphFormats.json(graph))
            default: console.stdout.write(GraphFormats.mermaid(graph))
            }
        } else if files.isEmpty {
            if !failed { console.stderr.write("Error: no Dockerfile found\n") }
            return DockslimCLI.ExitCode.failure
        } else {
            let graph = ProjectGraphDocument(files)
            switch format {
            case "dot": console.stdout.write(ProjectGraphFormats.dot(graph))
            case "json": console.stdout.write(ProjectGraphFormats.json(graph))
            default: console.stdout.write(ProjectGraphFormats.mermaid(graph))
            }
        }
        return failed ? DockslimCLI.ExitCode.failure : DockslimCLI.ExitCode.success
    }
}
