import DockslimReport
import DockslimRewrite
import UnifiedDiff

/// Patch text for the terminal: plain, coloured, or with each hunk
/// explained by the pass and reason that made it.
enum PatchRenderer {
    /// ANSI colours, as git uses them. Coloured output is for a terminal
    /// (it no longer applies as a patch), so the lines' control characters
    /// are shown escaped there; the plain patch stays byte-exact.
    static func colored(_ patch: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for line in splitLines(patch) {
            let color: String?
            if line.starts(with: Array("--- ".utf8)) || line.starts(with: Array("+++ ".utf8)) { color = "\u{1B}[1m" }
            else if line.first == UInt8(ascii: "@") { color = "\u{1B}[36m" }
            else if line.first == UInt8(ascii: "-") { color = "\u{1B}[31m" }
            else if line.first == UInt8(ascii: "+") { color = "\u{1B}[32m" }
            else { color = nil }
            var body = Array(line)
            var ending: [UInt8] = []
            while let last = body.last, last == 0x0A || last == 0x0D { ending.insert(body.removeLast(), at: 0) }
            body = TerminalText.escaped(bytes: body)
            guard let color else { out += body + ending; continue }
            out += Array(color.utf8) + body + Array("\u{1B}[0m".utf8) + ending
        }
        return out
    }

    /// For `--explain`: each applied pass's own patch, one after the other
    /// for the same file (git and patch apply them in turn), every hunk's
    /// `@@` line followed by `pass: reason; reason` for the edits it holds.
    /// Nothing goes between a file's header and its hunks, so the whole
    /// output is itself a patch that applies.
    static func explained(path: String, _ rewrite: FileRewrite) -> [UInt8] {
        var out: [UInt8] = []
        for step in rewrite.steps where step.applied {
            let old = splitLines(step.input), new = splitLines(step.output)
            let hunks = UnifiedPatch.hunks(old: old, new: new)
            guard !hunks.isEmpty else { continue }
            out += Array("--- a/\(path)\n+++ b/\(path)\n".utf8)
            // The line (1-based) where each edit starts in the step's input.
            let starts = lineStarts(step.input)
            for h in hunks {
                let lo = h.oldStart, hi = h.oldStart + max(h.oldCount, 1)
                var reasons: [String] = []
                for e in step.edits {
                    let line = lineOf(e.range.lowerBound, starts)
                    let endLine = lineOf(max(e.range.lowerBound, e.range.upperBound - 1), starts)
                    if endLine >= lo - 1 && line <= hi && !reasons.contains(e.reason) { reasons.append(e.reason) }
                }
                if reasons.isEmpty { reasons = Array(Set(step.edits.map(\.reason))).sorted() }
                let heading = step.pass + ": " + reasons.map { TerminalText.escaped($0, singleLine: true) }.joined(separator: "; ")
                out += UnifiedPatch.render(h, old: old, new: new, heading: heading)
            }
        }
        return out
    }

    private static func lineStarts(_ b: [UInt8]) -> [Int] {
        var s = [0]
        for i in b.indices where b[i] == 0x0A { s.append(i + 1) }
        return s
    }

    private static func lineOf(_ offset: Int, _ starts: [Int]) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }
}
