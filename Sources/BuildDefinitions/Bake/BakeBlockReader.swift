/// Reads the blocks of Bake files (HCL or JSON, in the order Bake merges
/// them) into targets and groups. Per docker/buildx
/// `docs/bake-reference.md`: `target` blocks with `context`, `dockerfile`,
/// `dockerfile-inline`, `target`, `args`, `contexts`, `inherits`, `tags`,
/// `platforms` (other attributes are not needed here); a target defined
/// again merges onto the earlier one; a group defined again replaces it
/// (`bake/hclparser/hclparser.go` `Parse`). What is not read says so:
/// `function` blocks, `matrix` targets, expressions beyond literals,
/// variables and templates (the attribute is left unset, the rest read).
struct BakeBlockReader {
    struct Group {
        var name: String
        var targets: [String]
        var location: SourceLocation
    }

    var variables: BakeVariables
    let workingDirectory: String
    var diagnostics: [DefinitionDiagnostic] = []
    var targets: [BakeTarget] = []
    var groups: [String: Group] = [:]

    init(variables: BakeVariables, workingDirectory: String) {
        self.variables = variables
        self.workingDirectory = workingDirectory
    }

    mutating func report(_ severity: DefinitionDiagnostic.Severity, _ code: String, _ message: String, at location: SourceLocation?) {
        diagnostics.append(DefinitionDiagnostic(severity, code, message, at: location))
    }

    /// Variables first, from every file, as Bake evaluates them before any
    /// block: a later definition replaces an earlier one; a top-level
    /// attribute wins over a `variable` block of the same name.
    mutating func collectVariables(_ bodies: [HCLBody]) {
        for body in bodies {
            for block in body.blocks where block.type == "variable" {
                guard block.labels.count == 1 else {
                    report(.error, "invalid-block", "a `variable` block needs one name", at: block.location)
                    continue
                }
                variables.definitions[block.labels[0]] = .variable(default: block.body[attribute: "default"]?.value, location: block.location)
            }
        }
        for body in bodies {
            for attribute in body.attributes { variables.definitions[attribute.name] = .attribute(attribute) }
        }
    }

    mutating func readBlocks(_ bodies: [HCLBody]) {
        for body in bodies {
            for block in body.blocks {
                switch block.type {
                case "target": readTarget(block)
                case "group": readGroup(block)
                case "variable": break
                case "function":
                    report(.warning, "unsupported-construct", "the function `\(block.labels.first ?? "")` is not evaluated (calls to it leave their attribute unset)", at: block.location)
                default:
                    report(.warning, "unknown-block", "a `\(block.type)` block is not a Bake block; it is ignored", at: block.location)
                }
            }
        }
    }

    /// `^[a-zA-Z0-9_-]+$` (docker/buildx `bake/bake.go` `validateTargetName`).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { c in
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
    }

    private mutating func readTarget(_ block: HCLBlock) {
        guard block.labels.count == 1, let name = block.labels.first else {
            report(.error, "invalid-block", "a `target` block needs one name", at: block.location)
            return
        }
        guard Self.isValidName(name) else {
            report(.error, "invalid-name", "the target name `\(name)` may only hold letters, digits, `_` and `-`", at: block.location)
            return
        }
        if let matrix = block.body[attribute: "matrix"] {
            report(.warning, "unsupported-construct", "`matrix` is not expanded: the target `\(name)` is not read", at: matrix.location)
            return
        }
        var target = BakeTarget(name: name, location: block.location)
        for attribute in block.body.attributes {
            read(attribute, into: &target)
        }
        if let index = targets.firstIndex(where: { $0.name == name }) {
            targets[index].merge(target)
        } else {
            targets.append(target)
        }
    }

    private mutating func read(_ attribute: HCLAttribute, into target: inout BakeTarget) {
        let place = "`\(attribute.name)` of the target `\(target.name)`"
        switch attribute.name {
        case "context":
            if let text = string(attribute, place) {
                let context = Self.context(text, workingDirectory: workingDirectory)
                if case .remote(let url) = context {
                    report(.warning, "remote-context", "the build context of `\(target.name)` is remote (\(url)); it is not fetched", at: attribute.value.location)
                }
                target.context = .init(value: context, location: attribute.value.location)
            }
        case "dockerfile":
            target.dockerfile = string(attribute, place).map { .init(value: $0, location: attribute.value.location) }
        case "dockerfile-inline":
            target.dockerfileInline = string(attribute, place).map { .init(value: $0, location: attribute.value.location) }
        case "target":
            target.target = string(attribute, place).map { .init(value: $0, location: attribute.value.location) }
        case "inherits":
            target.inherits += list(attribute, place).map { .init(value: $0.0, location: $0.1) }
        case "tags":
            target.tags = list(attribute, place).map(\.0)
        case "platforms":
            target.platforms = list(attribute, place).map(\.0)
        case "args":
            for (name, evaluated, expression) in map(attribute, place) {
                target.args[name] = argument(name, evaluated, expression, place: place)
            }
        case "contexts":
            for (name, evaluated, expression) in map(attribute, place) {
                guard let text = evaluated.value.text else {
                    report(.error, "invalid-value", "the context `\(name)` of the target `\(target.name)` must be a string", at: expression.location)
                    continue
                }
                target.contexts[name] = NamedContext(name: name, source: Self.namedContext(text, workingDirectory: workingDirectory), location: expression.location)
            }
        default:
            break
        }
    }

    private mutating func argument(_ name: String, _ evaluated: Evaluated, _ expression: HCLExpression, place: String) -> BuildArgument? {
        let value: String?
        switch evaluated.value {
        case .null: value = nil
        case .list, .map:
            report(.error, "invalid-value", "the build argument `\(name)` of \(place) must be a string", at: expression.location)
            return nil
        default: value = evaluated.value.text
        }
        let provenance: ValueProvenance
        if case .variable = expression.kind, let use = evaluated.uses.first {
            provenance = .passedThrough(use)
        } else {
            provenance = evaluated.uses.isEmpty ? .literal : .interpolated(evaluated.uses)
        }
        return BuildArgument(name: name, value: value, provenance: provenance, location: expression.location)
    }

    private mutating func readGroup(_ block: HCLBlock) {
        guard block.labels.count == 1, let name = block.labels.first else {
            report(.error, "invalid-block", "a `group` block needs one name", at: block.location)
            return
        }
        let targets = block.body[attribute: "targets"].map { list($0, "`targets` of the group `\(name)`").map(\.0) } ?? []
        groups[name] = Group(name: name, targets: targets, location: block.location)
    }

    // MARK: Values

    private mutating func evaluate(_ expression: HCLExpression, _ place: String) -> Evaluated? {
        switch variables.evaluate(expression) {
        case .success(let value): return value
        case .failure(let failure):
            var diagnostic = failure.diagnostic
            diagnostic.message += "; \(place) is left unset"
            diagnostics.append(diagnostic)
            return nil
        }
    }

    private mutating func string(_ attribute: HCLAttribute, _ place: String) -> String? {
        guard let evaluated = evaluate(attribute.value, place) else { return nil }
        if evaluated.value == .null { return nil }
        guard let text = evaluated.value.text else {
            report(.error, "invalid-value", "\(place) must be a string", at: attribute.value.location)
            return nil
        }
        return text
    }

    /// A list of strings; an item that cannot be evaluated is left out.
    private mutating func list(_ attribute: HCLAttribute, _ place: String) -> [(String, SourceLocation)] {
        let items: [HCLExpression]
        if case .tuple(let written) = attribute.value.kind {
            items = written
        } else {
            guard let evaluated = evaluate(attribute.value, place) else { return [] }
            guard case .list(let values) = evaluated.value else {
                report(.error, "invalid-value", "\(place) must be a list", at: attribute.value.location)
                return []
            }
            return values.compactMap { $0.text.map { ($0, attribute.value.location) } }
        }
        var result: [(String, SourceLocation)] = []
        for item in items {
            guard let evaluated = evaluate(item, place) else { continue }
            guard let text = evaluated.value.text else {
                report(.error, "invalid-value", "an item of \(place) must be a string", at: item.location)
                continue
            }
            result.append((text, item.location))
        }
        return result
    }

    /// An object's items, each evaluated on its own so one that cannot be
    /// does not hide the others.
    private mutating func map(_ attribute: HCLAttribute, _ place: String) -> [(String, Evaluated, HCLExpression)] {
        if case .object(let items) = attribute.value.kind {
            var result: [(String, Evaluated, HCLExpression)] = []
            for item in items {
                guard let key = evaluate(item.key, place)?.value.text else { continue }
                guard let value = evaluate(item.value, "`\(key)` in \(place)") else { continue }
                result.append((key, value, item.value))
            }
            return result
        }
        guard let evaluated = evaluate(attribute.value, place) else { return [] }
        guard case .map(let pairs) = evaluated.value else {
            if evaluated.value != .null { report(.error, "invalid-value", "\(place) must be an object", at: attribute.value.location) }
            return []
        }
        return pairs.map { ($0.0, Evaluated(value: $0.1, uses: evaluated.uses), attribute.value) }
    }

    // MARK: Paths

    /// `target.context`: a URL, `cwd://path`, or a folder relative to where
    /// Bake runs (docker/buildx `docs/bake-reference.md` "target.context").
    static func context(_ text: String, workingDirectory: String) -> BuildContextLocation {
        if let local = text.dropPrefix("cwd://") { return .local(path: PathNames.join(workingDirectory, local)) }
        if ComposeServiceReader.isRemote(text) || text.contains("://") { return .remote(url: text) }
        return .local(path: PathNames.join(workingDirectory, text))
    }

    /// `target.contexts`: `target:name`, `docker-image://ref`, a URL, or a
    /// folder (`bake/bake.go` `isSpecialContextPath`).
    static func namedContext(_ text: String, workingDirectory: String) -> ContextSource {
        if let name = text.dropPrefix("target:") { return .target(name: name) }
        if let reference = text.dropPrefix("docker-image://") { return .image(reference: reference) }
        if let local = text.dropPrefix("cwd://") { return .local(path: PathNames.join(workingDirectory, local)) }
        if ComposeServiceReader.isRemote(text) { return .remote(url: text) }
        if text.contains("://") { return .other(text) }
        return .local(path: PathNames.join(workingDirectory, text))
    }
}
