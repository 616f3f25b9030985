import DockerfileSyntax

/// Who builds on or copies from whom: FROM an earlier stage, `COPY --from`,
/// `ADD --from`, and `RUN --mount=…,from=…`.
public struct StageGraph: Sendable {
    public enum Source: Sendable, Equatable {
        case stage(Int)
        case image(ImageReference)
        /// A reference that cannot be resolved statically (it holds a variable).
        case unresolved(String)
    }

    public enum EdgeKind: String, Sendable {
        case base = "from"
        case copy = "copy"
        case mount = "mount"
    }

    public struct Edge: Sendable {
        /// The stage that depends on `source`.
        public let stage: Int
        public let source: Source
        public let kind: EdgeKind
        /// The COPY, ADD or RUN that makes the edge (the FROM for `.base`).
        public let instruction: Instruction
        /// What is copied or mounted: `src… → dest`, or the mount target.
        public let label: String
    }

    public let edges: [Edge]
    public let stageCount: Int

    init(stages: [Stage], namedContexts: [String: NamedContextValue] = [:], report: (String, String, SyntaxNode) -> Void) {
        stageCount = stages.count
        var edges: [Edge] = []
        // `--from` and mounts see every stage, later ones too (BuildKit
        // registers all stages before it resolves commands).
        var names: [String: Int] = [:]
        for s in stages { if let n = s.name { names[n] = s.index } }
        for s in stages {
            switch s.base {
            case .stage(let i): edges.append(Edge(stage: s.index, source: .stage(i), kind: .base, instruction: s.from, label: ""))
            case .image(let ref): edges.append(Edge(stage: s.index, source: .image(ref), kind: .base, instruction: s.from, label: ""))
            case .scratch: break
            case .unresolved: edges.append(Edge(stage: s.index, source: .unresolved(s.baseText), kind: .base, instruction: s.from, label: ""))
            }
            for instruction in s.instructions {
                if instruction.kind == .copy || instruction.kind == .add, let from = instruction.flag("from")?.value {
                    let source = Self.resolveCopySource(from, current: s.index, names: names, count: stages.count, namedContexts: namedContexts,
                                                        report: { report($0, $1, instruction.node) })
                    let args = instruction.argumentStrings
                    let label = args.count >= 2 ? args.dropLast().joined(separator: " ") + " → " + args.last! : args.joined(separator: " ")
                    edges.append(Edge(stage: s.index, source: source, kind: .copy, instruction: instruction, label: label))
                }
                if instruction.kind == .run {
                    for flag in instruction.flags {
                        guard let mount = flag.mount, let from = mount["from"], !from.isEmpty else { continue }
                        let source: Source
                        if from.contains("$") {
                            report("mount-from-variable", "'from' doesn't support variable expansion, define alias stage instead", flag.node)
                            source = .unresolved(from)
                        } else if let i = names[from.lowercased()] {
                            source = .stage(i)
                        } else if let named = namedContexts[from] {
                            source = Self.source(named, written: from)
                        } else if let ref = ImageReference(from) {
                            source = .image(ref)
                        } else {
                            source = .unresolved(from)
                        }
                        edges.append(Edge(stage: s.index, source: source, kind: .mount, instruction: instruction, label: mount["target"] ?? ""))
                    }
                }
            }
        }
        self.edges = edges
    }

    /// BuildKit's rule for `COPY --from`: no variables; a number is a stage
    /// index; a stage's name (case-insensitive; it must come earlier);
    /// anything else is an image.
    static func resolveCopySource(_ from: String, current: Int, names: [String: Int], count: Int,
                                  namedContexts: [String: NamedContextValue] = [:], report: (String, String) -> Void) -> Source {
        if from.contains("$") {
            report("copy-from-variable", "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround")
            return .unresolved(from)
        }
        if let index = Int(from) {
            if index < 0 || index >= count {
                report("invalid-stage-index", "invalid stage index \(from)")
                return .unresolved(from)
            }
            if index >= current {
                report("stage-defined-later", "cannot copy from stage \(from), it needs to be defined before the current stage")
                return .unresolved(from)
            }
            return .stage(index)
        }
        if let i = names[from.lowercased()] {
            if i >= current {
                report("stage-defined-later", "cannot copy from stage \(from), it needs to be defined before the current stage")
                return .unresolved(from)
            }
            return .stage(i)
        }
        if let named = namedContexts[from] { return source(named, written: from) }
        guard let ref = ImageReference(from) else { return .unresolved(from) }
        return .image(ref)
    }

    /// A named context as an edge's source: its image, or the name as written.
    static func source(_ named: NamedContextValue, written: String) -> Source {
        if case .image(let text) = named, let ref = ImageReference(text) { return .image(ref) }
        return .unresolved(written)
    }

    /// The edges leaving one stage.
    public func edges(of stage: Int) -> [Edge] { edges.filter { $0.stage == stage } }

    /// The stages `target` needs, itself included, in index order.
    public func stagesNeeded(by target: Int) -> [Int] {
        var seen: Set<Int> = [target]
        var work = [target]
        while let s = work.popLast() {
            for e in edges where e.stage == s {
                if case .stage(let d) = e.source, !seen.contains(d) {
                    seen.insert(d)
                    work.append(d)
                }
            }
        }
        return seen.sorted()
    }

    /// Stages that building `target` never reaches.
    public func unreachable(from target: Int) -> [Int] {
        let needed = Set(stagesNeeded(by: target))
        return (0..<stageCount).filter { !needed.contains($0) }
    }
}
