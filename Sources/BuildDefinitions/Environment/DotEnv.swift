/// Reads `.env` files as Compose does (compose-spec/compose-go
/// `dotenv/parser.go`): `KEY=value` or `KEY: value`, an optional `export `,
/// comments, unquoted values cut at ` #` and trimmed, single quotes taken
/// literally, double quotes with escapes (`\n`, `\t`, `\"`, `\\`, `\$`…),
/// both may span lines; `${VAR}` in unquoted and double-quoted values is
/// interpolated from the environment, then from the file's earlier lines;
/// a lone `KEY` takes the environment's value if it has one.
enum DotEnv {
    struct Problem: Error, Equatable {
        var line: Int
        var message: String
    }

    static func parse(_ bytes: [UInt8], environment: Interpolation.Lookup) -> (entries: [(String, String)], problem: Problem?) {
        let text = Array(String(decoding: bytes, as: UTF8.self).utf8)
        var entries: [(String, String)] = []
        var seen: [String: String] = [:]
        var i = 0
        var line = 1
        let n = text.count
        func lookup(_ name: String) -> (value: String, origin: VariableOrigin)? {
            if let found = environment(name) { return found }
            return seen[name].map { ($0, .defaultValue) }
        }
        while i < n {
            // The start of a statement: skip blanks, line breaks and comment lines.
            while i < n, isSpace(text[i]) || text[i] == 0x0A {
                if text[i] == 0x0A { line += 1 }
                i += 1
            }
            guard i < n else { break }
            if text[i] == UInt8(ascii: "#") {
                while i < n, text[i] != 0x0A { i += 1 }
                continue
            }
            if text[i...].starts(with: Array("export".utf8)), i + 6 < n, isSpace(text[i + 6]) {
                i += 6
                while i < n, isSpace(text[i]) { i += 1 }
            }
            let keyStart = i
            while i < n, text[i] != UInt8(ascii: "="), text[i] != UInt8(ascii: ":"), text[i] != 0x0A {
                let c = text[i]
                if !(isSpace(c) || isKeyByte(c)) {
                    return (entries, Problem(line: line, message: "unexpected character `\(Character(Unicode.Scalar(c)))` in a variable name"))
                }
                i += 1
            }
            let key = String(decoding: text[keyStart..<i], as: UTF8.self).trimming(" \t\r")
            if key.contains(" ") { return (entries, Problem(line: line, message: "a variable name cannot contain a space")) }
            if i >= n || text[i] == 0x0A {
                // `KEY` alone: inherited from the environment.
                if let value = environment(key)?.value { entries.append((key, value)); seen[key] = value }
                continue
            }
            i += 1
            while i < n, isSpace(text[i]) { i += 1 }
            var value: String
            if i < n, text[i] == UInt8(ascii: "\"") || text[i] == UInt8(ascii: "'") {
                let quote = text[i]
                let startLine = line
                var chars: [UInt8] = []
                var escaped = false
                var closed = false
                i += 1
                while i < n {
                    let c = text[i]
                    if c == 0x0A { line += 1 }
                    if c != quote || escaped {
                        if !escaped, c == UInt8(ascii: "\\") { escaped = true; i += 1; continue }
                        if escaped, c != quote { chars.append(UInt8(ascii: "\\")) }
                        escaped = false
                        chars.append(c)
                        i += 1
                        continue
                    }
                    closed = true
                    i += 1
                    break
                }
                guard closed else { return (entries, Problem(line: startLine, message: "a quoted value is not closed")) }
                value = String(decoding: chars, as: UTF8.self)
                if quote == UInt8(ascii: "\"") {
                    let expanded = Interpolation.substitute(unescape(value), lookup)
                    if let error = expanded.error { return (entries, Problem(line: startLine, message: error)) }
                    value = expanded.value
                }
            } else {
                let start = i
                while i < n, text[i] != 0x0A { i += 1 }
                var raw = String(decoding: text[start..<i], as: UTF8.self)
                if let comment = raw.firstRange(of: " #") { raw = String(raw[..<comment.lowerBound]) }
                let expanded = Interpolation.substitute(raw.trimming(" \t\r\u{0B}\u{0C}"), lookup)
                if let error = expanded.error { return (entries, Problem(line: line, message: error)) }
                value = expanded.value
            }
            entries.append((key, value))
            seen[key] = value
        }
        return (entries, nil)
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C || c == 0x0D }

    private static func isKeyByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "]"): return true
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return c >= 0x80
        }
    }

    /// The shell escapes compose-go expands in double-quoted values; `\$`
    /// becomes `$$` so that it stays a `$`.
    private static func unescape(_ text: String) -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            guard c == "\\" else { out.unicodeScalars.append(c); continue }
            guard let e = iterator.next() else { out += "\\"; break }
            switch e {
            case "a": out += "\u{07}"
            case "b": out += "\u{08}"
            case "f": out += "\u{0C}"
            case "n": out += "\n"
            case "r": out += "\r"
            case "t": out += "\t"
            case "v": out += "\u{0B}"
            case "$": out += "$$"
            case "\"": out += "\""
            case "\\": out += "\\"
            default: out += "\\"; out.unicodeScalars.append(e)
            }
        }
        return out
    }
}
