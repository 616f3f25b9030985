import DockerfileFacts
import DockerfileModel

/// DS005: the final image is a full operating system.
enum LargeBaseInFinalStage: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS005", name: "large-base-in-final-stage", severity: .warning, tags: [.imageSize],
        summary: "The final stage runs on a large general-purpose base image.",
        explanation: """
        Full distributions (ubuntu, debian, fedora, centos…) bring a shell, a package manager and \
        hundreds of packages a compiled program or a packaged runtime does not use: more to pull, \
        more to scan, more to patch. A distroless, Alpine or slim base holds what the program needs.
        """,
        advice: "Run on a smaller base: distroless or scratch for static binaries, a slim or Alpine variant otherwise.")

    static func check(_ context: AuditContext) -> [Finding] {
        guard let final = context.final, let image = context.finalImage, ImageCatalog.isGeneralPurposeSystem(image),
              ImageCatalog.toolchainLanguage(image) == nil else { return [] }
        let size = BaseImageSizes.describe(image).map { " (\($0))" } ?? ""
        return [finding(at: final.from, part: final.baseNode, stage: final.index,
                        "the final stage runs on \(image.original)\(size), a general-purpose system with a shell, a package manager and packages the program may not need",
                        fixes: ImageCatalog.recipes(forLanguage: context.language) + ["alpine"])]
    }
}
