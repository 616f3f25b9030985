import DockslimRewrite

extension Recipe {
    /// `go-alpine`.
    public static let goAlpine = Recipe(
        id: "go-alpine",
        summary: "Go: builder and Alpine runtime stages, a static binary, manifests hoisted, non-root.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(BuildStaticBinary.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "go"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "alpine", "languages": "go"], required: true),
            .pass(UseNonRootUser.id),
        ]
    )
}
