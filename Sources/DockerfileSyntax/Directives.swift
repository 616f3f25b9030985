/// Parser directives: `# syntax=…`, `# escape=…` and `# check=…` lines at
/// the very top of the file.
///
/// BuildKit reads a directive with `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`
/// on the line without its leading white space; `\s` there is `[\t\n\f\r ]`.
/// The first line that is not a known directive (a blank line, any other
/// comment, an instruction) ends the directives for good.
public enum DirectiveName: String, Sendable, CaseIterable {
    case syntax
    case escape
    /// Newer BuildKit (0.14+) reads `# check=`; the PyPI binding's 0.12 does not.
    case check
}

/// Where the parts of a directive line are, as byte offsets.
struct DirectiveMatch {
    var hash: Int
    var name: Range<Int>
    var equals: Int
    var value: Range<Int>
}

enum DirectiveMatcher {
    @inline(__always)
    private static func isRegexSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D
    }

    @inline(__always)
    private static func isLetter(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// Matches the directive pattern on `[start, end)` (a line's content
    /// without leading white space).
    static func match(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> DirectiveMatch? {
        var i = start
        guard i < end, b[i] == UInt8(ascii: "#") else { return nil }
        let hash = i
        i += 1
        while i < end, isRegexSpace(b[i]) { i += 1 }
        let nameStart = i
        guard i < end, isLetter(b[i]) else { return nil }
        i += 1
        while i < end, isLetter(b[i]) || (b[i] >= 0x30 && b[i] <= 0x39) { i += 1 }
        let nameEnd = i
        while i < end, isRegexSpace(b[i]) { i += 1 }
        guard i < end, b[i] == UInt8(ascii: "=") else { return nil }
        let equals = i
        i += 1
        let afterEquals = i
        while i < end, isRegexSpace(b[i]) { i += 1 }
        let value: Range<Int>
        if i == end {
            // `(.+?)` needs one character: the regex backs off one space.
            guard i > afterEquals else { return nil }
            value = (end - 1)..<end
        } else {
            var e = end
            while e > i + 1, isRegexSpace(b[e - 1]) { e -= 1 }
            value = i..<e
        }
        return DirectiveMatch(hash: hash, name: nameStart..<nameEnd, equals: equals, value: value)
    }

    /// The directive's name if it is one BuildKit knows, lower-cased.
    static func knownName(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> DirectiveName? {
        var s = ""
        for i in r { s.unicodeScalars.append(Unicode.Scalar(b[i] | 0x20)) }
        return DirectiveName(rawValue: s)
    }
}
