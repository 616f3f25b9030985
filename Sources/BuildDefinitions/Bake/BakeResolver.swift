/// Resolves `inherits` and groups as docker/buildx `bake/bake.go` does
/// (`Config.target`, `Config.group`): a target starts from Bake's defaults,
/// takes each target it inherits in order (the last one winning on a
/// conflict), then its own attributes. Bake quietly skips an `inherits`
/// that leads back to a target being resolved; dockslim skips it too and
/// reports the cycle as an error, since it is surely a mistake. Groups
/// flatten nested groups; a group wins over a target of the same name.
struct BakeResolver {
    let targets: [String: BakeTarget]
    let groups: [String: BakeBlockReader.Group]
    var diagnostics: [DefinitionDiagnostic] = []
    /// Targets whose result does not depend on where resolution started.
    private var settled: [String: BakeTarget] = [:]

    init(targets: [BakeTarget], groups: [String: BakeBlockReader.Group]) {
        self.targets = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        self.groups = groups
    }

    enum State {
        /// Being resolved; `order` counts from the start of the resolution.
        case inProgress(order: Int)
        case done(BakeTarget)
    }

    /// The target with what it inherits; each target is resolved once per
    /// call, as Bake's `visited` map does, so shared ancestors cost nothing.
    mutating func resolve(_ name: String) -> BakeTarget? {
        var states: [String: State] = [:]
        var lowest = Int.max
        return resolve(name, &states, depth: 0, dependsOn: &lowest)
    }

    /// `dependsOn` receives the earliest target still in progress whose
    /// inherits edge was skipped. A result that skipped none (but a target
    /// inheriting itself) is the same from any start, and is kept for every
    /// later call; one inside a cycle depends on where resolution started,
    /// as in Bake.
    private mutating func resolve(_ name: String, _ states: inout [String: State], depth: Int, dependsOn: inout Int) -> BakeTarget? {
        if let target = settled[name] { return target }
        if case .done(let target)? = states[name] { return target }
        guard let own = targets[name] else { return nil }
        states[name] = .inProgress(order: depth)
        var result = BakeTarget(name: name, location: own.location)
        var lowest = Int.max
        for parent in own.inherits {
            if case .inProgress(let order)? = states[parent.value] {
                if parent.value != name { lowest = min(lowest, order) }
                diagnostics.append(DefinitionDiagnostic(.error, "inherits-cycle",
                    "inherits cycle: `\(name)` inherits `\(parent.value)`, which leads back to `\(name)` (Bake skips it)", at: parent.location))
                continue
            }
            guard depth < 100 else {
                diagnostics.append(DefinitionDiagnostic(.error, "inherits-cycle", "inherits nested more than 100 deep", at: parent.location))
                continue
            }
            guard let base = resolve(parent.value, &states, depth: depth + 1, dependsOn: &lowest) else {
                diagnostics.append(DefinitionDiagnostic(.error, "unknown-target",
                    "the target `\(name)` inherits `\(parent.value)`, which is not defined", at: parent.location))
                continue
            }
            result.merge(base)
        }
        result.merge(own)
        result.inherits = []
        result.location = own.location
        states[name] = .done(result)
        if lowest == Int.max { settled[name] = result }
        dependsOn = min(dependsOn, lowest)
        return result
    }

    /// The targets a name builds: a group's, nested groups flattened, each
    /// once; a name that is not a group is a target.
    mutating func targets(of name: String) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        flatten(name, &seen, &result, visiting: [])
        return result
    }

    private mutating func flatten(_ name: String, _ seen: inout Set<String>, _ result: inout [String], visiting: Set<String>) {
        guard let group = groups[name] else {
            if seen.insert(name).inserted { result.append(name) }
            return
        }
        guard !visiting.contains(name) else { return }
        for member in group.targets {
            if groups[member] == nil, targets[member] == nil {
                diagnostics.append(DefinitionDiagnostic(.warning, "unknown-target",
                    "the group `\(name)` names `\(member)`, which is neither a target nor a group", at: group.location))
            }
            flatten(member, &seen, &result, visiting: visiting.union([name]))
        }
    }
}
