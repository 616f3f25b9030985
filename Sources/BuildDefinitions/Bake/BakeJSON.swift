/// `docker-bake.json`: HCL's JSON syntax, read as the HCL body it stands
/// for (hashicorp/hcl `json/spec.md`): `variable`, `target`, `group` and
/// `function` hold one object per label; other top-level keys are
/// attributes; every string is a template (`${TAG}` works as in HCL).
enum BakeJSON {
    static let blockTypes: Set<String> = ["variable", "target", "group", "function"]

    static func body(_ bytes: [UInt8], file: String) throws(DefinitionError) -> HCLBody {
        guard let root = try YAMLReader.read(bytes, file: file, limits: ComposeModelReader.yamlLimits).first?.root else {
            return HCLBody(items: [])
        }
        guard let pairs = root.mapping else { throw DefinitionError("a Bake JSON file must hold an object", at: root.location) }
        var items: [HCLBody.Item] = []
        for pair in pairs {
            guard let key = pair.key.scalar else { continue }
            if blockTypes.contains(key), let labelled = pair.value.mapping {
                for block in labelled {
                    guard let label = block.key.scalar else { continue }
                    guard let attributes = block.value.mapping else {
                        throw DefinitionError("`\(key)` `\(label)` must be an object", at: block.value.location)
                    }
                    var body: [HCLBody.Item] = []
                    for attribute in attributes {
                        guard let name = attribute.key.scalar else { continue }
                        body.append(.attribute(HCLAttribute(name: name, value: try expression(attribute.value), location: attribute.key.location)))
                    }
                    items.append(.block(HCLBlock(type: key, labels: [label], body: HCLBody(items: body), location: block.key.location)))
                }
            } else {
                items.append(.attribute(HCLAttribute(name: key, value: try expression(pair.value), location: pair.key.location)))
            }
        }
        return HCLBody(items: items)
    }

    static func expression(_ node: YAMLNode) throws(DefinitionError) -> HCLExpression {
        switch node.content {
        case .scalar(let text, let style):
            if style == .plain {
                if node.isNull { return HCLExpression(.null, at: node.location) }
                if text == "true" || text == "false" { return HCLExpression(.bool(text == "true"), at: node.location) }
                return HCLExpression(.number(text), at: node.location)
            }
            return try HCLReader.readTemplate(text, at: node.location)
        case .sequence(let items):
            var values: [HCLExpression] = []
            for item in items { values.append(try expression(item)) }
            return HCLExpression(.tuple(values), at: node.location)
        case .mapping(let pairs):
            var values: [HCLObjectItem] = []
            for pair in pairs {
                values.append(HCLObjectItem(key: HCLExpression(.string(pair.key.scalar ?? ""), at: pair.key.location), value: try expression(pair.value)))
            }
            return HCLExpression(.object(values), at: node.location)
        }
    }
}
