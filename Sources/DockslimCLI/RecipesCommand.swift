import BuiltinRecipes
import DockslimReport
import DockslimRewrite

/// `dockslim recipes [show ID]`: what recipes there are, and their steps.
enum RecipesCommand {
    static let spec = CommandSpec(
        name: "recipes",
        overview: "List the builtin recipes, or show one recipe's steps.",
        usage: "dockslim recipes [--format <format>] [show <recipe>]",
        arguments: [.init(label: "show <recipe>", help: "Print a recipe's steps and the options of its passes.")],
        options: [
            .init(names: ["--format"], valueName: "format", help: "text or json (the steps as a recipe file writes them, with each pass's options).",
                  allowed: ["text", "json"], defaultValue: "text"),
        ]
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        let json = args.value("--format") == "json"
        switch args.positionals.count {
        case 0 where json:
            console.stdout.write(RecipesJSON.list(BuiltinRecipes.all))
            return DockslimCLI.ExitCode.success
        case 0:
            let width = (BuiltinRecipes.all.map(\.id.count).max() ?? 0) + 2
            for r in BuiltinRecipes.all {
                console.stdout.write(r.id + String(repeating: " ", count: width - r.id.count) + r.summary + "\n")
            }
            return DockslimCLI.ExitCode.success
        case 2 where args.positionals[0] == "show":
            let id = args.positionals[1]
            let recipe: Recipe
            switch RewriteCommand.loadRecipe(id) {
            case .success(let r): recipe = r
            case .failure(let e):
                console.stderr.write(TerminalText.escaped("Error: \(e)", singleLine: true) + "\n")
                return DockslimCLI.ExitCode.failure
            }
            if json {
                console.stdout.write(RecipesJSON.one(recipe))
            } else {
                console.stdout.write(TerminalText.escaped(describe(recipe)))  // a recipe file's text may come from anywhere
            }
            return DockslimCLI.ExitCode.success
        default:
            return DockslimCLI.usageError("Unexpected argument '\(args.positionals.joined(separator: " "))'", spec, console)
        }
    }

    static func describe(_ recipe: Recipe) -> String {
        var s = "\(recipe.id): \(recipe.summary)\n\nSTEPS:\n"
        for (i, step) in recipe.steps.enumerated() {
            switch step {
            case .pass(let id, let options, let required):
                s += "  \(i + 1). pass \(id)"
                let pairs: [String] = options.keys.sorted().map { key in "\(key)=\(options[key] ?? "")" }
                if !pairs.isEmpty { s += " (" + pairs.joined(separator: ", ") + ")" }
                if required { s += ", required" }
                s += "\n"
                if let type = PassRegistry.pass(id) {
                    s += "     \(type.summary)\n"
                    for o in type.options { s += "     option \(o.name): \(o.help)\n" }
                }
            case .recipe(let id):
                s += "  \(i + 1). recipe \(id)\n"
                if let r = BuiltinRecipes.recipe(id) { s += "     \(r.summary)\n" }
            case .firstOf(let ids):
                s += "  \(i + 1). the first of these recipes that changes the file, tried in order (none: the file is left alone with each one's reason)\n"
                for id in ids {
                    s += "     - \(id)" + (BuiltinRecipes.recipe(id).map { ": \($0.summary)" } ?? "") + "\n"
                }
            }
        }
        return s
    }
}
