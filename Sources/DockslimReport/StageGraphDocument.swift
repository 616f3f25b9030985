import DockerfileFacts
import DockerfileModel
import DockslimAudit

/// The stage graph as the pictures draw it: stages and external images as
/// nodes, FROM, `COPY --from` and `RUN --mount from=` as edges from what is
/// used to the stage that uses it, findings attached to their stage.
public struct StageGraphDocument: Sendable {
    public enum NodeKind: String, Sendable { case stage, image, unresolved }

    public struct Node: Sendable {
        /// Safe in every output format: `s0`, `i1`, `u0`.
        public let id: String
        public let kind: NodeKind
        /// `build`, `#1`, `golang:1.25`.
        public let label: String
        /// For stages, what FROM names (global ARG defaults substituted).
        public let base: String?
        public let line: Int?
        public let isFinal: Bool
        /// The final stage needs it (images: some needed stage uses it).
        public let isReachable: Bool
        public let findings: [Finding]

        /// The most severe finding's level.
        public var worst: Severity? { findings.map(\.severity).max() }
    }

    public struct Edge: Sendable {
        public let from: String
        public let to: String
        public let kind: StageGraph.EdgeKind
        /// What is copied or mounted (`/out/app → /app`); empty for FROM.
        public let label: String
        public let line: Int
    }

    public let path: String
    public let nodes: [Node]
    public let edges: [Edge]

    /// A graph made elsewhere (the project picture drawn with the same layout).
    init(path: String, nodes: [Node], edges: [Edge]) {
        self.path = path
        self.nodes = nodes
        self.edges = edges
    }

    public init(_ file: AuditedFile) {
        path = file.path
        let dockerfile = file.dockerfile
        let result = file.result
        var nodes: [Node] = []
        for s in result.stages {
            let stage = dockerfile.stages[s.index]
            nodes.append(Node(id: "s\(s.index)", kind: .stage, label: s.label, base: stage.resolvedBase.isEmpty ? s.baseText : stage.resolvedBase, line: stage.from.startLine,
                              isFinal: s.isFinal, isReachable: s.isNeeded,
                              findings: result.findings.filter { $0.stage == s.index }))
        }
        var external: [String: String] = [:]
        var externalNodes: [Node] = []
        var edges: [Edge] = []
        for edge in dockerfile.graph.edges {
            let to = "s\(edge.stage)"
            let from: String
            let external_: (text: String, kind: NodeKind)?
            switch edge.source {
            case .stage(let i): from = "s\(i)"; external_ = nil
            case .image(let ref): from = ""; external_ = (ref.original, .image)
            case .unresolved(let text): from = ""; external_ = (text, .unresolved)
            }
            var source = from
            if let (text, kind) = external_ {
                if let id = external[kind.rawValue + text] {
                    source = id
                } else {
                    let id = (kind == .image ? "i" : "u") + "\(externalNodes.count)"
                    external[kind.rawValue + text] = id
                    externalNodes.append(Node(id: id, kind: kind, label: text, base: nil, line: nil, isFinal: false,
                                              isReachable: false, findings: []))
                    source = id
                }
            }
            edges.append(Edge(from: source, to: to, kind: edge.kind, label: edge.label, line: edge.instruction.startLine))
        }
        // An external node is reachable when a needed stage uses it.
        let reachableStages = Set(result.stages.filter(\.isNeeded).map { "s\($0.index)" })
        externalNodes = externalNodes.map { n in
            Node(id: n.id, kind: n.kind, label: n.label, base: nil, line: nil, isFinal: false,
                 isReachable: edges.contains { $0.from == n.id && reachableStages.contains($0.to) }, findings: [])
        }
        self.nodes = externalNodes + nodes
        self.edges = edges
    }

    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }
}
