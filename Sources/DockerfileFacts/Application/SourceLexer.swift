/// Splits source bytes into words, string literals and punctuation, with
/// comments dropped, for the readers of `SourceFindings`. It is not a
/// parser: it only has to keep a path in a comment from counting and a
/// quote inside a string from starting one. Any bytes are accepted (invalid
/// UTF-8 is part of a word), one pass, no recursion: nested template
/// strings and interpolations use an explicit stack.
package struct SourceLexer {
    private let b: [UInt8]
    private let syntax: SourceSyntax
    private var i = 0
    private var line = 1
    private var out: [SourceToken] = []
    /// Ruby heredocs announced on the current line: token index, terminator, indented terminator allowed, interpolated.
    private var pendingHeredocs: [(token: Int, id: [UInt8], indented: Bool)] = []

    package static func tokens(_ bytes: [UInt8], syntax: SourceSyntax) -> [SourceToken] {
        var lexer = SourceLexer(b: bytes, syntax: syntax)
        lexer.run()
        return lexer.out
    }

    private init(b: [UInt8], syntax: SourceSyntax) {
        self.b = b
        self.syntax = syntax
    }

    private mutating func run() {
        if b.starts(with: [0x23, 0x21]) { skipLine() }  // #! line
        if syntax == .ruby { _ = atRubyLineStart() }
        while i < b.count {
            let c = b[i]
            if c == .newline {
                line += 1
                i += 1
                if !pendingHeredocs.isEmpty { readHeredocBodies() }
                if syntax == .ruby && atRubyLineStart() { continue }
                continue
            }
            if c == .space || c == .tab || c == .cr || c == 0x0C || c == 0x0B { i += 1; continue }
            if skipComment() { continue }
            if scanString() { continue }
            if c.isIdentifierByte || (c == .dot && next(1).isIdentifierStart) { scanWord(); continue }
            if (syntax == .javaScript || syntax == .ruby) && c == .slash && regexAllowed() && skipRegex() { continue }
            if syntax == .ruby && scanRubySpecial() { continue }
            emit(.punctuation, start: i, end: i + 1)
            i += 1
        }
    }

    // MARK: Helpers

    private func next(_ k: Int) -> UInt8 { i + k < b.count ? b[i + k] : 0 }

    private mutating func emit(_ kind: SourceToken.Kind, start: Int, end: Int, content: Range<Int>? = nil,
                               flags: SourceToken.Flags = [], line startLine: Int? = nil) {
        out.append(SourceToken(kind: kind, start: start, end: end, content: content ?? start..<end, line: startLine ?? line, flags: flags))
    }

    private mutating func skipLine() {
        while i < b.count && b[i] != .newline { i += 1 }
    }

    /// Advances over `count` bytes, counting line ends.
    private mutating func advance(to end: Int) {
        let stop = min(end, b.count)
        while i < stop {
            if b[i] == .newline { line += 1 }
            i += 1
        }
    }

    // MARK: Comments

    private mutating func skipComment() -> Bool {
        let c = b[i]
        switch syntax {
        case .python, .ruby:
            guard c == .hash else { return false }
            skipLine()
            return true
        case .go, .rust, .c, .javaScript:
            guard c == .slash else { return false }
            if next(1) == .slash {
                // C continues a // comment over a backslash-newline.
                while i < b.count && b[i] != .newline {
                    if syntax == .c && b[i] == .backslash && next(1) == .newline { line += 1; i += 1 }
                    i += 1
                }
                return true
            }
            guard next(1) == .star else { return false }
            skipBlockComment()
            return true
        }
    }

    /// `/* … */`; Rust's nest, so a depth counter.
    private mutating func skipBlockComment() {
        var depth = 0
        while i < b.count {
            if b[i] == .slash && next(1) == .star { depth += 1; i += 2; continue }
            if b[i] == .star && next(1) == .slash {
                depth -= 1
                i += 2
                if depth == 0 || syntax != .rust { return }
                continue
            }
            if b[i] == .newline { line += 1 }
            i += 1
        }
    }

    // MARK: Words

    private mutating func scanWord() {
        let start = i
        if b[i] == .dot { i += 1 }
        while i < b.count {
            let c = b[i]
            if c.isIdentifierByte { i += 1; continue }
            if c == .dot && next(1).isIdentifierStart { i += 1; continue }
            if c == .colon && next(1) == .colon && next(2).isIdentifierStart && (syntax == .rust || syntax == .c || syntax == .ruby) { i += 2; continue }
            break
        }
        if scanPrefixedString(wordStart: start) { return }
        // Rust macros (`include_str!`) and Ruby's `exist?`/`save!` end with their mark.
        if i < b.count, (syntax == .rust && b[i] == .bang) || (syntax == .ruby && (b[i] == .bang || b[i] == .question)), next(1) != .equals,
           !(syntax == .ruby && b[i] == .question && next(1) == .colon) {
            i += 1
        }
        emit(.word, start: start, end: i)
    }

    /// A word that is a string prefix (`r"…"`, `f'…'`, `b"…"`, `u8R"(…)"`) starts a string.
    private mutating func scanPrefixedString(wordStart: Int) -> Bool {
        guard i < b.count, i - wordStart <= 3 else { return false }
        let prefix = Array(b[wordStart..<i]).map { $0 | 0x20 }  // lower-cased ASCII
        let q = b[i]
        switch syntax {
        case .python:
            guard q == .quote || q == .apostrophe, prefix.allSatisfy({ "rbuft".utf8.contains($0) }), prefix.count <= 2 else { return false }
            let raw = prefix.contains(UInt8(ascii: "r"))
            let format = prefix.contains(UInt8(ascii: "f")) || prefix.contains(UInt8(ascii: "t"))
            scanPythonString(start: wordStart, raw: raw, format: format)
            return true
        case .rust:
            let text = String(decoding: prefix, as: UTF8.self)
            if ["r", "br", "cr"].contains(text) && (q == .quote || q == .hash) { return scanRustRawString(start: wordStart) }
            if ["b", "c"].contains(text) && q == .quote { i += 1; scanQuoted(start: wordStart, quote: .quote, multiline: true); return true }
            if text == "b" && q == .apostrophe { i += 1; scanQuoted(start: wordStart, quote: .apostrophe, multiline: false); return true }
            return false
        case .c:
            let text = String(decoding: b[wordStart..<i], as: UTF8.self)
            if ["R", "LR", "uR", "UR", "u8R"].contains(text) && q == .quote { return scanCppRawString(start: wordStart) }
            if ["L", "u", "U", "u8"].contains(text) && (q == .quote || q == .apostrophe) { i += 1; scanQuoted(start: wordStart, quote: q, multiline: false); return true }
            return false
        default:
            return false
        }
    }

    // MARK: Strings

    private mutating func scanString() -> Bool {
        let c = b[i]
        let start = i
        switch syntax {
        case .go:
            if c == .backtick { scanDelimited(start: start, open: 1, close: [.backtick], flags: .raw); return true }
            guard c == .quote || c == .apostrophe else { return false }
            i += 1
            scanQuoted(start: start, quote: c, multiline: false)
        case .c:
            guard c == .quote || c == .apostrophe else { return false }
            i += 1
            scanQuoted(start: start, quote: c, multiline: false)
        case .rust:
            if c == .apostrophe { return scanRustCharacter() }
            guard c == .quote else { return false }
            i += 1
            scanQuoted(start: start, quote: c, multiline: true)
        case .javaScript:
            guard c == .quote || c == .apostrophe || c == .backtick else { return false }
            i += 1
            if c == .backtick { scanInterpolated(start: start, quote: c, opener: .dollar) } else { scanQuoted(start: start, quote: c, multiline: false) }
        case .python:
            guard c == .quote || c == .apostrophe else { return false }
            scanPythonString(start: start, raw: false, format: false)
        case .ruby:
            guard c == .quote || c == .apostrophe || c == .backtick else { return false }
            i += 1
            if c == .apostrophe { scanQuoted(start: start, quote: c, multiline: true) }
            else { scanInterpolated(start: start, quote: c, opener: .hash, flags: c == .backtick ? .command : []) }
        }
        return true
    }

    /// A string with backslash escapes, after its opening quote. An
    /// unterminated one-line string ends at the line end.
    private mutating func scanQuoted(start: Int, quote: UInt8, multiline: Bool) {
        let startLine = line
        let contentStart = i
        while i < b.count {
            let c = b[i]
            if c == .backslash { if next(1) == .newline { line += 1 }; i += 2; continue }
            if c == quote {
                emit(.string, start: start, end: i + 1, content: contentStart..<i, line: startLine)
                i += 1
                return
            }
            if c == .newline {
                if !multiline { break }
                line += 1
            }
            i += 1
        }
        i = min(i, b.count)
        emit(.string, start: start, end: i, content: contentStart..<i, flags: .unterminated, line: startLine)
    }

    /// Text up to a closing byte sequence, no escapes (Go raw strings, Rust raw strings, C++ raw strings).
    private mutating func scanDelimited(start: Int, open: Int, close: [UInt8], flags: SourceToken.Flags) {
        let startLine = line
        i = start + open
        let contentStart = i
        while i < b.count {
            if b[i] == close[0] && b[i...].starts(with: close) {
                emit(.string, start: start, end: i + close.count, content: contentStart..<i, flags: flags, line: startLine)
                i += close.count
                return
            }
            if b[i] == .newline { line += 1 }
            i += 1
        }
        emit(.string, start: start, end: i, content: contentStart..<i, flags: flags.union(.unterminated), line: startLine)
    }

    /// Rust: `'x'`, `'\n'`, `'\u{1F600}'` are characters; `'a` is a lifetime.
    private mutating func scanRustCharacter() -> Bool {
        let start = i
        var j = i + 1
        if j < b.count && b[j] == .backslash {
            j += 2
            while j < b.count && j < i + 12 && b[j] != .apostrophe && b[j] != .newline { j += 1 }
        } else if j < b.count {
            j += max(1, b[j].utf8SequenceLength)
        }
        guard j < b.count && b[j] == .apostrophe else { return false }
        emit(.string, start: start, end: j + 1, content: start + 1..<j)
        i = j + 1
        return true
    }

    /// `r"…"`, `r#"…"#`, `br##"…"##`: the word is scanned; `i` is at `#` or `"`.
    private mutating func scanRustRawString(start: Int) -> Bool {
        var hashes = 0
        while i + hashes < b.count && b[i + hashes] == .hash { hashes += 1 }
        guard i + hashes < b.count && b[i + hashes] == .quote else { return false }
        scanDelimited(start: start, open: i + hashes + 1 - start, close: [.quote] + Array(repeating: .hash, count: hashes), flags: .raw)
        return true
    }

    /// `R"delim(…)delim"`; `i` is at the quote.
    private mutating func scanCppRawString(start: Int) -> Bool {
        var j = i + 1
        while j < b.count && j < i + 18 && b[j] != .openParen && b[j] != .newline { j += 1 }
        guard j < b.count && b[j] == .openParen else { return false }
        let delimiter = Array(b[(i + 1)..<j])
        scanDelimited(start: start, open: j + 1 - start, close: [.closeParen] + delimiter + [.quote], flags: .raw)
        return true
    }

    /// Python: `'…'`, `"…"`, triple-quoted; `i` is at the first quote.
    private mutating func scanPythonString(start: Int, raw: Bool, format: Bool) {
        let q = b[i]
        let triple = next(1) == q && next(2) == q
        let startLine = line
        i += triple ? 3 : 1
        let contentStart = i
        var flags: SourceToken.Flags = raw ? .raw : []
        while i < b.count {
            let c = b[i]
            if c == .backslash { if next(1) == .newline { line += 1 }; i += 2; continue }
            if c == q && (!triple || (next(1) == q && next(2) == q)) {
                emit(.string, start: start, end: i + (triple ? 3 : 1), content: contentStart..<i, flags: flags, line: startLine)
                i += triple ? 3 : 1
                return
            }
            if format && c == .openBrace {
                if next(1) == .openBrace { i += 2; continue }
                flags.insert(.interpolated)
                i += 1
                skipInterpolation()
                continue
            }
            if c == .newline {
                if !triple { break }
                line += 1
            }
            i += 1
        }
        i = min(i, b.count)
        emit(.string, start: start, end: i, content: contentStart..<i, flags: flags.union(.unterminated), line: startLine)
    }

    /// A JavaScript template or a Ruby double-quoted string, after its quote:
    /// `${…}` / `#{…}` mark it interpolated and are skipped whole.
    private mutating func scanInterpolated(start: Int, quote: UInt8, opener: UInt8, flags: SourceToken.Flags = []) {
        let startLine = line
        let contentStart = i
        var flags = flags
        while i < b.count {
            let c = b[i]
            if c == .backslash { if next(1) == .newline { line += 1 }; i += 2; continue }
            if c == quote {
                emit(.string, start: start, end: i + 1, content: contentStart..<i, flags: flags, line: startLine)
                i += 1
                return
            }
            if c == opener && next(1) == .openBrace {
                flags.insert(.interpolated)
                i += 2
                skipInterpolation()
                continue
            }
            if c == .newline { line += 1 }
            i += 1
        }
        i = min(i, b.count)
        emit(.string, start: start, end: i, content: contentStart..<i, flags: flags.union(.unterminated), line: startLine)
    }

    /// From just inside `{` to just past its `}`: braces counted, strings
    /// (and their own interpolations) skipped with an explicit stack.
    private mutating func skipInterpolation() {
        enum Frame { case code(depth: Int), string(quote: UInt8) }
        var stack: [Frame] = [.code(depth: 1)]
        let interpolationOpener: UInt8 = syntax == .ruby ? .hash : (syntax == .javaScript ? .dollar : 0)
        while i < b.count, let top = stack.last {
            let c = b[i]
            if c == .newline { line += 1 }
            switch top {
            case .code(let depth):
                if c == .openBrace { stack[stack.count - 1] = .code(depth: depth + 1) }
                else if c == .closeBrace {
                    if depth == 1 { stack.removeLast() } else { stack[stack.count - 1] = .code(depth: depth - 1) }
                } else if c == .quote || c == .apostrophe || c == .backtick { stack.append(.string(quote: c)) }
            case .string(let quote):
                if c == .backslash { if next(1) == .newline { line += 1 }; i += 1 }
                else if c == quote { stack.removeLast() }
                else if c == interpolationOpener && interpolationOpener != 0 && next(1) == .openBrace
                            && (syntax == .javaScript ? quote == .backtick : quote != .apostrophe) {
                    stack.append(.code(depth: 1))
                    i += 1
                }
            }
            i += 1
        }
    }

    // MARK: Regular expressions (JavaScript, Ruby)

    /// A `/` starts a regular expression where a value is expected.
    private func regexAllowed() -> Bool {
        guard let last = out.last else { return true }
        switch last.kind {
        case .string: return false
        case .punctuation:
            return !")]}".utf8.contains(b[last.start])
        case .word:
            let text = String(decoding: b[last.start..<last.end], as: UTF8.self)
            return SourceLexer.keywordsBeforeValues.contains(text)
        }
    }

    private static let closingDelimiter: [UInt8: UInt8] = [.openParen: .closeParen, .openBracket: .closeBracket, .openBrace: .closeBrace, .less: .greater]

    private static let keywordsBeforeValues: Set<String> = [
        "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await",
        "if", "unless", "when", "and", "or", "not", "while", "until",
    ]

    /// Skips `/…/flags` on one line; `false` (nothing consumed) when the line ends first.
    private mutating func skipRegex() -> Bool {
        var j = i + 1
        var inClass = false
        while j < b.count && b[j] != .newline {
            let c = b[j]
            if c == .backslash { j += 2; continue }
            if c == .openBracket { inClass = true } else if c == .closeBracket { inClass = false }
            else if c == .slash && !inClass {
                j += 1
                while j < b.count && b[j].isIdentifierByte { j += 1 }
                i = j
                return true
            }
            j += 1
        }
        return false
    }

    // MARK: Ruby

    /// `=begin … =end` and `__END__` at a line start.
    private mutating func atRubyLineStart() -> Bool {
        if b[i...].starts(with: Array("=begin".utf8)) {
            while i < b.count {
                skipLine()
                if i < b.count { i += 1; line += 1 }
                if b[i...].starts(with: Array("=end".utf8)) { skipLine(); return true }
            }
            return true
        }
        if b[i...].starts(with: Array("__END__".utf8)) && (i + 7 == b.count || b[i + 7] == .newline || b[i + 7] == .cr) {
            i = b.count
            return true
        }
        return false
    }

    /// Heredocs (`<<~EOS`), `%w[…]`/`%x(…)` literals and `?"` characters.
    private mutating func scanRubySpecial() -> Bool {
        let c = b[i]
        if c == .less && next(1) == .less { return scanHeredocStart() }
        if c == .percent && regexAllowed() { return scanPercentLiteral() }
        if c == .question && (next(1) == .quote || next(1) == .apostrophe) && !next(2).isIdentifierByte { i += 2; return true }
        return false
    }

    private mutating func scanHeredocStart() -> Bool {
        var j = i + 2
        var indented = false
        if j < b.count && (b[j] == .tilde || b[j] == .minus) { indented = true; j += 1 }
        guard j < b.count else { return false }
        var quote: UInt8 = 0
        if b[j] == .quote || b[j] == .apostrophe || b[j] == .backtick { quote = b[j]; j += 1 }
        let idStart = j
        while j < b.count && b[j].isIdentifierByte { j += 1 }
        guard j > idStart else { return false }
        if quote != 0 { guard j < b.count && b[j] == quote else { return false }; j += 1 }
        // `list << CONSTANT` pushes; only a word right after `<<` (or `<<~`) with a value expected is a heredoc.
        guard indented || quote != 0 || b[idStart].isUppercase, indented || regexAllowed() || (i > 0 && b[i - 1] == .space) else { return false }
        var flags: SourceToken.Flags = quote == .apostrophe ? .raw : []
        if quote == .backtick { flags.insert(.command) }
        let id = Array(b[idStart..<(quote != 0 ? j - 1 : j)])
        emit(.string, start: i, end: j, content: j..<j, flags: flags)
        pendingHeredocs.append((out.count - 1, id, indented))
        i = j
        return true
    }

    /// At the start of the line after heredoc announcements: their bodies, in order.
    private mutating func readHeredocBodies() {
        let pending = pendingHeredocs
        pendingHeredocs = []
        for heredoc in pending {
            let bodyStart = i
            var bodyEnd = b.count
            while i < b.count {
                let lineStart = i
                skipLine()
                var text = b[lineStart..<i]
                if heredoc.indented { text = text.drop { $0 == .space || $0 == .tab } }
                while text.last == .cr { text = text.dropLast() }
                if text.elementsEqual(heredoc.id) { bodyEnd = lineStart }
                if i < b.count { i += 1; line += 1 }
                if bodyEnd != b.count { break }
            }
            let t = out[heredoc.token]
            let body = bodyStart..<min(bodyEnd, b.count)
            var flags = t.flags
            if !flags.contains(.raw) && containsInterpolation(body) { flags.insert(.interpolated) }
            out[heredoc.token] = SourceToken(kind: .string, start: t.start, end: t.end, content: body, line: t.line, flags: flags)
        }
    }

    private func containsInterpolation(_ range: Range<Int>) -> Bool {
        var k = range.lowerBound
        while k + 1 < range.upperBound {
            if b[k] == .hash && b[k + 1] == .openBrace { return true }
            k += 1
        }
        return false
    }

    /// `%w[a b]`, `%q(…)`, `%Q{…}`, `%x(cmd)`, `%r{…}`, `%(…)`.
    private mutating func scanPercentLiteral() -> Bool {
        var j = i + 1
        var type: UInt8 = UInt8(ascii: "Q")
        if j < b.count && "qQwWiIxrs".utf8.contains(b[j]) { type = b[j]; j += 1 }
        guard j < b.count else { return false }
        let open = b[j]
        guard !open.isIdentifierByte && open != .space && open != .newline && open != .equals else { return false }
        let close = SourceLexer.closingDelimiter[open] ?? open
        let start = i
        let startLine = line
        i = j + 1
        var depth = 1
        while i < b.count {
            let c = b[i]
            if c == .backslash { i += 2; continue }
            if c == .newline { line += 1 }
            if c == open && close != open { depth += 1 } else if c == close { depth -= 1; if depth == 0 { break } }
            i += 1
        }
        let end = min(i, b.count)
        var flags: SourceToken.Flags = type == UInt8(ascii: "x") ? .command : []
        if "wWiIqs".utf8.contains(type) { flags.insert(.raw) }
        if type == UInt8(ascii: "w") || type == UInt8(ascii: "W") { flags.insert(.wordList) }
        if type != UInt8(ascii: "r") { emit(.string, start: start, end: min(end + 1, b.count), content: (j + 1)..<end, flags: flags, line: startLine) }
        i = min(end + 1, b.count)
        return true
    }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backtick = UInt8(ascii: "`"), backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), hash = UInt8(ascii: "#"), dot = UInt8(ascii: "."), colon = UInt8(ascii: ":")
    static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), equals = UInt8(ascii: "="), dollar = UInt8(ascii: "$")
    static let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")"), openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), less = UInt8(ascii: "<"), greater = UInt8(ascii: ">")
    static let percent = UInt8(ascii: "%"), tilde = UInt8(ascii: "~"), minus = UInt8(ascii: "-"), comma = UInt8(ascii: ",")

    /// Letters, digits, `_`, `$`, and any non-ASCII byte (names in other scripts, or invalid UTF-8: part of a word either way).
    var isIdentifierByte: Bool {
        (self >= 0x61 && self <= 0x7A) || (self >= 0x41 && self <= 0x5A) || (self >= 0x30 && self <= 0x39) || self == 0x5F || self == 0x24 || self >= 0x80
    }
    var isIdentifierStart: Bool { isIdentifierByte && !isDigit }
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isUppercase: Bool { (self >= 0x41 && self <= 0x5A) || self == 0x5F }
    /// The length of the UTF-8 sequence this byte starts (1 for anything else).
    var utf8SequenceLength: Int { self >= 0xF0 ? 4 : self >= 0xE0 ? 3 : self >= 0xC0 ? 2 : 1 }
}
