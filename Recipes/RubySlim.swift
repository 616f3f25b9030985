import DockslimRewrite

extension Recipe {
    /// `ruby-slim`.
    public static let rubySlim = Recipe(
        id: "ruby-slim",
        summary: "Ruby: a builder that runs bundle install (and Rails' asset build), and a ruby slim runtime stage of the same version with the gems and the app.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "ruby"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "slim", "languages": "ruby"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
