/// Exec form: the JSON array of `CMD ["a", "b"]`, located piece by piece.
public struct JSONArrayLayout: Sendable {
    public enum PieceKind: Sendable { case leftBracket, rightBracket, comma, string, value }
    /// Twelve bytes: huge arrays are possible, so pieces are kept small.
    public struct Piece: Sendable {
        public let kind: PieceKind
        private let start: UInt32
        private let end: UInt32
        public var range: Range<Int> { Int(start)..<Int(end) }

        init(kind: PieceKind, range: Range<Int>) {
            self.kind = kind
            self.start = UInt32(range.lowerBound)
            self.end = UInt32(range.upperBound)
        }
    }
    /// Brackets, commas and elements, in order: indices into `LayoutStorage.pieces`.
    public var pieces: Range<Int> = 0..<0
    /// Whether every element is a string (BuildKit rejects the line otherwise).
    public var allStrings = true
    /// Text after the closing bracket. BuildKit 0.12 ignores it; 0.13+ reads
    /// the whole line as shell form instead.
    public var trailing: Range<Int>?
}

/// Decides whether text is a JSON array the way BuildKit 0.12 does (Go's
/// `json.Decoder` reading one value), and where its pieces are. Anything
/// that is not a complete, valid array means "not exec form": BuildKit then
/// silently reads the line as shell form.
enum JSONArrayScanner {
    /// Go's `encoding/json` nesting limit.
    static let maxDepth = 10_000

    static func scan(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ storage: inout LayoutStorage) -> JSONArrayLayout? {
        // Validate first, recording nothing, so that a long line that is not
        // JSON after all costs no memory; then record the pieces.
        guard walk(b, r, &storage, record: false) != nil else { return nil }
        return walk(b, r, &storage, record: true)
    }

    /// One pass over the array; appends its pieces to `storage` when `record`.
    private static func walk(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ storage: inout LayoutStorage,
                             record: Bool) -> JSONArrayLayout? {
        let end = r.upperBound
        var i = r.lowerBound
        guard i < end, b[i] == UInt8(ascii: "[") else { return nil }
        let first = storage.pieces.count
        var layout = JSONArrayLayout()
        func add(_ kind: JSONArrayLayout.PieceKind, _ range: Range<Int>) {
            if record { storage.pieces.append(.init(kind: kind, range: range)) }
        }
        add(.leftBracket, i..<(i + 1))
        i += 1
        i = skipSpace(b, i, end)
        guard i < end else { return nil }
        if b[i] != UInt8(ascii: "]") {
            while true {
                let start = i
                guard let valueEnd = scanValue(b, i, end) else { return nil }
                let isString = b[start] == UInt8(ascii: "\"")
                if !isString { layout.allStrings = false }
                add(isString ? .string : .value, start..<valueEnd)
                i = skipSpace(b, valueEnd, end)
                guard i < end else { return nil }
                if b[i] == UInt8(ascii: ",") {
                    add(.comma, i..<(i + 1))
                    i = skipSpace(b, i + 1, end)
                    guard i < end else { return nil }
                    continue
                }
                guard b[i] == UInt8(ascii: "]") else { return nil }
                break
            }
        }
        add(.rightBracket, i..<(i + 1))
        layout.pieces = first..<storage.pieces.count
        let t = Whitespace.skipUnicodeSpaces(b, i + 1, end)
        if t < end { layout.trailing = t..<end }
        return layout
    }

    @inline(__always)
    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end {
            let c = b[i]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { break }
            i += 1
        }
        return i
    }

    /// Scans one JSON value (of any type, nested ones iteratively so deep
    /// input cannot exhaust the stack); returns where it ends.
    static func scanValue(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        // The open containers: `[` or `{`; the top-level array counts as one level.
        var stack: [UInt8] = []
        var i = start
        while true {
            // Expect a value at i.
            guard i < end else { return nil }
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                guard let e = scanString(b, i, end) else { return nil }
                i = e
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if stack.count + 2 > maxDepth { return nil }
                stack.append(c)
                i = skipSpace(b, i + 1, end)
                guard i < end else { return nil }
                let close: UInt8 = c == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                if b[i] == close {
                    stack.removeLast()
                    i += 1
                } else {
                    if c == UInt8(ascii: "{") {
                        guard let k = objectKey(b, i, end) else { return nil }
                        i = k
                    }
                    continue
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let e = scanNumber(b, i, end) else { return nil }
                i = e
            case UInt8(ascii: "t"): guard let e = literal(b, i, end, "true") else { return nil }; i = e
            case UInt8(ascii: "f"): guard let e = literal(b, i, end, "false") else { return nil }; i = e
            case UInt8(ascii: "n"): guard let e = literal(b, i, end, "null") else { return nil }; i = e
            default:
                return nil
            }
            // After a value: close containers or move to the next element.
            while true {
                guard let top = stack.last else { return i }
                i = skipSpace(b, i, end)
                guard i < end else { return nil }
                let close: UInt8 = top == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                if b[i] == close {
                    stack.removeLast()
                    i += 1
                    continue
                }
                guard b[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(b, i + 1, end)
                if top == UInt8(ascii: "{") {
                    guard let k = objectKey(b, i, end) else { return nil }
                    i = k
                }
                break
            }
        }
    }

    /// `"key" :` followed by white space; returns where the value starts.
    private static func objectKey(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        guard i < end, b[i] == UInt8(ascii: "\""), let e = scanString(b, i, end) else { return nil }
        let c = skipSpace(b, e, end)
        guard c < end, b[c] == UInt8(ascii: ":") else { return nil }
        return skipSpace(b, c + 1, end)
    }

    static func scanString(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start + 1
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "\"") { return i + 1 }
            if c < 0x20 { return nil }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < end else { return nil }
                switch b[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                case UInt8(ascii: "u"):
                    guard i + 4 < end else { return nil }
                    for k in 1...4 where hexValue(b[i + k]) == nil { return nil }
                    i += 5
                default:
                    return nil
                }
                continue
            }
            i += 1
        }
        return nil
    }

    private static func scanNumber(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        func digits() -> Bool {
            let s = i
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i > s
        }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { return nil }
        if b[i] == UInt8(ascii: "0") { i += 1 } else { guard digits() else { return nil } }
        if i < end, b[i] == UInt8(ascii: ".") { i += 1; guard digits() else { return nil } }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() else { return nil }
        }
        return i
    }

    private static func literal(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ word: StaticString) -> Int? {
        let n = word.utf8CodeUnitCount
        guard i + n <= end else { return nil }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return nil }
        return i + n
    }

    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - 0x41 + 10)
        default: return nil
        }
    }

    /// The value of a JSON string literal (quotes included in `r`), decoded as
    /// Go does: escapes applied, invalid UTF-8 and lone surrogates become U+FFFD.
    public static func decodeString(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var i = r.lowerBound + 1
        let end = r.upperBound - 1
        func u4(_ at: Int) -> UInt32? {
            guard at + 5 < end + 1, b[at] == UInt8(ascii: "\\"), b[at + 1] == UInt8(ascii: "u") else { return nil }
            var v: UInt32 = 0
            for k in 2...5 {
                guard at + k < end, let h = hexValue(b[at + k]) else { return nil }
                v = v << 4 | h
            }
            return v
        }
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "\\") {
                let e = b[i + 1]
                switch e {
                case UInt8(ascii: "b"): out.append(0x08); i += 2
                case UInt8(ascii: "f"): out.append(0x0C); i += 2
                case UInt8(ascii: "n"): out.append(0x0A); i += 2
                case UInt8(ascii: "r"): out.append(0x0D); i += 2
                case UInt8(ascii: "t"): out.append(0x09); i += 2
                case UInt8(ascii: "u"):
                    let v = u4(i) ?? UTF8Decoding.replacement
                    if v >= 0xD800 && v < 0xE000 {
                        if v < 0xDC00, let low = u4(i + 6), low >= 0xDC00, low < 0xE000 {
                            UTF8Decoding.append(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00), to: &out)
                            i += 12
                        } else {
                            UTF8Decoding.append(UTF8Decoding.replacement, to: &out)
                            i += 6
                        }
                    } else {
                        UTF8Decoding.append(v, to: &out)
                        i += 6
                    }
                default: out.append(e); i += 2
                }
                continue
            }
            if c < 0x80 { out.append(c); i += 1; continue }
            let (_, w) = UTF8Decoding.decode(b, i, end)
            if w == 1 { UTF8Decoding.append(UTF8Decoding.replacement, to: &out) } else { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + w)])) }
            i += w
        }
        return out
    }
}
