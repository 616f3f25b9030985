#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A here-document announced on an instruction's line (`<<EOF`, `<<-EOF`,
/// `<<"EOF"`, `3<<EOF`).
public struct HeredocSpec: Sendable, Equatable {
    /// The terminator word, quotes removed.
    public let name: [UInt8]
    /// The file descriptor before `<<` (0 when none).
    public let fileDescriptor: Int64
    /// `<<-`: leading tabs are stripped from the terminator line.
    public let chomp: Bool
    /// No part of the word was quoted, so the body is expanded.
    public let expand: Bool
}

/// Finds here-documents the way BuildKit 0.12 does (`heredocsFromLine`):
/// split the whole logical line into shell words (quotes and escapes kept,
/// variables left as written); every word of the form `[digits]<<[-]word`
/// announces one, in order. If the line cannot be split (an unmatched quote,
/// a bad `${…}`), BuildKit finds none at all.
enum HeredocDetector {
    struct Failure: Error { let message: String }

    /// The announced here-documents; `Failure` when BuildKit's parser would
    /// reject the line.
    static func find(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> [HeredocSpec] {
        guard containsDoubleLess(line) else { return [] }
        var lexer = ShellWordLexer(line, 0..<line.count, rawQuotes: true, rawEscapes: true)
        guard let words = try? lexer.words() else { return [] }
        var out: [HeredocSpec] = []
        for w in words {
            if let spec = try spec(w) { out.append(spec) }
        }
        return out
    }

    private static func containsDoubleLess(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        var i = 0
        while i + 1 < b.count, let hit = memchr(base + i, 0x3C, b.count - i - 1) {
            i = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            if b[i] == 0x3C { return true }
        }
        return false
    }

    /// Matches `^(\d*)<<(-?)([^<]*)$` and reads the terminator word.
    private static func spec(_ w: [UInt8]) throws(Failure) -> HeredocSpec? {
        var i = 0
        while i < w.count, w[i] >= 0x30, w[i] <= 0x39 { i += 1 }
        let digits = w[0..<i]
        guard i + 1 < w.count, w[i] == UInt8(ascii: "<"), w[i + 1] == UInt8(ascii: "<") else { return nil }
        i += 2
        var chomp = false
        if i < w.count, w[i] == UInt8(ascii: "-") { chomp = true; i += 1 }
        let rest = Array(w[i...])
        guard !rest.contains(UInt8(ascii: "<")), !rest.isEmpty else { return nil }
        let (cooked, raw) = rest.withUnsafeBufferPointer { b -> (Result<[[UInt8]], Failure>, Result<[[UInt8]], Failure>) in
            var plain = ShellWordLexer(b, 0..<b.count, rawQuotes: false, rawEscapes: false)
            var quoted = ShellWordLexer(b, 0..<b.count, rawQuotes: true, rawEscapes: false)
            return (Result { () throws(Failure) in try plain.words() }, Result { () throws(Failure) in try quoted.words() })
        }
        let words = try cooked.get()
        guard words.count == 1 else { return nil }
        let rawWords = try raw.get()
        guard rawWords.count == words.count else {
            throw Failure(message: "internal lexing of heredoc produced inconsistent results: \(String(decoding: rest, as: UTF8.self))")
        }
        func quotes(_ x: [UInt8]) -> Int { x.reduce(0) { $0 + ($1 == 0x27 || $1 == 0x22 ? 1 : 0) } }
        return HeredocSpec(name: words[0], fileDescriptor: fileDescriptor(digits), chomp: chomp,
                           expand: quotes(words[0]) == quotes(rawWords[0]))
    }

    /// `strconv.ParseUint(digits, 10, 0)` as BuildKit uses it: empty is 0;
    /// overflow saturates, which the binding reports as -1.
    private static func fileDescriptor(_ digits: ArraySlice<UInt8>) -> Int64 {
        var v: UInt64 = 0
        for d in digits {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d - 0x30))
            if o1 || o2 { return -1 }
            v = a
        }
        return Int64(bitPattern: v)
    }
}

/// BuildKit's shell word splitter (`shell.Lex.ProcessWords`) with no
/// variables set and unset ones left as written, escape character `\`.
struct ShellWordLexer {
    private let b: UnsafeBufferPointer<UInt8>
    private var pos: Int
    private let end: Int
    private let rawQuotes: Bool
    private let rawEscapes: Bool
    private var depth = 0
    private static let escape = UInt8(ascii: "\\")

    init(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, rawQuotes: Bool, rawEscapes: Bool) {
        self.b = b
        self.pos = r.lowerBound
        self.end = r.upperBound
        self.rawQuotes = rawQuotes
        self.rawEscapes = rawEscapes
    }

    mutating func words() throws(HeredocDetector.Failure) -> [[UInt8]] {
        try process(stop: nil).words
    }

    private struct Words {
        var word: [UInt8] = []
        var words: [[UInt8]] = []
        var inWord = false

        mutating func addChar<S: Sequence>(_ bytes: S, isSpace: Bool) where S.Element == UInt8 {
            if isSpace {
                if inWord && !word.isEmpty {
                    words.append(word)
                    word = []
                    inWord = false
                }
            } else {
                addRaw(bytes)
            }
        }

        mutating func addRaw<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            word.append(contentsOf: bytes)
            inWord = true
        }

        /// Adds text that came from a substitution: split at its spaces.
        mutating func addString(_ s: [UInt8]) {
            s.withUnsafeBufferPointer { p in
                var i = 0
                while i < p.count {
                    let w = Whitespace.unicodeSpaceWidth(p, i, p.count)
                    if w > 0 { addChar(EmptyCollection<UInt8>(), isSpace: true); i += w; continue }
                    let n = InstructionLayout.utf8Width(p, i, p.count)
                    addRaw(p[i..<(i + n)])
                    i += n
                }
            }
        }

        mutating func finish() -> [[UInt8]] {
            if !word.isEmpty { words.append(word); word = [] }
            return words
        }
    }

    private mutating func process(stop: UInt8?) throws(HeredocDetector.Failure) -> (result: [UInt8], words: [[UInt8]]) {
        depth += 1
        defer { depth -= 1 }
        // Deeper nesting than any real line has: give up rather than recurse without bound.
        guard depth < 1000 else { throw .init(message: "nesting too deep") }
        var result: [UInt8] = []
        var words = Words()
        while pos < end {
            let c = b[pos]
            if let stop, c == stop {
                pos += 1
                return (result, words.finish())
            }
            switch c {
            case UInt8(ascii: "$"):
                let tmp = try dollar()
                result += tmp
                words.addString(tmp)
            case UInt8(ascii: "'"):
                let tmp = try singleQuoted()
                result += tmp
                words.addRaw(tmp)
            case UInt8(ascii: "\""):
                let tmp = try doubleQuoted()
                result += tmp
                words.addRaw(tmp)
            default:
                if c == Self.escape {
                    pos += 1
                    if rawEscapes {
                        words.addRaw([c])
                        result.append(c)
                    }
                    if pos >= end { break }
                    let n = InstructionLayout.utf8Width(b, pos, end)
                    words.addRaw(b[pos..<(pos + n)])
                    result += b[pos..<(pos + n)]
                    pos += n
                } else {
                    let sw = Whitespace.unicodeSpaceWidth(b, pos, end)
                    let n = sw > 0 ? sw : InstructionLayout.utf8Width(b, pos, end)
                    words.addChar(b[pos..<(pos + n)], isSpace: sw > 0)
                    result += b[pos..<(pos + n)]
                    pos += n
                }
            }
        }
        if stop != nil { throw .init(message: "unexpected end of statement") }
        return (result, words.finish())
    }

    private mutating func singleQuoted() throws(HeredocDetector.Failure) -> [UInt8] {
        var out: [UInt8] = []
        if rawQuotes { out.append(b[pos]) }
        pos += 1
        while true {
            guard pos < end else { throw .init(message: "unexpected end of statement while looking for matching single-quote") }
            let c = b[pos]
            pos += 1
            if c == UInt8(ascii: "'") {
                if rawQuotes { out.append(c) }
                return out
            }
            out.append(c)
        }
    }

    private mutating func doubleQuoted() throws(HeredocDetector.Failure) -> [UInt8] {
        var out: [UInt8] = []
        if rawQuotes { out.append(b[pos]) }
        pos += 1
        while true {
            guard pos < end else { throw .init(message: "unexpected end of statement while looking for matching double-quote") }
            let c = b[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                if rawQuotes { out.append(c) }
                return out
            }
            if c == UInt8(ascii: "$") {
                out += try dollar()
                continue
            }
            pos += 1
            var ch = c
            if c == Self.escape {
                if rawEscapes { out.append(c) }
                if pos >= end { continue }
                let p = b[pos]
                if p == UInt8(ascii: "\"") || p == UInt8(ascii: "$") || p == Self.escape {
                    ch = p
                    pos += 1
                }
            }
            out.append(ch)
        }
    }

    /// `$name`, `${name}`, `${name:-word}`…: with no variable set, BuildKit
    /// (skipping unset variables) writes them back as they were.
    private mutating func dollar() throws(HeredocDetector.Failure) -> [UInt8] {
        pos += 1
        if pos >= end || b[pos] != UInt8(ascii: "{") {
            let name = readName()
            return name.isEmpty ? [UInt8(ascii: "$")] : [UInt8(ascii: "$")] + name
        }
        pos += 1
        guard pos < end else { throw .init(message: "syntax error: missing '}'") }
        let p = b[pos]
        if p == UInt8(ascii: "{") || p == UInt8(ascii: "}") || p == UInt8(ascii: ":") {
            throw .init(message: "syntax error: bad substitution")
        }
        let name = readName()
        guard pos < end else { throw .init(message: "unsupported modifier in substitution") }
        let ch = b[pos]
        pos += 1
        var modifier: [UInt8] = [ch]
        switch ch {
        case UInt8(ascii: "}"):
            return Array("${".utf8) + name + [UInt8(ascii: "}")]
        case UInt8(ascii: ":"):
            if pos < end {
                let n = InstructionLayout.utf8Width(b, pos, end)
                modifier += b[pos..<(pos + n)]
                pos += n
            }
            fallthrough
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "?"):
            let word = try process(stop: UInt8(ascii: "}")).result
            return Array("${".utf8) + name + modifier + word + [UInt8(ascii: "}")]
        default:
            throw .init(message: "unsupported modifier in substitution")
        }
    }

    /// A variable name: digits, one special parameter, or letters, digits and `_`.
    private mutating func readName() -> [UInt8] {
        guard pos < end else { return [] }
        let first = b[pos]
        if first >= 0x30 && first <= 0x39 {
            let s = pos
            while pos < end, b[pos] >= 0x30, b[pos] <= 0x39 { pos += 1 }
            return Array(b[s..<pos])
        }
        if "@*#?-$!".utf8.contains(first) {
            pos += 1
            return [first]
        }
        let s = pos
        while pos < end {
            let c = b[pos]
            if c < 0x80 {
                let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
                if !ok { break }
                pos += 1
            } else {
                let (v, w) = UTF8Decoding.decode(b, pos, end)
                guard w > 1, let scalar = Unicode.Scalar(v), Self.isLetterOrDigit(scalar) else { break }
                pos += w
            }
        }
        return Array(b[s..<pos])
    }

    private static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }
}
