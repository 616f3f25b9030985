/// Unified diffs (`diff -u`, `git diff`) from two versions of a file:
/// `--- a/PATH` / `+++ b/PATH` headers, hunks with context lines, and
/// `\ No newline at end of file` where due. Bytes in, bytes out: line endings
/// and encodings pass through untouched, so `git apply` and `patch -p1`
/// reproduce the new version exactly. Knows nothing about Dockerfiles.
public enum UnifiedPatch {
    public struct Hunk: Equatable, Sendable {
        /// 1-based first line and line count in the old and the new file
        /// (for an empty range, the line before it).
        public let oldStart: Int
        public let oldCount: Int
        public let newStart: Int
        public let newCount: Int
        /// The ops of the hunk, context included.
        public let ops: [DiffOp]
    }

    /// The hunks that turn `old` into `new`, with `context` lines around each change.
    public static func hunks(old: [Line], new: [Line], context: Int = 3) -> [Hunk] {
        let ops = diffLines(old, new)
        var changed: [Int] = []
        for (i, op) in ops.enumerated() {
            if case .keep = op { continue }
            changed.append(i)
        }
        guard !changed.isEmpty else { return [] }
        // Group changes whose context would touch or overlap.
        var groups: [(Int, Int)] = []
        var start = changed[0], end = changed[0]
        for i in changed.dropFirst() {
            if i - end <= 2 * context { end = i } else { groups.append((start, end)); start = i; end = i }
        }
        groups.append((start, end))
        return groups.map { first, last in
            let lo = max(0, first - context), hi = min(ops.count - 1, last + context)
            let slice = Array(ops[lo...hi])
            var oldStart = 0, newStart = 0
            // Lines before the hunk, in each file.
            for op in ops[..<lo] {
                switch op {
                case .keep: oldStart += 1; newStart += 1
                case .delete: oldStart += 1
                case .insert: newStart += 1
                }
            }
            var oldCount = 0, newCount = 0
            for op in slice {
                switch op {
                case .keep: oldCount += 1; newCount += 1
                case .delete: oldCount += 1
                case .insert: newCount += 1
                }
            }
            return Hunk(oldStart: oldCount == 0 ? oldStart : oldStart + 1, oldCount: oldCount,
                        newStart: newCount == 0 ? newStart : newStart + 1, newCount: newCount, ops: slice)
        }
    }

    /// The patch for one file, or no bytes when the versions are equal.
    public static func patch(path: String, old: [UInt8], new: [UInt8], context: Int = 3) -> [UInt8] {
        patch(oldPath: "a/" + path, newPath: "b/" + path, old: old, new: new, context: context)
    }

    public static func patch(oldPath: String, newPath: String, old: [UInt8], new: [UInt8], context: Int = 3) -> [UInt8] {
        let a = splitLines(old), b = splitLines(new)
        let hunks = hunks(old: a, new: b, context: context)
        guard !hunks.isEmpty else { return [] }
        var out: [UInt8] = Array("--- \(quotedPath(oldPath))\n+++ \(quotedPath(newPath))\n".utf8)
        for h in hunks { out += render(h, old: a, new: b) }
        return out
    }

    /// One hunk: its `@@` header and lines. `heading` goes after the second
    /// `@@`, where git writes a function name: text there is free and
    /// ignored by `git apply` and `patch` (it must hold no line break).
    public static func render(_ h: Hunk, old a: [Line], new b: [Line], heading: String = "") -> [UInt8] {
        var out = Array("@@ -\(range(h.oldStart, h.oldCount)) +\(range(h.newStart, h.newCount)) @@".utf8)
        if !heading.isEmpty { out += Array((" " + heading).utf8) }
        out.append(0x0A)
        for op in h.ops {
            let (mark, line): (UInt8, Line)
            switch op {
            case .keep(let i, _): (mark, line) = (0x20, a[i])
            case .delete(let i): (mark, line) = (0x2D, a[i])
            case .insert(let j): (mark, line) = (0x2B, b[j])
            }
            out.append(mark)
            out += line
            if line.last != 0x0A { out += Array("\n\\ No newline at end of file\n".utf8) }
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    /// Paths as git writes them: C-quoted when they hold a quote, a
    /// backslash, a control character or non-ASCII bytes.
    static func quotedPath(_ path: String) -> String {
        let needs = path.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }
        guard needs else { return path }
        var s = "\""
        for c in path.utf8 {
            switch c {
            case 0x22: s += "\\\""
            case 0x5C: s += "\\\\"
            case 0x0A: s += "\\n"
            case 0x09: s += "\\t"
            case 0x20..<0x7F: s.unicodeScalars.append(Unicode.Scalar(c))
            default: s += "\\" + String(c, radix: 8).leftPadded(to: 3)
            }
        }
        return s + "\""
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String {
        count >= n ? self : String(repeating: "0", count: n - count) + self
    }
}
