/// A conservative reading of a shell-form command: simple commands joined
/// by `&&`, `||`, `;`, `|` or `&`, each a list of words, with where each
/// command and operator sits in the text. It reads only what it is sure
/// of: anything with subshells, command substitution, here-documents or
/// unbalanced quotes is refused (`nil`), and a pass then leaves the
/// instruction alone.
public struct ShellCommandList: Sendable, Equatable {
    public struct Word: Sendable, Equatable {
        /// As written, quotes included.
        public let raw: String
        /// Byte range in the text.
        public let range: Range<Int>
        /// No quotes, escapes, expansions, globs or redirections: the word
        /// means exactly its characters, with or without a shell.
        public let isPlain: Bool
    }

    public struct Command: Sendable, Equatable {
        public let words: [Word]
        /// From the first word's start to the last word's end.
        public var range: Range<Int> { (words.first?.range.lowerBound ?? 0)..<(words.last?.range.upperBound ?? 0) }
        /// The operator after the command (`&&`, `||`, `;`, `|`, `&`), if any.
        public let separator: String?
        /// Where the operator is in the text.
        public let separatorRange: Range<Int>?

        /// The words' raw texts.
        public var texts: [String] { words.map(\.raw) }
    }

    public let commands: [Command]
    /// A trailing `# comment`, if the text has one.
    public var comment: Range<Int>? = nil

    /// Characters a plain word may hold.
    static func isPlainByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="),
             UInt8(ascii: ","), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "^"):
            return true
        default:
            return false
        }
    }

    /// Reads `text`, or returns `nil` when it holds constructs this reader
    /// does not follow.
    public static func parse(_ text: String) -> ShellCommandList? {
        let b = Array(text.utf8)
        var commands: [Command] = []
        var words: [Word] = []
        var i = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        while i < b.count {
            let c = b[i]
            if isSpace(c) { i += 1; continue }
            // Operators.
            if c == UInt8(ascii: "&") || c == UInt8(ascii: "|") || c == UInt8(ascii: ";") {
                var op = [c]
                if i + 1 < b.count, b[i + 1] == c, c != UInt8(ascii: ";") { op.append(c) }
                if c == UInt8(ascii: ";"), i + 1 < b.count, b[i + 1] == c { return nil }  // `;;` belongs to case
                guard !words.isEmpty else { return nil }
                commands.append(Command(words: words, separator: String(decoding: op, as: UTF8.self), separatorRange: i..<(i + op.count)))
                words = []
                i += op.count
                continue
            }
            if c == UInt8(ascii: "#") {
                // A word that starts with # starts a comment, to the end of the text.
                if !words.isEmpty { commands.append(Command(words: words, separator: nil, separatorRange: nil)) }
                return commands.isEmpty ? nil : ShellCommandList(commands: commands, comment: i..<b.count)
            }
            if c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "`") {
                return nil
            }
            // A word.
            let start = i
            var plain = true
            var quote: UInt8 = 0
            while i < b.count {
                let d = b[i]
                if quote != 0 {
                    if d == quote { quote = 0 } else if d == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { i += 1 }
                    if quote == UInt8(ascii: "\"") && (d == UInt8(ascii: "`") || (d == UInt8(ascii: "$") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "("))) { return nil }
                    i += 1
                    continue
                }
                if isSpace(d) || d == UInt8(ascii: "&") || d == UInt8(ascii: "|") || d == UInt8(ascii: ";") { break }
                if d == UInt8(ascii: "(") || d == UInt8(ascii: ")") || d == UInt8(ascii: "`") { return nil }
                if d == UInt8(ascii: "$") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "(") { return nil }
                if d == UInt8(ascii: "<") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "<") { return nil }
                if d == UInt8(ascii: "'") || d == UInt8(ascii: "\"") { quote = d; plain = false; i += 1; continue }
                if d == UInt8(ascii: "\\") { plain = false; i += 2; continue }
                if !isPlainByte(d) { plain = false }
                i += 1
            }
            if quote != 0 { return nil }
            i = min(i, b.count)
            words.append(Word(raw: String(decoding: b[start..<i], as: UTF8.self), range: start..<i, isPlain: plain))
        }
        if !words.isEmpty { commands.append(Command(words: words, separator: nil, separatorRange: nil)) }
        return commands.isEmpty ? nil : ShellCommandList(commands: commands)
    }
}
