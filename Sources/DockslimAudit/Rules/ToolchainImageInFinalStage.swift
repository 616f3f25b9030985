import DockerfileFacts
import DockerfileModel

/// DS001: the final image is a compiler or SDK image.
enum ToolchainImageInFinalStage: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS001", name: "toolchain-image-in-final-stage", severity: .warning, tags: [.imageSize],
        summary: "The final stage runs on a build toolchain image.",
        explanation: """
        Images such as golang, rust, gcc, maven and the full node and python images carry compilers, \
        headers and package managers: hundreds of megabytes the program does not run with, and more \
        software to patch. Build in a builder stage and copy only the result into a small runtime \
        stage (distroless, Alpine or a slim image).
        """,
        fixRecipes: [],
        advice: "Split the build: a builder stage on the toolchain image, and a runtime stage on a small base that copies only the program.")

    static func check(_ context: AuditContext) -> [Finding] {
        guard let final = context.final, let image = context.finalImage,
              let language = ImageCatalog.toolchainLanguage(image) else { return [] }
        let size = BaseImageSizes.describe(image).map { " (\($0))" } ?? ""
        return [finding(at: final.from, part: final.baseNode, stage: final.index,
                        "the final stage runs on \(image.original)\(size), a \(Describe.language(language)) toolchain image: its compilers and build tools ship in the image",
                        fixes: ImageCatalog.recipes(forLanguage: language))]
    }
}
