import DockslimAudit

/// A whole project as one picture: one group per build (a Compose service
/// or Bake target, or a Dockerfile no project builds) holding the stages
/// its final image needs, the base images shared between them, and the
/// transfers between builds (a build `FROM` another's image, through a
/// named context or the image's tag).
public struct ProjectGraphDocument: Sendable {
    public struct Group: Sendable {
        /// `b0`, `b1`: safe in every format.
        public let id: String
        /// `service api · docker/api.df → runtime`.
        public let title: String
        public let file: AuditedFile
        /// The stages the final image needs, ids prefixed with the group's.
        public let stages: [StageGraphDocument.Node]
    }

    public struct Edge: Sendable {
        public let from: String
        public let to: String
        public let kind: String
        public let label: String
    }

    public let groups: [Group]
    /// Base images, each once, however many builds use it.
    public let images: [StageGraphDocument.Node]
    public let edges: [Edge]

    public init(_ files: [AuditedFile]) {
        var groups: [Group] = []
        var images: [StageGraphDocument.Node] = []
        var imageIDs: [String: String] = [:]
        var edges: [Edge] = []
        var finals: [(group: Int, node: String, file: AuditedFile)] = []
        var pending: [(group: Int, image: String, to: String, kind: String, label: String)] = []

        for (k, file) in files.enumerated() {
            let doc = StageGraphDocument(file)
            let id = "b\(k)"
            let kept = doc.nodes.filter { $0.kind == .stage && $0.isReachable }
            let keptIDs = Set(kept.map(\.id))
            let stages = kept.map { n in
                StageGraphDocument.Node(id: id + n.id, kind: .stage, label: n.label, base: n.base, line: n.line, isFinal: n.isFinal,
                                        isReachable: true, findings: n.findings)
            }
            groups.append(Group(id: id, title: Self.title(file), file: file, stages: stages))
            if let final = kept.first(where: \.isFinal) { finals.append((k, id + final.id, file)) }
            for e in doc.edges where keptIDs.contains(e.to) {
                let label = GraphFormats.edgeLabel(e)
                if let source = doc.node(e.from), source.kind != .stage {
                    pending.append((k, source.label, id + e.to, e.kind.rawValue, label))
                } else if keptIDs.contains(e.from) {
                    edges.append(Edge(from: id + e.from, to: id + e.to, kind: e.kind.rawValue, label: label))
                }
            }
        }
        // An image another build produces, or a named context naming one, is a transfer; the rest are base images.
        for p in pending {
            let file = files[p.group]
            if let producer = Self.producer(of: p.image, for: file, among: finals.filter { $0.group != p.group }) {
                edges.append(Edge(from: producer, to: p.to, kind: "transfer", label: p.label == "FROM" ? "image" : p.label))
                continue
            }
            let shown = Self.resolvedContextImage(p.image, in: file) ?? p.image
            let imageID: String
            if let known = imageIDs[shown] {
                imageID = known
            } else {
                imageID = "i\(images.count)"
                imageIDs[shown] = imageID
                images.append(StageGraphDocument.Node(id: imageID, kind: .image, label: shown, base: nil, line: nil, isFinal: false,
                                                      isReachable: true, findings: []))
            }
            edges.append(Edge(from: imageID, to: p.to, kind: p.kind, label: p.label))
        }
        self.groups = groups
        self.images = images
        self.edges = edges
    }

    static func title(_ file: AuditedFile) -> String {
        guard let b = file.build else { return file.path }
        let final = b.target.map { " → \($0)" } ?? ""
        return "\(b.tool == "bake" ? "target" : "service") \(b.names.joined(separator: ", ")) · \(file.path)\(final)"
    }

    /// The final stage of the build that `reference` names: through a named
    /// context (`service:api`, `target:base`), or an image tag it produces.
    static func producer(of reference: String, for file: AuditedFile, among finals: [(group: Int, node: String, file: AuditedFile)]) -> String? {
        if let c = file.build?.namedContexts.first(where: { $0.name == reference }) {
            guard c.kind == .service || c.kind == .target else { return nil }
            return finals.first { $0.file.build?.names.contains(c.value) == true }?.node
        }
        return finals.first { $0.file.build?.producedImages.contains(reference) == true }?.node
    }

    /// A named context that stands for an image: the image it names.
    static func resolvedContextImage(_ reference: String, in file: AuditedFile) -> String? {
        guard let c = file.build?.namedContexts.first(where: { $0.name == reference }) else { return nil }
        return c.kind == .image ? c.value : "\(reference) (\(c.kind.rawValue) \(c.value))"
    }
}
