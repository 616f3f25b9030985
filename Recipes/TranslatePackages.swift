import DockslimRewrite

extension Recipe {
    /// `translate-packages`: the pass alone, for files already moved to Alpine by hand.
    public static let translatePackages = Recipe(
        id: "translate-packages",
        summary: TranslatePackages.summary,
        steps: [.pass(TranslatePackages.id)]
    )
}
