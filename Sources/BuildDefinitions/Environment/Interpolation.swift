/// Compose's variable substitution (compose-spec `12-interpolation.md`,
/// compose-spec/compose-go `template/template.go`): `$VAR`, `${VAR}`,
/// `${VAR:-default}` and `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}`,
/// `${VAR:?error}` and `${VAR?error}`, `$$` for a `$`. Defaults,
/// alternatives and messages are themselves interpolated; names match
/// `[_a-zA-Z][_a-zA-Z0-9]*`; a `$` before anything else stays as it is;
/// a malformed `${…}` is an error.
struct Interpolation {
    typealias Lookup = (String) -> (value: String, origin: VariableOrigin)?

    struct Result: Equatable {
        var value: String
        /// Every variable read, in order, with where its value came from.
        var uses: [VariableUse]
        /// Variables read but not set (Compose warns, and uses "").
        var unset: [String]
        /// Why Compose would refuse the value.
        var error: String?
    }

    static let maxNesting = 32

    static func substitute(_ text: String, _ lookup: Lookup) -> Result {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return Result(value: text, uses: [], unset: [], error: nil) }
        var state = Result(value: "", uses: [], unset: [], error: nil)
        let out = substitute(Array(text.utf8)[...], lookup, &state, depth: 0)
        state.value = String(decoding: out, as: UTF8.self)
        return state
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
    }

    private static func isNamePart(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    private static func substitute(_ b: ArraySlice<UInt8>, _ lookup: Lookup, _ state: inout Result, depth: Int) -> [UInt8] {
        var out: [UInt8] = []
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            guard c == UInt8(ascii: "$"), i + 1 < b.endIndex else { out.append(c); i += 1; continue }
            let next = b[i + 1]
            if next == UInt8(ascii: "$") { out.append(c); i += 2; continue }
            if isNameStart(next) {
                var end = i + 1
                while end < b.endIndex, isNamePart(b[end]) { end += 1 }
                out += read(String(decoding: b[(i + 1)..<end], as: UTF8.self), lookup, &state)
                i = end
                continue
            }
            guard next == UInt8(ascii: "{") else { out.append(c); i += 1; continue }
            guard let close = closingBrace(b, from: i + 1) else {
                fail(&state, "invalid interpolation format `\(String(decoding: b[i...], as: UTF8.self))` (a `$` may need to be written `$$`)")
                return out
            }
            out += braced(b[(i + 2)..<close], lookup, &state, depth: depth)
            if state.error != nil { return out }
            i = close + 1
        }
        return out
    }

    /// The `}` that closes the `{` at `open`, counting nested braces.
    private static func closingBrace(_ b: ArraySlice<UInt8>, from open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < b.endIndex {
            if b[i] == UInt8(ascii: "{") { depth += 1 } else if b[i] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    private static func braced(_ inner: ArraySlice<UInt8>, _ lookup: Lookup, _ state: inout Result, depth: Int) -> [UInt8] {
        var end = inner.startIndex
        if end < inner.endIndex, isNameStart(inner[end]) {
            end += 1
            while end < inner.endIndex, isNamePart(inner[end]) { end += 1 }
        }
        let whole = "${" + String(decoding: inner, as: UTF8.self) + "}"
        guard end > inner.startIndex else {
            fail(&state, "invalid interpolation format `\(whole)` (a `$` may need to be written `$$`)")
            return []
        }
        let name = String(decoding: inner[inner.startIndex..<end], as: UTF8.self)
        if end == inner.endIndex { return read(name, lookup, &state) }
        var op = end
        let colon = inner[op] == UInt8(ascii: ":")
        if colon { op += 1 }
        guard op < inner.endIndex, [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "?")].contains(inner[op]) else {
            fail(&state, "invalid interpolation format `\(whole)` (a `$` may need to be written `$$`)")
            return []
        }
        guard depth < maxNesting else {
            fail(&state, "interpolation nested more than \(maxNesting) levels deep")
            return []
        }
        let kind = inner[op]
        let argument = inner[(op + 1)...]
        let found = lookup(name)
        let present = found != nil && (!colon || found?.value.isEmpty == false)
        switch kind {
        case UInt8(ascii: "-"):
            if present { return read(name, lookup, &state) }
            state.uses.append(VariableUse(name: name, origin: .defaultValue))
            return substitute(argument, lookup, &state, depth: depth + 1)
        case UInt8(ascii: "+"):
            state.uses.append(VariableUse(name: name, origin: found?.origin ?? .unset))
            if present { return substitute(argument, lookup, &state, depth: depth + 1) }
            return Array((found?.value ?? "").utf8)
        default:
            if present { return read(name, lookup, &state) }
            let message = String(decoding: substitute(argument, lookup, &state, depth: depth + 1), as: UTF8.self)
            fail(&state, "required variable \(name) is missing a value" + (message.isEmpty ? "" : ": \(message)"))
            return []
        }
    }

    private static func read(_ name: String, _ lookup: Lookup, _ state: inout Result) -> [UInt8] {
        guard let found = lookup(name) else {
            state.uses.append(VariableUse(name: name, origin: .unset))
            state.unset.append(name)
            return []
        }
        state.uses.append(VariableUse(name: name, origin: found.origin))
        return Array(found.value.utf8)
    }

    private static func fail(_ state: inout Result, _ message: String) {
        if state.error == nil { state.error = message }
    }
}
