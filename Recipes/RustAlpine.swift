import DockslimRewrite

extension Recipe {
    /// `rust-alpine`.
    public static let rustAlpine = Recipe(
        id: "rust-alpine",
        summary: "Rust built on a musl (Alpine) builder: builder and Alpine runtime stages, non-root.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "rust"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "alpine", "languages": "rust"], required: true),
            .pass(UseNonRootUser.id),
        ]
    )
}
