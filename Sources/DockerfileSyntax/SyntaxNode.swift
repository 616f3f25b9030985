/// A node of the tree, seen from its tree: kind, children, parent, position.
public struct SyntaxNode: Sendable, Hashable, CustomStringConvertible {
    public let tree: SyntaxTree
    let index: Int

    init(tree: SyntaxTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    public static func == (a: SyntaxNode, b: SyntaxNode) -> Bool { a.tree === b.tree && a.index == b.index }
    public func hash(into h: inout Hasher) {
        h.combine(ObjectIdentifier(tree))
        h.combine(index)
    }

    private var raw: RawNode { tree.nodes[index] }

    public var kind: SyntaxKind { raw.kind }

    public var parent: SyntaxNode? {
        let p = raw.parent
        return p < 0 ? nil : SyntaxNode(tree: tree, index: Int(p))
    }

    /// Tokens and child nodes, in document order.
    public var children: [SyntaxElement] {
        var out: [SyntaxElement] = []
        let r = raw
        var t = Int(r.firstToken)
        var c = index + 1
        while c < Int(r.subtreeEnd) {
            let child = tree.nodes[c]
            while t < Int(child.firstToken) {
                out.append(.token(SyntaxToken(tree: tree, index: t)))
                t += 1
            }
            out.append(.node(SyntaxNode(tree: tree, index: c)))
            t = Int(child.endToken)
            c = Int(child.subtreeEnd)
        }
        while t < Int(r.endToken) {
            out.append(.token(SyntaxToken(tree: tree, index: t)))
            t += 1
        }
        return out
    }

    /// The child nodes, in document order.
    public var childNodes: [SyntaxNode] {
        var out: [SyntaxNode] = []
        var c = index + 1
        let end = Int(raw.subtreeEnd)
        while c < end {
            out.append(SyntaxNode(tree: tree, index: c))
            c = Int(tree.nodes[c].subtreeEnd)
        }
        return out
    }

    /// The child nodes of one kind.
    public func childNodes(_ kind: SyntaxKind) -> [SyntaxNode] {
        childNodes.filter { $0.kind == kind }
    }

    /// The first child node of one kind.
    public func firstChild(_ kind: SyntaxKind) -> SyntaxNode? {
        childNodes.first { $0.kind == kind }
    }

    /// The tokens directly under this node (not those of child nodes).
    public var directTokens: [SyntaxToken] {
        children.compactMap { if case .token(let t) = $0 { return t } else { return nil } }
    }

    /// Every token under this node, in document order.
    public var tokens: [SyntaxToken] {
        (Int(raw.firstToken)..<Int(raw.endToken)).map { SyntaxToken(tree: tree, index: $0) }
    }

    public var firstToken: SyntaxToken { SyntaxToken(tree: tree, index: Int(raw.firstToken)) }
    public var lastToken: SyntaxToken { SyntaxToken(tree: tree, index: Int(raw.endToken) - 1) }

    /// From the first token's text to the last token's text: trivia inside
    /// the node included, its outer leading and trailing trivia excluded.
    public var textRange: Range<Int> { firstToken.textRange.lowerBound..<lastToken.textRange.upperBound }

    /// Everything the node prints, trivia included.
    public var fullRange: Range<Int> {
        tree.leadingStart(ofToken: Int(raw.firstToken))..<tree.trailingEnd(ofToken: Int(raw.endToken) - 1)
    }

    /// The bytes of `textRange`.
    public var text: ArraySlice<UInt8> { tree.source[textRange] }

    /// Where the node's text starts.
    public var location: SourceLocation { tree.location(of: textRange.lowerBound) }

    /// All nodes of the subtree, this one first, in preorder.
    public var descendants: [SyntaxNode] {
        (index..<Int(raw.subtreeEnd)).map { SyntaxNode(tree: tree, index: $0) }
    }

    /// What the node prints, trivia included.
    public var description: String { String(decoding: tree.source[fullRange], as: UTF8.self) }
}

/// A child of a node: a node or a token.
public enum SyntaxElement: Sendable, Hashable {
    case node(SyntaxNode)
    case token(SyntaxToken)
}

/// A token of the tree: kind, text, and the trivia it owns.
public struct SyntaxToken: Sendable, Hashable, CustomStringConvertible {
    public let tree: SyntaxTree
    public let index: Int

    init(tree: SyntaxTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    public static func == (a: SyntaxToken, b: SyntaxToken) -> Bool { a.tree === b.tree && a.index == b.index }
    public func hash(into h: inout Hasher) {
        h.combine(ObjectIdentifier(tree))
        h.combine(index)
    }

    public var kind: TokenKind { tree.tokens[index].kind }

    /// The innermost node that holds the token.
    public var parent: SyntaxNode { SyntaxNode(tree: tree, index: Int(tree.tokens[index].parent)) }

    public var textRange: Range<Int> { tree.textRange(ofToken: index) }
    public var leadingTriviaRange: Range<Int> { tree.leadingStart(ofToken: index)..<textRange.lowerBound }
    public var trailingTriviaRange: Range<Int> { textRange.upperBound..<tree.trailingEnd(ofToken: index) }
    public var fullRange: Range<Int> { tree.fullRange(ofToken: index) }

    /// The token's bytes, without trivia.
    public var bytes: ArraySlice<UInt8> { tree.source[textRange] }
    /// The token's text, without trivia (invalid UTF-8 repaired).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var leadingTrivia: [TriviaPiece] { trivia(leadingTriviaRange) }
    public var trailingTrivia: [TriviaPiece] { trivia(trailingTriviaRange) }

    private func trivia(_ r: Range<Int>) -> [TriviaPiece] {
        tree.source.withUnsafeBufferPointer { TriviaLexer.pieces($0, r, escape: tree.escape) }
    }

    public var location: SourceLocation { tree.location(of: textRange.lowerBound) }

    /// The next token in document order, if any.
    public var next: SyntaxToken? { index + 1 < tree.tokens.count ? SyntaxToken(tree: tree, index: index + 1) : nil }
    /// The previous token in document order, if any.
    public var previous: SyntaxToken? { index > 0 ? SyntaxToken(tree: tree, index: index - 1) : nil }

    /// What the token prints, trivia included.
    public var description: String { String(decoding: tree.source[fullRange], as: UTF8.self) }
}
