/// An instruction node read the way BuildKit reads it: its logical line, the
/// layout of that line, its line numbers and its here-documents.
///
/// This is the bridge from the lossless tree to the semantic model: it
/// re-reads the instruction's bytes with the very functions the parser used,
/// so the values it yields always match the nodes the parser built.
public struct InstructionReading: Sendable {
    /// The instruction node (top level, not an ONBUILD trigger).
    public let node: SyntaxNode
    /// The logical line: continuations and the comment lines inside them removed.
    public let line: [UInt8]
    public let layout: InstructionLayout
    /// The lists `layout` indexes into.
    public let storage: LayoutStorage
    /// 1-based, as BuildKit counts: from the first line of the instruction to
    /// the last line of its last here-document.
    public let startLine: Int
    public let endLine: Int
    /// The here-documents the line announces, in order; `bodies` holds the
    /// matching `heredoc` nodes (fewer when the file ends early).
    public let heredocs: [HeredocSpec]
    public let bodies: [SyntaxNode]
    let segments: [LogicalLine.Segment]

    /// Reads a top-level instruction node; `nil` for any other node.
    public init?(_ node: SyntaxNode) {
        guard node.kind.isInstruction, node.parent?.kind == .sourceFile else { return nil }
        self.node = node
        let tree = node.tree
        let keyword = node.firstToken
        // An instruction may begin with lone line continuations before its
        // keyword; then it starts at the first of them.
        var start = keyword.textRange.lowerBound
        if let lone = keyword.leadingTrivia.first(where: { $0.kind == .lineContinuation }) {
            start = lone.range.lowerBound
        }
        let startLocation = tree.location(of: start)
        var logical = LogicalLine()
        var storage = LayoutStorage()
        let layout: InstructionLayout = tree.source.withUnsafeBufferPointer { b in
            let lines = PhysicalLines(bytes: b, starts: tree.lineStarts)
            _ = logical.build(lines, line: startLocation.line - 1, contentStart: start, escape: tree.escape)
            return logical.bytes.withUnsafeBufferPointer {
                InstructionLayout.read($0, 0, $0.count, escape: tree.escape, storage: &storage)
            }
        }
        self.storage = storage
        self.line = logical.bytes
        self.layout = layout
        self.segments = logical.segments
        self.startLine = startLocation.line
        self.bodies = node.childNodes(.heredoc)
        if let last = bodies.last {
            let end = last.lastToken
            // An unterminated body runs to the end of the file.
            self.endLine = end.kind == .heredocTerminator ? end.location.line : tree.lineCount
        } else {
            self.endLine = logical.lastLine + 1
        }
        if bodies.isEmpty {
            self.heredocs = []
        } else {
            self.heredocs = (try? logical.bytes.withUnsafeBufferPointer { b throws(HeredocDetector.Failure) in
                try HeredocDetector.find(b)
            }) ?? []
        }
    }

    /// The logical line's bytes in `r`.
    public func bytes(_ r: Range<Int>) -> [UInt8] { Array(line[r]) }

    /// A flag's value as BuildKit builds it (quotes removed, escapes applied).
    public func flagValue(_ r: Range<Int>) -> [UInt8] {
        line.withUnsafeBufferPointer { InstructionLayout.scanFlagWord($0, r.lowerBound, r.upperBound).1 }
    }

    /// A quote-aware word as BuildKit's `parseWords` returns it: the text as
    /// written, minus an escape character that ends the line, with invalid
    /// UTF-8 repaired.
    public func wordValue(_ r: Range<Int>) -> [UInt8] {
        line.withUnsafeBufferPointer { b -> [UInt8] in
            var end = r.upperBound
            if end == layout.rest.upperBound, end > r.lowerBound, b[end - 1] == node.tree.escape {
                // An escape just before the end is dropped unless it is itself escaped.
                var n = 0, k = end - 1
                while k >= r.lowerBound, b[k] == node.tree.escape { n += 1; k -= 1 }
                if n % 2 == 1 { end -= 1 }
            }
            return UTF8Decoding.repaired(b, r.lowerBound..<end)
        }
    }

    /// The decoded value of a JSON string element.
    public func jsonString(_ r: Range<Int>) -> [UInt8] {
        line.withUnsafeBufferPointer { JSONArrayScanner.decodeString($0, r) }
    }

    /// Where a logical offset is in the source.
    public func sourceOffset(_ logical: Int) -> Int {
        var lo = 0, hi = segments.count - 1
        guard hi >= 0 else { return node.textRange.lowerBound }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].logicalStart <= logical { lo = mid } else { hi = mid - 1 }
        }
        return segments[lo].sourceStart + (logical - segments[lo].logicalStart)
    }
}
