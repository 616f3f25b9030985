/// Text from files and paths made safe for a terminal or a plain-text report.
///
/// A Dockerfile or a file name from an untrusted repository may hold escape
/// and OSC sequences that move the cursor, rewrite earlier lines, retitle the
/// window or forge hyperlinks. Every control character is therefore shown
/// visibly instead: C0 (except tab, and newline unless the text must stay on
/// one line) and DEL as `\x1b`, C1 (U+0080–U+009F) as `\u009b`, and a byte
/// that is not valid UTF-8 as `\xff`. Backslashes are left as they are, so
/// Dockerfile text (continuations, Windows paths) reads as written.
public enum TerminalText {
    /// `text` with its control characters escaped. `singleLine` also escapes
    /// newlines and tabs, for a path or a field that must not start a line of
    /// its own (a file named `a\nError: …` cannot forge a message).
    public static func escaped(_ text: String, singleLine: Bool = false) -> String {
        guard text.utf8.contains(where: { mayNeedEscape($0, singleLine) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text.unicodeScalars {
            if needsEscape(c.value, singleLine) { out += visible(c.value) } else { out.unicodeScalars.append(c) }
        }
        return out
    }

    /// Bytes with their control characters escaped, and each byte that is not
    /// valid UTF-8 as `\xNN`; tab and newline are kept.
    public static func escaped(bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { mayNeedEscape($0, false) }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            let (scalar, width) = decode(bytes, i)
            if let scalar, !needsEscape(scalar, false) {
                out += bytes[i..<(i + width)]
            } else if let scalar {
                out += Array(visible(scalar).utf8)
            } else {
                out += Array(hex(bytes[i]).utf8)
            }
            i += width
        }
        return out
    }

    /// A quick test on one UTF-8 byte: false means the byte is certainly fine.
    @inline(__always)
    private static func mayNeedEscape(_ b: UInt8, _ singleLine: Bool) -> Bool {
        (b < 0x20 && (singleLine || (b != 0x09 && b != 0x0A))) || b >= 0x7F
    }

    private static func needsEscape(_ v: UInt32, _ singleLine: Bool) -> Bool {
        if v == 0x09 || v == 0x0A { return singleLine }
        return v < 0x20 || (0x7F...0x9F).contains(v)
    }

    private static func visible(_ v: UInt32) -> String {
        if v < 0x80 { return hex(UInt8(v)) }
        let digits = Array("0123456789abcdef".utf8)
        return "\\u00" + String(decoding: [digits[Int(v >> 4)], digits[Int(v & 15)]], as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return "\\x" + String(decoding: [digits[Int(b >> 4)], digits[Int(b & 15)]], as: UTF8.self)
    }

    /// The scalar at `i` and its width, or `nil` and 1 for a byte that does
    /// not start a valid UTF-8 sequence.
    private static func decode(_ b: [UInt8], _ i: Int) -> (UInt32?, Int) {
        let c0 = b[i]
        if c0 < 0x80 { return (UInt32(c0), 1) }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < b.count && b[i + k] >= lo && b[i + k] <= hi }
        func bits(_ k: Int) -> UInt32 { UInt32(b[i + k] & 0x3F) }
        switch c0 {
        case 0xC2...0xDF where cont(1):
            return (UInt32(c0 & 0x1F) << 6 | bits(1), 2)
        case 0xE0...0xEF where cont(1, c0 == 0xE0 ? 0xA0 : 0x80, c0 == 0xED ? 0x9F : 0xBF) && cont(2):
            return (UInt32(c0 & 0x0F) << 12 | bits(1) << 6 | bits(2), 3)
        case 0xF0...0xF4 where cont(1, c0 == 0xF0 ? 0x90 : 0x80, c0 == 0xF4 ? 0x8F : 0xBF) && cont(2) && cont(3):
            return (UInt32(c0 & 0x07) << 18 | bits(1) << 12 | bits(2) << 6 | bits(3), 4)
        default:
            return (nil, 1)
        }
    }
}
