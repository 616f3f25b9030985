/// Literal (`|`) and folded (`>`) block scalars with their chomping (`-`,
/// `+`) and indentation (`1`…`9`) indicators. The content's indentation is
/// found as libyaml finds it: the first non-empty line's, at least one more
/// than the parent's.
extension YAMLParser {
    mutating func parseBlockScalar(parentIndent: Int, properties: Properties) throws(DefinitionError) -> YAMLNode {
        let start = pos
        let folded = b[pos] == UInt8(ascii: ">")
        pos += 1
        var chomping: Chomping = .clip
        var explicitIndent: Int?
        for _ in 0..<2 {
            guard let c = byte(pos) else { break }
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "+"), chomping == .clip {
                chomping = c == UInt8(ascii: "-") ? .strip : .keep
            } else if c >= UInt8(ascii: "1"), c <= UInt8(ascii: "9"), explicitIndent == nil {
                explicitIndent = Int(c - UInt8(ascii: "0"))
            } else if c == UInt8(ascii: "0") {
                throw fail("a block scalar's indentation indicator is 1 to 9", at: pos)
            } else {
                break
            }
            pos += 1
        }
        let headerEnd = pos
        skipBlanks()
        if byte(pos) == UInt8(ascii: "#") {
            guard pos > headerEnd else { throw fail("a comment needs a space before `#`", at: pos) }
            skipToLineEnd()
        }
        guard isLineEnd(pos) else { throw fail("unexpected text after the block scalar's header", at: pos) }
        if pos < n { pos += breakLength(pos) }

        let minimum = max(parentIndent + 1, 1)
        let indent = explicitIndent.map { max(parentIndent, 0) + $0 } ?? detectIndent(minimum: minimum)
        let (lines, lastBreak) = readBlockLines(indent: indent)
        let text = Self.foldBlockLines(lines, folded: folded, chomping: chomping, lastLineEndsWithBreak: lastBreak)
        return try make(.scalar(text, folded ? .folded : .literal), properties, at: start)
    }

    enum Chomping { case strip, clip, keep }

    /// The indentation of the first non-empty line (or of the deepest empty
    /// line before it), at least `minimum`. Does not move the cursor.
    private func detectIndent(minimum: Int) -> Int {
        var i = pos
        var deepestEmpty = 0
        while i < n {
            let lineStart = i
            while i < n, b[i] == 0x20 { i += 1 }
            let spaces = i - lineStart
            if isBreak(i) {
                deepestEmpty = max(deepestEmpty, spaces)
                i += breakLength(i)
                continue
            }
            if i >= n { break }
            return max(spaces, deepestEmpty, minimum)
        }
        return max(deepestEmpty, minimum)
    }

    /// The content lines (`nil` for an empty line); stops before the first
    /// non-empty line indented less than `indent`, at its line start. Also
    /// tells whether the last content line has a line break (libyaml adds
    /// none at the end of a file that lacks one).
    private mutating func readBlockLines(indent: Int) -> ([ArraySlice<UInt8>?], Bool) {
        var result: [ArraySlice<UInt8>?] = []
        var lastBreak = true
        while pos < n {
            let lineStart = pos
            var spaces = 0
            while spaces < indent, pos < n, b[pos] == 0x20 { spaces += 1; pos += 1 }
            if pos >= n { break }
            if isBreak(pos) { result.append(nil); pos += breakLength(pos); continue }
            if spaces < indent || isDocumentMarker(lineStart) { pos = lineStart; break }
            let contentStart = pos
            skipToLineEnd()
            result.append(b[contentStart..<pos])
            lastBreak = pos < n
            if pos < n { pos += breakLength(pos) }
        }
        return (result, lastBreak)
    }

    /// YAML's rules for the lines of a block scalar: a literal keeps every
    /// line break; a folded one joins lines that are neither empty nor more
    /// indented with a space. Chomping decides the final line breaks.
    static func foldBlockLines(_ lines: [ArraySlice<UInt8>?], folded: Bool, chomping: Chomping,
                               lastLineEndsWithBreak: Bool) -> String {
        var out: [UInt8] = []
        var leadingBreak = false
        var trailingBreaks = 0
        var previousMoreIndented = false
        var sawContent = false
        for line in lines {
            guard let line else {
                trailingBreaks += 1
                continue
            }
            let moreIndented = line.first == 0x20 || line.first == 0x09
            if sawContent {
                if folded, leadingBreak, !previousMoreIndented, !moreIndented, trailingBreaks == 0 {
                    out.append(0x20)
                } else {
                    if !(folded && !previousMoreIndented && !moreIndented) { out.append(0x0A) }
                    out += Array(repeating: 0x0A, count: trailingBreaks)
                }
            } else {
                out += Array(repeating: 0x0A, count: trailingBreaks)
            }
            out += line
            leadingBreak = true
            trailingBreaks = 0
            previousMoreIndented = moreIndented
            sawContent = true
        }
        switch chomping {
        case .strip: break
        case .clip: if sawContent, lastLineEndsWithBreak { out.append(0x0A) }
        case .keep:
            if sawContent, lastLineEndsWithBreak { out.append(0x0A) }
            out += Array(repeating: 0x0A, count: trailingBreaks)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
