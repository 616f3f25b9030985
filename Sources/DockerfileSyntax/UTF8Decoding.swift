/// Decodes UTF-8 the way Go's `utf8.DecodeRune` does: an invalid or
/// truncated sequence yields U+FFFD with width 1.
enum UTF8Decoding {
    static let replacement: UInt32 = 0xFFFD

    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (scalar: UInt32, width: Int) {
        let c0 = b[i]
        if c0 < 0x80 { return (UInt32(c0), 1) }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> UInt8? {
            guard i + k < end else { return nil }
            let c = b[i + k]
            return (c >= lo && c <= hi) ? c : nil
        }
        switch c0 {
        case 0xC2...0xDF:
            guard let c1 = cont(1) else { break }
            return (UInt32(c0 & 0x1F) << 6 | UInt32(c1 & 0x3F), 2)
        case 0xE0...0xEF:
            let lo: UInt8 = c0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = c0 == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(1, lo, hi), let c2 = cont(2) else { break }
            return (UInt32(c0 & 0x0F) << 12 | UInt32(c1 & 0x3F) << 6 | UInt32(c2 & 0x3F), 3)
        case 0xF0...0xF4:
            let lo: UInt8 = c0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = c0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(1, lo, hi), let c2 = cont(2), let c3 = cont(3) else { break }
            return (UInt32(c0 & 0x07) << 18 | UInt32(c1 & 0x3F) << 12 | UInt32(c2 & 0x3F) << 6 | UInt32(c3 & 0x3F), 4)
        default:
            break
        }
        return (replacement, 1)
    }

    /// Appends the UTF-8 encoding of a scalar value.
    @inline(__always)
    static func append(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(v >> 6)); out.append(0x80 | UInt8(v & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(v >> 12)); out.append(0x80 | UInt8((v >> 6) & 0x3F)); out.append(0x80 | UInt8(v & 0x3F))
        default:
            out.append(0xF0 | UInt8(v >> 18)); out.append(0x80 | UInt8((v >> 12) & 0x3F))
            out.append(0x80 | UInt8((v >> 6) & 0x3F)); out.append(0x80 | UInt8(v & 0x3F))
        }
    }

    /// The offset of the first byte that is not valid UTF-8, if any; eight
    /// ASCII bytes at a time.
    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var i = 0
        let n = b.count
        while i < n {
            if i + 32 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 { i += 32; continue }
            }
            if i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            if b[i] < 0x80 { i += 1; continue }
            let (v, w) = decode(b, i, n)
            if w == 1 && v == replacement { return i }
            i += w
        }
        return nil
    }

    /// Whether `[start, end)` is valid UTF-8.
    static func isValid(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if b[i] < 0x80 { i += 1; continue }
            let (v, w) = decode(b, i, end)
            if v == replacement && w == 1 { return false }
            i += w
        }
        return true
    }

    /// Go's `string([]byte)` then ranging over runes, rebuilt: invalid bytes
    /// become U+FFFD.
    static func repaired(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var i = r.lowerBound
        while i < r.upperBound {
            let (v, w) = decode(b, i, r.upperBound)
            if w == 1 && b[i] >= 0x80 { append(replacement, to: &out) } else { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + w)])) }
            i += w
        }
        return out
    }
}
