import DockslimRewrite

extension Recipe {
    /// `rust-distroless`.
    public static let rustDistroless = Recipe(
        id: "rust-distroless",
        summary: "Rust: builder and distroless cc runtime stages, non-root, exec form.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "rust"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "distroless", "languages": "rust"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
