import DockerfileModel

/// Where a stage's files come from: each COPY or ADD, with its sources
/// and its destination resolved against WORKDIR.
package struct StageFiles: Sendable {
    package enum Origin: Sendable {
        /// From the build context; `whole` when the sources are the whole
        /// context (`.`, `./`, `*`).
        case context(sources: [String], whole: Bool)
        /// `--from` a stage: the paths in that stage.
        case stage(Int, sources: [String])
        /// `--from` an image.
        case image(ImageReference, sources: [String])
        /// URLs and git repositories (`ADD https://…`).
        case remote
    }

    package struct Placement: Sendable {
        package let origin: Origin
        /// Absolute; `nil` when a variable or an unknown WORKDIR hides it.
        package let destination: String?
        package let instruction: Instruction
    }

    package let placements: [Placement]

    /// The stage's COPY and ADD instructions, each destination resolved
    /// with the state before it (ARG defaults taken as given).
    package init(_ stage: Stage, file: Dockerfile, states: StageStates) {
        var placements: [Placement] = []
        var names: [String: Int] = [:]
        for s in file.stages { if let n = s.name { names[n] = s.index } }
        for (i, instruction) in stage.instructions.enumerated() where instruction.kind == .copy || instruction.kind == .add {
            var args = instruction.argumentStrings
            guard args.count >= 2, instruction.heredocs.isEmpty else { continue }
            let rawDest = args.removeLast()
            let destination = states.before(i, in: stage).absolutePath(rawDest)?.text
            let origin: Origin
            if let from = instruction.flag("from")?.value {
                let sources = args.map { Self.stageSource($0) }
                if let index = Int(from), index >= 0, index < file.stages.count {
                    origin = .stage(index, sources: sources)
                } else if let index = names[from.lowercased()] {
                    origin = .stage(index, sources: sources)
                } else if let ref = ImageReference(from) {
                    origin = .image(ref, sources: sources)
                } else {
                    continue
                }
            } else if args.contains(where: { $0.contains("://") || $0.hasPrefix("git@") }) {
                origin = .remote
            } else {
                let sources = args.map(Self.contextSource)
                origin = .context(sources: sources, whole: sources.contains(""))
            }
            placements.append(Placement(origin: origin, destination: destination, instruction: instruction))
        }
        self.placements = placements
    }

    /// A context path without `./`, leading or trailing slashes; the whole
    /// context is `""`.
    package static func contextSource(_ raw: String) -> String {
        var s = Paths.join("/", raw)
        if s == "/*" || s == "/." { s = "/" }
        return String(s.dropFirst())
    }

    /// A path in another stage, absolute; `/app/*` and `/app/.` stand for `/app`.
    package static func stageSource(_ raw: String) -> String {
        var s = raw
        if s.hasSuffix("/*") { s.removeLast(2) }
        return Paths.join("/", s)
    }
}
