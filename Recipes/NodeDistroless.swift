import DockslimRewrite

extension Recipe {
    /// `node-distroless`.
    public static let nodeDistroless = Recipe(
        id: "node-distroless",
        summary: "Node.js: builder and distroless nodejs runtime stages, production node_modules only, non-root, exec form.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "node"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "distroless", "languages": "node"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
