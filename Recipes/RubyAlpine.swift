import DockslimRewrite

extension Recipe {
    /// `ruby-alpine`.
    public static let rubyAlpine = Recipe(
        id: "ruby-alpine",
        summary: "Ruby on Alpine: an Alpine builder's gems (compiled against musl) and app in a ruby Alpine runtime stage without the build packages.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "ruby"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "alpine", "languages": "ruby"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
