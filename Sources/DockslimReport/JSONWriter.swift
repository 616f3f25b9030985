/// Writes compact JSON into a byte buffer, fast and without Foundation.
///
/// Strings are written from bytes: valid UTF-8 passes through, control
/// characters (C0, DEL and C1, so JSON shown on a terminal carries no escape
/// sequence) are escaped as `\u00XX`, and a byte that is not valid UTF-8 becomes the
/// lone surrogate `\udcXX` (Python's `surrogateescape` convention), so
/// arbitrary bytes survive a round trip through JSON.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string($0) }
    }

    public mutating func string<C: Collection>(_ c: C) where C.Element == UInt8 {
        if let done = c.withContiguousStorageIfAvailable({ string(UnsafeBufferPointer(rebasing: $0[...])) }) { return done }
        string(Array(c))
    }

    public mutating func string(_ b: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c >= 0x20 && c < 0x7F {
                if c == 0x22 || c == 0x5C { bytes.append(0x5C) }
                bytes.append(c)
                i += 1
            } else if c < 0x20 || c == 0x7F {
                switch c {
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default: escaped(UInt32(c))
                }
                i += 1
            } else {
                let w = utf8Width(b, i)
                if w == 0 {
                    escaped(0xDC00 + UInt32(c))
                    i += 1
                } else if c == 0xC2 && b[i + 1] < 0xA0 {
                    escaped(UInt32(b[i + 1]))  // C1: U+0080–U+009F
                    i += 2
                } else {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + w)]))
                    i += w
                }
            }
        }
        bytes.append(0x22)
    }

    private mutating func escaped(_ v: UInt32) {
        let hex = Array("0123456789abcdef".utf8)
        raw("\\u")
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }

    /// The width of a valid UTF-8 sequence at `i`, or 0.
    private func utf8Width(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c0 = b[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < b.count && b[i + k] >= lo && b[i + k] <= hi
        }
        switch c0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            let lo: UInt8 = c0 == 0xE0 ? 0xA0 : 0x80, hi: UInt8 = c0 == 0xED ? 0x9F : 0xBF
            return cont(1, lo, hi) && cont(2) ? 3 : 0
        case 0xF0...0xF4:
            let lo: UInt8 = c0 == 0xF0 ? 0x90 : 0x80, hi: UInt8 = c0 == 0xF4 ? 0x8F : 0xBF
            return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    public mutating func int<I: BinaryInteger>(_ v: I) {
        bytes.append(contentsOf: String(v).utf8)
    }

    public mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }
    public mutating func null() { raw("null") }

    public mutating func optionalString(_ s: String?) { if let s { string(s) } else { null() } }

    /// `"key":`
    public mutating func key(_ k: StaticString) {
        bytes.append(0x22)
        raw(k)
        raw("\":")
    }

    /// `"key":` for a key known only at run time (escaped as a string).
    public mutating func key(dynamic k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes `[e1,e2,…]` with `body` writing each element.
    public mutating func array<S: Sequence>(_ items: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            body(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    public mutating func open() { bytes.append(UInt8(ascii: "{")) }
    public mutating func close() { bytes.append(UInt8(ascii: "}")) }
}
