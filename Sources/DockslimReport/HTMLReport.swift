import DockerfileFacts
import DockerfileModel
import DockslimAudit

/// `dockslim audit --html`: one self-contained page (inline CSS and SVG, no
/// scripts, nothing fetched) that shows, for each Dockerfile, the base size
/// before and after the suggested recipe, the stage graph, the findings
/// with their fixes, a layer timeline that marks where a source change
/// busts the cache, and the patch the recipe would make.
public enum HTMLReport {
    public static func page(_ files: [AuditedFile], version: String) -> String {
        var body = ""
        let totals = Severity.allCases.reversed().map { s in (s, files.reduce(0) { $0 + $1.count(s) }) }
        body += "<header><h1>dockslim audit</h1><p class=\"muted\">\(files.count) Dockerfile\(files.count == 1 ? "" : "s") · "
        body += totals.map { "<span class=\"pill \($0.1 == 0 ? "zero" : $0.0.rawValue)\">\($0.1) \($0.0.rawValue)\($0.1 == 1 ? "" : "s")</span>" }.joined(separator: " ")
        body += " · dockslim \(html(version))</p></header>\n"
        if files.contains(where: { $0.build != nil }) {
            body += HTMLArchitecture.section(files, anchors: files.indices.map { "file\($0)" })
        } else if files.count > 1 {
            body += "<nav><h2>Files</h2><table class=\"toc\"><thead><tr><th>Dockerfile</th><th>Final base now</th><th>After the suggested recipe</th><th>Findings</th></tr></thead><tbody>\n"
            for (k, f) in files.enumerated() {
                let (now, after) = baseCells(f)
                body += "<tr><td><a href=\"#file\(k)\">\(html(f.path))</a></td><td>\(now)</td><td>\(after)</td><td>\(counts(f))</td></tr>\n"
            }
            body += "</tbody></table></nav>\n"
        }
        for (k, f) in files.enumerated() { body += section(f, anchor: "file\(k)") }
        body += "<footer><p>Base-image sizes are linux/amd64 estimates from a table compiled into dockslim (docker-library/repo-info and the distroless README, each row with its source and date; hover a size to see it). Compressed is what a pull transfers; on disk is what <code>docker images</code> shows. “unknown” means the table has no figure.</p></footer>\n"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>dockslim audit</title>
        <style>\(css)</style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// The table cells "final base now" and "after the suggested recipe",
    /// sizes in one unit (`SizePair`).
    static func baseCells(_ f: AuditedFile) -> (now: String, after: String) {
        let base = f.result.finalStage?.rootImage
        let sizes = SizePair(before: base, after: f.suggestion.flatMap { $0.skipped == nil ? $0.finalImageAfter : nil })
        let now = "<code>\(html(base?.original ?? f.result.finalStage?.baseText ?? "—"))</code> <span class=\"muted\">\(html(sizes.before))</span>"
        guard let sug = f.suggestion, sug.skipped == nil else { return (now, "<span class=\"muted\">—</span>") }
        return (now, "<code>\(html(sug.finalImageAfter?.original ?? "?"))</code> <span class=\"muted\">\(html(sizes.after)) · \(html(sug.recipe))</span>")
    }

    static func counts(_ f: AuditedFile) -> String {
        let parts = Severity.allCases.reversed().compactMap { s -> String? in
            let n = f.count(s)
            return n == 0 ? nil : "<span class=\"pill \(s.rawValue)\">\(n) \(s.rawValue)\(n == 1 ? "" : "s")</span>"
        }
        return parts.isEmpty ? "<span class=\"pill ok\">no findings</span>" : parts.joined(separator: " ")
    }

    // MARK: One file

    static func section(_ f: AuditedFile, anchor: String) -> String {
        let build = f.build.map { " <span class=\"muted\">— \(html($0.summary)) (\(html($0.definition)))</span>" } ?? ""
        var s = "<section class=\"file\" id=\"\(anchor)\">\n<h2>\(html(f.path))\(build)</h2>\n<div class=\"summary\">\(counts(f))</div>\n"
        s += cards(f)
        s += "<h3>Stage graph</h3>\n<div class=\"graph-box\">\(SVGStageGraph.svg(StageGraphDocument(f)))</div>\n"
        s += "<p class=\"legend\"><span class=\"key final\"></span> final stage <span class=\"key unreachable\"></span> not needed by the final stage <span class=\"key image\"></span> external image · arrows without a label are FROM; dashed arrows are <code>RUN --mount from=</code></p>\n"
        s += findings(f)
        s += timeline(f)
        s += patch(f)
        return s + "</section>\n"
    }

    /// Base size before and after, what the cache does, the headline finding.
    /// Before and after are set in one unit (`SizePair`): a compressed
    /// figure beside an on-disk one would overstate the saving.
    static func cards(_ f: AuditedFile) -> String {
        var s = "<div class=\"cards\">\n"
        let before = f.result.finalStage?.rootImage
        let after = f.suggestion.flatMap { $0.skipped == nil ? $0.finalImageAfter : nil }
        let pair = after.map { SizePair(before: before, after: $0) }
        let installs = f.result.findings.contains { $0.id == "DS002" }
        let installed = installs ? "<div class=\"muted\">the base only: RUN also installs build tools into this image (DS002)</div>" : ""
        s += "<div class=\"card\"><div class=\"label\">Final image base now</div>\(imageSize(before, fallback: f.result.finalStage?.baseText, shown: pair?.before))\(installed)</div>\n"
        if let sug = f.suggestion, sug.skipped == nil {
            s += "<div class=\"card good\"><div class=\"label\">After <code>dockslim rewrite --recipe \(html(sug.recipe))</code></div>\(imageSize(sug.finalImageAfter, fallback: nil, shown: pair?.after))</div>\n"
        } else if let sug = f.suggestion, let why = sug.skipped {
            s += "<div class=\"card\"><div class=\"label\">After a recipe</div><div class=\"value small\">no builtin recipe applies</div><div class=\"muted\">\(html(sug.recipe)): \(html(why))</div></div>\n"
        } else {
            s += "<div class=\"card\"><div class=\"label\">After a recipe</div><div class=\"value small\">no recipe suggested</div></div>\n"
        }
        s += "<div class=\"card\"><div class=\"label\">On a source change</div>\(cacheSummary(f))</div>\n"
        return s + "</div>\n"
    }

    /// An image and its size: `shown` when the card is compared with
    /// another (the pair's common unit), else every figure the table has.
    static func imageSize(_ ref: ImageReference?, fallback: String?, shown: String? = nil) -> String {
        guard let ref else { return "<div class=\"value\"><code>\(html(fallback ?? "unknown"))</code></div><div class=\"muted\">size unknown</div>" }
        var s = "<div class=\"value\"><code>\(html(ref.original))</code></div>"
        guard let m = BaseImageSizes.lookup(ref), m.row.compressedMB != nil || m.row.uncompressedMB != nil else {
            return s + "<div class=\"size\">size unknown</div>"
        }
        var parts: [String] = []
        if let c = m.row.compressedMB { parts.append("\(BaseImageSizes.format(c)) MB compressed") }
        if let u = m.row.uncompressedMB { parts.append("\(BaseImageSizes.format(u)) MB on disk") }
        let family = m.family.map { " (figure for the \(ref.name):\($0) family)" } ?? ""
        let title = "\(m.row.source) — as of \(m.row.asOf)\(family)"
        s += "<div class=\"size\" title=\"\(html(title))\">\(html(shown ?? parts.joined(separator: " · ")))</div>"
        if m.row.source.contains("LOW CONFIDENCE") { s += "<div class=\"muted\">low-confidence third-party figure</div>" }
        return s
    }

    static func cacheSummary(_ f: AuditedFile) -> String {
        let needed = f.result.stages.filter(\.isNeeded)
        let rerun = needed.reduce(0) { $0 + $1.cache.filter { $0 != .cached }.count }
        guard let first = needed.first(where: { $0.bustAt != nil }), let at = first.bustAt else {
            return "<div class=\"value small\">nothing re-runs</div><div class=\"muted\">no step reads the sources</div>"
        }
        let i = f.dockerfile.stages[first.index].instructions[at]
        return "<div class=\"value small\">\(rerun) step\(rerun == 1 ? "" : "s") re-run</div><div class=\"muted\">the cache busts at line \(i.startLine): <code>\(html(clipped(i.original, 40)))</code></div>"
    }

    static func findings(_ f: AuditedFile) -> String {
        var s = "<h3>Findings</h3>\n"
        guard !f.result.findings.isEmpty else { return s + "<p class=\"muted\">No findings.</p>\n" }
        s += "<ul class=\"findings\">\n"
        for x in f.result.findings {
            s += "<li class=\"finding \(x.severity.rawValue)\"><div class=\"head\"><span class=\"pill \(x.severity.rawValue)\">\(x.severity.rawValue)</span> "
            s += "<span class=\"id\">\(x.id)</span> <span class=\"where\">line \(x.line)</span> <span class=\"message\">\(html(x.message))</span></div>"
            s += "<div class=\"fix\">"
            if let recipe = x.fix {
                s += "Fix: <code>dockslim rewrite --recipe \(html(recipe)) \(html(f.path))</code>"
            } else {
                s += "What to do: \(html(x.rule.advice))"
                if let why = x.fixUnavailable { s += " <span class=\"muted\">(no recipe applies here: \(html(why)))</span>" }
            }
            s += "</div><details><summary>Why it matters</summary><p>\(html(x.rule.explanation))</p></details></li>\n"
        }
        return s + "</ul>\n"
    }

    /// One row per instruction: what a change to the source files does to its cache.
    static func timeline(_ f: AuditedFile) -> String {
        var s = "<h3>Layer timeline</h3>\n<p class=\"muted\">What a change to a source file (anything but the dependency manifests) does to each step’s cache. BuildKit reuses a step only while every step before it is unchanged.</p>\n"
        s += "<table class=\"timeline\"><thead><tr><th>line</th><th>instruction</th><th>on a source change</th></tr></thead><tbody>\n"
        for stage in f.result.stages {
            let model = f.dockerfile.stages[stage.index]
            let tag = stage.isFinal ? " <span class=\"pill final\">final</span>" : stage.isNeeded ? "" : " <span class=\"pill muted-pill\">not needed</span>"
            s += "<tr class=\"stage-row\"><td colspan=\"3\">stage <strong>\(html(stage.label))</strong>\(tag)</td></tr>\n"
            var baseChanged = false
            if case .stage(let b) = model.base, b < f.result.stages.count { baseChanged = f.result.stages[b].bustAt != nil || f.result.stages[b].cache.contains(.reruns) }
            s += row(model.from, state: baseChanged ? .reruns : .cached, note: baseChanged ? "its base stage changed" : nil)
            for (k, i) in model.instructions.enumerated() {
                let state = k < stage.cache.count ? stage.cache[k] : .cached
                var note: String?
                if state == .busts {
                    note = i.kind == .run ? "mounts files that change" : i.flag("from") != nil ? "copies from a stage that changed" : "copies source files"
                }
                s += row(i, state: state, note: note)
            }
        }
        return s + "</tbody></table>\n<p class=\"legend\"><span class=\"chip cached\">cached</span> reused <span class=\"chip busts\">busts</span> its input changes: the cache busts here <span class=\"chip reruns\">re-runs</span> runs again because a step before it changed</p>\n"
    }

    static func row(_ i: Instruction, state: CacheState, note: String?) -> String {
        let label = state == .busts ? "busts" : state == .reruns ? "re-runs" : "cached"
        let extra = note.map { " <span class=\"muted\">\(html($0))</span>" } ?? ""
        return "<tr class=\"\(state.rawValue)\"><td class=\"ln\">\(i.startLine)</td><td><code>\(html(clipped(i.original, 110)))</code></td><td><span class=\"chip \(state.rawValue)\">\(label)</span>\(extra)</td></tr>\n"
    }

    static func patch(_ f: AuditedFile) -> String {
        var s = "<h3>What <code>dockslim rewrite</code> would change</h3>\n"
        guard let sug = f.suggestion else { return s + "<p class=\"muted\">No finding has a recipe that changes this file.</p>\n" }
        if let why = sug.skipped { return s + "<p class=\"muted\">\(html(sug.recipe)) makes no change: \(html(why))</p>\n" }
        s += "<p><code>dockslim rewrite --recipe \(html(sug.recipe)) \(html(f.path))</code></p>\n<pre class=\"patch\">"
        for line in sug.patch.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = String(line)
            let cls = l.hasPrefix("+++") || l.hasPrefix("---") ? "meta" : l.hasPrefix("@@") ? "hunk" : l.hasPrefix("+") ? "add" : l.hasPrefix("-") ? "del" : "ctx"
            s += "<span class=\"\(cls)\">\(html(l))</span>\n"
        }
        return s + "</pre>\n"
    }

    static func clipped(_ s: String, _ limit: Int) -> String {
        let one = s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        return one.count > limit ? String(one.prefix(limit - 1)) + "…" : one
    }

    static let css = """
    :root{--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--err:#dc2626;--warn:#d97706;--note:#0284c7;--ok:#16a34a}
    *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif}
    main{max-width:1100px;margin:0 auto;padding:24px}
    h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:0 0 6px;font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
    h3{font-size:16px;margin:26px 0 8px;color:#334155}
    code,pre{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:13px}
    .muted{color:var(--muted);font-size:13px}
    header{margin-bottom:18px}nav{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin-bottom:22px}
    nav h2{font-family:inherit;font-size:16px}
    table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
    th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
    .file{background:#fff;border:1px solid var(--line);border-radius:12px;padding:22px 24px;margin-bottom:28px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
    .pill{display:inline-block;white-space:nowrap;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;color:#fff;background:var(--muted)}
    .pill.error{background:var(--err)}.pill.warning{background:var(--warn)}.pill.note{background:var(--note)}.pill.ok{background:var(--ok)}
    .pill.zero{background:#e2e8f0;color:#64748b}.pill.final{background:#0f172a}.pill.muted-pill{background:#cbd5e1;color:#334155}
    .cards{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin:16px 0 4px}
    .card{border:1px solid var(--line);border-radius:10px;padding:12px 14px;background:#fcfdff}
    .card.good{border-color:#86efac;background:#f0fdf4}
    .card .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;margin-bottom:4px}
    .card .label code{text-transform:none;letter-spacing:0;font-size:12px}
    .card .value{font-size:16px;font-weight:600;word-break:break-all}.card .value.small{font-size:15px}
    .card .size{font-size:22px;font-weight:700;margin-top:2px}
    .graph-box{overflow-x:auto;border:1px solid var(--line);border-radius:10px;background:#fff;padding:6px}
    svg.graph text{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
    svg.graph .node-title{font-weight:700}svg.graph .node-findings{fill:#b45309}svg.graph .edge-label{fill:#475569;font-size:10.5px}
    .legend{font-size:12px;color:var(--muted)}.key{display:inline-block;width:18px;height:11px;border-radius:3px;margin:0 4px 0 12px;vertical-align:-1px;border:1.5px solid #94a3b8}
    .key.final{border-width:3px;border-color:#0f172a}.key.unreachable{border-style:dashed}.key.image{background:#eef2ff;border-color:#6366f1;border-radius:9px}
    ul.findings{list-style:none;padding:0;margin:0}
    .finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:8px;padding:8px 12px;margin-bottom:8px}
    .finding.error{border-left-color:var(--err)}.finding.warning{border-left-color:var(--warn)}.finding.note{border-left-color:var(--note)}
    .finding .id{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}.finding .where{color:var(--muted);font-size:13px}
    .finding .fix{margin-top:4px;font-size:14px}.finding .fix code{background:#f1f5f9;padding:1px 5px;border-radius:4px}
    details summary{cursor:pointer;color:var(--muted);font-size:13px}details p{margin:4px 0 0;font-size:14px}
    table.timeline td.ln{color:var(--muted);width:48px;text-align:right;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
    table.timeline tr.stage-row td{background:#f1f5f9;font-size:13px;border-top:2px solid var(--line)}
    table.timeline tr.busts td{background:#fef2f2}table.timeline tr.reruns td{background:#fffbeb}
    table.timeline td code{white-space:pre-wrap;word-break:break-all}
    .chip{display:inline-block;border-radius:4px;padding:0 7px;font-size:12px;font-weight:600}
    .chip.cached{background:#dcfce7;color:#166534}.chip.busts{background:#fee2e2;color:#991b1b}.chip.reruns{background:#fef3c7;color:#92400e}
    pre.patch{background:#0f172a;color:#e2e8f0;border-radius:10px;padding:12px 14px;overflow-x:auto;line-height:1.45}
    pre.patch .add{color:#86efac}pre.patch .del{color:#fca5a5}pre.patch .hunk{color:#7dd3fc}pre.patch .meta{color:#cbd5e1;font-weight:700}
    footer{color:var(--muted);font-size:12px;margin-top:10px}
    @media (max-width:760px){.cards{grid-template-columns:1fr}}
    """
}
