/// Appends tokens and nodes in document order; the parser's only way to
/// make a tree.
struct TreeBuilder {
    private(set) var tokens: [RawToken] = []
    private(set) var nodes: [RawNode] = []
    private var open: [Int] = []

    init(expectedBytes: Int) {
        tokens.reserveCapacity(expectedBytes / 8 + 16)
        nodes.reserveCapacity(expectedBytes / 16 + 16)
    }

    mutating func startNode(_ kind: SyntaxKind) {
        let parent = open.last.map(Int32.init) ?? -1
        nodes.append(RawNode(kind: kind, parent: parent, firstToken: UInt32(tokens.count),
                             endToken: 0, subtreeEnd: 0))
        open.append(nodes.count - 1)
    }

    /// Closes the innermost open node. A node that received no token is
    /// dropped: every node in the tree covers at least one token.
    mutating func finishNode() {
        let i = open.removeLast()
        if nodes[i].firstToken == UInt32(tokens.count) {
            nodes.removeLast(nodes.count - i)
            return
        }
        nodes[i].endToken = UInt32(tokens.count)
        nodes[i].subtreeEnd = UInt32(nodes.count)
    }

    mutating func token(_ kind: TokenKind, _ start: Int, _ end: Int) {
        let parent = UInt32(open.last ?? 0)
        tokens.append(RawToken(kind: kind, textStart: UInt32(start), textEnd: UInt32(end), parent: parent))
    }
}
