/// `dockslim man`: the manual page, in roff, made from the help text of
/// every subcommand, so the page and `--help` cannot disagree.
enum ManCommand {
    static let spec = CommandSpec(
        name: "man",
        overview: "Print the manual page (roff) made from the help text.",
        discussion: "View it with 'dockslim man | man -l -'; 'make install' installs it as dockslim(1).",
        usage: "dockslim man"
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        guard args.positionals.isEmpty else {
            return DockslimCLI.usageError("Unexpected argument '\(args.positionals.joined(separator: " "))'", spec, console)
        }
        console.stdout.write(ManPage.render())
        return DockslimCLI.ExitCode.success
    }
}
