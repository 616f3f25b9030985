import DockslimReport
import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// `dockslim parse`: print the syntax tree, the model, or BuildKit's reading.
enum ParseCommand {
    static let spec = CommandSpec(
        name: "parse",
        overview: "Parse Dockerfiles and print their syntax tree or BuildKit's reading.",
        discussion: """
        Parsing never fails: problems become diagnostics, and the tree still holds
        every byte of the file. Files are printed in the order given.

        Formats:
          tree      the syntax tree, indented, with trivia (for people debugging)
          json      JSON Lines: {"path","tree","stages","diagnostics"} per file; the
                    leaves' texts in document order reproduce the file
          buildkit  JSON Lines: each instruction as BuildKit's parser reports it
                    (cmd, sub_cmd, json, original, start_line, end_line, flags,
                    value, heredocs), or ok=false where BuildKit rejects the file
        """,
        usage: "dockslim parse [--format <format>] <path> ...",
        arguments: [.init(label: "<path>", help: "Dockerfiles to parse; '-' reads standard input.")],
        options: [
            .init(names: ["--format"], valueName: "format", help: "tree, json or buildkit.",
                  allowed: ["tree", "json", "buildkit"], defaultValue: "tree"),
        ]
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        guard !args.positionals.isEmpty else {
            return DockslimCLI.usageError("Missing expected argument '<path> ...'", spec, console)
        }
        let format = args.value("--format") ?? "tree"
        var failed = false
        let stdin = args.positionals.contains("-") ? console.readStandardInput() : []
        Batch.forEach(args.positionals, { path -> Result<[UInt8], FileAccess.Failure> in
            let bytes: [UInt8]
            if path == "-" {
                bytes = stdin
            } else {
                do throws(FileAccess.Failure) {
                    let file = try TreeLinks.resolveExplicit(path).get()
                    bytes = try FileAccess.readRegularFile(file, limit: ReadLimits.dockerfile, what: "a Dockerfile", followLinks: false).bytes
                } catch { return .failure(error) }
            }
            return .success(render(path: path == "-" ? "<stdin>" : path, bytes: bytes, format: format))
        }, emit: { path, output in
            switch output {
            case .success(let bytes):
                console.stdout.write(bytes)
            case .failure(let error):
                failed = true
                console.stderr.write(TerminalText.escaped("Error: cannot read '\(path)': \(error)", singleLine: true) + "\n")
            }
        })
        return failed ? DockslimCLI.ExitCode.failure : DockslimCLI.ExitCode.success
    }

    static func render(path: String, bytes: [UInt8], format: String) -> [UInt8] {
        let tree = Parser.parse(bytes)
        switch format {
        case "tree":
            // For a terminal: the dump quotes C0 bytes, and C1 characters are escaped here.
            return Array(TerminalText.escaped("== \(TerminalText.escaped(path, singleLine: true))\n" + TreeDump.dump(tree)).utf8)
        case "json":
            let file = Dockerfile(tree: tree)
            var w = JSONWriter()
            w.bytes.reserveCapacity(bytes.count * 8 + 256)
            w.open()
            w.key("path"); w.string(path)
            w.comma(); w.key("tree"); TreeJSON.write(tree.root, into: &w)
            w.comma(); w.key("stages"); ModelJSON.stages(file, into: &w)
            w.comma(); w.key("diagnostics"); ModelJSON.diagnostics(file.diagnostics, into: &w)
            w.close()
            w.bytes.append(0x0A)
            return w.bytes
        default:
            var w = JSONWriter()
            BuildKitJSON.write(path: path, file: Dockerfile(tree: tree), into: &w)
            w.bytes.append(0x0A)
            return w.bytes
        }
    }
}
