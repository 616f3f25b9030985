import DockslimRewrite

extension Recipe {
    /// `c-distroless`.
    public static let cDistroless = Recipe(
        id: "c-distroless",
        summary: "C and C++: builder and distroless runtime stages (static, or cc for glibc), non-root, exec form.",
        steps: [
            .pass(BuildStaticBinary.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "c"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "distroless", "languages": "c"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
