import DockslimAudit

/// Draws the stage graph as inline SVG: a layered layout from left to
/// right (external images, then each stage one column after everything it
/// uses), boxes sized to their text, curved edges with labels. No scripts,
/// no fonts or images from elsewhere.
enum SVGStageGraph {
    static let charWidth = 7.0
    static let lineHeight = 16.0
    static let padding = 10.0
    static let columnGap = 170.0
    static let rowGap = 22.0

    struct Box {
        let node: StageGraphDocument.Node
        let lines: [String]
        var x = 0.0, y = 0.0
        let width: Double, height: Double
    }

    static func svg(_ g: StageGraphDocument) -> String {
        guard !g.nodes.isEmpty else { return "<p class=\"muted\">No stages.</p>" }
        // Ranks: a node sits one column right of everything it uses.
        var rank: [String: Int] = [:]
        for n in g.nodes { rank[n.id] = n.kind == .stage ? 1 : 0 }
        for _ in 0..<g.nodes.count {
            var changed = false
            for e in g.edges {
                let r = (rank[e.from] ?? 0) + 1
                if r > (rank[e.to] ?? 0), r <= g.nodes.count + 1 { rank[e.to] = r; changed = true }
            }
            if !changed { break }
        }
        var boxes: [Box] = g.nodes.map { n in
            let lines = GraphFormats.lines(n).map { GraphFormats.clip($0, 44) }
            let width = Double(lines.map(\.count).max() ?? 4) * charWidth + 2 * padding
            return Box(node: n, lines: lines, width: max(width, 90), height: Double(lines.count) * lineHeight + 2 * padding - 4)
        }
        let maxRank = rank.values.max() ?? 0
        var x = 20.0
        var height = 0.0
        // Order each column by where the nodes it connects to sit (barycentre),
        // images by the first stage that uses them, to keep edges short.
        var order: [String: Double] = [:]
        for (k, n) in g.nodes.enumerated() where n.kind == .stage { order[n.id] = Double(k) }
        for n in g.nodes where n.kind != .stage {
            order[n.id] = g.edges.filter { $0.from == n.id }.compactMap { order[$0.to] }.min().map { $0 - 0.5 } ?? 0
        }
        for r in 0...maxRank {
            var column = boxes.indices.filter { rank[boxes[$0].node.id] == r }
            guard !column.isEmpty else { continue }
            if r > 1 {
                func centre(_ i: Int) -> Double {
                    let sources = g.edges.filter { $0.to == boxes[i].node.id }.compactMap { e in position(of: e.from, in: boxes) }
                        .filter { (rank[boxes[$0].node.id] ?? 0) < r }.map { boxes[$0].y + boxes[$0].height / 2 }
                    return sources.isEmpty ? .infinity : sources.reduce(0, +) / Double(sources.count)
                }
                column.sort { (centre($0), order[boxes[$0].node.id] ?? 0) < (centre($1), order[boxes[$1].node.id] ?? 0) }
            } else {
                column.sort { (order[boxes[$0].node.id] ?? 0) < (order[boxes[$1].node.id] ?? 0) }
            }
            let width = column.map { boxes[$0].width }.max()!
            var y = 20.0
            for i in column {
                boxes[i].x = x
                boxes[i].y = y
                y += boxes[i].height + rowGap
            }
            height = max(height, y)
            x += width + columnGap
        }
        let index = Dictionary(uniqueKeysWithValues: boxes.enumerated().map { ($0.element.node.id, $0.offset) })
        // Edges under the boxes, labels on top of the edges.
        var labels = ""
        var edgesOut = ""
        var placed: [(x: Double, y: Double, w: Double)] = []
        var seenPairs: [String: Int] = [:]
        for e in g.edges {
            guard let a = index[e.from].map({ boxes[$0] }), let b = index[e.to].map({ boxes[$0] }) else { continue }
            let pair = e.from + ">" + e.to
            let k = seenPairs[pair, default: 0]
            seenPairs[pair] = k + 1
            let offset = Double(k) * 10
            let x1 = a.x + a.width, y1 = a.y + a.height / 2 + offset
            let x2 = b.x, y2 = b.y + b.height / 2 + offset
            let path: String
            let lx: Double, ly: Double
            if x2 > x1 {
                let mid = (x1 + x2) / 2
                path = "M \(fmt(x1)) \(fmt(y1)) C \(fmt(mid)) \(fmt(y1)), \(fmt(mid)) \(fmt(y2)), \(fmt(x2)) \(fmt(y2))"
                // The label sits in the gap just before the target, where no box is.
                let t = x2 - x1 > columnGap * 1.5 ? 1 - (columnGap / 2) / (x2 - x1) : 0.5
                (lx, ly) = (x1 + (x2 - x1) * t, bezierY(y1, y2, t))
            } else {
                // Back or same-column edge (only in broken files): loop below.
                let low = max(a.y + a.height, b.y + b.height) + 14 + offset
                path = "M \(fmt(a.x + a.width / 2)) \(fmt(a.y + a.height)) C \(fmt(a.x + a.width / 2)) \(fmt(low)), \(fmt(b.x + b.width / 2)) \(fmt(low)), \(fmt(b.x + b.width / 2)) \(fmt(b.y + b.height))"
                (lx, ly) = ((a.x + b.x + b.width) / 2, low)
            }
            let dash = e.kind == .mount ? " stroke-dasharray=\"5 4\"" : ""
            edgesOut += "<path d=\"\(path)\" fill=\"none\" stroke=\"#64748b\" stroke-width=\"1.5\"\(dash) marker-end=\"url(#arrow)\"><title>\(html(GraphFormats.edgeLabel(e))) (line \(e.line))</title></path>\n"
            // FROM an image needs no label: images are drawn as pills.
            if e.kind == .base && g.node(e.from)?.kind != .stage { continue }
            let text = GraphFormats.clip(GraphFormats.edgeLabel(e), Int((columnGap - 14) / 6.2))
            let w = Double(text.count) * 6.2 + 8
            // Move a label down until it overlaps no label placed before it.
            var y = ly
            while placed.contains(where: { abs($0.x - lx) < ($0.w + w) / 2 && abs($0.y - y) < 17 }) { y += 17 }
            placed.append((lx, y, w))
            labels += "<rect x=\"\(fmt(lx - w / 2))\" y=\"\(fmt(y - 9))\" width=\"\(fmt(w))\" height=\"16\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\"/>"
            labels += "<text x=\"\(fmt(lx))\" y=\"\(fmt(y + 3))\" text-anchor=\"middle\" class=\"edge-label\">\(html(text))</text>\n"
        }
        let totalWidth = x - columnGap + 20
        let totalHeight = max(height + 10, (placed.map(\.y).max() ?? 0) + 20)
        var head = "<svg class=\"graph\" viewBox=\"0 0 \(fmt(totalWidth)) \(fmt(totalHeight))\" width=\"\(fmt(totalWidth))\" style=\"max-width:100%;height:auto\" role=\"img\" aria-label=\"Stage graph of \(html(g.path))\">\n"
        head += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#64748b\"/></marker></defs>\n"
        var out = head + edgesOut
        out += labels
        for b in boxes {
            let n = b.node
            var fill = "#ffffff", stroke = "#94a3b8", strokeWidth = 1.5, dash = "", rx = 6.0, textColor = "#0f172a"
            switch n.kind {
            case .image: fill = "#eef2ff"; stroke = "#6366f1"; rx = b.height / 2
            case .unresolved: fill = "#fef2f2"; stroke = "#dc2626"
            case .stage:
                if n.worst == .error { fill = "#fef2f2"; stroke = "#dc2626" } else if n.worst == .warning { fill = "#fffbeb"; stroke = "#d97706" }
                if n.isFinal { strokeWidth = 3 }
                if !n.isReachable { dash = " stroke-dasharray=\"6 4\""; textColor = "#64748b" }
            }
            var title = n.label
            if !n.findings.isEmpty { title += "\n" + n.findings.map { "\($0.id) line \($0.line): \($0.message)" }.joined(separator: "\n") }
            out += "<g><title>\(html(title))</title>"
            out += "<rect x=\"\(fmt(b.x))\" y=\"\(fmt(b.y))\" width=\"\(fmt(b.width))\" height=\"\(fmt(b.height))\" rx=\"\(fmt(rx))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(strokeWidth)\"\(dash)/>"
            for (k, line) in b.lines.enumerated() {
                let cls = k == 0 ? "node-title" : line.hasPrefix("⚠") ? "node-findings" : "node-text"
                out += "<text x=\"\(fmt(b.x + padding))\" y=\"\(fmt(b.y + padding + 9 + Double(k) * lineHeight))\" class=\"\(cls)\" fill=\"\(textColor)\">\(html(line))</text>"
            }
            out += "</g>\n"
        }
        return out + "</svg>"
    }

    /// The y of the edge curve (control points at the horizontal middle) at parameter t.
    static func bezierY(_ y1: Double, _ y2: Double, _ t: Double) -> Double {
        let u = 1 - t
        return u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2
    }

    static func position(of id: String, in boxes: [Box]) -> Int? { boxes.firstIndex { $0.node.id == id } }

    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
