import DockslimReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `dockslim` command line: hand-written, behaving like
/// swift-argument-parser (help layout, `Error:` lines, exit codes 0/1/64).
public enum DockslimCLI {
    public static let version = "0.1.0"

    /// Exit codes.
    public enum ExitCode {
        public static let success: Int32 = 0
        public static let failure: Int32 = 1
        /// `EX_USAGE`
        public static let usage: Int32 = 64
    }

    static let root = CommandSpec(
        name: "dockslim",
        overview: "Slim Dockerfiles: read them exactly as BuildKit does, and rewrite them with minimal patches.",
        discussion: """
        EXAMPLES:
          dockslim rewrite --recipe slim                    the patch for every Dockerfile under .
          dockslim rewrite --recipe slim -w .               apply it (multi-gitter, Turbolift)
          dockslim rewrite --recipe slim --shard-index 3 --shard-count 8 --patch-dir out repos/
                                                            one of 8 jobs: whole repositories, DIR/<repo>.patch
          dockslim audit --format sarif . > dockslim.sarif  for code scanning
          Engines: integrations/ (multi-gitter, Turbolift, Batch Changes, GitHub Actions,
          Kubernetes Indexed Jobs, pre-commit).

        SHARDS: --shard-index/--shard-count, or JOB_COMPLETION_INDEX and DOCKSLIM_SHARD_COUNT
          from the environment, split the work by repository (a folder holding .git); patches
          name files from their repository's top.

        CONFIGURATION: each Dockerfile's nearest .dockslim.json (up to its repository's top;
          --config FILE instead) switches rules off or changes their severity, sets recipe
          options, excludes and targets; flags win. 'dockslim config PATH' shows the result.

        EXIT STATUS:
          0   done; for rewrite, with or without changes (also with --write)
          1   a file failed; rewrite --check found a change; audit found a finding at --fail-on
          64  usage error
        """,
        usage: "dockslim <subcommand>",
        options: [CommandSpec.Option(names: ["--version"], valueName: nil, help: "Show the version.")],
        subcommands: [
            ("rewrite", "Rewrite Dockerfiles with a recipe; print the patch, or apply it."),
            ("audit", "Find leaks into the final image, cache-busting steps and more; text, JSON, SARIF or HTML."),
            ("graph", "Draw the stage graph as Mermaid, DOT or JSON."),
            ("recipes", "List the builtin recipes, or show one recipe's steps."),
            ("parse", "Parse Dockerfiles and print their syntax tree or BuildKit's reading."),
            ("config", "Print the configuration (.dockslim.json and flags) a Dockerfile gets."),
            ("completions", "Print the shell completion script for bash, zsh or fish."),
            ("man", "Print the manual page (roff) made from the help text."),
            ("help", "Show help for a subcommand."),
        ]
    )

    /// Runs the command line `args` (without the program name); returns the exit code.
    public static func run(_ args: [String], console: Console = .process()) -> Int32 {
        defer {
            console.stdout.flush()
            console.stderr.flush()
        }
        guard let first = args.first else {
            console.stdout.write(root.help)
            return ExitCode.success
        }
        let rest = Array(args.dropFirst())
        switch first {
        case "-h", "--help":
            console.stdout.write(root.help)
            return ExitCode.success
        case "--version":
            console.stdout.write(version + "\n")
            return ExitCode.success
        case "help":
            guard let sub = rest.first else {
                console.stdout.write(root.help)
                return ExitCode.success
            }
            guard let spec = commands[sub]?.spec else {
                return usageError("Unknown subcommand '\(sub)'", root, console)
            }
            console.stdout.write(spec.help)
            return ExitCode.success
        default:
            guard let command = commands[first] else {
                let what = first.hasPrefix("-") ? "option" : "subcommand"
                return usageError("Unknown \(what) '\(first)'", root, console)
            }
            let parsed: ParsedArguments
            do {
                parsed = try command.spec.parse(rest)
            } catch {
                return usageError(error.message, command.spec, console)
            }
            if parsed.wantsHelp {
                console.stdout.write(command.spec.help)
                return ExitCode.success
            }
            return command.run(parsed, console)
        }
    }

    typealias Runner = @Sendable (ParsedArguments, Console) -> Int32
    static let commands: [String: (spec: CommandSpec, run: Runner)] = [
        "parse": (ParseCommand.spec, ParseCommand.run),
        "rewrite": (RewriteCommand.spec, RewriteCommand.run),
        "recipes": (RecipesCommand.spec, RecipesCommand.run),
        "audit": (AuditCommand.spec, AuditCommand.run),
        "graph": (GraphCommand.spec, GraphCommand.run),
        "config": (ConfigCommand.spec, ConfigCommand.run),
        "completions": (CompletionsCommand.spec, CompletionsCommand.run),
        "man": (ManCommand.spec, ManCommand.run),
    ]

    /// Prints `Error: …`, the usage line and where to find help; returns 64.
    /// The message may quote arguments (file names from a shell glob), so
    /// its control characters are escaped.
    static func usageError(_ message: String, _ spec: CommandSpec, _ console: Console) -> Int32 {
        let helpCommand = spec.name == "dockslim" ? "dockslim --help" : "dockslim \(spec.name) --help"
        console.stderr.write("Error: \(TerminalText.escaped(message, singleLine: true))\nUsage: \(spec.usage)\n  See '\(helpCommand)' for more information.\n")
        return ExitCode.usage
    }

    /// Keeps large blocks in the heap: glibc otherwise maps every block over
    /// 128 KiB fresh and unmaps it on free, so each large file parsed would
    /// pay first-touch page faults for its token and node storage again.
    public static func tuneAllocator() {
        #if canImport(Glibc)
        _ = glibcMallopt(-3, 512 << 20)  // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 1 << 30)  // M_TRIM_THRESHOLD
        #endif
    }

    /// Runs with the process's arguments and exits.
    public static func main() -> Never {
        signal(SIGPIPE, SIG_IGN)
        tuneAllocator()
        TestSeams.install(from: ProcessEnvironment.current)
        let code = run(Array(CommandLine.arguments.dropFirst()))
        exit(code)
    }
}

#if canImport(Glibc)
/// glibc's `mallopt` (declared in `<malloc.h>`, which the Glibc module does not export).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
