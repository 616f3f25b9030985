import DockslimRewrite

extension Recipe {
    /// `hoist-manifests`: the pass alone.
    public static let hoistManifests = Recipe(
        id: "hoist-manifests",
        summary: HoistDependencyManifests.summary,
        steps: [.pass(HoistDependencyManifests.id)]
    )
}
