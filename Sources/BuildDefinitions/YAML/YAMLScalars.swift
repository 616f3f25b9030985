/// Plain and quoted scalars, with YAML's line folding: a single line break
/// inside a scalar becomes a space, each further empty line a newline.
extension YAMLParser {
    struct PlainLine {
        var range: Range<Int>
        /// The line stopped at `: ` (the scalar is a mapping key).
        var endsAtColon: Bool
    }

    /// Refuses characters that cannot start a plain scalar.
    func checkPlainStart(flow: Bool) throws(DefinitionError) {
        let c = b[pos]
        switch c {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "%"):
            throw fail("`\(Character(Unicode.Scalar(c)))` cannot start a value (quote it)", at: pos)
        case UInt8(ascii: ":"), UInt8(ascii: "?"):
            if isBlankOrEnd(pos + 1) || (flow && pos + 1 < n && isFlowIndicator(b[pos + 1])) {
                throw fail(c == UInt8(ascii: ":") ? "a mapping value without a key" : "explicit mapping keys (`? `) are not supported", at: pos)
            }
        case UInt8(ascii: "-"):
            if flow, isBlankOrEnd(pos + 1) { throw fail("a block sequence entry inside a flow collection", at: pos) }
        default:
            break
        }
    }

    /// One line of a plain scalar: up to the line end, ` #`, a `: `, or in
    /// flow context a flow indicator. Trailing blanks are not part of it.
    mutating func scanPlainLine(flow: Bool) -> PlainLine {
        let start = pos
        var end = pos
        while pos < n, !isBreak(pos) {
            let c = b[pos]
            if c == UInt8(ascii: ":"), isBlankOrEnd(pos + 1) || (flow && pos + 1 < n && isFlowIndicator(b[pos + 1])) {
                return PlainLine(range: start..<end, endsAtColon: true)
            }
            if c == 0x20 || c == 0x09 {
                if pos + 1 < n, b[pos + 1] == UInt8(ascii: "#") { break }
                pos += 1
                continue
            }
            if flow, isFlowIndicator(c) { break }
            pos += 1
            end = pos
        }
        return PlainLine(range: start..<end, endsAtColon: false)
    }

    /// Continues a block plain scalar on the lines below that are indented
    /// more than `parentIndent`; a comment line or a less indented line ends it.
    mutating func continuePlain(_ value: inout [UInt8], parentIndent: Int) throws(DefinitionError) {
        while isBreak(pos) || (isBlank(pos) && isLineEndAfterBlanks(pos)) {
            let save = pos
            skipBlanks()
            var breaks = 0
            var lineIndent = 0
            while true {
                guard isBreak(pos) else { break }
                pos += breakLength(pos)
                breaks += 1
                let lineStart = pos
                while pos < n, b[pos] == 0x20 { pos += 1 }
                lineIndent = pos - lineStart
                skipBlanks()
            }
            guard breaks > 0, pos < n, b[pos] != UInt8(ascii: "#"), lineIndent > parentIndent,
                  !(lineIndent == 0 && isDocumentMarker(pos)) else {
                pos = save
                return
            }
            let line = scanPlainLine(flow: false)
            if line.endsAtColon { throw fail("a `: ` inside a value that spans lines (quote the value)", at: pos) }
            if line.range.isEmpty { pos = save; return }
            value += breaks == 1 ? [0x20] : Array(repeating: 0x0A, count: breaks - 1)
            value += b[line.range]
        }
    }

    private func isLineEndAfterBlanks(_ i: Int) -> Bool {
        var i = i
        while isBlank(i) { i += 1 }
        return isBreak(i)
    }

    /// A single- or double-quoted scalar; the cursor is on the opening quote.
    mutating func scanQuoted() throws(DefinitionError) -> String {
        let open = pos
        let quote = b[pos]
        let double = quote == UInt8(ascii: "\"")
        pos += 1
        var out: [UInt8] = []
        while true {
            guard pos < n else { throw fail("this quoted string is not closed", at: open) }
            let c = b[pos]
            if c == quote {
                if !double, byte(pos + 1) == quote { out.append(quote); pos += 2; continue }
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == 0x20 || c == 0x09 || isBreak(pos) {
                try foldWhitespace(&out, escapedBreak: false, open: open)
                continue
            }
            if double, c == UInt8(ascii: "\\") {
                if isBreak(pos + 1) {
                    pos += 1
                    try foldWhitespace(&out, escapedBreak: true, open: open)
                    continue
                }
                try scanEscape(&out)
                continue
            }
            out.append(c)
            pos += 1
        }
    }

    /// Blanks inside a quoted scalar: kept within a line, folded across lines.
    private mutating func foldWhitespace(_ out: inout [UInt8], escapedBreak: Bool, open: Int) throws(DefinitionError) {
        let blanksStart = pos
        skipBlanks()
        guard isBreak(pos) else {
            out += b[blanksStart..<pos]
            return
        }
        var breaks = 0
        while isBreak(pos) {
            pos += breakLength(pos)
            breaks += 1
            if isDocumentMarker(pos) { throw fail("a document marker inside a quoted string that is not closed", at: open) }
            skipBlanks()
        }
        if pos >= n { throw fail("this quoted string is not closed", at: open) }
        if escapedBreak {
            out += Array(repeating: 0x0A, count: breaks - 1)
        } else {
            out += breaks == 1 ? [0x20] : Array(repeating: 0x0A, count: breaks - 1)
        }
    }

    /// A `\` escape of a double-quoted scalar.
    private mutating func scanEscape(_ out: inout [UInt8]) throws(DefinitionError) {
        let start = pos
        guard let e = byte(pos + 1) else { throw fail("an escape at the end of the file", at: start) }
        pos += 2
        let simple: [UInt8: UInt32] = [
            UInt8(ascii: "0"): 0, UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "t"): 9, 0x09: 9,
            UInt8(ascii: "n"): 10, UInt8(ascii: "v"): 11, UInt8(ascii: "f"): 12, UInt8(ascii: "r"): 13,
            UInt8(ascii: "e"): 27, 0x20: 32, UInt8(ascii: "\""): 34, UInt8(ascii: "/"): 47, UInt8(ascii: "\\"): 92,
            UInt8(ascii: "N"): 0x85, UInt8(ascii: "_"): 0xA0, UInt8(ascii: "L"): 0x2028, UInt8(ascii: "P"): 0x2029,
        ]
        var code: UInt32
        if let value = simple[e] {
            code = value
        } else {
            let digits: Int
            switch e {
            case UInt8(ascii: "x"): digits = 2
            case UInt8(ascii: "u"): digits = 4
            case UInt8(ascii: "U"): digits = 8
            default: throw fail("unknown escape `\\\(Character(Unicode.Scalar(e)))` in a double-quoted string", at: start)
            }
            code = 0
            for _ in 0..<digits {
                guard let h = byte(pos), let v = hexValue(h) else {
                    throw fail("`\\\(Character(Unicode.Scalar(e)))` needs \(digits) hexadecimal digits", at: start)
                }
                code = code << 4 | v
                pos += 1
            }
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("the escape names no Unicode character", at: start) }
        out += Array(String(Character(scalar)).utf8)
    }
}

func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
    default: return nil
    }
}
