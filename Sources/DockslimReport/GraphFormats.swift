import DockslimAudit

/// The stage graph as Mermaid (for GitHub's ```mermaid blocks), Graphviz
/// DOT, and JSON.
public enum GraphFormats {
    // MARK: Mermaid

    /// A `flowchart LR`. Labels are quoted and every character Mermaid
    /// treats specially is written as an entity code (`#quot;`, `#35;`), so
    /// the text renders as written whatever the Dockerfile says; control
    /// characters are shown escaped (`TerminalText`), never written raw.
    public static func mermaid(_ g: StageGraphDocument) -> String {
        var out = "flowchart LR\n"
        for n in g.nodes {
            let text = mermaidText(lines(n))
            switch n.kind {
            case .stage: out += "  \(n.id)[\"\(text)\"]\n"
            case .image: out += "  \(n.id)([\"\(text)\"])\n"
            case .unresolved: out += "  \(n.id){{\"\(text)\"}}\n"
            }
        }
        for e in g.edges {
            let arrow = e.kind == .mount ? "-.->" : "-->"
            out += "  \(e.from) \(arrow)|\"\(mermaidText([edgeLabel(e)]))\"| \(e.to)\n"
        }
        out += "  classDef image fill:#eef2ff,stroke:#6366f1,color:#1e1b4b\n"
        out += "  classDef unresolved fill:#fef2f2,stroke:#dc2626,color:#7f1d1d\n"
        out += "  classDef final stroke-width:3px\n"
        out += "  classDef unreachable stroke-dasharray:5 5,color:#6b7280\n"
        out += "  classDef warning fill:#fffbeb,stroke:#d97706\n"
        out += "  classDef error fill:#fef2f2,stroke:#dc2626\n"
        func classLine(_ name: String, _ ids: [String]) {
            if !ids.isEmpty { out += "  class \(ids.joined(separator: ",")) \(name)\n" }
        }
        classLine("image", g.nodes.filter { $0.kind == .image }.map(\.id))
        classLine("unresolved", g.nodes.filter { $0.kind == .unresolved }.map(\.id))
        classLine("warning", g.nodes.filter { $0.worst == .warning }.map(\.id))
        classLine("error", g.nodes.filter { $0.worst == .error }.map(\.id))
        classLine("final", g.nodes.filter(\.isFinal).map(\.id))
        classLine("unreachable", g.nodes.filter { $0.kind == .stage && !$0.isReachable }.map(\.id))
        return out
    }

    static func mermaidText(_ lines: [String]) -> String {
        lines.map { line in
            var s = ""
            for c in TerminalText.escaped(line, singleLine: true).unicodeScalars {
                switch c {
                case "#": s += "#35;"
                case "\"": s += "#quot;"
                case "<": s += "#lt;"
                case ">": s += "#gt;"
                case "|": s += "#124;"
                case "`": s += "#96;"
                default: s.unicodeScalars.append(c)
                }
            }
            return s
        }.joined(separator: "<br/>")
    }

    // MARK: DOT

    public static func dot(_ g: StageGraphDocument) -> String {
        var out = "digraph \(dotString(g.path)) {\n"
        out += "  rankdir=LR;\n"
        out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        for n in g.nodes {
            var attrs = ["label=\(dotString(lines(n).joined(separator: "\n")))"]
            switch n.kind {
            case .image: attrs += ["shape=ellipse", "style=filled", "fillcolor=\"#eef2ff\"", "color=\"#6366f1\""]
            case .unresolved: attrs += ["shape=hexagon", "style=filled", "fillcolor=\"#fef2f2\"", "color=\"#dc2626\""]
            case .stage:
                if n.worst == .error { attrs += ["color=\"#dc2626\"", "fillcolor=\"#fef2f2\""] }
                else if n.worst == .warning { attrs += ["color=\"#d97706\"", "fillcolor=\"#fffbeb\""] }
                if n.isFinal { attrs.append("penwidth=3") }
                if !n.isReachable { attrs += ["style=\"rounded,dashed\"", "fontcolor=\"#6b7280\""] }
            }
            out += "  \(n.id) [\(attrs.joined(separator: ", "))];\n"
        }
        for e in g.edges {
            var attrs = ["label=\(dotString(edgeLabel(e)))"]
            if e.kind == .mount { attrs.append("style=dashed") }
            out += "  \(e.from) -> \(e.to) [\(attrs.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    /// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`,
    /// other control characters shown escaped (`TerminalText`), never raw.
    static func dotString(_ s: String) -> String {
        var out = "\""
        for c in TerminalText.escaped(s.replacingCarriageReturns()).unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    // MARK: JSON

    public static func json(_ g: StageGraphDocument) -> String {
        JSONValue.object([
            ("version", .string(JSONSchemaVersion.current)),
            ("path", .string(g.path)),
            ("nodes", .array(g.nodes.map { n in
                .object([
                    ("id", .string(n.id)),
                    ("kind", .string(n.kind.rawValue)),
                    ("label", .string(n.label)),
                    ("base", .optional(n.base)),
                    ("line", n.line.map(JSONValue.int) ?? .null),
                    ("final", .bool(n.isFinal)),
                    ("reachable", .bool(n.isReachable)),
                    ("findings", .array(n.findings.map { f in
                        .object([("id", .string(f.id)), ("severity", .string(f.severity.rawValue)), ("line", .int(f.line)),
                                 ("message", .string(f.message))])
                    })),
                ])
            })),
            ("edges", .array(g.edges.map { e in
                .object([("from", .string(e.from)), ("to", .string(e.to)), ("kind", .string(e.kind.rawValue)),
                         ("label", .string(e.label)), ("line", .int(e.line))])
            })),
        ]).pretty
    }

    // MARK: Shared text

    /// A node's text, one entry per line.
    static func lines(_ n: StageGraphDocument.Node) -> [String] {
        switch n.kind {
        case .image: return [n.label]
        case .unresolved: return [n.label, "unresolved"]
        case .stage:
            var title = n.label.hasPrefix("#") ? "stage \(n.label)" : n.label
            if n.isFinal { title += " (final)" } else if !n.isReachable { title += " (unreachable)" }
            var out = [title, "FROM \(n.base ?? "")"]
            let ids = n.findings.map(\.id)
            var unique: [String] = []
            for i in ids where !unique.contains(i) { unique.append(i) }
            if !unique.isEmpty { out.append("⚠ " + unique.joined(separator: " · ")) }
            return out
        }
    }

    /// `FROM`, `COPY /out/app → /app`, `mount /root/.cache`.
    static func edgeLabel(_ e: StageGraphDocument.Edge) -> String {
        switch e.kind {
        case .base: return "FROM"
        case .copy: return "COPY " + clip(e.label)
        case .mount: return "mount " + clip(e.label)
        }
    }

    static func clip(_ s: String, _ limit: Int = 48) -> String {
        s.count > limit ? String(s.prefix(limit - 1)) + "…" : s
    }
}

extension String {
    /// Without `\r`: DOT labels drop carriage returns rather than show them.
    fileprivate func replacingCarriageReturns() -> String {
        unicodeScalars.contains("\r") ? String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "\r" })) : self
    }
}
