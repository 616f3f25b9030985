import DockerfileSyntax

/// How a file writes things, so that inserted text looks like the rest:
/// line endings, keyword case, continuation indent, escape character.
public struct FileStyle: Sendable, Equatable {
    /// `"\n"` or `"\r\n"`: what most lines end with.
    public var newline: String
    /// Keywords are written in lower case (`from`, `run`).
    public var lowercaseKeywords: Bool
    /// The indentation of continuation lines (four spaces when the file has none).
    public var continuationIndent: String
    /// `\` or, after `# escape=`` ` ``, a backtick.
    public var escape: Character

    public static let standard = FileStyle(newline: "\n", lowercaseKeywords: false, continuationIndent: "    ", escape: "\\")

    public init(newline: String, lowercaseKeywords: Bool, continuationIndent: String, escape: Character) {
        self.newline = newline
        self.lowercaseKeywords = lowercaseKeywords
        self.continuationIndent = continuationIndent
        self.escape = escape
    }

    /// Reads the style of a parsed file.
    public init(of tree: SyntaxTree) {
        let source = tree.source
        var crlf = 0, lf = 0
        for i in source.indices where source[i] == 0x0A {
            if i > 0 && source[i - 1] == 0x0D { crlf += 1 } else { lf += 1 }
        }
        newline = crlf > lf ? "\r\n" : "\n"
        var lower = 0, upper = 0
        var indents: [String: Int] = [:]
        for node in tree.root.childNodes where node.kind.isInstruction {
            let keyword = node.firstToken.text
            if keyword.isEmpty { continue }
            if keyword == keyword.lowercased() { lower += 1 } else { upper += 1 }
            // Indentation after a line continuation, within the instruction.
            for token in node.tokens.dropFirst() {
                let pieces = token.leadingTrivia
                guard pieces.contains(where: { $0.kind == .newline }), let last = pieces.last, last.kind == .spaces,
                      token.previous?.trailingTrivia.last?.kind == .lineContinuation else { continue }
                indents[String(decoding: source[last.range], as: UTF8.self), default: 0] += 1
            }
        }
        lowercaseKeywords = lower > upper
        continuationIndent = indents.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "    "
        escape = Character(Unicode.Scalar(tree.escape))
    }

    /// A keyword (written in upper case by passes) in the file's case.
    public func keyword(_ upper: String) -> String {
        lowercaseKeywords ? upper.lowercased() : upper
    }

    /// Joins command parts with line continuations in the file's style.
    public func continued(_ parts: [String]) -> String {
        parts.joined(separator: " \(escape)\(newline)\(continuationIndent)")
    }
}
