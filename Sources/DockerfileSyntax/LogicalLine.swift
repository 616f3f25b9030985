/// One instruction's text as BuildKit sees it: its physical lines joined,
/// with line continuations, and the comment and empty lines inside them,
/// removed.
///
/// The same builder serves the parser (to find where an instruction ends)
/// and the semantic model (to read an instruction's values), so both read a
/// line exactly alike.
public struct LogicalLine {
    /// The joined text.
    public private(set) var bytes: [UInt8] = []
    /// Which source bytes each part of `bytes` came from, in order.
    public private(set) var segments: [Segment] = []
    /// The first and last physical line (0-based) the instruction's text occupies.
    public private(set) var firstLine = 0
    public private(set) var lastLine = 0
    /// An empty or white-space-only line sat inside the continuation.
    public private(set) var hasEmptyContinuationLine = false
    /// The text ended with a line continuation and no line followed.
    public private(set) var continuesAtEndOfFile = false
    /// The text is one run of source bytes, left in place: logical offsets
    /// are then source offsets and `bytes` stays empty (the parser's fast path).
    private(set) var isDirect = false
    private(set) var directRange = 0..<0

    /// A run of logical bytes copied from one contiguous run of source bytes.
    public struct Segment: Sendable, Equatable {
        public let logicalStart: Int
        public let sourceStart: Int
        public let count: Int
    }

    public init() {}

    /// Where the escape character of a line continuation ending `[s, e)` is:
    /// the escape, then only spaces and tabs, and either at the start or not
    /// itself escaped (BuildKit's `([^\\])\\[ \t]*$|^\\[ \t]*$`).
    @inline(__always)
    static func continuationEscape(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ escape: UInt8) -> Int? {
        var p = e
        while p > s, Whitespace.isBlank(b[p - 1]) { p -= 1 }
        guard p > s, b[p - 1] == escape, p - 1 == s || b[p - 2] != escape else { return nil }
        return p - 1
    }

    /// Calls `body` with the text's buffer and its range in that buffer:
    /// the source itself on the fast path, else the joined bytes.
    func withText<R>(_ source: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> R) -> R {
        if isDirect { return body(source, directRange) }
        return bytes.withUnsafeBufferPointer { body($0, 0..<$0.count) }
    }

    /// Maps a logical offset to its source offset. An offset at the end of a
    /// segment maps to the end of that segment's source run.
    public func sourceOffset(_ logical: Int) -> Int {
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].logicalStart <= logical { lo = mid } else { hi = mid - 1 }
        }
        let s = segments[lo]
        return s.sourceStart + (logical - s.logicalStart)
    }

    /// Reads the instruction whose first line is `line`, starting at
    /// `contentStart` (the first non-space byte). Returns the index of the
    /// first line after the instruction's text.
    mutating func build(_ lines: PhysicalLines, line: Int, contentStart: Int, escape: UInt8, inPlace: Bool = false) -> Int {
        hasEmptyContinuationLine = false
        continuesAtEndOfFile = false
        firstLine = line
        let b = lines.bytes
        let firstEnd = lines.contentEnd(line)
        if inPlace, Self.continuationEscape(b, contentStart, firstEnd, escape) == nil {
            // One line, no continuation: read it where it is; `segments` and
            // `bytes` are left alone (this is most instructions).
            isDirect = true
            directRange = contentStart..<firstEnd
            lastLine = line
            return line + 1
        }
        isDirect = false
        if !bytes.isEmpty { bytes.removeAll(keepingCapacity: true) }
        if !segments.isEmpty { segments.removeAll(keepingCapacity: true) }
        var continues = append(b, contentStart, firstEnd, escape)
        var li = line + 1
        while continues && li < lines.count {
            let s = lines.start(li), e = lines.contentEnd(li)
            let first = Whitespace.skipUnicodeSpaces(b, s, e)
            if first < e && b[first] == UInt8(ascii: "#") {
                li += 1  // a comment line inside a continuation is dropped
                continue
            }
            if first == e {
                hasEmptyContinuationLine = true
                li += 1
                continue
            }
            continues = append(b, s, e, escape)
            li += 1
        }
        continuesAtEndOfFile = continues
        lastLine = li - 1
        return li
    }

    /// Appends one line's content, without its line continuation; returns
    /// whether it had one.
    private mutating func append(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ escape: UInt8) -> Bool {
        let escapeAt = Self.continuationEscape(b, s, e, escape)
        let continues = escapeAt != nil
        let end = escapeAt ?? e
        if end > s {
            segments.append(Segment(logicalStart: bytes.count, sourceStart: s, count: end - s))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<end]))
        }
        return continues
    }
}
