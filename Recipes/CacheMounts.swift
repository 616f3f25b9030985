import DockslimRewrite

extension Recipe {
    /// `cache-mounts`: the pass alone.
    public static let cacheMounts = Recipe(
        id: "cache-mounts",
        summary: UseCacheMounts.summary,
        steps: [.pass(UseCacheMounts.id)]
    )
}
