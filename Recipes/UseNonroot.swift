import DockslimRewrite

extension Recipe {
    /// `use-nonroot`: the pass alone.
    public static let useNonroot = Recipe(
        id: "use-nonroot",
        summary: UseNonRootUser.summary,
        steps: [.pass(UseNonRootUser.id)]
    )
}
