/// Reads the HCL that Bake files are written in (hashicorp/hcl's native
/// syntax, `hclsyntax/spec.md`): blocks with labels, attributes, comments
/// (`#`, `//`, `/* */`), numbers, booleans, `null`, quoted strings with
/// `${…}` interpolation and `$${` escapes, heredocs (`<<EOT`, `<<-EOT`),
/// lists and objects. Other expressions are parsed to find where they end
/// and kept as `unsupported` with their text.
///
/// Bad input throws a `DefinitionError` with file, line and column; nesting
/// of blocks and expressions is bounded by `Limits.maxDepth`.
public enum HCLReader {
    public struct Limits: Sendable {
        /// Blocks and expressions inside one another.
        public var maxDepth: Int

        public init(maxDepth: Int = 128) {
            self.maxDepth = maxDepth
        }
    }

    public static func read(_ bytes: [UInt8], file: String, limits: Limits = Limits()) throws(DefinitionError) -> HCLBody {
        var parser = HCLParser(bytes, file: file, limits: limits)
        return try parser.parseFile()
    }

    public static func read(_ text: String, file: String, limits: Limits = Limits()) throws(DefinitionError) -> HCLBody {
        try read(Array(text.utf8), file: file, limits: limits)
    }
}

/// The reader's state; its parts live in the `HCL*` files beside this one.
struct HCLParser {
    let b: [UInt8]
    let n: Int
    var pos = 0
    let lines: LineTable
    let limits: HCLReader.Limits
    var depth = 0
    /// Line breaks end items in a body and in an object, not inside `[…]`,
    /// `(…)` or `${…}`.
    var newlinesEndExpressions = true
    /// Where the last token read ends, so an unsupported expression's text
    /// leaves out the blanks after it.
    var lastEnd = 0

    init(_ bytes: [UInt8], file: String, limits: HCLReader.Limits) {
        b = bytes
        n = bytes.count
        lines = LineTable(bytes, file: file)
        self.limits = limits
    }

    func fail(_ message: String, at offset: Int) -> DefinitionError {
        DefinitionError(message, at: lines.location(offset))
    }

    func location(_ offset: Int) -> SourceLocation { lines.location(offset) }

    @inline(__always) func byte(_ i: Int) -> UInt8? { i < n ? b[i] : nil }

    func text(_ range: Range<Int>) -> String { String(decoding: b[range], as: UTF8.self) }

    func isLineBreak(_ i: Int) -> Bool { i < n && (b[i] == 0x0A || (b[i] == 0x0D && byte(i + 1) == 0x0A)) }

    mutating func enter(at offset: Int) throws(DefinitionError) {
        depth += 1
        if depth > limits.maxDepth { throw fail("blocks and expressions nested deeper than \(limits.maxDepth) levels", at: offset) }
    }

    mutating func leave() { depth -= 1 }

    // MARK: Blanks and comments

    /// Skips blanks and comments, and line breaks when `newlines` is true.
    mutating func skipSpace(newlines: Bool) throws(DefinitionError) {
        while pos < n {
            let c = b[pos]
            if c == 0x20 || c == 0x09 || (c == 0x0D && byte(pos + 1) != 0x0A) { pos += 1; continue }
            if isLineBreak(pos) {
                guard newlines else { return }
                pos += c == 0x0D ? 2 : 1
                continue
            }
            if c == UInt8(ascii: "#") || (c == UInt8(ascii: "/") && byte(pos + 1) == UInt8(ascii: "/")) {
                while pos < n, !isLineBreak(pos) { pos += 1 }
                continue
            }
            if c == UInt8(ascii: "/"), byte(pos + 1) == UInt8(ascii: "*") {
                let start = pos
                pos += 2
                while pos < n, !(b[pos] == UInt8(ascii: "*") && byte(pos + 1) == UInt8(ascii: "/")) { pos += 1 }
                guard pos < n else { throw fail("this comment is not closed (`*/` missing)", at: start) }
                pos += 2
                continue
            }
            return
        }
    }

    /// Skips what may separate tokens in the current context.
    mutating func skipGap() throws(DefinitionError) { try skipSpace(newlines: !newlinesEndExpressions) }

    // MARK: Names

    static func isNameStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_") || c >= 0x80
    }

    static func isNamePart(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-")
    }

    /// An identifier (letters, digits, `_` and `-`), or `nil` with the cursor unmoved.
    mutating func scanName() -> String? {
        guard pos < n, Self.isNameStart(b[pos]) else { return nil }
        let start = pos
        while pos < n, Self.isNamePart(b[pos]) { pos += 1 }
        lastEnd = pos
        return text(start..<pos)
    }

    // MARK: Bodies

    mutating func parseFile() throws(DefinitionError) -> HCLBody {
        if let bad = firstInvalidUTF8(b) { throw fail("the file is not valid UTF-8", at: bad) }
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { pos = 3 }
        return try parseBody(openedAt: nil)
    }

    /// Attributes and blocks up to the `}` that closes the block opened at
    /// `openedAt` (or to the end of the file).
    mutating func parseBody(openedAt open: Int?) throws(DefinitionError) -> HCLBody {
        var items: [HCLBody.Item] = []
        while true {
            try skipSpace(newlines: true)
            guard pos < n else {
                if let open { throw fail("this block is not closed (`}` missing)", at: open) }
                break
            }
            if b[pos] == UInt8(ascii: "}") {
                guard open != nil else { throw fail("a `}` with no block to close", at: pos) }
                pos += 1
                break
            }
            let nameStart = pos
            guard let name = scanName() else { throw fail("expected an attribute name or a block type", at: pos) }
            try skipSpace(newlines: false)
            if byte(pos) == UInt8(ascii: "="), byte(pos + 1) != UInt8(ascii: "=") {
                pos += 1
                newlinesEndExpressions = true
                let value = try parseExpression()
                items.append(.attribute(HCLAttribute(name: name, value: value, location: location(nameStart))))
            } else {
                items.append(.block(try parseBlock(type: name, at: nameStart)))
            }
            try endItem(inBlock: open != nil)
        }
        return HCLBody(items: items)
    }

    private mutating func parseBlock(type: String, at start: Int) throws(DefinitionError) -> HCLBlock {
        var labels: [String] = []
        while pos < n {
            if b[pos] == UInt8(ascii: "\"") {
                let labelStart = pos
                let label = try parseQuoted()
                guard case .string(let text) = label.kind else {
                    throw fail("a block label cannot hold an interpolation", at: labelStart)
                }
                labels.append(text)
            } else if let name = scanName() {
                labels.append(name)
            } else {
                break
            }
            try skipSpace(newlines: false)
        }
        guard byte(pos) == UInt8(ascii: "{") else {
            throw fail("expected `=` after an attribute name, or `{` to open a block", at: pos)
        }
        let open = pos
        pos += 1
        try enter(at: open)
        defer { leave() }
        let body = try parseBody(openedAt: open)
        return HCLBlock(type: type, labels: labels, body: body, location: location(start))
    }

    /// One attribute or block per line; a one-line block may close after it.
    private mutating func endItem(inBlock: Bool) throws(DefinitionError) {
        try skipSpace(newlines: false)
        if pos >= n || isLineBreak(pos) { return }
        if inBlock, b[pos] == UInt8(ascii: "}") { return }
        throw fail("expected a line break here (one attribute or block per line)", at: pos)
    }
}
