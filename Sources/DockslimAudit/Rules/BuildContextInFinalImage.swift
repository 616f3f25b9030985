import DockerfileFacts
import DockerfileModel

/// DS003: the whole build context reaches the final image.
enum BuildContextInFinalImage: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS003", name: "build-context-in-final-image", severity: .warning, tags: [.imageSize],
        summary: "The whole build context is copied into the final image.",
        explanation: """
        COPY . . (or ADD . .) takes everything the build context holds that .dockerignore does not \
        exclude: sources, tests, build scripts, and often .git, node_modules and local secrets. In a \
        builder stage that is fine; in the final image (directly, or through COPY --from of the \
        folder it landed in) it ships all of it. Copy only the program and the files it reads at \
        run time.
        """,
        advice: "In the final stage, copy only the built program and the files it reads at run time.")

    static func check(_ context: AuditContext) -> [Finding] {
        guard let final = context.final else { return [] }
        var out: [Finding] = []
        var seen: Set<Int> = []
        for reach in context.contextReaching(final.index) where reach.whole {
            guard case .context(_, let whole) = reach.placement.origin, whole, let last = reach.chain.last,
                  seen.insert(last.node.textRange.lowerBound).inserted else { continue }
            let message: String
            if reach.chain.count == 1 {
                let stage = context.stages.first { $0.stage.instructions.contains { $0 === last } }?.stage.index
                let inherited = stage != final.index ? " in stage \(context.stageLabel(stage))" : ""
                message = "\(Describe.short(last))\(inherited) copies the whole build context into the final image"
                out.append(finding(at: last, stage: final.index, message, fixes: ImageCatalog.recipes(forLanguage: context.language)))
            } else {
                let steps = reach.chain.map { i -> String in
                    let stage = context.stages.first { $0.stage.instructions.contains { $0 === i } }?.stage.index
                    return "\(Describe.short(i)) (line \(i.startLine), stage \(context.stageLabel(stage)))"
                }
                message = "the whole build context reaches the final image: " + steps.joined(separator: " → ")
                out.append(finding(at: last, stage: final.index, message, fixes: ImageCatalog.recipes(forLanguage: context.language)))
            }
        }
        return out
    }
}
