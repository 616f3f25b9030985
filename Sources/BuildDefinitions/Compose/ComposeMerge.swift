/// Compose's merge of one model onto another: an override file onto the
/// files before it, a service onto the one it `extends`, a local service
/// onto an included one. The rules are compose-spec/compose-go
/// `override/merge.go` and `override/uncity.go` for the keys dockslim reads:
///
/// - mappings merge key by key; a scalar replaces; a null keeps what was there;
/// - `build` written as a string is `{context: …}` before merging;
/// - `build.args`, `build.additional_contexts`, `build.labels`, `environment`
///   and `labels` merge by variable name, mapping or `KEY=VALUE` list alike;
/// - `command` and `entrypoint` replace;
/// - `volumes` append, one per container path (the later wins);
/// - `build.tags`, `build.platforms` and `profiles` append without repeats;
///   other lists append;
/// - `!reset` removes the value, `!override` replaces it without merging
///   (compose-go `loader/reset.go`).
enum ComposeMerge {
    static func merge(_ base: ConfigNode, _ override: ConfigNode, path: [String]) -> ConfigNode {
        if override.tag == "!override" { return stripped(override) }
        if override.isNull { return base }
        if matches(path, ["services", "*", "build"]) {
            return mergeMaps(buildMapping(base), buildMapping(override), path: path)
        }
        if keyValuePaths.contains(where: { matches(path, $0) }) {
            return mergeKeyValues(base, override)
        }
        if matches(path, ["services", "*", "command"]) || matches(path, ["services", "*", "entrypoint"]) {
            return stripped(override)
        }
        switch (base.content, override.content) {
        case (.map, .map):
            return mergeMaps(base, override, path: path)
        case (.list(let a), .list(let b)):
            var merged = base
            let added = b.filter { $0.tag != "!reset" }.map(stripped)
            if matches(path, ["services", "*", "volumes"]) {
                merged.content = .list(unique(a + added, by: volumeTarget))
            } else if uniqueTextPaths.contains(where: { matches(path, $0) }) {
                merged.content = .list(unique(a + added) { $0.string.map { String($0.split(separator: "=", maxSplits: 1).first ?? "") } })
            } else {
                merged.content = .list(a + added)
            }
            return merged
        default:
            return stripped(override)
        }
    }

    /// The paths whose values are variables (mapping or `KEY=VALUE` list).
    static let keyValuePaths: [[String]] = [
        ["services", "*", "build", "args"], ["services", "*", "build", "additional_contexts"],
        ["services", "*", "build", "labels"], ["services", "*", "environment"], ["services", "*", "labels"],
    ]

    static let uniqueTextPaths: [[String]] = [
        ["services", "*", "build", "tags"], ["services", "*", "build", "platforms"], ["services", "*", "profiles"],
    ]

    static func matches(_ path: [String], _ pattern: [String]) -> Bool {
        path.count == pattern.count && zip(path, pattern).allSatisfy { $1 == "*" || $0 == $1 }
    }

    /// Key by key, in one pass over an index (a project may hold thousands
    /// of services).
    private static func mergeMaps(_ base: ConfigNode, _ override: ConfigNode, path: [String]) -> ConfigNode {
        var entries = base.entries ?? []
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() { index[entry.key] = i }
        var removed: Set<Int> = []
        for entry in override.entries ?? [] {
            if entry.value.tag == "!reset" {
                if let i = index.removeValue(forKey: entry.key) { removed.insert(i) }
            } else if let i = index[entry.key] {
                entries[i].value = entry.value.tag == "!override" ? stripped(entry.value) : merge(entries[i].value, entry.value, path: path + [entry.key])
            } else {
                index[entry.key] = entries.count
                entries.append(ConfigEntry(key: entry.key, keyLocation: entry.keyLocation, value: stripped(entry.value)))
            }
        }
        if !removed.isEmpty { entries = entries.enumerated().filter { !removed.contains($0.offset) }.map(\.element) }
        var result = base
        result.content = .map(entries)
        return result
    }

    /// `build: ./dir` is `build: {context: ./dir}`.
    static func buildMapping(_ node: ConfigNode) -> ConfigNode {
        guard node.string != nil else { return node }
        return ConfigNode.emptyMap(at: node.location, base: node.base).setting("context", node)
    }

    /// Variables written as a mapping or as a `KEY=VALUE` list, as an ordered
    /// mapping (`KEY` alone is a null value).
    static func keyValues(_ node: ConfigNode) -> [ConfigEntry] {
        if let entries = node.entries { return entries }
        var result: [ConfigEntry] = []
        for item in node.items ?? [] {
            guard let text = item.string else { continue }
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var value = item
            if parts.count == 2 {
                value.content = .scalar(String(parts[1]))
            } else {
                value.content = .null
                value.variables = []
            }
            result.append(ConfigEntry(key: String(parts[0]), keyLocation: item.location, value: value))
        }
        return result
    }

    private static func mergeKeyValues(_ base: ConfigNode, _ override: ConfigNode) -> ConfigNode {
        var result = base
        result.content = .map(keyValues(base))
        for entry in keyValues(override) where entry.value.tag != "!reset" {
            result = result.setting(entry.key, stripped(entry.value), keyLocation: entry.keyLocation)
        }
        return result
    }

    private static func volumeTarget(_ node: ConfigNode) -> String? {
        if let target = node["target"]?.string { return target }
        guard let text = node.string else { return nil }
        return VolumeSyntax.parse(text).target
    }

    /// Keeps one item per key, the later in the earlier one's place.
    private static func unique(_ items: [ConfigNode], by key: (ConfigNode) -> String?) -> [ConfigNode] {
        var result: [ConfigNode] = []
        var index: [String: Int] = [:]
        for item in items {
            guard let k = key(item) else { result.append(item); continue }
            if let i = index[k] { result[i] = item } else {
                index[k] = result.count
                result.append(item)
            }
        }
        return result
    }

    /// Without `!reset` values (nothing to reset in a first file) and
    /// without the merge tags.
    static func stripped(_ node: ConfigNode) -> ConfigNode {
        var copy = node
        if copy.tag == "!reset" || copy.tag == "!override" { copy.tag = nil }
        switch node.content {
        case .map(let entries):
            copy.content = .map(entries.filter { $0.value.tag != "!reset" }.map {
                ConfigEntry(key: $0.key, keyLocation: $0.keyLocation, value: stripped($0.value))
            })
        case .list(let items):
            copy.content = .list(items.filter { $0.tag != "!reset" }.map(stripped))
        case .null, .scalar:
            break
        }
        return copy
    }
}
