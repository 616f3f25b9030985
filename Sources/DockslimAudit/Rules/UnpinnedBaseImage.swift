import DockerfileFacts
import DockerfileModel

/// DS013: a base image without a tag, or with `latest`.
enum UnpinnedBaseImage: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS013", name: "unpinned-base-image", severity: .warning, tags: [.reproducibility],
        summary: "A base image has no tag or uses latest.",
        explanation: """
        Without a tag an image means :latest, which moves with every release: the same Dockerfile \
        builds a different image tomorrow, and a major upgrade can arrive unannounced. Name a \
        version tag, and for reproducible builds a digest (image:tag@sha256:…).
        """,
        advice: "Name a version tag (golang:1.25), or pin a digest.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for facts in context.stages {
            guard case .image(let ref) = facts.stage.base, ref.digest == nil, ref.tag == nil || ref.tag == "latest" else { continue }
            let what = ref.tag == nil ? "has no tag, so it means \(ref.original):latest" : "uses the latest tag"
            let named = context.file.settings.namedContexts[facts.stage.resolvedBase] != nil ? "\(facts.stage.resolvedBase) (a named context) is " : ""
            out.append(finding(at: facts.stage.from, part: facts.stage.baseNode, stage: facts.stage.index,
                               "\(named)\(ref.original) \(what), which changes with every release"))
        }
        for edge in context.file.graph.edges where edge.kind != .base {
            guard case .image(let ref) = edge.source, ref.digest == nil, ref.tag == nil || ref.tag == "latest" else { continue }
            let what = ref.tag == nil ? "has no tag, so it means \(ref.original):latest" : "uses the latest tag"
            out.append(finding(at: edge.instruction, stage: edge.stage, "\(edge.kind == .copy ? "--from" : "from=") image \(ref.original) \(what)"))
        }
        return out
    }
}
