import DockslimAudit

/// The project picture (`ProjectGraphDocument`) as Mermaid, DOT and JSON,
/// with the same escaping and node styles as one file's stage graph.
public enum ProjectGraphFormats {
    public static func mermaid(_ g: ProjectGraphDocument) -> String {
        var out = "flowchart LR\n"
        for n in g.images { out += "  \(n.id)([\"\(GraphFormats.mermaidText([n.label]))\"])\n" }
        for group in g.groups {
            out += "  subgraph \(group.id)[\"\(GraphFormats.mermaidText([group.title]))\"]\n"
            for n in group.stages { out += "    \(n.id)[\"\(GraphFormats.mermaidText(GraphFormats.lines(n)))\"]\n" }
            out += "  end\n"
        }
        for e in g.edges {
            let arrow = e.kind == "mount" ? "-.->" : e.kind == "transfer" ? "==>" : "-->"
            out += "  \(e.from) \(arrow)|\"\(GraphFormats.mermaidText([e.label]))\"| \(e.to)\n"
        }
        out += "  classDef image fill:#eef2ff,stroke:#6366f1,color:#1e1b4b\n"
        out += "  classDef final stroke-width:3px\n"
        out += "  classDef warning fill:#fffbeb,stroke:#d97706\n"
        out += "  classDef error fill:#fef2f2,stroke:#dc2626\n"
        let stages = g.groups.flatMap(\.stages)
        func classLine(_ name: String, _ ids: [String]) {
            if !ids.isEmpty { out += "  class \(ids.joined(separator: ",")) \(name)\n" }
        }
        classLine("image", g.images.map(\.id))
        classLine("warning", stages.filter { $0.worst == .warning }.map(\.id))
        classLine("error", stages.filter { $0.worst == .error }.map(\.id))
        classLine("final", stages.filter(\.isFinal).map(\.id))
        return out
    }

    public static func dot(_ g: ProjectGraphDocument) -> String {
        var out = "digraph project {\n  rankdir=LR;\n  compound=true;\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        for n in g.images {
            out += "  \(n.id) [label=\(GraphFormats.dotString(n.label)), shape=ellipse, style=filled, fillcolor=\"#eef2ff\", color=\"#6366f1\"];\n"
        }
        for group in g.groups {
            out += "  subgraph cluster_\(group.id) {\n    label=\(GraphFormats.dotString(group.title));\n    style=rounded;\n    color=\"#94a3b8\";\n"
            for n in group.stages {
                var attrs = ["label=\(GraphFormats.dotString(GraphFormats.lines(n).joined(separator: "\n")))"]
                if n.worst == .error { attrs += ["color=\"#dc2626\"", "fillcolor=\"#fef2f2\""] }
                else if n.worst == .warning { attrs += ["color=\"#d97706\"", "fillcolor=\"#fffbeb\""] }
                if n.isFinal { attrs.append("penwidth=3") }
                out += "    \(n.id) [\(attrs.joined(separator: ", "))];\n"
            }
            out += "  }\n"
        }
        for e in g.edges {
            var attrs = ["label=\(GraphFormats.dotString(e.label))"]
            if e.kind == "mount" { attrs.append("style=dashed") }
            if e.kind == "transfer" { attrs += ["penwidth=2", "color=\"#0f766e\""] }
            out += "  \(e.from) -> \(e.to) [\(attrs.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    public static func json(_ g: ProjectGraphDocument) -> String {
        func node(_ n: StageGraphDocument.Node) -> JSONValue {
            .object([
                ("id", .string(n.id)), ("kind", .string(n.kind.rawValue)), ("label", .string(n.label)), ("base", .optional(n.base)),
                ("line", n.line.map(JSONValue.int) ?? .null), ("final", .bool(n.isFinal)),
                ("findings", .array(n.findings.map { .string($0.id) })),
            ])
        }
        return JSONValue.object([
            ("version", .string(JSONSchemaVersion.current)),
            ("images", .array(g.images.map(node))),
            ("builds", .array(g.groups.map { group in
                var pairs: [(String, JSONValue)] = [("id", .string(group.id)), ("title", .string(group.title)), ("path", .string(group.file.path))]
                if let b = group.file.build { pairs.append(("build", FindingJSON.build(b))) }
                pairs.append(("stages", .array(group.stages.map(node))))
                return .object(pairs)
            })),
            ("edges", .array(g.edges.map { e in
                .object([("from", .string(e.from)), ("to", .string(e.to)), ("kind", .string(e.kind)), ("label", .string(e.label))])
            })),
        ]).pretty
    }
}
