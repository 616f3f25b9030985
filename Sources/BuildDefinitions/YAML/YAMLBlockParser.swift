/// Documents and block collections: indentation decides where a mapping or
/// a sequence ends, as the YAML 1.2 specification says.
extension YAMLParser {
    /// What introduced the value being read.
    enum Indicator {
        case document, mappingValue, sequenceEntry
    }

    mutating func parseStream() throws(DefinitionError) -> [YAMLDocument] {
        if let bad = firstInvalidUTF8(b) { throw fail("the file is not valid UTF-8", at: bad) }
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { pos = 3 }
        var documents: [YAMLDocument] = []
        while let column = try nextContentLine() {
            if column == 0, b[pos] == UInt8(ascii: "%") {
                // A directive (%YAML, %TAG): nothing Compose files need.
                skipToLineEnd()
                continue
            }
            if isDocumentEnd(pos) { pos += 3; try finishLine(); continue }
            anchors = [:]
            let root: YAMLNode
            if isDocumentMarker(pos) {
                pos += 3
                root = try parseValue(parentIndent: -1, after: .document)
            } else {
                root = try parseNode(column: column, parentIndent: -1, outer: Properties(), after: .document, atLineStart: true)
            }
            documents.append(YAMLDocument(root: root))
            try finishLine()
            guard try nextContentLine() != nil else { break }
            if isDocumentMarker(pos) {
                if isDocumentEnd(pos) { pos += 3; try finishLine() } else { pos = lineStart(pos) }
                continue
            }
            throw fail("unexpected content after the document (a line indented less than the first?)", at: pos)
        }
        return documents
    }

    // MARK: Lines

    /// Moves to the first character of the next line that holds more than
    /// blanks and a comment, and returns its column; `nil` at the end.
    /// Starts at a line end or a line start.
    mutating func nextContentLine() throws(DefinitionError) -> Int? {
        if isBreak(pos) { pos += breakLength(pos) }
        while pos < n {
            let start = pos
            var tab: Int?
            while isBlank(pos) {
                if b[pos] == 0x09, tab == nil { tab = pos }
                pos += 1
            }
            if pos >= n { return nil }
            if isBreak(pos) { pos += breakLength(pos); continue }
            if b[pos] == UInt8(ascii: "#") {
                skipToLineEnd()
                if pos < n { pos += breakLength(pos) }
                continue
            }
            if let tab { throw fail("a tab character in indentation (YAML indents with spaces)", at: tab) }
            return pos - start
        }
        return nil
    }

    /// After a value: only blanks and a comment may follow on its line.
    mutating func finishLine() throws(DefinitionError) {
        if pos == 0 || b[pos - 1] == 0x0A { return }
        let before = pos
        skipBlanks()
        if pos < n, b[pos] == UInt8(ascii: "#") {
            if pos == before, pos > 0, !isBlank(pos - 1) {
                throw fail("a comment needs a space before `#`", at: pos)
            }
            skipToLineEnd()
        }
        if !isLineEnd(pos) { throw fail("unexpected text after the value", at: pos) }
    }

    // MARK: Values

    /// The value after `key:`, `- ` or `---`: on the same line, on the lines
    /// below (indented more than `parentIndent`), or nothing (null).
    mutating func parseValue(parentIndent: Int, after indicator: Indicator) throws(DefinitionError) -> YAMLNode {
        skipBlanks()
        let start = pos
        let properties = try parseProperties()
        skipBlanks()
        let atEnd = isLineEnd(pos) || b[pos] == UInt8(ascii: "#")
        if !atEnd {
            pos = start
            return try parseNode(column: column(start), parentIndent: parentIndent, outer: Properties(),
                                 after: indicator, atLineStart: false)
        }
        if !properties.isEmpty, pos > 0, b[pos - 1] != 0x20, b[pos - 1] != 0x09, pos < n, b[pos] == UInt8(ascii: "#") {
            throw fail("a comment needs a space before `#`", at: pos)
        }
        skipToLineEnd()
        return try parseValueBelow(parentIndent: parentIndent, properties: properties, after: indicator, emptyAt: start)
    }

    /// A value that starts on a later line, or an empty one.
    mutating func parseValueBelow(parentIndent: Int, properties: Properties, after indicator: Indicator,
                                  emptyAt start: Int) throws(DefinitionError) -> YAMLNode {
        guard let column = try nextContentLine() else { return try make(.scalar("", .plain), properties, at: start) }
        if !isDocumentMarker(pos) {
            if column > parentIndent {
                return try parseNode(column: column, parentIndent: parentIndent, outer: properties, after: indicator, atLineStart: true)
            }
            // A mapping's value may be a sequence indented like its key.
            if column == parentIndent, indicator == .mappingValue, isSequenceEntry(pos) {
                return try parseBlockSequence(indent: column, properties: properties, sameIndentAsParent: true)
            }
        }
        pos = lineStart(pos)
        return try make(.scalar("", .plain), properties, at: start)
    }

    /// A node starting at `column`: a block sequence, a block mapping whose
    /// first key is here, or a scalar or flow collection.
    mutating func parseNode(column: Int, parentIndent: Int, outer: Properties, after indicator: Indicator,
                            atLineStart: Bool) throws(DefinitionError) -> YAMLNode {
        let start = pos
        // Compact collections (`- a: 1`, `- - a`) only follow a sequence entry.
        let compactAllowed = atLineStart || indicator == .sequenceEntry
        if isSequenceEntry(pos) {
            guard compactAllowed else { throw fail("a block sequence cannot start on this line", at: pos) }
            return try parseBlockSequence(indent: column, properties: outer, sameIndentAsParent: false)
        }
        let inline = try parseProperties()
        skipBlanks()
        if !inline.isEmpty, isLineEnd(pos) || b[pos] == UInt8(ascii: "#") {
            skipToLineEnd()
            return try parseValueBelow(parentIndent: parentIndent, properties: try combine(outer, inline), after: indicator, emptyAt: start)
        }
        if b[pos] == UInt8(ascii: "|") || b[pos] == UInt8(ascii: ">") {
            return try parseBlockScalar(parentIndent: parentIndent, properties: try combine(outer, inline))
        }
        switch try readCandidate(parentIndent: parentIndent, properties: inline) {
        case .value(let node):
            return try apply(outer, to: node)
        case .key(let key):
            guard compactAllowed else { throw fail("a mapping cannot start here (is a `: ` inside a value? quote the value)", at: pos) }
            return try parseBlockMapping(indent: column, firstKey: key, properties: outer, at: start)
        }
    }

    /// Properties written on the line above a node belong to it.
    mutating func apply(_ outer: Properties, to node: YAMLNode) throws(DefinitionError) -> YAMLNode {
        guard let start = outer.start else { return node }
        var node = node
        if let tag = outer.tag {
            if node.tag != nil { throw fail("a node has two tags", at: start) }
            node.tag = tag
        }
        node.location = location(start)
        if let anchor = outer.anchor {
            if node.anchor != nil { throw fail("a node has two anchors", at: start) }
            node.anchor = anchor
            anchors[anchor] = node
        }
        return node
    }

    enum Candidate {
        /// A node followed by `: `, the cursor on the colon.
        case key(YAMLNode)
        case value(YAMLNode)
    }

    /// Reads a scalar, alias or flow collection, and tells whether a `: `
    /// follows it on the same line (then it is a mapping key).
    mutating func readCandidate(parentIndent: Int, properties: Properties) throws(DefinitionError) -> Candidate {
        let start = pos
        let startLine = lines.lineIndex(of: start)
        var node: YAMLNode
        let c = b[pos]
        switch c {
        case UInt8(ascii: "*"):
            guard properties.isEmpty else { throw fail("an alias cannot have a tag or an anchor", at: properties.start ?? pos) }
            node = try parseAlias()
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            node = try make(.scalar(try scanQuoted(), c == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted), properties, at: start)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            node = try parseFlowCollection(properties: properties)
        default:
            try checkPlainStart(flow: false)
            let line = scanPlainLine(flow: false)
            if line.endsAtColon {
                return .key(try make(.scalar(text(line.range), .plain), properties, at: start))
            }
            var value = Array(b[line.range])
            try continuePlain(&value, parentIndent: parentIndent)
            return .value(try make(.scalar(String(decoding: value, as: UTF8.self), .plain), properties, at: start))
        }
        skipBlanks()
        if byte(pos) == UInt8(ascii: ":"), isBlankOrEnd(pos + 1) {
            guard lines.lineIndex(of: pos) == startLine else { throw fail("a mapping key must be on one line", at: start) }
            guard case .scalar = node.content else { throw fail("a collection as a mapping key is not supported", at: start) }
            return .key(node)
        }
        return .value(node)
    }

    /// `outer` (on an earlier line) and `inner` (just before the node) for one node.
    func combine(_ outer: Properties, _ inner: Properties) throws(DefinitionError) -> Properties {
        if outer.isEmpty { return inner }
        if inner.isEmpty { return outer }
        if outer.tag != nil, inner.tag != nil { throw fail("a node has two tags", at: inner.start ?? pos) }
        if outer.anchor != nil, inner.anchor != nil { throw fail("a node has two anchors", at: inner.start ?? pos) }
        return Properties(tag: outer.tag ?? inner.tag, anchor: outer.anchor ?? inner.anchor, start: outer.start)
    }

    // MARK: Properties and aliases

    mutating func parseProperties() throws(DefinitionError) -> Properties {
        var properties = Properties()
        while pos < n, b[pos] == UInt8(ascii: "&") || b[pos] == UInt8(ascii: "!") {
            let start = pos
            let isAnchor = b[pos] == UInt8(ascii: "&")
            pos += 1
            while pos < n, !isBlankOrEnd(pos), !isFlowIndicator(b[pos]) { pos += 1 }
            if isAnchor {
                guard properties.anchor == nil else { throw fail("a node has two anchors", at: start) }
                guard pos > start + 1 else { throw fail("an anchor needs a name after `&`", at: start) }
                properties.anchor = text(start + 1 ..< pos)
            } else {
                guard properties.tag == nil else { throw fail("a node has two tags", at: start) }
                properties.tag = text(start ..< pos)
            }
            if properties.start == nil { properties.start = start }
            skipBlanks()
        }
        return properties
    }

    mutating func parseAlias() throws(DefinitionError) -> YAMLNode {
        let start = pos
        pos += 1
        while pos < n, !isBlankOrEnd(pos), !isFlowIndicator(b[pos]) { pos += 1 }
        let name = text(start + 1 ..< pos)
        guard !name.isEmpty else { throw fail("an alias needs a name after `*`", at: start) }
        guard let node = anchors[name] else { throw fail("unknown anchor `\(name)` (an alias must follow its anchor)", at: start) }
        try charge(node.size, at: start)
        return node
    }

    // MARK: Block collections

    mutating func parseBlockMapping(indent: Int, firstKey: YAMLNode, properties: Properties, at start: Int) throws(DefinitionError) -> YAMLNode {
        try enterCollection(at: start)
        defer { leaveCollection() }
        var builder = MappingBuilder()
        var key = firstKey
        while true {
            pos += 1 // the colon
            let value = try parseValue(parentIndent: indent, after: .mappingValue)
            try builder.add(key, value)
            try finishLine()
            guard let column = try nextContentLine() else { break }
            if isDocumentMarker(pos) || column < indent { pos = lineStart(pos); break }
            if column > indent { throw fail("this line is indented more than the keys of its mapping (column \(indent + 1))", at: pos) }
            if isSequenceEntry(pos) { throw fail("a sequence entry where a mapping key was expected", at: pos) }
            let keyStart = pos
            if byte(pos) == UInt8(ascii: "?"), isBlankOrEnd(pos + 1) { throw fail("explicit mapping keys (`? `) are not supported", at: pos) }
            if byte(pos) == UInt8(ascii: ":"), isBlankOrEnd(pos + 1) { throw fail("a mapping value without a key", at: pos) }
            let keyProperties = try parseProperties()
            skipBlanks()
            guard !isLineEnd(pos) else { throw fail("a tag or anchor without a key", at: keyStart) }
            guard case .key(let next) = try readCandidate(parentIndent: indent, properties: keyProperties) else {
                throw fail("expected `key: value` in this mapping (no `: ` after the key)", at: keyStart)
            }
            key = next
        }
        return try make(.mapping(try builder.finish()), properties, at: start)
    }

    mutating func parseBlockSequence(indent: Int, properties: Properties, sameIndentAsParent: Bool) throws(DefinitionError) -> YAMLNode {
        let start = pos
        try enterCollection(at: start)
        defer { leaveCollection() }
        var items: [YAMLNode] = []
        while true {
            pos += 1 // the dash
            items.append(try parseValue(parentIndent: indent, after: .sequenceEntry))
            try finishLine()
            guard let column = try nextContentLine() else { break }
            if isDocumentMarker(pos) || column < indent { pos = lineStart(pos); break }
            if column > indent { throw fail("this line is indented more than the entries of its sequence (column \(indent + 1))", at: pos) }
            guard isSequenceEntry(pos) else {
                if sameIndentAsParent { pos = lineStart(pos); break }
                throw fail("expected a sequence entry `- ` here", at: pos)
            }
        }
        return try make(.sequence(items), properties, at: start)
    }
}
