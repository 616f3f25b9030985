import BuiltinRecipes

/// What a shell can complete for each subcommand, read from the
/// `CommandSpec`s that parse the command line, so a completion script never
/// offers an option the parser would refuse.
struct CompletionModel {
    /// What follows an option that takes a value.
    enum Value: Equatable {
        /// A fixed list (`--format`'s allowed values).
        case choices([String])
        /// A builtin recipe id or a recipe file.
        case recipe
        case file
        case directory
        /// Anything: nothing to offer.
        case free
    }

    struct Option {
        let names: [String]
        let help: String
        /// `nil` for a flag.
        let value: Value?
        let repeatable: Bool
    }

    /// What the words after the options are.
    enum Positionals: Equatable {
        case files
        /// `recipes`: the word `show`, then a recipe id.
        case showRecipe
        case subcommands
        case shells
        case none
    }

    struct Subcommand {
        let name: String
        let summary: String
        let options: [Option]
        let positionals: Positionals
    }

    let rootOptions: [Option]
    let subcommands: [Subcommand]
    let recipeIDs: [String]

    static let shells = ["bash", "zsh", "fish"]

    /// The model of this dockslim: the root's subcommands in help order.
    static func current() -> CompletionModel {
        let help = CommandSpec.helpOption
        let subcommands = DockslimCLI.root.subcommands.map { name, summary -> Subcommand in
            guard let spec = DockslimCLI.commands[name]?.spec else {
                // `help` is answered by the root, not a spec of its own.
                return Subcommand(name: name, summary: summary, options: [option(help)], positionals: .subcommands)
            }
            return Subcommand(name: name, summary: summary, options: (spec.options + [help]).map(option), positionals: positionals(name))
        }
        return CompletionModel(
            rootOptions: (DockslimCLI.root.options + [help]).map(option),
            subcommands: subcommands,
            recipeIDs: BuiltinRecipes.all.map(\.id)
        )
    }

    static func option(_ o: CommandSpec.Option) -> Option {
        Option(names: o.names, help: o.help, value: value(o), repeatable: o.repeatable)
    }

    static func value(_ o: CommandSpec.Option) -> Value? {
        guard let name = o.valueName else { return nil }
        if let allowed = o.allowed { return .choices(allowed) }
        if o.names.contains("--recipe") { return .recipe }
        switch name {
        case "file", "path": return .file
        case "dir", "directory", "folder": return .directory
        default: return .free
        }
    }

    static func positionals(_ subcommand: String) -> Positionals {
        switch subcommand {
        case "recipes": return .showRecipe
        case "completions": return .shells
        case "man": return .none
        default: return .files
        }
    }
}
