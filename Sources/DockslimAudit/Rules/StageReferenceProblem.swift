import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// DS016: a reference to a stage that is missing, later, or misspelt.
enum StageReferenceProblem: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS016", name: "stage-reference-problem", severity: .error, tags: [.correctness],
        summary: "FROM, COPY --from or a mount refers to a stage that is missing, later, or misspelt.",
        explanation: """
        FROM matches only stages defined before it; COPY --from and RUN --mount from= match stage \
        names case-insensitively, take no variables, and cannot name a later stage. A name that \
        matches no stage is pulled as an image from Docker Hub, so a misspelt stage name fails late or \
        silently uses someone else's image.
        """,
        advice: "Name an earlier stage exactly, or give the image a registry or tag so its intent is clear.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        let file = context.file
        for d in file.diagnostics where InvalidDockerfile.stageReferenceCodes.contains(d.code) {
            let anchor = file.instructions.first { $0.startLine <= d.location.line && d.location.line <= $0.endLine }
            out.append(Finding(rule: metadata, at: anchor?.node, offset: d.location.offset,
                               endLine: anchor?.endLine, message: d.message, stage: anchor.flatMap(context.stageIndex(of:))))
        }
        let names = file.stages.compactMap { s in s.name.map { ($0, s.index) } }
        func suspicious(_ ref: ImageReference, at instruction: Instruction, stage: Int, part: SyntaxNode?, what: String) {
            guard ref.registry == nil, ref.tag == nil, ref.digest == nil, !ref.repository.contains("/") else { return }
            let name = ref.repository.lowercased()
            if let later = names.first(where: { $0.0 == name && $0.1 >= stage }) {
                out.append(finding(at: instruction, part: part, stage: stage,
                                   "\(what) \(ref.original) names stage \(later.0) on line \(file.stages[later.1].from.startLine), which is not defined before it: BuildKit pulls the image docker.io/library/\(name) instead",
                                   severity: .warning))
            } else if let near = names.first(where: { $0.1 < stage && editDistance($0.0, name) <= (name.count >= 6 ? 2 : 1) }), ImageCatalog.officialName(ref).map(ImageCatalog.isKnownOfficial) != true {
                out.append(finding(at: instruction, part: part, stage: stage,
                                   "\(what) \(ref.original) names no stage (did you mean \(near.0)?): BuildKit pulls the image docker.io/library/\(name)",
                                   severity: .warning))
            }
        }
        for s in file.stages {
            if case .image(let ref) = s.base { suspicious(ref, at: s.from, stage: s.index, part: s.baseNode, what: "FROM") }
        }
        for edge in file.graph.edges where edge.kind != .base {
            if case .image(let ref) = edge.source {
                suspicious(ref, at: edge.instruction, stage: edge.stage, part: nil, what: edge.kind == .copy ? "--from" : "from=")
            }
        }
        return out
    }

    /// Levenshtein distance, for short names.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var row = Array(0...y.count)
        for i in 1...x.count {
            var previous = row[0]
            row[0] = i
            for j in 1...y.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[y.count]
    }
}
