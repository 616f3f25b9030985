import DockslimRewrite

extension Recipe {
    /// `dotnet-runtime`.
    public static let dotnetRuntime = Recipe(
        id: "dotnet-runtime",
        summary: ".NET: an SDK builder that runs dotnet publish (dotnet run becomes the published dll when that is the same program), and a runtime stage on the same version's aspnet, runtime or runtime-deps image in the SDK's flavour; the version is kept, not upgraded, even when it is out of support.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "dotnet"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "slim", "languages": "dotnet"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
