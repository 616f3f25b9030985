/// Turns byte offsets into lines and columns. Readers work on bytes and
/// keep offsets; a location is made only for a node or an error. Readers ask
/// for offsets mostly in increasing order, so the last answer is kept and
/// counting goes on from it: a long single line (minified JSON) stays linear.
final class LineTable {
    let file: String
    private let bytes: [UInt8]
    /// Offset of the first byte of every line (lines end at `\n`).
    private let starts: [Int]
    private var memo: (offset: Int, line: Int, column: Int) = (0, 0, 1)

    init(_ bytes: [UInt8], file: String) {
        self.file = file
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        self.starts = starts
    }

    /// The line holding `offset` (0-based) and that line's first byte.
    func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    func lineStart(of offset: Int) -> Int { starts[lineIndex(of: offset)] }

    /// The location of `offset`; an offset at the end of the input is the
    /// column after the last character.
    func location(_ offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), bytes.count)
        let line = lineIndex(of: offset)
        var column = 1
        var i = starts[line]
        if memo.line == line, memo.offset <= offset {
            column = memo.column
            i = memo.offset
        }
        while i < offset {
            // Count scalars: a UTF-8 continuation byte is not a new column.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        memo = (offset, line, column)
        return SourceLocation(file: file, line: line + 1, column: column)
    }
}

/// The offset of the first byte that is not valid UTF-8, or `nil`.
/// Both readers refuse such input up front, as Go's YAML and HCL parsers do.
func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
        let b = bytes[i]
        if b < 0x80 { i += 1; continue }
        let length: Int, minimum: UInt32
        var scalar: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
        default: return i
        }
        guard i + length <= n else { return i }
        for k in 1..<length {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return i }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
        i += length
    }
    return nil
}
