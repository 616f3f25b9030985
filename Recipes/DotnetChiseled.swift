import DockslimRewrite

extension Recipe {
    /// `dotnet-chiseled`.
    public static let dotnetChiseled = Recipe(
        id: "dotnet-chiseled",
        summary: ".NET 8 and later: an SDK builder that runs dotnet publish, and a runtime stage on Microsoft's Ubuntu chiseled image of the same version (aspnet, runtime or runtime-deps; -extra unless the app is globalization-invariant), without shell, as the user app (uid 1654); the version is kept, not upgraded.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "dotnet"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "distroless", "family": "microsoft", "languages": "dotnet"], required: true),
            .pass(UseExecForm.id),
        ]
    )
}
