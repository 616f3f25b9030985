import DockslimRewrite

extension Recipe {
    /// `node-alpine`.
    public static let nodeAlpine = Recipe(
        id: "node-alpine",
        summary: "Node.js: builder and node Alpine runtime stages (node_modules built on musl), production node_modules only, non-root.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "node"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "alpine", "languages": "node"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
