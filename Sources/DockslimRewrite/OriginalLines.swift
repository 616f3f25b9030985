/// Messages of a pass that ran after another one name lines of the text it
/// saw, not of the file the user has. This maps each "line N" back to the
/// line of the original file that holds the same text, when exactly one
/// does (a line an earlier pass wrote, or one that is not unique, keeps its
/// number).
enum OriginalLines {
    static func remap(_ message: String, seen: [UInt8], original: [UInt8]) -> String {
        guard seen != original, message.contains("line ") else { return message }
        let seenLines = lines(seen), originalLines = lines(original)
        var out = ""
        var rest = Substring(message)
        while let r = rest.range(of: "line ") {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let n = Int(digits), n >= 1, n <= seenLines.count else { continue }
            let text = seenLines[n - 1]
            let matches = originalLines.indices.filter { originalLines[$0] == text }
            out += matches.count == 1 ? String(matches[0] + 1) : String(digits)
            rest = rest[digits.endIndex...]
        }
        return out + rest
    }

    /// Lines without their endings, spaces at the end ignored.
    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            var l = line
            while let last = l.last, last == 0x0D || last == 0x20 || last == 0x09 { l = l.dropLast() }
            return l
        }
    }
}
