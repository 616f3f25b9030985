import DockslimRewrite

extension Recipe {
    /// `c-alpine`.
    public static let cAlpine = Recipe(
        id: "c-alpine",
        summary: "C and C++: builder and Alpine runtime stages, static on a musl builder, non-root.",
        steps: [
            .pass(BuildStaticBinary.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "c"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "alpine", "languages": "c"], required: true),
            .pass(UseNonRootUser.id),
        ]
    )
}
