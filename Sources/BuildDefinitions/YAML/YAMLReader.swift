/// Reads the YAML that Compose files are written in: block and flow
/// collections, plain, quoted and block scalars, comments, several
/// documents, anchors, aliases, merge keys and tags. What it does not read
/// (explicit `? ` keys, collections as keys) it refuses with a position.
///
/// Bad input never traps or hangs: it throws a `DefinitionError` with the
/// file, line and column. Nesting is bounded (`Limits.maxDepth`), and so is
/// the document after alias expansion (`Limits.maxNodes`), so a "billion
/// laughs" file is refused instead of filling memory. compose-spec/compose-go
/// `loader/reset.go` bounds its own walk the same way (`defaultMaxNodeVisits`).
public enum YAMLReader {
    public struct Limits: Sendable {
        /// Collections inside collections, block and flow alike.
        public var maxDepth: Int
        /// Nodes in a file once every alias is expanded.
        public var maxNodes: Int

        public init(maxDepth: Int = 128, maxNodes: Int = 1_000_000) {
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
        }
    }

    /// Every document of the file; a file with only comments has none.
    public static func read(_ bytes: [UInt8], file: String, limits: Limits = Limits()) throws(DefinitionError) -> [YAMLDocument] {
        var parser = YAMLParser(bytes, file: file, limits: limits)
        return try parser.parseStream()
    }

    public static func read(_ text: String, file: String, limits: Limits = Limits()) throws(DefinitionError) -> [YAMLDocument] {
        try read(Array(text.utf8), file: file, limits: limits)
    }
}

/// The reader's state: a cursor over the bytes, the anchors seen so far and
/// what the limits allow. Its parts live in the `YAML*` files beside this one.
struct YAMLParser {
    let b: [UInt8]
    let n: Int
    var pos = 0
    let lines: LineTable
    let limits: YAMLReader.Limits
    var depth = 0
    /// Nodes made so far, aliases counted at their full size.
    var nodeCount = 0
    var anchors: [String: YAMLNode] = [:]

    init(_ bytes: [UInt8], file: String, limits: YAMLReader.Limits) {
        b = bytes
        n = bytes.count
        lines = LineTable(bytes, file: file)
        self.limits = limits
    }

    /// A tag and an anchor written before a node.
    struct Properties {
        var tag: String?
        var anchor: String?
        /// Where the first of them starts.
        var start: Int?
        var isEmpty: Bool { start == nil }
    }

    // MARK: Errors and locations

    func fail(_ message: String, at offset: Int) -> DefinitionError {
        DefinitionError(message, at: lines.location(offset))
    }

    func location(_ offset: Int) -> SourceLocation { lines.location(offset) }

    /// Byte column of `offset` in its line (0-based); indentation is spaces,
    /// so bytes and columns agree where it matters.
    func column(_ offset: Int) -> Int { offset - lines.lineStart(of: offset) }

    func lineStart(_ offset: Int) -> Int { lines.lineStart(of: offset) }

    // MARK: Bytes

    @inline(__always) func byte(_ i: Int) -> UInt8? { i < n ? b[i] : nil }

    @inline(__always) func isBlank(_ i: Int) -> Bool { i < n && (b[i] == 0x20 || b[i] == 0x09) }

    /// `\n`, or `\r\n`.
    @inline(__always) func isBreak(_ i: Int) -> Bool {
        i < n && (b[i] == 0x0A || (b[i] == 0x0D && i + 1 < n && b[i + 1] == 0x0A))
    }

    @inline(__always) func breakLength(_ i: Int) -> Int { b[i] == 0x0D ? 2 : 1 }

    @inline(__always) func isLineEnd(_ i: Int) -> Bool { i >= n || isBreak(i) }

    @inline(__always) func isBlankOrEnd(_ i: Int) -> Bool { isLineEnd(i) || isBlank(i) }

    @inline(__always) func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")
    }

    mutating func skipBlanks() { while isBlank(pos) { pos += 1 } }

    mutating func skipToLineEnd() { while !isLineEnd(pos) { pos += 1 } }

    /// `---` or `...` at the start of a line, followed by a blank or the end of the line.
    func isDocumentMarker(_ i: Int) -> Bool {
        guard i + 2 < n, column(i) == 0 else { return false }
        let c = b[i]
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        return b[i + 1] == c && b[i + 2] == c && isBlankOrEnd(i + 3)
    }

    func isDocumentEnd(_ i: Int) -> Bool { isDocumentMarker(i) && b[i] == UInt8(ascii: ".") }

    /// `- ` (or `-` at the end of a line): a block sequence entry.
    func isSequenceEntry(_ i: Int) -> Bool { byte(i) == UInt8(ascii: "-") && isBlankOrEnd(i + 1) }

    func text(_ range: Range<Int>) -> String { String(decoding: b[range], as: UTF8.self) }

    // MARK: Budgets

    mutating func enterCollection(at offset: Int) throws(DefinitionError) {
        depth += 1
        if depth > limits.maxDepth {
            throw fail("collections nested deeper than \(limits.maxDepth) levels", at: offset)
        }
    }

    mutating func leaveCollection() { depth -= 1 }

    /// Charges `count` nodes to the document's budget.
    mutating func charge(_ count: Int, at offset: Int) throws(DefinitionError) {
        nodeCount = nodeCount.addingSaturated(count)
        if nodeCount > limits.maxNodes {
            throw fail("the document expands to more than \(limits.maxNodes) nodes (aliases used too often: a \"billion laughs\" file?)", at: offset)
        }
    }

    /// Makes a node, charges it, and records its anchor.
    mutating func make(_ content: YAMLNode.Content, _ properties: Properties, at offset: Int) throws(DefinitionError) -> YAMLNode {
        try charge(1, at: offset)
        let node = YAMLNode(content, tag: properties.tag, anchor: properties.anchor, at: location(properties.start ?? offset))
        if let anchor = properties.anchor { anchors[anchor] = node }
        return node
    }
}
