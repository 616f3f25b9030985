/// A parsed Dockerfile: the source bytes plus a lossless tree over them.
///
/// The tree is stored flat, in document order, the way rowan stores green
/// nodes: tokens hold offsets into `source`, nodes hold token ranges. Nothing
/// is copied out of the source while parsing, which keeps parsing linear and
/// allocation-free per token. `SyntaxNode` and `SyntaxToken` are light
/// cursors (tree + index) over this storage.
///
/// Every byte belongs to exactly one token: to its text, or to its leading or
/// trailing trivia. Printing is the concatenation of the tokens, so
/// `Parser.parse(x).printed() == x` for every input.
public final class SyntaxTree: @unchecked Sendable {
    /// The bytes the tree was parsed from.
    public let source: [UInt8]
    /// The escape character in effect (`\` or, after `# escape=`` ` ``, a backtick).
    public let escape: UInt8
    /// Problems found while parsing, in document order.
    public let diagnostics: [Diagnostic]

    /// Owned storage, immutable after `init`, freed in `deinit`.
    let tokens: UnsafeBufferPointer<RawToken>
    let nodes: UnsafeBufferPointer<RawNode>
    /// Byte offsets at which each physical line starts (line 1 at index 0).
    let lineStarts: [Int]

    deinit {
        tokens.deallocate()
        nodes.deallocate()
    }

    /// Takes ownership of `tokens` and `nodes`.
    init(source: [UInt8], escape: UInt8, tokens: UnsafeBufferPointer<RawToken>, nodes: UnsafeBufferPointer<RawNode>,
         lineStarts: [Int], diagnostics: [Diagnostic]) {
        self.source = source
        self.escape = escape
        self.tokens = tokens
        self.nodes = nodes
        self.lineStarts = lineStarts
        self.diagnostics = diagnostics
    }

    /// The `sourceFile` node.
    public var root: SyntaxNode { SyntaxNode(tree: self, index: 0) }

    /// The number of tokens, the end-of-file token included.
    public var tokenCount: Int { tokens.count }

    /// The token at `index`, in document order.
    public func token(at index: Int) -> SyntaxToken { SyntaxToken(tree: self, index: index) }

    /// All tokens, in document order.
    public var allTokens: [SyntaxToken] { (0..<tokens.count).map { SyntaxToken(tree: self, index: $0) } }

    /// The file printed back: the leading trivia of the first token, then
    /// each token's text followed by the trivia up to the next token's text,
    /// concatenated. (Runs that are adjacent in the source are copied in one
    /// go, which for a parsed tree is the whole file at once.)
    public func printed() -> [UInt8] {
        source.withUnsafeBufferPointer { b in
            [UInt8](unsafeUninitializedCapacity: b.count) { out, written in
                written = 0
                var runStart = 0, runEnd = 0
                func flush() {
                    let n = runEnd - runStart
                    if n > 0 { (out.baseAddress! + written).initialize(from: b.baseAddress! + runStart, count: n) }
                    written += n
                }
                for i in 0..<tokens.count {
                    // Token i's text and the trivia after it reach to the next token's text.
                    let start = Int(tokens[i].textStart)
                    let end = i + 1 < tokens.count ? Int(tokens[i + 1].textStart) : b.count
                    let pieceStart = i == 0 ? 0 : start
                    if pieceStart != runEnd {
                        flush()
                        runStart = pieceStart
                    }
                    runEnd = end
                }
                flush()
            }
        }
    }

    /// The printed file as a string (invalid UTF-8 is repaired, so use
    /// `printed()` when bytes matter).
    public var printedText: String { String(decoding: printed(), as: UTF8.self) }

    /// The 1-based line and column (in bytes) of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(offset: offset, line: lo + 1, column: offset - lineStarts[lo] + 1)
    }

    /// The number of physical lines (a final line ending does not start a new line).
    public var lineCount: Int { lineStarts.count }

    /// The 1-based column of an offset in Unicode characters, as editors
    /// count them: UTF-8 continuation bytes and a byte order mark at the
    /// start of the file do not count.
    public func characterColumn(of offset: Int) -> Int {
        let start = lineStart(location(of: offset).line)
        var i = start == 0 && source.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, offset) : start
        var column = 1
        while i < offset && i < source.count {
            if source[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    /// The offset where a 1-based line starts.
    public func lineStart(_ line: Int) -> Int { lineStarts[max(0, min(line, lineStarts.count) - 1)] }

    // MARK: Trivia boundaries

    func textRange(ofToken i: Int) -> Range<Int> {
        Int(tokens[i].textStart)..<Int(tokens[i].textEnd)
    }

    func fullRange(ofToken i: Int) -> Range<Int> {
        leadingStart(ofToken: i)..<trailingEnd(ofToken: i)
    }

    func leadingStart(ofToken i: Int) -> Int {
        i == 0 ? 0 : trailingEnd(ofToken: i - 1)
    }

    /// Trailing trivia runs up to, not including, the first line ending after
    /// the token; a token whose text is empty or ends with a line ending
    /// (here-document content) has none.
    func trailingEnd(ofToken i: Int) -> Int {
        let textStart = Int(tokens[i].textStart)
        let textEnd = Int(tokens[i].textEnd)
        if i == tokens.count - 1 { return source.count }
        if textEnd == textStart || source[textEnd - 1] == 0x0A { return textEnd }
        let next = Int(tokens[i + 1].textStart)
        var j = textEnd
        while j < next {
            let c = source[j]
            if c == 0x0A { break }
            if c == 0x0D {
                var k = j
                while k < next, source[k] == 0x0D { k += 1 }
                if k == next && next == source.count { break }
                if k < next && source[k] == 0x0A { break }
                j = k
                continue
            }
            j += 1
        }
        return j
    }
}

/// A token in the flat storage: its kind, its text's byte range, and the
/// innermost node that holds it.
struct RawToken {
    var kind: TokenKind
    var textStart: UInt32
    var textEnd: UInt32
    var parent: UInt32
}

/// A node in the flat storage, in preorder: it covers the tokens
/// `firstToken..<endToken` and its descendants are the nodes
/// `index+1..<subtreeEnd`.
struct RawNode {
    var kind: SyntaxKind
    var parent: Int32
    var firstToken: UInt32
    var endToken: UInt32
    var subtreeEnd: UInt32
}

/// A 1-based line and column (counted in bytes), with the byte offset.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }
}
