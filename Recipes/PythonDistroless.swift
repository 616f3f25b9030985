import DockslimRewrite

extension Recipe {
    /// `python-distroless`.
    public static let pythonDistroless = Recipe(
        id: "python-distroless",
        summary: "Python: a virtual environment and a distroless python3 runtime stage with the same interpreter, or the reason there is none.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "python"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "distroless", "languages": "python"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
