import DockerfileModel

/// A tolerant reading of what a RUN executes, for findings and refusals
/// only (never to place an edit): the text is cut into simple commands at `&&`, `||`, `;`, `|`,
/// `&`, newlines, parentheses, `$(` and backquotes, and each command into
/// words with quotes removed. Constructs it does not understand only make
/// words it ignores; they never hide the commands around them.
public struct ShellScan: Sendable {
    /// Simple commands, each as its words; `VAR=value` prefixes, `sudo`,
    /// `exec` and `env` removed.
    public let commands: [[String]]

    public init(_ text: String) {
        var commands: [[String]] = []
        var words: [String] = []
        var word: [UInt8] = []
        var inWord = false
        func endWord() {
            if inWord { words.append(String(decoding: word, as: UTF8.self)) }
            word = []
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty { commands.append(Self.stripped(words)) }
            words = []
        }
        let b = Array(text.utf8)
        var i = 0
        var quote: UInt8 = 0
        while i < b.count {
            let c = b[i]
            if quote != 0 {
                if c == quote {
                    quote = 0
                } else if c == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), i + 1 < b.count {
                    i += 1
                    word.append(b[i])
                } else {
                    word.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                quote = c
                inWord = true
            case UInt8(ascii: "\\"):
                // An escaped newline joins lines; any other escaped byte is literal.
                if i + 1 < b.count {
                    if b[i + 1] == 0x0A { endWord() } else { word.append(b[i + 1]); inWord = true }
                    i += 1
                }
            case 0x20, 0x09, 0x0D:
                endWord()
            case 0x0A, UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "`"):
                endCommand()
            case UInt8(ascii: "$") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "("):
                endCommand()
                i += 1
            case UInt8(ascii: "#") where !inWord:
                // A comment runs to the end of the line.
                while i < b.count && b[i] != 0x0A { i += 1 }
                endCommand()
            default:
                word.append(c)
                inWord = true
            }
            i += 1
        }
        endCommand()
        self.commands = commands
    }

    /// What a RUN executes: its shell command (or exec-form words) and the
    /// bodies of its here-documents.
    public init(run: Instruction) {
        var text = ""
        switch run.command {
        case .shell(let s): text = s
        case .exec(let words): text = words.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        case nil: break
        }
        for heredoc in run.heredocs { text += "\n" + String(decoding: heredoc.content, as: UTF8.self) }
        self.init(text)
    }

    private static func stripped(_ words: [String]) -> [String] {
        var w = words[...]
        while let first = w.first {
            if first.contains("="), !first.hasPrefix("-"), !first.hasPrefix("=") { w.removeFirst(); continue }
            if ["sudo", "exec", "env", "command", "time", "nice", "nohup"].contains(first) { w.removeFirst(); continue }
            // Reserved words open or close a compound command; the command follows.
            if ["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "esac"].contains(first) { w.removeFirst(); continue }
            break
        }
        return Array(w)
    }
}
