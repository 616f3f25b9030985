import DockslimRewrite

extension Recipe {
    /// `python-slim`.
    public static let pythonSlim = Recipe(
        id: "python-slim",
        summary: "Python: a builder that installs into a virtual environment, and a python slim runtime stage of the same version.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "python"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "slim", "languages": "python"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
