import DockerfileFacts
import DockerfileModel
import DockslimAudit

/// The opening of the HTML report for a Compose or Bake project: the
/// project picture, then per build its Dockerfile, the stages it builds up
/// to its target, its final base now and after the suggested recipe (in
/// one unit on both sides), the bases builds share and the transfers
/// between them.
enum HTMLArchitecture {
    static func section(_ files: [AuditedFile], anchors: [String]) -> String {
        let graph = ProjectGraphDocument(files)
        var s = "<section class=\"file\" id=\"architecture\">\n<h2>Architecture</h2>\n"
        let definitions = Array(Set(files.compactMap { $0.build?.definition })).sorted()
        s += "<p class=\"muted\">Read from \(definitions.map { "<code>\(html($0))</code>" }.joined(separator: ", ")): \(files.count) build\(files.count == 1 ? "" : "s"), each shown with the stages its image needs.</p>\n"
        s += "<div class=\"graph-box\">\(SVGStageGraph.svg(picture(graph)))</div>\n"
        s += "<p class=\"legend\"><span class=\"key final\"></span> final stage of a build <span class=\"key image\"></span> base image · an arrow from one build's final stage into another build is a transfer: that build starts from (or copies from) the other's image</p>\n"
        s += "<table class=\"toc\"><thead><tr><th>Build</th><th>Dockerfile</th><th>Stages built</th><th>Final base now</th><th>After the suggested recipe</th><th>Findings</th></tr></thead><tbody>\n"
        for (k, group) in graph.groups.enumerated() {
            let f = group.file
            let who = f.build.map { "\($0.tool == "bake" ? "target" : "service") \($0.names.joined(separator: ", "))" } ?? "—"
            let stages = group.stages.map { $0.label + ($0.isFinal ? " (final)" : "") }.joined(separator: " → ")
            let (now, after) = HTMLReport.baseCells(f)
            s += "<tr><td>\(html(who))</td><td><a href=\"#\(anchors[k])\">\(html(f.path))</a></td><td>\(html(stages))</td><td>\(now)</td><td>\(after)</td><td>\(HTMLReport.counts(f))</td></tr>\n"
        }
        s += "</tbody></table>\n"
        s += shared(graph) + transfers(graph)
        return s + "</section>\n"
    }

    /// Base images more than one build starts from.
    static func shared(_ g: ProjectGraphDocument) -> String {
        var users: [String: [String]] = [:]
        for e in g.edges where e.from.hasPrefix("i") {
            let group = g.groups.first { e.to.hasPrefix($0.id + "s") }
            if let group, !(users[e.from] ?? []).contains(group.title) { users[e.from, default: []].append(group.title) }
        }
        let rows = g.images.filter { (users[$0.id]?.count ?? 0) > 1 }
        guard !rows.isEmpty else { return "<p class=\"muted\">No base image is shared between builds.</p>\n" }
        var s = "<h3>Shared bases</h3>\n<ul>\n"
        for image in rows {
            let size = ImageReference(image.label).flatMap(BaseImageSizes.describe) ?? "size unknown"
            s += "<li><code>\(html(image.label))</code> <span class=\"muted\">\(html(size))</span>: \(users[image.id]!.map(html).joined(separator: "; "))</li>\n"
        }
        return s + "</ul>\n"
    }

    /// Builds that start from, or copy from, another build's image.
    static func transfers(_ g: ProjectGraphDocument) -> String {
        let edges = g.edges.filter { $0.kind == "transfer" }
        guard !edges.isEmpty else { return "<p class=\"muted\">No build uses another build's image.</p>\n" }
        func title(_ node: String) -> String { g.groups.first { node.hasPrefix($0.id + "s") }?.title ?? node }
        var s = "<h3>Transfers between builds</h3>\n<ul>\n"
        for e in edges { s += "<li>\(html(title(e.from))) → \(html(title(e.to))) <span class=\"muted\">(\(html(e.label)))</span></li>\n" }
        return s + "</ul>\n"
    }

    /// The project graph as one stage graph, for the SVG layout: stages
    /// are named by their build.
    static func picture(_ g: ProjectGraphDocument) -> StageGraphDocument {
        var nodes = g.images
        for group in g.groups {
            let owner = group.file.build?.names.joined(separator: ",") ?? group.file.path
            nodes += group.stages.map { n in
                StageGraphDocument.Node(id: n.id, kind: .stage, label: "\(owner): \(n.label)", base: n.base, line: n.line, isFinal: n.isFinal,
                                        isReachable: true, findings: n.findings)
            }
        }
        let edges = g.edges.map { e in
            // A transfer is drawn as FROM: the arrow from one build's final stage into another's.
            StageGraphDocument.Edge(from: e.from, to: e.to, kind: e.kind == "mount" ? .mount : e.kind == "copy" ? .copy : .base,
                                    label: e.label.hasPrefix("COPY ") ? String(e.label.dropFirst(5)) : e.label, line: 0)
        }
        return StageGraphDocument(path: "project", nodes: nodes, edges: edges)
    }
}

/// Two base-image sizes in the same unit: compressed when the table has
/// both compressed figures, else on disk when it has both, else each as known.
struct SizePair {
    let before: String
    let after: String

    init(before: ImageReference?, after: ImageReference?) {
        let b = before.flatMap(BaseImageSizes.lookup)?.row, a = after.flatMap(BaseImageSizes.lookup)?.row
        if let bc = b?.compressedMB, let ac = a?.compressedMB {
            self.before = "\(BaseImageSizes.format(bc)) MB compressed"
            self.after = "\(BaseImageSizes.format(ac)) MB compressed"
        } else if let bu = b?.uncompressedMB, let au = a?.uncompressedMB {
            self.before = "\(BaseImageSizes.format(bu)) MB on disk"
            self.after = "\(BaseImageSizes.format(au)) MB on disk"
        } else if before != nil && after != nil && b != nil && a != nil {
            // Figures in different units are never set side by side as if comparable.
            self.before = (before.flatMap(BaseImageSizes.describe) ?? "size unknown") + " (no figure in the same unit for both)"
            self.after = (after.flatMap(BaseImageSizes.describe) ?? "size unknown") + " (no figure in the same unit for both)"
        } else {
            self.before = before.flatMap(BaseImageSizes.describe) ?? "size unknown"
            self.after = after.flatMap(BaseImageSizes.describe) ?? "size unknown"
        }
    }
}
