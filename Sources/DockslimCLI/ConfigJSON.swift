/// A strict JSON reader for `.dockslim.json` that keeps where each value
/// and key starts, so a mistake is reported as `file:line:col: …` the way
/// compilers do. It never traps: depth is capped and any byte sequence
/// gives a value or an error.
struct ConfigJSON {
    /// 1-based; the column counts characters.
    struct Position: Sendable, Equatable, CustomStringConvertible {
        let line: Int
        let column: Int
        var description: String { "\(line):\(column)" }
    }

    indirect enum Value: Sendable {
        case object([Member])
        case array([Node])
        case string(String)
        case number(String)
        case bool(Bool)
        case null

        var kind: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .number: "a number"
            case .bool: "a boolean"
            case .null: "null"
            }
        }
    }

    struct Node: Sendable {
        let value: Value
        let at: Position
    }

    struct Member: Sendable {
        let key: String
        let keyAt: Position
        let value: Node
    }

    struct Failure: Error, Sendable {
        let message: String
        let at: Position
    }

    static let maxDepth = 64

    private let bytes: [UInt8]
    private var offset = 0
    /// The last position computed, so that reading forward costs one pass
    /// over the bytes, not one per value.
    private var known = (offset: 0, position: Position(line: 1, column: 1))

    /// Reads a whole document: one value, nothing after it but white space.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> Node {
        var reader = ConfigJSON(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.offset = 3 }
        let node = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.offset >= bytes.count else { throw reader.failure("unexpected text after the JSON value") }
        return node
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Where `at` is (lines and characters), counted on from the last
    /// position asked for when it is before `at`.
    mutating func position(_ at: Int) -> Position {
        let end = min(at, bytes.count)
        if end < known.offset { known = (0, Position(line: 1, column: 1)) }
        var line = known.position.line, column = known.position.column
        for b in bytes[known.offset..<end] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        known = (end, Position(line: line, column: column))
        return known.position
    }

    private mutating func failure(_ message: String, at: Int? = nil) -> Failure {
        Failure(message: message, at: position(at ?? offset))
    }

    private mutating func skipSpace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private var current: String {
        guard offset < bytes.count else { return "the end of the file" }
        let b = bytes[offset]
        return b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x" + String(b, radix: 16)
    }

    private mutating func value(depth: Int) throws(Failure) -> Node {
        guard depth < Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) levels deep") }
        skipSpace()
        let start = offset
        let at = position(start)
        guard offset < bytes.count else { throw failure("expected a value, found the end of the file") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return Node(value: try object(depth: depth), at: at)
        case UInt8(ascii: "["): return Node(value: try array(depth: depth), at: at)
        case UInt8(ascii: "\""): return Node(value: .string(try string()), at: at)
        case UInt8(ascii: "t"): try literal("true"); return Node(value: .bool(true), at: at)
        case UInt8(ascii: "f"): try literal("false"); return Node(value: .bool(false), at: at)
        case UInt8(ascii: "n"): try literal("null"); return Node(value: .null, at: at)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return Node(value: .number(try number()), at: at)
        default: throw failure("expected a value, found \(current)")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> Value {
        offset += 1
        var members: [Member] = []
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
        while true {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes, found \(current)") }
            let keyStart = offset
            let keyAt = position(keyStart)
            let key = try string()
            if members.contains(where: { $0.key == key }) { throw failure("duplicate key '\(key)'", at: keyStart) }
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw failure("expected ':' after the key, found \(current)") }
            offset += 1
            let v = try value(depth: depth + 1)
            members.append(Member(key: key, keyAt: keyAt, value: v))
            skipSpace()
            guard offset < bytes.count else { throw failure("expected ',' or '}', found the end of the file") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
            throw failure("expected ',' or '}', found \(current)")
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> Value {
        offset += 1
        var items: [Node] = []
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard offset < bytes.count else { throw failure("expected ',' or ']', found the end of the file") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(items) }
            throw failure("expected ',' or ']', found \(current)")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        guard bytes[offset...].starts(with: word.utf8) else { throw failure("expected a value, found \(current)") }
        offset += word.utf8.count
    }

    private mutating func number() throws(Failure) -> String {
        let start = offset
        let allowed: Set<UInt8> = Set("+-.eE0123456789".utf8)
        while offset < bytes.count, allowed.contains(bytes[offset]) { offset += 1 }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard Double(text) != nil, text.first != "+" else { throw failure("'\(text)' is not a number", at: start) }
        return text
    }

    /// A string at `"`, escapes decoded; control characters must be escaped, as JSON says.
    private mutating func string() throws(Failure) -> String {
        let start = offset
        offset += 1
        var out: [UInt8] = []
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") {
                offset += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw failure("the string is not valid UTF-8", at: start) }
                return s
            }
            if b < 0x20 { throw failure("a control character in a string must be escaped") }
            if b != UInt8(ascii: "\\") { out.append(b); offset += 1; continue }
            offset += 1
            guard offset < bytes.count else { break }
            let e = bytes[offset]
            offset += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), bytes[offset...].starts(with: "\\u".utf8) {
                    offset += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) { scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) } else { scalar = 0xFFFD }
                }
                out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: throw failure("unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: offset - 2)
            }
        }
        throw failure("unterminated string", at: start)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16) else {
            throw failure("expected four hex digits after \\u")
        }
        offset += 4
        return v
    }
}
