/// String templates: quoted strings (with escapes) and heredocs (without),
/// both with `${…}` interpolations (`${~ … ~}` strip markers included),
/// `$${` and `%%{` escapes, and `%{…}` directives kept as unsupported.
extension HCLParser {
    mutating func parseQuoted() throws(DefinitionError) -> HCLExpression {
        let open = pos
        pos += 1
        let parts = try parseTemplate(open: open, end: nil)
        lastEnd = pos
        return template(parts, at: open)
    }

    /// The bytes from `start` to `end` as a template without quote escapes.
    mutating func parseTemplateBody(from start: Int, to end: Int) throws(DefinitionError) -> HCLExpression {
        pos = start
        let parts = try parseTemplate(open: start, end: end)
        return template(parts, at: start)
    }

    private func template(_ parts: [HCLTemplatePart], at open: Int) -> HCLExpression {
        if parts.allSatisfy({ if case .literal = $0 { return true } else { return false } }) {
            let text = parts.map { if case .literal(let s) = $0 { return s } else { return "" } }.joined()
            return HCLExpression(.string(text), at: location(open))
        }
        return HCLExpression(.template(parts), at: location(open))
    }

    /// A template's parts: up to the closing `"` when `end` is `nil` (a
    /// quoted string), else up to `end` (a heredoc's body).
    private mutating func parseTemplate(open: Int, end: Int?) throws(DefinitionError) -> [HCLTemplatePart] {
        let quoted = end == nil
        let limit = end ?? n
        var parts: [HCLTemplatePart] = []
        var literal: [UInt8] = []
        var stripNext = false
        func flush() {
            if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))) }
            literal = []
        }
        while true {
            guard pos < limit else {
                if quoted { throw fail("this string is not closed (`\"` missing)", at: open) }
                break
            }
            let c = b[pos]
            if stripNext {
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { pos += 1; continue }
                stripNext = false
            }
            if quoted, c == UInt8(ascii: "\"") { pos += 1; break }
            if quoted, isLineBreak(pos) { throw fail("a quoted string cannot span lines (use a heredoc)", at: open) }
            if quoted, c == UInt8(ascii: "\\") { try scanEscape(into: &literal); continue }
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "%"), byte(pos + 1) == c, byte(pos + 2) == UInt8(ascii: "{") {
                literal += [c, UInt8(ascii: "{")]
                pos += 3
                continue
            }
            if c == UInt8(ascii: "$"), byte(pos + 1) == UInt8(ascii: "{") {
                let start = pos
                pos += 2
                if byte(pos) == UInt8(ascii: "~") {
                    pos += 1
                    while let last = literal.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { literal.removeLast() }
                }
                flush()
                let (expression, strip) = try parseInterpolation(start: start)
                if pos > limit { throw fail("this interpolation runs past the end of the heredoc", at: start) }
                parts.append(.interpolation(expression))
                stripNext = strip
                continue
            }
            if c == UInt8(ascii: "%"), byte(pos + 1) == UInt8(ascii: "{") {
                flush()
                parts.append(try skipDirective(limit: limit))
                continue
            }
            literal.append(c)
            pos += 1
        }
        flush()
        return parts
    }

    /// `${ expression }`, the cursor after `${` (and a `~`).
    private mutating func parseInterpolation(start: Int) throws(DefinitionError) -> (HCLExpression, Bool) {
        let outer = newlinesEndExpressions
        newlinesEndExpressions = false
        defer { newlinesEndExpressions = outer }
        let expression = try parseExpression()
        try skipGap()
        var strip = false
        if byte(pos) == UInt8(ascii: "~") { pos += 1; strip = true }
        guard byte(pos) == UInt8(ascii: "}") else { throw fail("this interpolation is not closed (`}` missing)", at: start) }
        pos += 1
        return (expression, strip)
    }

    /// `%{ if … }`, `%{ for … }` and their ends: kept with their text.
    private mutating func skipDirective(limit: Int) throws(DefinitionError) -> HCLTemplatePart {
        let start = pos
        pos += 2
        var inString = false
        while pos < limit {
            let c = b[pos]
            if inString {
                if c == UInt8(ascii: "\\") { pos += 2; continue }
                if c == UInt8(ascii: "\"") { inString = false }
            } else if c == UInt8(ascii: "\"") {
                inString = true
            } else if c == UInt8(ascii: "}") {
                break
            }
            pos += 1
        }
        guard pos < limit else { throw fail("this template directive is not closed (`}` missing)", at: start) }
        pos += 1
        let body = text(start + 2 ..< pos - 1).trimming("~ \t")
        let keyword = body.split(separator: " ").first.map(String.init) ?? ""
        let unsupported = HCLUnsupported(construct: "template directive `%{ \(keyword) … }`", text: text(start..<pos))
        return .directive(unsupported, location(start))
    }

    /// `\n`, `\r`, `\t`, `\"`, `\\`, `\uNNNN`, `\UNNNNNNNN`.
    private mutating func scanEscape(into out: inout [UInt8]) throws(DefinitionError) {
        let start = pos
        guard let e = byte(pos + 1) else { throw fail("an escape at the end of the file", at: start) }
        pos += 2
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = e == UInt8(ascii: "u") ? 4 : 8
            var code: UInt32 = 0
            for _ in 0..<digits {
                guard let h = byte(pos), let v = hexValue(h) else {
                    throw fail("`\\\(Character(Unicode.Scalar(e)))` needs \(digits) hexadecimal digits", at: start)
                }
                code = code << 4 | v
                pos += 1
            }
            guard let scalar = Unicode.Scalar(code) else { throw fail("the escape names no Unicode character", at: start) }
            out += Array(String(Character(scalar)).utf8)
        default:
            throw fail("unknown escape `\\\(Character(Unicode.Scalar(e)))` in a string", at: start)
        }
    }

    // MARK: Heredocs

    /// `<<EOT` or `<<-EOT`, a line break, lines, and `EOT` alone on a line
    /// (blanks around it allowed). `<<-` removes the least indentation.
    mutating func parseHeredoc() throws(DefinitionError) -> HCLExpression {
        let open = pos
        pos += 2
        let indented = byte(pos) == UInt8(ascii: "-")
        if indented { pos += 1 }
        guard let marker = scanName() else { throw fail("expected a heredoc marker (`<<EOT`)", at: pos) }
        guard isLineBreak(pos) else { throw fail("expected a line break after the heredoc marker `\(marker)`", at: pos) }
        pos += b[pos] == 0x0D ? 2 : 1
        let bodyStart = pos
        guard let (bodyEnd, afterMarker) = findHeredocEnd(marker: Array(marker.utf8), from: bodyStart) else {
            throw fail("this heredoc is not closed (no line `\(marker)`)", at: open)
        }
        pos = bodyStart
        var parts = try parseTemplate(open: open, end: bodyEnd)
        pos = afterMarker
        lastEnd = pos
        if indented { parts = Self.removeIndentation(parts, by: leastIndentation(bodyStart..<bodyEnd)) }
        return template(parts, at: open)
    }

    /// Where the heredoc's body ends (the start of the marker line) and where
    /// the marker ends.
    private func findHeredocEnd(marker: [UInt8], from start: Int) -> (Int, Int)? {
        var lineStart = start
        while lineStart < n {
            var p = lineStart
            while p < n, b[p] == 0x20 || b[p] == 0x09 { p += 1 }
            if p + marker.count <= n, Array(b[p..<p + marker.count]) == marker {
                var q = p + marker.count
                while q < n, b[q] == 0x20 || b[q] == 0x09 { q += 1 }
                if q >= n || isLineBreak(q) { return (lineStart, q) }
            }
            while p < n, b[p] != 0x0A { p += 1 }
            lineStart = p + 1
        }
        return nil
    }

    /// The fewest leading blanks of a line with content.
    private func leastIndentation(_ range: Range<Int>) -> Int {
        var least = Int.max
        var p = range.lowerBound
        while p < range.upperBound {
            var q = p
            while q < range.upperBound, b[q] == 0x20 || b[q] == 0x09 { q += 1 }
            if q < range.upperBound, !isLineBreak(q) { least = min(least, q - p) }
            while q < range.upperBound, b[q] != 0x0A { q += 1 }
            p = q + 1
        }
        return least == Int.max ? 0 : least
    }

    /// Removes up to `count` blanks at the start of every line of the literals.
    static func removeIndentation(_ parts: [HCLTemplatePart], by count: Int) -> [HCLTemplatePart] {
        guard count > 0 else { return parts }
        var atLineStart = true
        var removed = 0
        return parts.map { part in
            guard case .literal(let text) = part else {
                atLineStart = false
                return part
            }
            var out: [UInt8] = []
            for c in text.utf8 {
                if atLineStart, removed < count, c == 0x20 || c == 0x09 { removed += 1; continue }
                atLineStart = false
                out.append(c)
                if c == 0x0A { atLineStart = true; removed = 0 }
            }
            return .literal(String(decoding: out, as: UTF8.self))
        }
    }
}

extension String {
    /// Without the given characters at either end.
    func trimming(_ set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
