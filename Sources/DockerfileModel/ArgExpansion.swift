/// Variable substitution as BuildKit's shell lexer does it for FROM:
/// `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`,
/// `${NAME+word}`, with `\` escaping `$`.
///
/// Only the build arguments' defaults are known statically; a name without a
/// value is reported as unresolved rather than guessed.
public struct ArgExpansion: Sendable, Equatable {
    public let result: String
    /// Names that had no value (substituted as empty, as BuildKit does).
    public let unresolved: [String]
    /// The text could not be read (an unclosed `${`, an unsupported modifier).
    public let failed: Bool
    /// Every name the text refers to, in order, with or without a value.
    public var used: [String] = []

    public static func expand(_ text: String, _ values: [String: String]) -> ArgExpansion {
        var s = Array(text.unicodeScalars)[...]
        var out = String.UnicodeScalarView()
        var unresolved: [String] = []
        var failed = false
        var used: [String] = []
        func lookup(_ name: String) -> String? {
            used.append(name)
            if let v = values[name] { return v }
            unresolved.append(name)
            return nil
        }
        func name(_ s: inout ArraySlice<Unicode.Scalar>) -> String {
            var n = ""
            while let c = s.first, c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) {
                n.unicodeScalars.append(c)
                s.removeFirst()
            }
            return n
        }
        while let c = s.popFirst() {
            if c == "\\", let next = s.first {
                s.removeFirst()
                out.append(next)
                continue
            }
            guard c == "$" else { out.append(c); continue }
            if s.first == "{" {
                s.removeFirst()
                let n = name(&s)
                guard !n.isEmpty, let m = s.popFirst() else { failed = true; break }
                if m == "}" {
                    out.append(contentsOf: (lookup(n) ?? "").unicodeScalars)
                    continue
                }
                var modifier = String(m)
                if m == ":", let m2 = s.popFirst() { modifier.unicodeScalars.append(m2) }
                var word = String.UnicodeScalarView()
                var depth = 0
                var closed = false
                while let w = s.popFirst() {
                    if w == "{" { depth += 1 }
                    if w == "}" { if depth == 0 { closed = true; break }; depth -= 1 }
                    word.append(w)
                }
                guard closed, ["-", ":-", "+", ":+"].contains(modifier) else { failed = true; break }
                let inner = expand(String(word), values)
                unresolved += inner.unresolved
                used += [n] + inner.used
                let value = values[n]
                let isSet = value != nil && !(modifier.hasPrefix(":") && value!.isEmpty)
                if modifier.hasSuffix("-") {
                    if isSet { out.append(contentsOf: value!.unicodeScalars) } else { out.append(contentsOf: inner.result.unicodeScalars) }
                } else if isSet {
                    out.append(contentsOf: inner.result.unicodeScalars)
                }
            } else {
                let n = name(&s)
                if n.isEmpty { out.append("$"); continue }
                out.append(contentsOf: (lookup(n) ?? "").unicodeScalars)
            }
        }
        return ArgExpansion(result: String(out), unresolved: unresolved, failed: failed, used: used)
    }
}
