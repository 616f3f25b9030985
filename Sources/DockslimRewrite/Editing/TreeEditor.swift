import DockerfileSyntax

/// Collects minimal edits on a tree: replace a node or token, insert or
/// remove whole instructions. Every edit is a byte-range replacement of the
/// source, so every byte a pass does not touch, trivia included, stays as it
/// was. New text must be checked with `Fragment` by the pass that writes it.
public struct TreeEditor: Sendable {
    public let tree: SyntaxTree
    public let style: FileStyle
    public private(set) var edits: [TextEdit] = []

    public init(_ tree: SyntaxTree, style: FileStyle? = nil) {
        self.tree = tree
        self.style = style ?? FileStyle(of: tree)
    }

    public var isEmpty: Bool { edits.isEmpty }

    /// Replaces a node's text (its outer trivia stays).
    public mutating func replace(_ node: SyntaxNode, with text: String, reason: String) {
        edits.append(TextEdit(range: node.textRange, replacement: Array(text.utf8), reason: reason))
    }

    /// Replaces a token's text (its trivia stays).
    public mutating func replace(_ token: SyntaxToken, with text: String, reason: String) {
        edits.append(TextEdit(range: token.textRange, replacement: Array(text.utf8), reason: reason))
    }

    /// Inserts text at a source offset (inside a line).
    public mutating func insert(at offset: Int, _ text: String, reason: String) {
        edits.append(TextEdit(range: offset..<offset, replacement: Array(text.utf8), reason: reason))
    }

    /// Inserts text right after a token (on the same line).
    public mutating func insert(after token: SyntaxToken, _ text: String, reason: String) {
        let at = token.textRange.upperBound
        edits.append(TextEdit(range: at..<at, replacement: Array(text.utf8), reason: reason))
    }

    /// Inserts instructions (each a string without line ending; a
    /// multi-line one joined with `style.newline`) on new lines above
    /// `instruction` and the comment lines attached to it.
    public mutating func insert(_ instructions: [String], before instruction: SyntaxNode, reason: String) {
        let at = block(of: instruction).lowerBound
        let indent = indentation(of: instruction)
        let text = instructions.map { indent + $0 + style.newline }.joined()
        edits.append(TextEdit(range: at..<at, replacement: Array(text.utf8), reason: reason))
    }

    /// Inserts instructions on new lines below `instruction`.
    public mutating func insert(_ instructions: [String], after instruction: SyntaxNode, reason: String) {
        let end = block(of: instruction).upperBound
        let indent = indentation(of: instruction)
        let endsWithNewline = end > 0 && tree.source[end - 1] == 0x0A
        var text = instructions.map { indent + $0 }.joined(separator: style.newline)
        text = endsWithNewline ? text + style.newline : style.newline + text
        edits.append(TextEdit(range: end..<end, replacement: Array(text.utf8), reason: reason))
    }

    /// Moves an instruction, with its attached comments and exactly as
    /// written, to the lines above `target`.
    public mutating func move(_ instruction: SyntaxNode, before target: SyntaxNode, reason: String) {
        let from = block(of: instruction)
        var text = Array(tree.source[from])
        if text.last != 0x0A { text += Array(style.newline.utf8) }
        let at = block(of: target).lowerBound
        edits.append(TextEdit(range: at..<at, replacement: text, reason: reason))
        edits.append(TextEdit(range: from, replacement: [], reason: reason))
    }

    /// Replaces a byte range (for passes that rewrite part of a command).
    public mutating func replace(_ range: Range<Int>, with text: String, reason: String) {
        edits.append(TextEdit(range: range, replacement: Array(text.utf8), reason: reason))
    }

    /// Removes a byte range (for passes that cut part of a command).
    public mutating func remove(_ range: Range<Int>, reason: String) {
        edits.append(TextEdit(range: range, replacement: [], reason: reason))
    }

    /// Removes an instruction's lines and the comment lines attached to it.
    public mutating func remove(_ instruction: SyntaxNode, reason: String) {
        edits.append(TextEdit(range: block(of: instruction), replacement: [], reason: reason))
    }

    /// The bytes of an instruction's block: attached comments, the
    /// instruction, its line ending.
    public func text(of instruction: SyntaxNode) -> String {
        String(decoding: tree.source[block(of: instruction)], as: UTF8.self)
    }

    /// The new file, or `nil` if edits overlap (a pass's mistake: it is
    /// then skipped, never half applied).
    public func result() -> [UInt8]? {
        TextEdit.apply(edits, to: tree.source)
    }

    // MARK: Lines

    /// From the start of the first comment line directly above the
    /// instruction (no blank line between) to just after the line ending of
    /// its last line (or the end of the file).
    public func block(of instruction: SyntaxNode) -> Range<Int> {
        let keyword = instruction.firstToken
        // The keyword's leading trivia, cut into lines at its line endings;
        // the last line is the instruction's own indentation.
        var lines: [[TriviaPiece]] = [[]]
        var lineStarts = [keyword.leadingTriviaRange.lowerBound]
        for p in keyword.leadingTrivia {
            if p.kind == .newline {
                lines.append([])
                lineStarts.append(p.range.upperBound)
            } else if p.kind == .byteOrderMark {
                lineStarts[0] = p.range.upperBound  // never insert before the BOM
            } else {
                lines[lines.count - 1].append(p)
            }
        }
        var first = lines.count - 1
        // Walk up over lines that hold a comment and nothing else. The first
        // line belongs to the previous token unless the keyword starts the file.
        let lowest = keyword.index == 0 ? 0 : 1
        while first - 1 >= lowest {
            let line = lines[first - 1]
            guard line.contains(where: { $0.kind == .comment }), line.allSatisfy({ $0.kind == .comment || $0.kind == .spaces }) else { break }
            first -= 1
        }
        let blockStart = lineStarts[first]
        // The end: past the first line ending after the instruction's last token.
        let last = instruction.lastToken
        var end = last.trailingTriviaRange.upperBound
        if let next = last.next, let nl = next.leadingTrivia.first, nl.kind == .newline, nl.range.lowerBound == end {
            end = nl.range.upperBound
        }
        return blockStart..<end
    }

    /// The spaces before the instruction's keyword on its line.
    private func indentation(of instruction: SyntaxNode) -> String {
        let pieces = instruction.firstToken.leadingTrivia
        guard let last = pieces.last, last.kind == .spaces else { return "" }
        if pieces.count >= 2, pieces[pieces.count - 2].kind != .newline, pieces[pieces.count - 2].kind != .byteOrderMark { return "" }
        return String(decoding: tree.source[last.range], as: UTF8.self)
    }
}
