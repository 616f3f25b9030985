import DockerfileFacts
import DockerfileModel

/// DS014: a stage the default target never builds.
enum UnreachableStage: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS014", name: "unreachable-stage", severity: .note, tags: [.maintainability],
        summary: "A stage is not needed by the final stage.",
        explanation: """
        BuildKit builds only the stages the target needs, so a stage that neither the final stage nor \
        anything it copies from refers to is skipped by a plain docker build. That is right for test or \
        debug targets built with --target; otherwise it is dead code, or a COPY --from that names the \
        wrong stage.
        """,
        advice: "Remove the stage, build it with --target, or check the COPY --from that should use it.")

    static func check(_ context: AuditContext) -> [Finding] {
        guard let final = context.final else { return [] }
        return context.file.graph.unreachable(from: final.index).map { index in
            let stage = context.stages[index].stage
            return finding(at: stage.from, stage: index,
                           "stage \(context.stageLabel(index)) is not needed by the final stage \(context.stageLabel(final.index)): docker build skips it unless --target names it")
        }
    }
}
