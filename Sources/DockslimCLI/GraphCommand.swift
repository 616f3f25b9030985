import DockslimAudit
import DockslimReport

/// `dockslim graph FILE`: the stage graph as Mermaid, DOT or JSON.
enum GraphCommand {
    static let spec = CommandSpec(
        name: "graph",
        overview: "Draw the stage graph: who builds on and copies from whom, and what each stage's findings are.",
        discussion: """
        Nodes are the stages (the final one marked, the ones it does not need shown as
        unreachable) and the external images they use; edges are FROM, COPY --from
        (labelled with what is copied) and RUN --mount from=. Mermaid output renders
        in GitHub Markdown inside a ```mermaid block; DOT renders with Graphviz
        ('dot -Tsvg'); JSON is for other tools.
        """,
        usage: "dockslim graph [--format <format>] <path>",
        arguments: [.init(label: "<path>", help: "The Dockerfile; '-' reads standard input.")],
        options: [
            .init(names: ["--format"], valueName: "format", help: "mermaid, dot or json.", allowed: ["mermaid", "dot", "json"], defaultValue: "mermaid"),
            .init(names: ["--stdin-filename"], valueName: "name", help: "The path shown for standard input.", defaultValue: "Dockerfile"),
        ]
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        guard let path = args.positionals.first else {
            return DockslimCLI.usageError("Missing expected argument '<path>'", spec, console)
        }
        guard args.positionals.count == 1 else {
            return DockslimCLI.usageError("Unexpected argument '\(args.positionals[1])': graph draws one Dockerfile", spec, console)
        }
        let stdin = path == "-" ? console.readStandardInput() : []
        let bytes: [UInt8]
        let input = path == "-" ? .success("-") : TreeLinks.resolveExplicit(InputFiles.normalized(path))
        switch input.flatMap({ InputFiles.read($0, stdin: stdin) }) {
        case .success(let b): bytes = b
        case .failure(let e):
            console.stderr.write(TerminalText.escaped("Error: \(path): \(e.description)", singleLine: true) + "\n")
            return DockslimCLI.ExitCode.failure
        }
        let name = path == "-" ? (args.value("--stdin-filename") ?? "Dockerfile") : (try? input.get()) ?? path
        let project = path == "-" ? nil : ProjectScanner.facts(forFolder: InputFiles.folderOf(name))
        let file = FixChecker().audit(path: name, bytes: bytes, project: project, suggest: false)
        let graph = StageGraphDocument(file)
        switch args.value("--format") ?? "mermaid" {
        case "dot": console.stdout.write(GraphFormats.dot(graph))
        case "json": console.stdout.write(GraphFormats.json(graph))
        default: console.stdout.write(GraphFormats.mermaid(graph))
        }
        return DockslimCLI.ExitCode.success
    }
}
