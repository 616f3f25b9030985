import DockslimRewrite

extension Recipe {
    /// `java-alpine`.
    public static let javaAlpine = Recipe(
        id: "java-alpine",
        summary: "Java: Maven or Gradle builder and an Eclipse Temurin JRE Alpine runtime stage.",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "java"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "alpine", "languages": "java"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
