/// What a piece of trivia is. Trivia is every byte that is not part of a
/// token's text: it carries layout, never meaning.
public enum TriviaKind: String, Sendable, CaseIterable {
    /// The UTF-8 byte-order mark at the very start of the file.
    case byteOrderMark
    /// Spaces, tabs and the other white-space characters BuildKit skips.
    case spaces
    /// A line ending: `\n`, `\r\n` (any `\r` run before `\n`), or `\r` at the end of the file.
    case newline
    /// A `#` comment, up to but not including the line ending.
    case comment
    /// The escape character that continues an instruction on the next line,
    /// with the spaces and tabs after it (not the line ending).
    case lineContinuation
    /// Bytes the trivia lexer cannot classify; the parser never produces them.
    case unexpected
}

/// One piece of trivia: its kind and where its bytes are in the source.
public struct TriviaPiece: Sendable, Equatable {
    public let kind: TriviaKind
    public let range: Range<Int>
}

/// Splits a trivia range into pieces. Trivia is context-free by construction:
/// inside trivia, `#` can only start a comment and the escape character can
/// only start a line continuation, because everything else is token text.
enum TriviaLexer {
    static func pieces(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, escape: UInt8) -> [TriviaPiece] {
        var out: [TriviaPiece] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let start = i
            let c = b[i]
            let kind: TriviaKind
            if i == 0, c == 0xEF, end >= 3, b[1] == 0xBB, b[2] == 0xBF {
                i = 3
                kind = .byteOrderMark
            } else if let n = newlineEnd(b, i, end) {
                i = n
                kind = .newline
            } else if c == UInt8(ascii: "#") {
                i = lineContentEnd(b, i, end)
                kind = .comment
            } else if c == escape {
                i += 1
                while i < end, Whitespace.isBlank(b[i]) { i += 1 }
                kind = .lineContinuation
            } else if spaceWidth(b, i, end) > 0 {
                while i < end, newlineEnd(b, i, end) == nil {
                    let w = spaceWidth(b, i, end)
                    if w == 0 { break }
                    i += w
                }
                kind = .spaces
            } else {
                i += 1
                while i < end, newlineEnd(b, i, end) == nil, spaceWidth(b, i, end) == 0,
                      b[i] != escape, b[i] != UInt8(ascii: "#") { i += 1 }
                kind = .unexpected
            }
            out.append(TriviaPiece(kind: kind, range: start..<i))
        }
        return out
    }

    /// A white-space character in trivia: any Unicode space, or a lone Latin-1
    /// space byte (BuildKit's flag splitter treats 0x85 and 0xA0 as spaces).
    @inline(__always)
    static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let w = Whitespace.unicodeSpaceWidth(b, i, end)
        if w > 0 { return w }
        return (b[i] == 0x85 || b[i] == 0xA0) ? 1 : 0
    }

    /// If a line ending starts at `i` (`\r*\n`, or `\r+` reaching `end`), where it ends.
    @inline(__always)
    static func newlineEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var j = i
        while j < end, b[j] == 0x0D { j += 1 }
        if j < end, b[j] == 0x0A { return j + 1 }
        if j == end, j > i { return j }
        return nil
    }

    /// The end of a line's content: the first `\r*\n` sequence, or `end`.
    static func lineContentEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end {
            if b[j] == 0x0A {
                var k = j
                while k > i, b[k - 1] == 0x0D { k -= 1 }
                return k
            }
            j += 1
        }
        // No newline: a trailing run of `\r` is still a line ending.
        var k = end
        while k > i, b[k - 1] == 0x0D { k -= 1 }
        return k
    }
}
