import DockslimRewrite

/// The recipe planned once per set of options the files' `.dockslim.json`
/// give (most runs have one), with the command line's `--option` on top.
struct RecipePlans: Sendable {
    private let plans: [[String: String]: Result<[RecipeRunner.PlannedPass], RecipeError>]

    init(_ runner: RecipeRunner, _ recipe: Recipe, overrides: [String: String], configured: Set<[String: String]>) {
        var plans: [[String: String]: Result<[RecipeRunner.PlannedPass], RecipeError>] = [:]
        for options in configured {
            plans[options] = Result { () throws(RecipeError) in try runner.plan(recipe, overrides: overrides, configured: options) }
        }
        self.plans = plans
    }

    /// The plan for a file whose configuration sets `options`; a value no
    /// pass accepts is that file's error.
    func plan(_ options: [String: String]) -> Result<[RecipeRunner.PlannedPass], FileAccess.Failure> {
        (plans[options] ?? .failure(RecipeError("not planned"))).mapError { FileAccess.Failure(description: "the options of its \(ProjectConfig.fileName): \($0)") }
    }
}
