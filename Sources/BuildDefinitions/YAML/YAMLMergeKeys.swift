/// Collects a mapping's pairs: refuses a key written twice (as go-yaml and
/// compose-go's `loader/reset.go` do) and applies merge keys (`<<: *a`,
/// `<<: [*a, *b]`) as the YAML merge key type says: keys written in the
/// mapping win, then the merged mappings in their order.
struct MappingBuilder {
    private var pairs: [YAMLPair] = []
    private var seen: Set<String> = []
    /// Where each `<<` was, with the mappings it names.
    private var merges: [(index: Int, sources: [YAMLNode])] = []

    mutating func add(_ key: YAMLNode, _ value: YAMLNode) throws(DefinitionError) {
        if let text = key.scalar {
            guard seen.insert(text).inserted else {
                throw DefinitionError("the key `\(text)` is already defined in this mapping", at: key.location)
            }
        }
        if isMergeKey(key) {
            merges.append((pairs.count, try mergeSources(value)))
            return
        }
        pairs.append(YAMLPair(key: key, value: value))
    }

    func finish() throws(DefinitionError) -> [YAMLPair] {
        guard !merges.isEmpty else { return pairs }
        var taken = seen
        var result: [YAMLPair] = []
        var next = 0
        for merge in merges {
            result += pairs[next..<merge.index]
            next = merge.index
            for source in merge.sources {
                for pair in source.mapping ?? [] {
                    if let text = pair.key.scalar, !taken.insert(text).inserted { continue }
                    result.append(pair)
                }
            }
        }
        result += pairs[next...]
        return result
    }

    private func isMergeKey(_ key: YAMLNode) -> Bool {
        guard case .scalar("<<", .plain) = key.content else { return false }
        return key.tag == nil || key.tag == "!!merge"
    }

    private func mergeSources(_ value: YAMLNode) throws(DefinitionError) -> [YAMLNode] {
        switch value.content {
        case .mapping:
            return [value]
        case .sequence(let items):
            for item in items where item.mapping == nil {
                throw DefinitionError("a merge key `<<` takes mappings; this entry is not one", at: item.location)
            }
            return items
        case .scalar:
            throw DefinitionError("a merge key `<<` takes a mapping or a list of mappings", at: value.location)
        }
    }
}
