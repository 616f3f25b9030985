import DockslimRewrite

extension Recipe {
    /// `node-slim`.
    public static let nodeSlim = Recipe(
        id: "node-slim",
        summary: "Node.js: a builder and a runtime on the node image's slim variant of the same version (an Alpine builder's runtime stays on Alpine), production node_modules only, non-root.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "node"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "slim", "languages": "node", "same-libc": "true"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
