import DockslimRewrite

extension Recipe {
    /// `php-runtime`.
    public static let phpRuntime = Recipe(
        id: "php-runtime",
        summary: "PHP: a builder that runs composer install on the app's own php image, and a runtime stage on the same image with the extensions, vendor/ and the app, without composer, git, unzip or composer's cache.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "php"], required: true),
            .pass(UseExecForm.id),
        ]
    )
}
