import DockslimRewrite

extension Recipe {
    /// `java-distroless`.
    public static let javaDistroless = Recipe(
        id: "java-distroless",
        summary: "Java: Maven or Gradle builder and a distroless java runtime stage that runs the jar, non-root.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "java"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "distroless", "languages": "java"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
