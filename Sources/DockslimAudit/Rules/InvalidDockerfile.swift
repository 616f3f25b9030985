import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// DS000: what the parser and BuildKit's build stage reject or warn about.
enum InvalidDockerfile: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS000", name: "invalid-dockerfile", severity: .error, tags: [.correctness],
        summary: "The Dockerfile has a syntax or stage error.",
        explanation: """
        BuildKit refuses this line, or the build fails when it reaches it (an unterminated heredoc, \
        JSON that is not an array of strings, a FROM without an image, a duplicate stage name). \
        dockslim reads the rest of the file, but no recipe rewrites a file BuildKit rejects.
        """,
        advice: "Fix the line as the message says; `dockslim parse` shows how BuildKit reads it.")

    /// Stage-reference problems belong to DS016.
    static let stageReferenceCodes: Set<String> = ["stage-defined-later", "invalid-stage-index", "copy-from-variable", "mount-from-variable"]

    static func check(_ context: AuditContext) -> [Finding] {
        context.file.diagnostics.filter { !stageReferenceCodes.contains($0.code) }.map { d in
            let anchor = context.file.instructions.first { $0.startLine <= d.location.line && d.location.line <= $0.endLine }
            return Finding(rule: metadata, severity: d.severity == .error ? .error : .warning, at: anchor?.node,
                           offset: d.location.offset, endLine: anchor?.endLine,
                           message: d.message, stage: nil)
        }
    }
}
