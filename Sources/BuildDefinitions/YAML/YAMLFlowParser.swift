/// Flow collections (`[a, b]`, `{a: 1}`), which may span lines; JSON is
/// one of them, so `docker-bake.json` is read here too.
extension YAMLParser {
    /// Blanks, line breaks and comments between flow tokens.
    mutating func skipFlowSpace(open: Int) throws(DefinitionError) {
        while pos < n {
            if isBlank(pos) { pos += 1; continue }
            if isBreak(pos) {
                pos += breakLength(pos)
                if isDocumentMarker(pos) { throw fail("a document marker inside a flow collection that is not closed", at: open) }
                continue
            }
            if b[pos] == UInt8(ascii: "#"), pos == 0 || isBlank(pos - 1) || b[pos - 1] == 0x0A {
                skipToLineEnd()
                continue
            }
            return
        }
    }

    /// The cursor is on `[` or `{`.
    mutating func parseFlowCollection(properties: Properties) throws(DefinitionError) -> YAMLNode {
        let open = pos
        try enterCollection(at: open)
        defer { leaveCollection() }
        let isMapping = b[pos] == UInt8(ascii: "{")
        let close = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
        pos += 1
        var items: [YAMLNode] = []
        var builder = MappingBuilder()
        while true {
            try skipFlowSpace(open: open)
            guard pos < n else { throw fail("this flow collection is not closed", at: open) }
            if b[pos] == close { pos += 1; break }
            let entryStart = pos
            let (key, keyIsJSONLike) = try parseFlowNode(open: open)
            try skipFlowSpace(open: open)
            guard pos < n else { throw fail("this flow collection is not closed", at: open) }
            var value: YAMLNode?
            if b[pos] == UInt8(ascii: ":"), keyIsJSONLike || isBlankOrEnd(pos + 1) || (pos + 1 < n && isFlowIndicator(b[pos + 1])) {
                pos += 1
                try skipFlowSpace(open: open)
                guard pos < n else { throw fail("this flow collection is not closed", at: open) }
                if b[pos] == UInt8(ascii: ",") || b[pos] == close {
                    value = try make(.scalar("", .plain), Properties(), at: pos)
                } else {
                    value = try parseFlowNode(open: open).node
                }
                try skipFlowSpace(open: open)
            }
            if isMapping {
                guard case .scalar = key.content else { throw fail("a collection as a mapping key is not supported", at: entryStart) }
                try builder.add(key, try value ?? make(.scalar("", .plain), Properties(), at: pos))
            } else if let value {
                guard case .scalar = key.content else { throw fail("a collection as a mapping key is not supported", at: entryStart) }
                var pair = MappingBuilder()
                try pair.add(key, value)
                items.append(try make(.mapping(try pair.finish()), Properties(), at: entryStart))
            } else {
                items.append(key)
            }
            guard pos < n else { throw fail("this flow collection is not closed", at: open) }
            if b[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if b[pos] == close { pos += 1; break }
            throw fail("expected `,` or `\(Character(Unicode.Scalar(close)))` in this flow collection", at: pos)
        }
        return try make(isMapping ? .mapping(try builder.finish()) : .sequence(items), properties, at: open)
    }

    /// A node inside a flow collection, and whether it ends like JSON (a
    /// quoted scalar or a collection, after which `:` needs no space).
    mutating func parseFlowNode(open: Int) throws(DefinitionError) -> (node: YAMLNode, jsonLike: Bool) {
        let start = pos
        let properties = try parseProperties()
        try skipFlowSpace(open: open)
        guard pos < n else { throw fail("this flow collection is not closed", at: open) }
        let c = b[pos]
        switch c {
        case UInt8(ascii: "*"):
            guard properties.isEmpty else { throw fail("an alias cannot have a tag or an anchor", at: start) }
            return (try parseAlias(), false)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let text = try scanQuoted()
            return (try make(.scalar(text, c == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted), properties, at: start), true)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return (try parseFlowCollection(properties: properties), true)
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"):
            if !properties.isEmpty, c != UInt8(ascii: ":") {
                return (try make(.scalar("", .plain), properties, at: start), false)
            }
            if c == UInt8(ascii: ":"), !isBlankOrEnd(pos + 1), !(pos + 1 < n && isFlowIndicator(b[pos + 1])) { break }
            throw fail("expected a value here", at: pos)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            throw fail("a block scalar inside a flow collection", at: pos)
        default:
            break
        }
        try checkPlainStart(flow: true)
        return (try make(.scalar(scanFlowPlain(), .plain), properties, at: start), false)
    }

    /// A plain scalar in flow context, which may continue on later lines.
    private mutating func scanFlowPlain() -> String {
        var value = Array(b[scanPlainLine(flow: true).range])
        while true {
            let save = pos
            skipBlanks()
            guard isBreak(pos) else { pos = save; break }
            var breaks = 0
            while isBreak(pos) {
                pos += breakLength(pos)
                breaks += 1
                skipBlanks()
            }
            guard pos < n, !isDocumentMarker(pos), b[pos] != UInt8(ascii: "#"), !isFlowIndicator(b[pos]),
                  !(b[pos] == UInt8(ascii: ":") && (isBlankOrEnd(pos + 1) || (pos + 1 < n && isFlowIndicator(b[pos + 1])))) else {
                pos = save
                break
            }
            let line = scanPlainLine(flow: true)
            guard !line.range.isEmpty else { pos = save; break }
            value += breaks == 1 ? [0x20] : Array(repeating: 0x0A, count: breaks - 1)
            value += b[line.range]
        }
        return String(decoding: value, as: UTF8.self)
    }
}
