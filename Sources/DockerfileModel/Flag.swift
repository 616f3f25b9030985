import DockerfileSyntax

/// A `--name[=value]` flag before an instruction's arguments.
public struct Flag: Sendable {
    /// The flag as BuildKit reads it (quotes removed), e.g. `--from=build`.
    public let text: [UInt8]
    /// The name without dashes, lower-cased as BuildKit matches it.
    public let name: String
    /// The value after `=`, or `nil` for a bare `--link`.
    public let value: String?
    public let node: SyntaxNode

    init(cooked: [UInt8], node: SyntaxNode) {
        self.text = cooked
        self.node = node
        var body = cooked.drop { $0 == UInt8(ascii: "-") }
        if cooked.starts(with: [0x2D, 0x2D]) { body = cooked.dropFirst(2) }
        if let eq = body.firstIndex(of: UInt8(ascii: "=")) {
            self.name = String(decoding: body[..<eq], as: UTF8.self).lowercased()
            self.value = String(decoding: body[(eq + 1)...], as: UTF8.self)
        } else {
            self.name = String(decoding: body, as: UTF8.self).lowercased()
            self.value = nil
        }
    }

    /// For `--mount`: its comma-separated `key=value` options.
    public var mount: Mount? {
        guard name == "mount", let value else { return nil }
        return Mount(value)
    }
}

/// The options of `RUN --mount=type=cache,target=/root/.cache,sharing=locked`.
public struct Mount: Sendable, Equatable {
    /// In order, keys lower-cased; a bare option (`ro`) has a `nil` value.
    public let options: [(key: String, value: String?)]

    public static func == (a: Mount, b: Mount) -> Bool {
        a.options.elementsEqual(b.options) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Parses the flag's value as BuildKit does: CSV fields (double quotes
    /// group, `""` is a literal quote), each cut at its first `=`.
    public init(_ text: String) {
        var options: [(key: String, value: String?)] = []
        for field in Self.csvFields(text) {
            if let eq = field.firstIndex(of: "=") {
                options.append((String(field[..<eq]).lowercased(), String(field[field.index(after: eq)...])))
            } else {
                options.append((field.lowercased(), nil))
            }
        }
        self.options = options
    }

    /// The value of an option; `type` defaults to `bind`.
    public subscript(_ key: String) -> String? {
        let aliases: [String: [String]] = ["target": ["target", "dst", "destination"], "source": ["source", "src"]]
        let keys = aliases[key] ?? [key]
        if let v = options.last(where: { keys.contains($0.key) })?.value { return v }
        return key == "type" ? "bind" : nil
    }

    static func csvFields(_ s: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(s.unicodeScalars)[...]
        var atFieldStart = true
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append("\"") } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
                continue
            } else if c == "\"" && atFieldStart {
                inQuotes = true
            } else {
                field.unicodeScalars.append(c)
            }
            atFieldStart = false
        }
        fields.append(field)
        return fields
    }
}
