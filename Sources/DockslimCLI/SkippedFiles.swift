/// The `skipped` lines of a run. Up to a screenful they are printed one
/// per file; beyond that, one line per reason with its count and the first
/// few paths, since a recipe that does not apply to 900 files would bury
/// every other line (`-v` prints them all).
struct SkippedFiles {
    /// More lines than this are grouped.
    static let screenful = 20
    /// Paths shown per reason when grouped.
    static let examples = 3

    private(set) var lines: [(path: String, reason: String)] = []

    mutating func add(path: String, reason: String) { lines.append((path, reason)) }

    /// The lines to print, in the order files were done.
    var report: [String] {
        guard lines.count > Self.screenful else { return lines.map { "\($0.path): skipped: \($0.reason)" } }
        var order: [String] = []
        var byKind: [String: [String]] = [:]
        for (path, reason) in lines {
            let kind = Summary.reasonKind(reason)
            if byKind[kind] == nil { order.append(kind) }
            byKind[kind, default: []].append(path)
        }
        var out: [String] = []
        for kind in order.sorted() {
            let paths = byKind[kind]!
            var shown = paths.prefix(Self.examples).joined(separator: ", ")
            if paths.count > Self.examples { shown += " and \(paths.count - Self.examples) more" }
            out.append("skipped: \(paths.count) file\(paths.count == 1 ? "" : "s"): \(kind): \(shown)")
        }
        out.append("skipped: \(lines.count) files in all, grouped by reason (-v lists each file with its full reason)")
        return out
    }
}
