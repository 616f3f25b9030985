import DockslimRewrite

extension Recipe {
    /// `go-scratch`.
    public static let goScratch = Recipe(
        id: "go-scratch",
        summary: "Go: builder and scratch runtime stages, a static binary with CA certificates, manifests hoisted, non-root.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(BuildStaticBinary.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "go"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "scratch", "languages": "go"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
