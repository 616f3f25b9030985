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
