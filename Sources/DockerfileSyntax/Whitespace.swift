/// Whitespace as BuildKit's Go code sees it, over raw UTF-8 bytes.
///
/// BuildKit mixes three notions of "space", and reading a Dockerfile exactly
/// as it does means keeping them apart:
/// - `unicode.IsSpace` on decoded runes (trimming lines, splitting words);
/// - `unicode.IsSpace(rune(byte))`, which reads a single byte as Latin-1, so
///   the lone bytes 0x85 and 0xA0 count as spaces (flag splitting, HEALTHCHECK);
/// - the regular expression class `[\t\v\f\r ]` (splitting keyword and lists).
enum Whitespace {
    /// The width of the Unicode white-space character (Go's `unicode.IsSpace`)
    /// encoded at `i`, or 0 when the bytes there are not one.
    @inline(__always)
    static func unicodeSpaceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c < 0x80 {
            return (c == 0x20 || (c >= 0x09 && c <= 0x0D)) ? 1 : 0
        }
        return multiByteSpaceWidth(b, i, end)
    }

    /// The rarer, multi-byte part of `unicodeSpaceWidth`.
    static func multiByteSpaceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c == 0xC2, i + 1 < end {
            let d = b[i + 1]
            return (d == 0x85 || d == 0xA0) ? 2 : 0  // NEL, NO-BREAK SPACE
        }
        if c == 0xE1, i + 2 < end {
            return (b[i + 1] == 0x9A && b[i + 2] == 0x80) ? 3 : 0  // U+1680
        }
        if c == 0xE2, i + 2 < end {
            let d = b[i + 1], e = b[i + 2]
            if d == 0x80 {
                // U+2000...U+200A, U+2028, U+2029, U+202F
                if (e >= 0x80 && e <= 0x8A) || e == 0xA8 || e == 0xA9 || e == 0xAF { return 3 }
                return 0
            }
            if d == 0x81 && e == 0x9F { return 3 }  // U+205F
            return 0
        }
        if c == 0xE3, i + 2 < end {
            return (b[i + 1] == 0x80 && b[i + 2] == 0x80) ? 3 : 0  // U+3000
        }
        return 0
    }

    /// `unicode.IsSpace(rune(byte))`: one byte read as a Latin-1 character.
    @inline(__always)
    static func isLatin1Space(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0
    }

    /// The class `[\t\v\f\r ]` of BuildKit's `reWhitespace`.
    @inline(__always)
    static func isSeparator(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C || c == 0x0D
    }

    /// Spaces and tabs: what a line continuation may have after its escape.
    @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09
    }

    /// The offset of the first byte at or after `i` that does not start a
    /// Unicode white-space character.
    @inline(__always)
    static func skipUnicodeSpaces(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end {
            let w = unicodeSpaceWidth(b, i, end)
            if w == 0 { break }
            i += w
        }
        return i
    }

    /// The end of `[start, end)` once trailing Unicode white space is removed
    /// (Go's `strings.TrimRightFunc(s, unicode.IsSpace)`).
    static func trimTrailingUnicodeSpaces(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start {
            let c = b[e - 1]
            if c < 0x80 {
                if c == 0x20 || (c >= 0x09 && c <= 0x0D) { e -= 1; continue }
                return e
            }
            // Find the start of the last UTF-8 sequence (at most 3 bytes back for spaces).
            var s = e - 1
            while s > start, e - s < 4, b[s] & 0xC0 == 0x80 { s -= 1 }
            let w = multiByteSpaceWidth(b, s, e)
            if w > 0, s + w == e { e = s } else { return e }
        }
        return e
    }
}
