extension StringProtocol {
    /// The text without the given characters at either end (Foundation's
    /// `trimmingCharacters(in:)` without Foundation).
    package func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

extension StringProtocol {
    /// The first occurrence of `needle` (Foundation's `range(of:)`, which this module does without).
    package func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
