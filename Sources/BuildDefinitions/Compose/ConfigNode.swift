/// A Compose file's content once read: YAML nodes with their strings
/// interpolated, each keeping where it was written, the variables that gave
/// its value, and the folder its relative paths start from (a file pulled
/// in by `include` or `extends` resolves against its own folder).
struct ConfigNode: Sendable {
    enum Content: Sendable {
        case null
        case scalar(String)
        case list([ConfigNode])
        case map([ConfigEntry])
    }

    var content: Content
    var location: SourceLocation
    /// `!reset` or `!override`, which Compose's merge honours.
    var tag: String?
    var variables: [VariableUse] = []
    /// The folder relative paths in this value are relative to.
    var base: String

    init(_ content: Content, at location: SourceLocation, tag: String? = nil, variables: [VariableUse] = [], base: String) {
        self.content = content
        self.location = location
        self.tag = tag
        self.variables = variables
        self.base = base
    }

    static func emptyMap(at location: SourceLocation, base: String) -> ConfigNode {
        ConfigNode(.map([]), at: location, base: base)
    }

    var string: String? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    var entries: [ConfigEntry]? {
        if case .map(let entries) = content { return entries }
        return nil
    }

    var items: [ConfigNode]? {
        if case .list(let items) = content { return items }
        return nil
    }

    subscript(key: String) -> ConfigNode? {
        entries?.last { $0.key == key }?.value
    }

    /// A copy with `key` set to `value` (replaced in place, or added).
    func setting(_ key: String, _ value: ConfigNode, keyLocation: SourceLocation? = nil) -> ConfigNode {
        var entries = self.entries ?? []
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(ConfigEntry(key: key, keyLocation: keyLocation ?? value.location, value: value))
        }
        var copy = self
        copy.content = .map(entries)
        return copy
    }

    func removing(_ key: String) -> ConfigNode {
        guard let entries else { return self }
        var copy = self
        copy.content = .map(entries.filter { $0.key != key })
        return copy
    }

    var kindName: String {
        switch content {
        case .null: return "null"
        case .scalar: return "a string"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}

struct ConfigEntry: Sendable {
    var key: String
    var keyLocation: SourceLocation
    var value: ConfigNode
}

/// Turns a YAML document into config nodes, interpolating every string
/// value (never a key), as compose-go's `interpolation/interpolation.go` does.
struct ConfigReader {
    let variables: VariableTable
    let base: String
    var diagnostics: [DefinitionDiagnostic] = []
    /// Names already reported as unset, so each is reported once.
    var reportedUnset: Set<String>

    init(variables: VariableTable, base: String, reportedUnset: Set<String>) {
        self.variables = variables
        self.base = base
        self.reportedUnset = reportedUnset
    }

    mutating func read(_ node: YAMLNode) -> ConfigNode {
        switch node.content {
        case .scalar(let text, let style):
            if node.isNull || (style == .plain && node.tag == nil && text.isEmpty) {
                return ConfigNode(.null, at: node.location, tag: node.tag, base: base)
            }
            let result = Interpolation.substitute(text, variables.lookup)
            if let error = result.error {
                diagnostics.append(DefinitionDiagnostic(.error, "interpolation", error, at: node.location))
            }
            for name in result.unset where reportedUnset.insert(name).inserted {
                diagnostics.append(DefinitionDiagnostic(.warning, "unset-variable",
                    "the variable `\(name)` is not set; an empty string is used", at: node.location))
            }
            return ConfigNode(.scalar(result.value), at: node.location, tag: node.tag, variables: result.uses, base: base)
        case .sequence(let items):
            return ConfigNode(.list(items.map { read($0) }), at: node.location, tag: node.tag, base: base)
        case .mapping(let pairs):
            var entries: [ConfigEntry] = []
            for pair in pairs {
                guard let key = pair.key.scalar else {
                    diagnostics.append(DefinitionDiagnostic(.error, "invalid-key", "a mapping key must be a string", at: pair.key.location))
                    continue
                }
                entries.append(ConfigEntry(key: key, keyLocation: pair.key.location, value: read(pair.value)))
            }
            return ConfigNode(.map(entries), at: node.location, tag: node.tag, base: base)
        }
    }
}
