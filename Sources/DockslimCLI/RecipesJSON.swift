import BuiltinRecipes
import DockslimReport
import DockslimRewrite

/// `dockslim recipes --format json`: the recipes with their steps, the
/// shape a recipe file has, plus what each pass does and its options.
enum RecipesJSON {
    static func list(_ recipes: [Recipe]) -> String {
        JSONValue.object([("version", .string(JSONSchemaVersion.current)), ("recipes", .array(recipes.map(recipe)))]).pretty
    }

    static func one(_ r: Recipe) -> String {
        JSONValue.object([("version", .string(JSONSchemaVersion.current)), ("recipe", recipe(r))]).pretty
    }

    static func recipe(_ r: Recipe) -> JSONValue {
        .object([("id", .string(r.id)), ("summary", .string(r.summary)), ("steps", .array(r.steps.map(step)))])
    }

    static func step(_ s: Recipe.Step) -> JSONValue {
        switch s {
        case .pass(let id, let options, let required):
            let type = PassRegistry.pass(id)
            return .object([
                ("pass", .string(id)),
                ("options", .object(options.keys.sorted().map { ($0, .string(options[$0] ?? "")) })),
                ("required", .bool(required)),
                ("summary", .optional(type?.summary)),
                ("passOptions", .array((type?.options ?? []).map { .object([("name", .string($0.name)), ("help", .string($0.help))]) })),
            ])
        case .recipe(let id):
            return .object([("recipe", .string(id)), ("summary", .optional(BuiltinRecipes.recipe(id)?.summary))])
        case .firstOf(let ids):
            return .object([("firstOf", .array(ids.map { .string($0) }))])
        }
    }
}
