import DockslimRewrite

extension Recipe {
    /// `java-slim`.
    public static let javaSlim = Recipe(
        id: "java-slim",
        summary: "Java: Maven or Gradle builder and an Eclipse Temurin JRE runtime stage of the same version (Alpine only from an Alpine builder).",
        steps: [
            .pass(HoistDependencyManifests.id),
            .pass(SplitBuilderAndRuntimeStages.id, options: ["languages": "java"], required: true),
            .pass(SwapBaseImage.id, options: ["to": "slim", "languages": "java", "same-libc": "true"], required: true),
            .pass(UseNonRootUser.id),
            .pass(UseExecForm.id),
        ]
    )
}
