/// Appends tokens and nodes in document order; the parser's only way to
/// make a tree. Storage is managed by hand (the parser appends about one
/// token per eight bytes of input, so per-append overhead matters).
struct TreeBuilder {
    private var tokenBuffer: Growable<RawToken>
    private var nodeBuffer: Growable<RawNode>
    private var open: Growable<Int32>

    init(expectedBytes: Int) {
        tokenBuffer = Growable(capacity: expectedBytes / 12 + 16)
        nodeBuffer = Growable(capacity: expectedBytes / 24 + 16)
        open = Growable(capacity: 16)
    }

    /// Hands the storage over to the caller, who must deallocate it.
    func finish() -> (tokens: UnsafeBufferPointer<RawToken>, nodes: UnsafeBufferPointer<RawNode>) {
        open.deallocate()
        return (tokenBuffer.buffer, nodeBuffer.buffer)
    }

    mutating func startNode(_ kind: SyntaxKind) {
        let parent = open.count > 0 ? open[open.count - 1] : -1
        nodeBuffer.append(RawNode(kind: kind, parent: parent, firstToken: UInt32(tokenBuffer.count),
                                  endToken: 0, subtreeEnd: 0))
        open.append(Int32(nodeBuffer.count - 1))
    }

    /// Closes the innermost open node. A node that received no token is
    /// dropped: every node in the tree covers at least one token.
    mutating func finishNode() {
        let i = Int(open.removeLast())
        if nodeBuffer[i].firstToken == UInt32(tokenBuffer.count) {
            nodeBuffer.count = i
            return
        }
        nodeBuffer[i].endToken = UInt32(tokenBuffer.count)
        nodeBuffer[i].subtreeEnd = UInt32(nodeBuffer.count)
    }

    mutating func token(_ kind: TokenKind, _ start: Int, _ end: Int) {
        let parent = open.count > 0 ? UInt32(open[open.count - 1]) : 0
        tokenBuffer.append(RawToken(kind: kind, textStart: UInt32(start), textEnd: UInt32(end), parent: parent))
    }

}

/// A minimal growable buffer of trivial values, without copy-on-write checks.
struct Growable<T> {
    private var base: UnsafeMutablePointer<T>
    private var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ v: T) {
        if count == capacity { grow() }
        (base + count).initialize(to: v)
        count += 1
    }

    @inline(__always)
    mutating func removeLast() -> T {
        count -= 1
        return base[count]
    }

    @inline(__always)
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() { base.deallocate() }
}
