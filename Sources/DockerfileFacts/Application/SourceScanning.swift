/// The lexical families the source readers share.
package enum SourceSyntax: Sendable {
    /// `//`, `/* */`, `"…"`, `` `raw` ``, `'r'`.
    case go
    /// `//`, nested `/* */`, `"…"` over lines, `r#"…"#`, `b"…"`, characters vs lifetimes, `name!` macros.
    case rust
    /// C and C++: `//` (continued by `\`), `/* */`, `"…"`, `'c'`, `L"…"`, `R"d(…)d"`.
    case c
    /// JavaScript and TypeScript: `//`, `/* */`, quotes, templates with `${…}`, regular expressions.
    case javaScript
    /// `#`, prefixed and triple-quoted strings, f-strings with `{…}`.
    case python
    /// `#`, `=begin`, `"…#{…}"`, `` `cmd` ``, `%w[…]`/`%x(…)`, heredocs, `exist?`/`save!` names.
    case ruby
}

/// A word (an identifier chain such as `os.Open`, `std::fs::read`, `.parent`),
/// a string literal, or one punctuation byte.
package struct SourceToken: Sendable {
    package enum Kind: UInt8, Sendable { case word, string, punctuation }

    package struct Flags: OptionSet, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// No escapes (`r"…"`, Go's backquotes, `'…'` in Ruby).
        package static let raw = Flags(rawValue: 1)
        /// Holds `${…}`, `{…}` or `#{…}`: its value is computed at run time.
        package static let interpolated = Flags(rawValue: 2)
        /// Ruby's `` `cmd` `` and `%x(…)`: runs a shell command.
        package static let command = Flags(rawValue: 4)
        /// Ruby's `%w[…]`: a list of words.
        package static let wordList = Flags(rawValue: 8)
        /// The file ended (or, for one-line strings, the line) before the closing quote.
        package static let unterminated = Flags(rawValue: 16)
    }

    package let kind: Kind
    /// Bytes of the whole token (prefix and quotes included).
    package let start: Int
    package let end: Int
    /// Strings: the bytes between the quotes.
    package let content: Range<Int>
    /// 1-based line of the first byte.
    package let line: Int
    package let flags: Flags

    package init(kind: Kind, start: Int, end: Int, content: Range<Int>, line: Int, flags: Flags) {
        self.kind = kind
        self.start = start
        self.end = end
        self.content = content
        self.line = line
        self.flags = flags
    }
}

/// One source file as tokens, with the lookups readers need: token text,
/// string values, bracket pairs, call arguments, the line behind a hit.
package struct ScannedSource {
    /// Path in the build context.
    package let path: String
    package let bytes: [UInt8]
    package let tokens: [SourceToken]
    /// For each bracket token, the index of its partner (or -1).
    private let partner: [Int]
    /// Byte offset where each line starts.
    private let lineStarts: [Int]

    package init(path: String, bytes: [UInt8], syntax: SourceSyntax) {
        self.path = path
        self.bytes = bytes
        tokens = SourceLexer.tokens(bytes, syntax: syntax)
        var starts = [0]
        for (k, byte) in bytes.enumerated() where byte == .newline { starts.append(k + 1) }
        lineStarts = starts
        partner = Self.pairBrackets(tokens, bytes)
    }

    /// The folder of the file (`""` at the top, else ending in `/`).
    package var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    // MARK: Tokens

    package func text(_ k: Int) -> String {
        let t = tokens[k]
        return String(decoding: bytes[t.start..<t.end], as: UTF8.self)
    }

    /// A string token's value: `\"`, `\'`, `\\` and `\/` undone unless raw; invalid UTF-8 replaced.
    package func value(_ k: Int) -> String {
        let t = tokens[k]
        let raw = bytes[t.content]
        guard !t.flags.contains(.raw), raw.contains(.backslash) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var escaped = false
        for c in raw {
            if escaped {
                if c != .quote && c != .apostrophe && c != .backslash && c != .slash && c != .backtick { out.append(.backslash) }
                out.append(c)
                escaped = false
            } else if c == .backslash {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    package func isPunctuation(_ k: Int, _ c: UInt8) -> Bool {
        k >= 0 && k < tokens.count && tokens[k].kind == .punctuation && bytes[tokens[k].start] == c
    }

    package func isWord(_ k: Int, _ word: String) -> Bool {
        k >= 0 && k < tokens.count && tokens[k].kind == .word && bytes[tokens[k].start..<tokens[k].end].elementsEqual(word.utf8)
    }

    /// A string token whose value is known when the program is built.
    package func isPlainString(_ k: Int) -> Bool {
        k >= 0 && k < tokens.count && tokens[k].kind == .string && !tokens[k].flags.contains(.interpolated)
    }

    /// The index of the bracket closing the one at `k`.
    package func closing(_ k: Int) -> Int? {
        guard k >= 0 && k < partner.count && partner[k] > k else { return nil }
        return partner[k]
    }

    /// The index of the bracket opening the one at `k`.
    package func opening(_ k: Int) -> Int? {
        guard k >= 0 && k < partner.count && partner[k] >= 0 && partner[k] < k else { return nil }
        return partner[k]
    }

    /// Names given one string and never anything else in this file
    /// (`DB_PATH = "app.db"`, `const dbPath = "app.db"`, `dbPath := "app.db"`,
    /// `const DB: &str = "app.db";`), so a call passing the name passes the path.
    package func constants() -> [String: String] {
        var values: [String: String] = [:]
        var assigned: [String: Int] = [:]
        for k in tokens.indices where isPunctuation(k, .equals) && !isPunctuation(k + 1, .equals) && !isPunctuation(k - 1, .equals) {
            guard let name = assignedName(before: k) else { continue }
            assigned[name, default: 0] += 1
            let ends = k + 2 >= tokens.count || tokens[k + 2].line != tokens[k + 1].line || isPunctuation(k + 2, UInt8(ascii: ";"))
            if isPlainString(k + 1), ends, tokens[k + 1].line == tokens[k].line { values[name] = value(k + 1) }
        }
        return values.filter { assigned[$0.key] == 1 }
    }

    /// The token begins a line or follows a declaration keyword (not a keyword argument `f(mode="w")`).
    private func startsStatement(_ j: Int) -> Bool {
        j == 0 || tokens[j - 1].line != tokens[j].line || isPunctuation(j - 1, UInt8(ascii: ";"))
            || ["const", "var", "let", "static", "export", "pub", "final"].contains { isWord(j - 1, $0) }
    }

    /// `name =`, `name :=`, or the name after `const`/`static`/`let` with a type between.
    private func assignedName(before k: Int) -> String? {
        var j = k - 1
        if isPunctuation(j, .colon) { j -= 1 }
        if j >= 0, tokens[j].kind == .word, tokens[j].line == tokens[k].line, startsStatement(j) {
            let name = text(j)
            if !name.contains(".") && !name.contains(":") { return name }
        }
        var back = k - 1
        while back >= max(0, k - 8) && tokens[back].line == tokens[k].line {
            if ["const", "static", "let"].contains(where: { isWord(back, $0) }), back + 1 < k, tokens[back + 1].kind == .word {
                return isWord(back + 1, "mut") ? (back + 2 < k ? text(back + 2) : nil) : text(back + 1)
            }
            back -= 1
        }
        return nil
    }

    // MARK: Calls

    /// Each word directly followed by `(`: the callee's token index and the `(`'s.
    package func calls() -> [(name: Int, open: Int)] {
        var out: [(Int, Int)] = []
        for k in tokens.indices.dropLast() where tokens[k].kind == .word && isPunctuation(k + 1, .openParen) {
            out.append((k, k + 1))
        }
        return out
    }

    /// The top-level arguments inside the bracket at `open` (split at commas,
    /// nested brackets jumped over), at most 64 of them and 512 tokens. An
    /// unclosed bracket's arguments end with its line (16 tokens at most),
    /// so a file of unclosed calls stays linear.
    package func arguments(at open: Int) -> [Range<Int>] {
        let end = closing(open) ?? unclosedEnd(open)
        var out: [Range<Int>] = []
        var start = open + 1
        var k = open + 1
        var seen = 0
        while k < end && out.count < 64 && seen < 512 {
            if let close = closing(k) { k = close + 1; seen += 1; continue }
            if isPunctuation(k, .comma) { out.append(start..<k); start = k + 1 }
            k += 1
            seen += 1
        }
        if start < k { out.append(start..<min(k, end)) }
        return out
    }

    private func unclosedEnd(_ open: Int) -> Int {
        var k = open + 1
        while k < tokens.count && k < open + 16 && tokens[k].line == tokens[open].line { k += 1 }
        return k
    }

    /// The longest expression evaluators look at: a path is written in a few tokens.
    package static let maxExpressionTokens = 64

    /// The only token of a range that is a plain string, with parentheses around it allowed.
    package func onlyString(_ range: Range<Int>) -> String? {
        var r = range
        while r.count >= 3, isPunctuation(r.lowerBound, .openParen), isPunctuation(r.upperBound - 1, .closeParen) {
            r = (r.lowerBound + 1)..<(r.upperBound - 1)
        }
        guard r.count == 1, isPlainString(r.lowerBound) else { return nil }
        return value(r.lowerBound)
    }

    /// The value after `key:` or `key=` (a keyword argument, an object or
    /// struct field) among the top-level tokens of `range`, or of the one
    /// `{…}` it consists of.
    package func field(_ key: String, in range: Range<Int>) -> Range<Int>? {
        var r = range
        if r.count >= 2, isPunctuation(r.lowerBound, .openBrace) || isPunctuation(r.lowerBound, .openParen),
           let close = closing(r.lowerBound), close < r.upperBound {
            r = (r.lowerBound + 1)..<close
        }
        var k = r.lowerBound
        while k < r.upperBound {
            let named = isWord(k, key) || (isPlainString(k) && value(k) == key)
            if named, isPunctuation(k + 1, .colon) || isPunctuation(k + 1, .equals), !isPunctuation(k + 2, .equals) {
                let value = expression(from: k + 2)
                return value.lowerBound..<min(value.upperBound, r.upperBound)
            }
            k = (closing(k) ?? k) + 1
        }
        return nil
    }

    /// The expression starting at `k`: tokens up to a top-level `,` or `;`,
    /// a bracket closing an outer one, or the end of the line (brackets
    /// opened in it may span lines).
    package func expression(from k: Int) -> Range<Int> {
        var j = k
        var lastLine = k < tokens.count ? tokens[k].line : 0
        while j < tokens.count && j < k + 256 {
            if isPunctuation(j, .comma) || isPunctuation(j, UInt8(ascii: ";")) || opening(j) != nil || tokens[j].line != lastLine { break }
            j = (closing(j) ?? j) + 1
            lastLine = tokens[j - 1].line
        }
        return k..<min(max(j, k), tokens.count)
    }

    // MARK: Lines

    package func line(ofOffset offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The line, trimmed and cut at 200 bytes (a 1 MB line stays cheap).
    package func evidence(line: Int) -> Evidence {
        guard line >= 1 && line <= lineStarts.count else { return Evidence(file: path, line: line, text: "") }
        var start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while start < end && (bytes[start] == .space || bytes[start] == .tab) { start += 1 }
        var stop = min(end, start + 200)
        while stop > start && [.newline, .cr, .space, .tab].contains(bytes[stop - 1]) { stop -= 1 }
        return Evidence(file: path, line: line, text: String(decoding: bytes[start..<stop], as: UTF8.self))
    }

    package func evidence(token k: Int) -> Evidence { evidence(line: tokens[k].line) }

    // MARK: Brackets

    /// Pairs `(`/`)`, `[`/`]`, `{`/`}` with one stack; a stray closer is ignored.
    private static func pairBrackets(_ tokens: [SourceToken], _ bytes: [UInt8]) -> [Int] {
        var partner = Array(repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for (k, t) in tokens.enumerated() where t.kind == .punctuation {
            let c = bytes[t.start]
            if c == .openParen || c == .openBracket || c == .openBrace {
                stack.append(k)
            } else if c == .closeParen || c == .closeBracket || c == .closeBrace, let top = stack.last {
                let opener = bytes[tokens[top].start]
                let matches = (opener == .openParen && c == .closeParen) || (opener == .openBracket && c == .closeBracket)
                    || (opener == .openBrace && c == .closeBrace)
                if matches { partner[top] = k; partner[k] = top; stack.removeLast() }
            }
        }
        return partner
    }
}

/// Name matching and word helpers shared by the readers.
package enum SourceNames {
    /// The last part of `os.Open`, `std::fs::read`, `.LoadHTMLGlob`.
    package static func last(_ callee: String) -> String {
        var s = Substring(callee)
        if let dot = s.lastIndex(of: ".") { s = s[s.index(after: dot)...] }
        if let colon = s.lastIndex(of: ":") { s = s[s.index(after: colon)...] }
        return String(s)
    }

    /// The callee's entry in a table keyed by full name (`os.Open`), last two
    /// parts (`fs::read_to_string` for `std::fs::read_to_string`), or any
    /// receiver (`*.LoadHTMLGlob`).
    package static func lookup<T>(_ callee: String, in table: [String: T]) -> T? {
        let name = callee.hasPrefix(".") ? String(callee.dropFirst()) : callee
        if let hit = table[name] { return hit }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: "::", omittingEmptySubsequences: false) }
        if parts.count >= 2 {
            let separator = name.contains("::") ? "::" : "."
            if let hit = table[parts.suffix(2).joined(separator: separator)] { return hit }
        }
        return table["*." + last(name)]
    }

    /// The program a shell command line starts (`FOO=1 git pull` → `git`),
    /// or `nil` when a variable or substitution names it.
    package static func program(ofShellCommand command: String) -> String? {
        for word in command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if word.contains("=") && !word.hasPrefix("-") && !word.hasPrefix("/") { continue }  // VAR=value
            if word.contains("$") || word.contains("`") || word.hasPrefix("(") { return nil }
            return String(word.trimmingCharacters(in: "\"'"))
        }
        return nil
    }

    /// A string that names a file: has a slash or a known extension, and no
    /// URL scheme, space or port.
    package static func looksLikePath(_ s: String) -> Bool {
        guard !s.isEmpty, s.count < 256, !s.contains("://"), !s.contains(" "), !s.contains("\n"), !s.hasPrefix(":"), !s.contains("%") else { return false }
        if s.hasPrefix("./") || s.hasPrefix("../") || s.hasPrefix("/") || s.hasPrefix("~/") { return true }
        let name = Paths.basename(s)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex || name.count > 1 else { return s.contains("/") }
        return fileExtensions.contains(name[name.index(after: dot)...].lowercased()) || name.hasPrefix(".env")
    }

    static let fileExtensions: Set<String> = [
        "yaml", "yml", "json", "toml", "ini", "env", "conf", "cfg", "config", "properties", "hcl", "xml", "txt", "csv", "db", "sqlite",
        "sqlite3", "pem", "key", "crt", "cert", "html", "tmpl", "tpl", "gohtml", "log", "sql", "pkl", "pt", "onnx", "bin", "dat", "jsonl",
    ]

    /// What a path's text says it is: a glob (`*`, `?`, `[`, `{`), a folder (trailing `/`), or else `fallback`.
    package static func shape(of path: String, fallback: PathUse.Shape) -> PathUse.Shape {
        if path.contains(where: { "*?[{".contains($0) }) { return .glob }
        if path.hasSuffix("/") { return .folder }
        return fallback
    }
}
