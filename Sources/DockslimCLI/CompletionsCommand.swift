/// `dockslim completions bash|zsh|fish`: the shell completion script,
/// generated from the same specs that parse the command line.
enum CompletionsCommand {
    static let spec = CommandSpec(
        name: "completions",
        overview: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
        The script completes subcommands, options, their allowed values and the builtin
        recipe ids. Install it where the shell looks ('make install' does this):
          bash  dockslim completions bash > /usr/local/share/bash-completion/completions/dockslim
          zsh   dockslim completions zsh > /usr/local/share/zsh/site-functions/_dockslim
          fish  dockslim completions fish > ~/.config/fish/completions/dockslim.fish
        """,
        usage: "dockslim completions <shell>",
        arguments: [.init(label: "<shell>", help: "bash, zsh or fish.")]
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        guard args.positionals.count == 1 else {
            let message = args.positionals.isEmpty
                ? "Missing expected argument '<shell>'"
                : "Unexpected argument '\(args.positionals.dropFirst().joined(separator: " "))'"
            return DockslimCLI.usageError(message, spec, console)
        }
        let model = CompletionModel.current()
        switch args.positionals[0] {
        case "bash": console.stdout.write(model.bash)
        case "zsh": console.stdout.write(model.zsh)
        case "fish": console.stdout.write(model.fish)
        case let other:
            return DockslimCLI.usageError("The value '\(other)' is invalid for '<shell>'. Please provide one of 'bash', 'zsh' and 'fish'.", spec, console)
        }
        return DockslimCLI.ExitCode.success
    }
}
