import DockslimRewrite

extension Recipe {
    /// `go-distroless`.
    public static let goDistroless = Recipe(
        id: "go-distroless",
        summary: "Go: builder and distroless runtime stages, a static binary, manifests hoisted, non-root, exec form.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(BuildStaticBinary.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "go"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "distroless", "languages": "go"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
