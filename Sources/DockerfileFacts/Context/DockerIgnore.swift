/// A `.dockerignore` file, matched as BuildKit's patternmatcher does: one
/// pattern per line, `#` comments, leading and trailing slashes ignored,
/// `*`, `?`, `[…]` within a path segment, `**` across segments, `!` to
/// re-include; the last matching pattern decides, and a pattern that
/// matches a folder excludes what is inside it.
package struct DockerIgnore: Sendable {
    private struct Pattern: Sendable {
        let segments: [String]
        let exclusion: Bool
    }

    private let patterns: [Pattern]

    package init(_ text: String) {
        var patterns: [Pattern] = []
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = raw.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            var exclusion = false
            if line.hasPrefix("!") {
                exclusion = true
                line = String(line.dropFirst()).trimmingCharacters(in: " \t")
            }
            let segments = line.split(separator: "/").map(String.init).filter { $0 != "." }
            if segments.isEmpty { continue }
            patterns.append(Pattern(segments: segments, exclusion: exclusion))
        }
        self.patterns = patterns
    }

    /// Whether the context path (relative, `/`-separated) is left out of the build context.
    package func excludes(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        var excluded = false
        for p in patterns {
            // A pattern matches the path or one of its parent folders.
            var matched = false
            for n in stride(from: parts.count, through: 1, by: -1) where Self.match(p.segments[...], parts[..<n]) {
                matched = true
                break
            }
            if matched { excluded = !p.exclusion }
        }
        return excluded
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            for skip in 0...path.count where match(rest, path.dropFirst(skip)) { return true }
            return false
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Go's `filepath.Match` within one segment.
    private static func matchSegment(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = p.first else { return s.isEmpty }
        switch c {
        case "*":
            for skip in 0...s.count where matchSegment(p.dropFirst(), s.dropFirst(skip)) { return true }
            return false
        case "?":
            return !s.isEmpty && matchSegment(p.dropFirst(), s.dropFirst())
        case "[":
            guard let ch = s.first, let close = p.dropFirst().firstIndex(of: "]") else { return false }
            var set = p[(p.startIndex + 1)..<close]
            var negate = false
            if set.first == "^" || set.first == "!" { negate = true; set = set.dropFirst() }
            var hit = false
            var items = Array(set)[...]
            while let a = items.popFirst() {
                if items.first == "-", items.count >= 2 {
                    items.removeFirst()
                    let b = items.removeFirst()
                    if a.value <= ch.value && ch.value <= b.value { hit = true }
                } else if a == ch {
                    hit = true
                }
            }
            return hit != negate && matchSegment(p[(close + 1)...], s.dropFirst())
        case "\\":
            let rest = p.dropFirst()
            guard let lit = rest.first, s.first == lit else { return false }
            return matchSegment(rest.dropFirst(), s.dropFirst())
        default:
            return s.first == c && matchSegment(p.dropFirst(), s.dropFirst())
        }
    }
}
