import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// The shell command of a shell-form RUN, read by `ShellCommandList`, with
/// the way back from its logical text (continuations removed) to the
/// source, so that a pass can replace or cut words while every line
/// continuation, indentation and comment around them stays as written.
struct RunShellText {
    let run: Instruction
    let source: [UInt8]
    let text: String
    let list: ShellCommandList
    private let reading: InstructionReading
    private let base: Int

    /// `nil` for exec form, here-documents, bytes that are not UTF-8, or a
    /// command `ShellCommandList` does not follow.
    init?(_ run: Instruction) {
        guard run.form == .shell, run.heredocs.isEmpty, case .shell(let text)? = run.command,
              let reading = InstructionReading(run.node), case .shell(let r) = reading.layout.arguments,
              // Offsets in `text` are UTF-8 offsets of the source only when no byte was
              // replaced on decoding (invalid UTF-8 becomes U+FFFD, three bytes).
              !text.unicodeScalars.contains("\u{FFFD}"),
              let list = ShellCommandList.parse(text) else { return nil }
        self.run = run
        self.source = Array(run.node.tree.source)
        self.text = text
        self.list = list
        self.reading = reading
        self.base = r.lowerBound
    }

    /// Where a logical offset starts in the source.
    func start(_ logical: Int) -> Int { reading.sourceOffset(base + logical) }

    /// Where a logical offset that ends something ends in the source (just
    /// after its last byte, before any continuation that follows it).
    func end(_ logical: Int) -> Int { logical == 0 ? start(0) : reading.sourceOffset(base + logical - 1) + 1 }

    /// The source range of a word.
    func range(_ w: ShellCommandList.Word) -> Range<Int> { start(w.range.lowerBound)..<end(w.range.upperBound) }

    /// Whether a comment line lies inside a source range (cutting it would drop the comment).
    func hasComment(in r: Range<Int>) -> Bool {
        for token in run.node.tokens {
            let t = token.leadingTriviaRange
            if t.lowerBound < r.upperBound, t.upperBound > r.lowerBound,
               token.leadingTrivia.contains(where: { $0.kind == .comment && $0.range.lowerBound < r.upperBound && $0.range.upperBound > r.lowerBound }) {
                return true
            }
        }
        return false
    }

    /// Whether the source between two offsets holds a line break.
    func breaksLine(_ from: Int, _ to: Int) -> Bool { from < to && source[from..<to].contains(0x0A) }

    /// The offset where the physical line holding `offset` starts.
    func lineStart(_ offset: Int) -> Int {
        var i = offset
        while i > 0 && source[i - 1] != 0x0A { i -= 1 }
        return i
    }

    /// Whether only spaces and tabs come before `offset` on its line.
    func startsLine(_ offset: Int) -> Bool {
        source[lineStart(offset)..<offset].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
