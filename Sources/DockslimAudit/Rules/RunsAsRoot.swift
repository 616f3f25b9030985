import DockerfileFacts
import DockerfileModel

/// DS007: the container runs as root.
enum RunsAsRoot: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS007", name: "runs-as-root", severity: .warning, tags: [.security], securitySeverity: "5.0",
        summary: "The final image runs as root.",
        explanation: """
        Without a USER the container runs as the base image's user, root for most images. A \
        compromised process can then change every file in the image and has more power over the \
        kernel. Run as an unprivileged user (distroless :nonroot images provide uid 65532).
        """,
        fixRecipes: ["use-nonroot"],
        advice: "Add a USER with a non-root uid before CMD (create the user first on images that have a user database).")

    static func check(_ context: AuditContext) -> [Finding] {
        guard let final = context.final else { return [] }
        let facts = context.stages[final.index]
        if let user = facts.user {
            let name = facts.userName ?? ""
            guard name == "root" || name == "0" else { return [] }
            return [finding(at: user.instruction, stage: context.stageIndex(of: user.instruction),
                            "USER \(user.name) is the last USER of the final image: the container runs as root")]
        }
        guard let image = context.finalImage, ImageCatalog.defaultUser(image) == .root else { return [] }
        return [finding(at: final.from, stage: final.index,
                        "the final stage sets no USER: the container runs as root, the default of \(image.original)")]
    }
}
