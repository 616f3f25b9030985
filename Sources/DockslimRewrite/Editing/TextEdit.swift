/// One replacement of a byte range of the source, with the reason a pass
/// gives for it.
public struct TextEdit: Sendable, Equatable {
    public let range: Range<Int>
    public let replacement: [UInt8]
    public let reason: String

    public init(range: Range<Int>, replacement: [UInt8], reason: String) {
        self.range = range
        self.replacement = replacement
        self.reason = reason
    }

    /// Applies non-overlapping edits to `source`; `nil` if two overlap.
    /// Insertions at the offset where a replacement starts go before it;
    /// insertions at one offset keep their order.
    public static func apply(_ edits: [TextEdit], to source: [UInt8]) -> [UInt8]? {
        let sorted = edits.enumerated().sorted {
            let a = ($0.element.range.lowerBound, $0.element.range.isEmpty ? 0 : 1, $0.offset)
            let b = ($1.element.range.lowerBound, $1.element.range.isEmpty ? 0 : 1, $1.offset)
            return a < b
        }.map(\.element)
        var out: [UInt8] = []
        out.reserveCapacity(source.count + sorted.reduce(0) { $0 + $1.replacement.count })
        var cursor = 0
        for e in sorted {
            guard e.range.lowerBound >= cursor, e.range.upperBound <= source.count else { return nil }
            out += source[cursor..<e.range.lowerBound]
            out += e.replacement
            cursor = e.range.upperBound
        }
        out += source[cursor...]
        return out
    }
}
