/// HCL expressions, by precedence (hclsyntax spec: conditional, `||`, `&&`,
/// equality, comparison, `+ -`, `* / %`, unary, then postfix attribute
/// access, index and splat). Only literals, names, templates, lists and
/// objects are kept; the rest is parsed so that its end is known.
extension HCLParser {
    mutating func parseExpression() throws(DefinitionError) -> HCLExpression {
        try skipGap()
        let start = pos
        try enter(at: start)
        defer { leave() }
        let condition = try parseBinary(minimum: 1)
        let save = pos
        try skipGap()
        guard byte(pos) == UInt8(ascii: "?") else { pos = save; return condition }
        pos += 1
        _ = try parseExpression()
        try skipGap()
        guard byte(pos) == UInt8(ascii: ":") else { throw fail("expected `:` in this conditional expression", at: pos) }
        pos += 1
        _ = try parseExpression()
        return unsupported("conditional expression", from: start)
    }

    func unsupported(_ construct: String, from start: Int) -> HCLExpression {
        HCLExpression(.unsupported(HCLUnsupported(construct: construct, text: text(start..<max(start, lastEnd)))), at: location(start))
    }

    /// The binary operator at the cursor and its precedence.
    private func binaryOperator() -> (text: String, precedence: Int)? {
        guard let c = byte(pos) else { return nil }
        let next = byte(pos + 1)
        switch c {
        case UInt8(ascii: "|") where next == c: return ("||", 1)
        case UInt8(ascii: "&") where next == c: return ("&&", 2)
        case UInt8(ascii: "=") where next == c: return ("==", 3)
        case UInt8(ascii: "!") where next == UInt8(ascii: "="): return ("!=", 3)
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { return (c == UInt8(ascii: "<") ? "<=" : ">=", 4) }
            return (c == UInt8(ascii: "<") ? "<" : ">", 4)
        case UInt8(ascii: "+"): return ("+", 5)
        case UInt8(ascii: "-"): return ("-", 5)
        case UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"): return (String(Character(Unicode.Scalar(c))), 6)
        default: return nil
        }
    }

    private mutating func parseBinary(minimum: Int) throws(DefinitionError) -> HCLExpression {
        let start = pos
        let left = try parseUnary()
        var first: String?
        while true {
            let save = pos
            try skipGap()
            guard let op = binaryOperator(), op.precedence >= minimum else { pos = save; break }
            pos += op.text.count
            try enter(at: pos)
            defer { leave() }
            _ = try parseBinary(minimum: op.precedence + 1)
            first = first ?? op.text
        }
        // The text is taken once, after the whole chain: `1 + 1 + …` stays linear.
        guard let first else { return left }
        return unsupported("operator `\(first)`", from: start)
    }

    private mutating func parseUnary() throws(DefinitionError) -> HCLExpression {
        try skipGap()
        let start = pos
        guard let c = byte(pos), c == UInt8(ascii: "!") || c == UInt8(ascii: "-") else { return try parsePostfix() }
        pos += 1
        try enter(at: start)
        defer { leave() }
        let operand = try parseUnary()
        if c == UInt8(ascii: "-"), case .number(let digits) = operand.kind, !digits.hasPrefix("-") {
            return HCLExpression(.number("-" + digits), at: location(start))
        }
        return unsupported("operator `\(Character(Unicode.Scalar(c)))`", from: start)
    }

    /// A primary expression with `.name`, `[index]`, `.*` and `[*]` after it.
    private mutating func parsePostfix() throws(DefinitionError) -> HCLExpression {
        let start = pos
        var expression = try parsePrimary()
        var isReference = { if case .variable = expression.kind { return true } else { return false } }()
        var traversed = false
        while let c = byte(pos) {
            if c == UInt8(ascii: "."), let next = byte(pos + 1) {
                if next == UInt8(ascii: "*") {
                    pos += 2
                    lastEnd = pos
                    isReference = false
                } else if Self.isNameStart(next) {
                    pos += 1
                    _ = scanName()
                } else if next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") {
                    pos += 1
                    while let d = byte(pos), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") { pos += 1 }
                    lastEnd = pos
                } else {
                    break
                }
            } else if c == UInt8(ascii: "[") {
                let open = pos
                pos += 1
                let outer = newlinesEndExpressions
                newlinesEndExpressions = false
                try skipGap()
                if byte(pos) == UInt8(ascii: "*") { pos += 1 } else { _ = try parseExpression() }
                try skipGap()
                guard byte(pos) == UInt8(ascii: "]") else { throw fail("this index is not closed (`]` missing)", at: open) }
                pos += 1
                lastEnd = pos
                newlinesEndExpressions = outer
                isReference = false
            } else {
                break
            }
            traversed = true
        }
        guard traversed else { return expression }
        expression = unsupported(isReference ? "reference `\(text(start..<lastEnd))`" : "attribute access or index `\(text(start..<lastEnd))`", from: start)
        return expression
    }

    private mutating func parsePrimary() throws(DefinitionError) -> HCLExpression {
        try skipGap()
        let start = pos
        guard let c = byte(pos) else { throw fail("expected an expression before the end of the file", at: pos) }
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return HCLExpression(.number(scanNumber()), at: location(start))
        case UInt8(ascii: "\""):
            return try parseQuoted()
        case UInt8(ascii: "<") where byte(pos + 1) == UInt8(ascii: "<"):
            return try parseHeredoc()
        case UInt8(ascii: "["):
            return try parseTuple()
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "("):
            pos += 1
            let outer = newlinesEndExpressions
            newlinesEndExpressions = false
            let inner = try parseExpression()
            try skipGap()
            guard byte(pos) == UInt8(ascii: ")") else { throw fail("this parenthesis is not closed (`)` missing)", at: start) }
            pos += 1
            lastEnd = pos
            newlinesEndExpressions = outer
            return inner
        default:
            guard let name = scanName() else { throw fail("expected an expression here", at: pos) }
            switch name {
            case "true": return HCLExpression(.bool(true), at: location(start))
            case "false": return HCLExpression(.bool(false), at: location(start))
            case "null": return HCLExpression(.null, at: location(start))
            default: break
            }
            if byte(pos) == UInt8(ascii: "(") {
                try skipArguments()
                return unsupported("function call `\(name)(…)`", from: start)
            }
            return HCLExpression(.variable(name), at: location(start))
        }
    }

    private mutating func scanNumber() -> String {
        let start = pos
        func digits(_ p: inout HCLParser) { while let d = p.byte(p.pos), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") { p.pos += 1 } }
        digits(&self)
        if byte(pos) == UInt8(ascii: "."), let d = byte(pos + 1), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") {
            pos += 1
            digits(&self)
        }
        if let e = byte(pos), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var p = pos + 1
            if let s = byte(p), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { p += 1 }
            if let d = byte(p), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") {
                pos = p
                digits(&self)
            }
        }
        lastEnd = pos
        return text(start..<pos)
    }

    /// `(a, b...)` after a function name.
    private mutating func skipArguments() throws(DefinitionError) {
        let open = pos
        pos += 1
        let outer = newlinesEndExpressions
        newlinesEndExpressions = false
        defer { newlinesEndExpressions = outer }
        while true {
            try skipGap()
            guard pos < n else { throw fail("this function call is not closed (`)` missing)", at: open) }
            if b[pos] == UInt8(ascii: ")") { break }
            _ = try parseExpression()
            try skipGap()
            if byte(pos) == UInt8(ascii: "."), byte(pos + 1) == UInt8(ascii: "."), byte(pos + 2) == UInt8(ascii: ".") {
                pos += 3
                try skipGap()
            }
            if byte(pos) == UInt8(ascii: ",") { pos += 1; continue }
            guard byte(pos) == UInt8(ascii: ")") else { throw fail("expected `,` or `)` in this function call", at: pos) }
            break
        }
        pos += 1
        lastEnd = pos
    }

    // MARK: Collections

    private mutating func parseTuple() throws(DefinitionError) -> HCLExpression {
        let open = pos
        pos += 1
        let outer = newlinesEndExpressions
        newlinesEndExpressions = false
        defer { newlinesEndExpressions = outer }
        try skipGap()
        if try isForKeyword() { return try parseFor(open: open, closing: UInt8(ascii: "]")) }
        var items: [HCLExpression] = []
        while true {
            try skipGap()
            guard pos < n else { throw fail("this list is not closed (`]` missing)", at: open) }
            if b[pos] == UInt8(ascii: "]") { break }
            items.append(try parseExpression())
            try skipGap()
            if byte(pos) == UInt8(ascii: ",") { pos += 1; continue }
            guard byte(pos) == UInt8(ascii: "]") else {
                if pos >= n { throw fail("this list is not closed (`]` missing)", at: open) }
                throw fail("expected `,` or `]` in this list", at: pos)
            }
        }
        pos += 1
        lastEnd = pos
        return HCLExpression(.tuple(items), at: location(open))
    }

    private mutating func parseObject() throws(DefinitionError) -> HCLExpression {
        let open = pos
        pos += 1
        let outer = newlinesEndExpressions
        newlinesEndExpressions = true
        defer { newlinesEndExpressions = outer }
        try skipSpace(newlines: true)
        if try isForKeyword() { return try parseFor(open: open, closing: UInt8(ascii: "}")) }
        var items: [HCLObjectItem] = []
        while true {
            try skipSpace(newlines: true)
            guard pos < n else { throw fail("this object is not closed (`}` missing)", at: open) }
            if b[pos] == UInt8(ascii: "}") { break }
            let keyStart = pos
            var key: HCLExpression
            if let name = scanName() {
                try skipSpace(newlines: false)
                if let c = byte(pos), c == UInt8(ascii: ":") || (c == UInt8(ascii: "=") && byte(pos + 1) != UInt8(ascii: "=")) {
                    key = HCLExpression(.string(name), at: location(keyStart))
                } else {
                    pos = keyStart
                    key = try parseExpression()
                }
            } else {
                key = try parseExpression()
            }
            try skipSpace(newlines: false)
            guard let c = byte(pos), c == UInt8(ascii: ":") || (c == UInt8(ascii: "=") && byte(pos + 1) != UInt8(ascii: "=")) else {
                throw fail("expected `=` or `:` after this object key", at: pos)
            }
            pos += 1
            let value = try parseExpression()
            items.append(HCLObjectItem(key: key, value: value))
            try skipSpace(newlines: false)
            if byte(pos) == UInt8(ascii: ",") { pos += 1; continue }
            if pos < n, isLineBreak(pos) || b[pos] == UInt8(ascii: "}") { continue }
            if pos >= n { throw fail("this object is not closed (`}` missing)", at: open) }
            throw fail("expected `,`, a line break or `}` after this object item", at: pos)
        }
        pos += 1
        lastEnd = pos
        return HCLExpression(.object(items), at: location(open))
    }

    private mutating func isForKeyword() throws(DefinitionError) -> Bool {
        guard byte(pos) == UInt8(ascii: "f"), byte(pos + 1) == UInt8(ascii: "o"), byte(pos + 2) == UInt8(ascii: "r") else { return false }
        guard let after = byte(pos + 3) else { return false }
        return !Self.isNamePart(after)
    }

    /// `[for v in list : result if cond]`, `{for k, v in map : key => value... if cond}`.
    private mutating func parseFor(open: Int, closing: UInt8) throws(DefinitionError) -> HCLExpression {
        let outer = newlinesEndExpressions
        newlinesEndExpressions = false
        defer { newlinesEndExpressions = outer }
        pos += 3
        try skipGap()
        guard scanName() != nil else { throw fail("expected a name after `for`", at: pos) }
        try skipGap()
        if byte(pos) == UInt8(ascii: ",") {
            pos += 1
            try skipGap()
            guard scanName() != nil else { throw fail("expected a name after `,` in this `for`", at: pos) }
            try skipGap()
        }
        guard scanName() == "in" else { throw fail("expected `in` in this `for` expression", at: pos) }
        _ = try parseExpression()
        try skipGap()
        guard byte(pos) == UInt8(ascii: ":") else { throw fail("expected `:` in this `for` expression", at: pos) }
        pos += 1
        _ = try parseExpression()
        try skipGap()
        if byte(pos) == UInt8(ascii: "="), byte(pos + 1) == UInt8(ascii: ">") {
            pos += 2
            _ = try parseExpression()
            try skipGap()
            if byte(pos) == UInt8(ascii: "."), byte(pos + 1) == UInt8(ascii: "."), byte(pos + 2) == UInt8(ascii: ".") { pos += 3 }
            try skipGap()
        }
        let save = pos
        if scanName() == "if" { _ = try parseExpression() } else { pos = save }
        try skipGap()
        guard byte(pos) == closing else { throw fail("this `for` expression is not closed", at: open) }
        pos += 1
        lastEnd = pos
        return unsupported("`for` expression", from: open)
    }
}
