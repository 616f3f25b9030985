/// A JSON document built in memory and printed with two-space indents and
/// keys in the order given: reports are read by people and compared in
/// golden files, so their layout is stable.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    /// `.string`, or `.null` for `nil`.
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// The document, pretty-printed, with a final newline.
    public var pretty: String {
        var w = JSONWriter()
        write(into: &w, indent: 0)
        w.bytes.append(0x0A)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private func write(into w: inout JSONWriter, indent: Int) {
        func newline(_ level: Int) {
            w.bytes.append(0x0A)
            w.bytes.append(contentsOf: repeatElement(0x20, count: level * 2))
        }
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { w.raw("{}"); return }
            w.open()
            for (k, (key, value)) in pairs.enumerated() {
                if k > 0 { w.comma() }
                newline(indent + 1)
                w.string(key)
                w.raw(": ")
                value.write(into: &w, indent: indent + 1)
            }
            newline(indent)
            w.close()
        case .array(let items):
            guard !items.isEmpty else { w.raw("[]"); return }
            w.bytes.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { w.comma() }
                newline(indent + 1)
                item.write(into: &w, indent: indent + 1)
            }
            newline(indent)
            w.bytes.append(UInt8(ascii: "]"))
        case .string(let s): w.string(s)
        case .int(let i): w.int(i)
        case .bool(let b): w.bool(b)
        case .null: w.null()
        }
    }
}
