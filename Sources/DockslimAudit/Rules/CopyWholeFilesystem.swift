import DockerfileFacts
import DockerfileModel

/// DS015: `COPY --from=stage / …` takes a whole filesystem.
enum CopyWholeFilesystem: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS015", name: "copy-whole-filesystem", severity: .warning, tags: [.imageSize],
        summary: "COPY --from copies a whole filesystem.",
        explanation: """
        Copying / from another stage or image brings its whole filesystem (shell, package manager, \
        compilers, sources and caches) and undoes the point of a multi-stage build. Copy the paths \
        the program needs.
        """,
        advice: "Copy only the built program and the files it needs, by path.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for facts in context.stages where context.needed.contains(facts.stage.index) {
            for p in facts.files.placements {
                let (sources, what): ([String], String)
                switch p.origin {
                case .stage(let t, let s): (sources, what) = (s, "stage \(context.stageLabel(t))")
                case .image(let ref, let s): (sources, what) = (s, "image \(ref.original)")
                default: continue
                }
                guard sources.contains("/") else { continue }
                // The squash idiom (`FROM scratch` then `COPY --from=build / /`) makes the
                // image that stage; the other rules judge it as part of the final image.
                if facts.stage.base == .scratch, facts.stage.instructions.first === p.instruction, AuditContext.isSquash(p.instruction) { continue }
                out.append(finding(at: p.instruction, stage: facts.stage.index,
                                   "\(Describe.short(p.instruction)) copies the whole filesystem of \(what)"))
            }
        }
        return out
    }
}
