/// A node of a YAML document, with where it starts. Aliases are already
/// replaced by the node they name and merge keys (`<<`) already applied, so
/// a consumer sees plain mappings, sequences and scalars; tags are kept as
/// written (`!reset`, `!override` matter to Compose's merge).
public struct YAMLNode: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public enum ScalarStyle: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var content: Content
    /// The tag as written (`!reset`, `!!str`), without resolution.
    public var tag: String?
    /// The anchor the node was defined with, if any.
    public var anchor: String?
    public var location: SourceLocation
    /// Nodes in this subtree, aliases counted as often as they are used
    /// (saturating); what the reader's expansion budget is charged.
    var size: Int

    init(_ content: Content, tag: String? = nil, anchor: String? = nil, at location: SourceLocation) {
        self.content = content
        self.tag = tag
        self.anchor = anchor
        self.location = location
        switch content {
        case .scalar: size = 1
        case .sequence(let items): size = items.reduce(1) { $0.addingSaturated($1.size) }
        case .mapping(let pairs): size = pairs.reduce(1) { $0.addingSaturated($1.key.size).addingSaturated($1.value.size) }
        }
    }

    /// The text of a scalar, `nil` for a collection.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// YAML 1.2's core schema null: a plain `null`, `Null`, `NULL`, `~` or
    /// nothing at all, unless a standard tag (`!!str`) says otherwise; a
    /// local tag such as Compose's `!reset` changes nothing.
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content else { return tag == "!!null" }
        if let tag, tag.hasPrefix("!!"), tag != "!!null" { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value of the first key whose scalar text is `key`.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar == key }?.value
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// One document of a YAML stream (between `---` markers).
public struct YAMLDocument: Sendable, Equatable {
    public var root: YAMLNode
}

extension Int {
    func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? Int.max : sum
    }
}
