/// A value a Bake expression evaluates to.
indirect enum BakeValue: Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case list([BakeValue])
    case map([(String, BakeValue)])

    static func == (a: BakeValue, b: BakeValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)), (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A primitive as HCL converts it to a string; `nil` for null and collections.
    var text: String? {
        switch self {
        case .string(let s), .number(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null, .list, .map: return nil
        }
    }
}

/// Why an expression has no value here.
struct EvaluationFailure: Error {
    var diagnostic: DefinitionDiagnostic
}

/// An expression's value and the variables it read.
struct Evaluated {
    var value: BakeValue
    var uses: [VariableUse]
}

/// Bake's variables (docker/buildx `docs/bake-reference.md` "Variable",
/// `bake/hclparser/hclparser.go` `resolveValue`): a `variable` block's
/// `default`, replaced by an environment variable of the same name; a
/// variable without a default is "" (or the environment's); a top-level
/// attribute is a variable the environment does not override. Defaults may
/// use other variables; a cycle is an error. `BAKE_CMD_CONTEXT` is
/// `cwd://` for a local bake; `BAKE_LOCAL_PLATFORM` depends on the machine
/// and is not evaluated.
struct BakeVariables {
    enum Definition {
        case variable(default: HCLExpression?, location: SourceLocation)
        case attribute(HCLAttribute)
    }

    var definitions: [String: Definition] = [:]
    let environment: [String: String]
    private var resolved: [String: Result<Evaluated, EvaluationFailure>] = [:]
    private var inProgress: Set<String> = []

    init(environment: [String: String]) {
        self.environment = environment
    }

    mutating func value(of name: String, at location: SourceLocation) -> Result<Evaluated, EvaluationFailure> {
        if let done = resolved[name] { return done }
        if name == "BAKE_CMD_CONTEXT", definitions[name] == nil {
            return .success(Evaluated(value: .string("cwd://"), uses: []))
        }
        guard let definition = definitions[name] else {
            let message = name == "BAKE_LOCAL_PLATFORM"
                ? "`BAKE_LOCAL_PLATFORM` is the building machine's platform; it is not evaluated"
                : "there is no variable named `\(name)`"
            return .failure(EvaluationFailure(diagnostic: DefinitionDiagnostic(name == "BAKE_LOCAL_PLATFORM" ? .warning : .error,
                                                                               name == "BAKE_LOCAL_PLATFORM" ? "unsupported-construct" : "unknown-variable",
                                                                               message, at: location)))
        }
        guard inProgress.count < 64 else {
            return .failure(EvaluationFailure(diagnostic: DefinitionDiagnostic(.error, "variable-cycle", "variables nested more than 64 deep at `\(name)`", at: location)))
        }
        guard inProgress.insert(name).inserted else {
            return .failure(EvaluationFailure(diagnostic: DefinitionDiagnostic(.error, "variable-cycle", "the variable `\(name)` depends on itself", at: location)))
        }
        defer { inProgress.remove(name) }
        let result = evaluate(definition, name)
        resolved[name] = result
        return result
    }

    private mutating func evaluate(_ definition: Definition, _ name: String) -> Result<Evaluated, EvaluationFailure> {
        switch definition {
        case .attribute(let attribute):
            return evaluate(attribute.value).map { Evaluated(value: $0.value, uses: [VariableUse(name: name, origin: .defaultValue)] + $0.uses) }
        case .variable(let expression, _):
            if let value = environment[name] {
                return .success(Evaluated(value: .string(value), uses: [VariableUse(name: name, origin: .environment)]))
            }
            guard let expression else {
                return .success(Evaluated(value: .string(""), uses: [VariableUse(name: name, origin: .unset)]))
            }
            return evaluate(expression).map { Evaluated(value: $0.value, uses: [VariableUse(name: name, origin: .defaultValue)] + $0.uses) }
        }
    }

    /// Literals, variables, templates, lists and objects; anything else is
    /// not evaluated, and says so.
    mutating func evaluate(_ e: HCLExpression) -> Result<Evaluated, EvaluationFailure> {
        switch e.kind {
        case .string(let s): return .success(Evaluated(value: .string(s), uses: []))
        case .number(let n): return .success(Evaluated(value: .number(n), uses: []))
        case .bool(let b): return .success(Evaluated(value: .bool(b), uses: []))
        case .null: return .success(Evaluated(value: .null, uses: []))
        case .variable(let name): return value(of: name, at: e.location)
        case .unsupported(let u):
            return .failure(EvaluationFailure(diagnostic: DefinitionDiagnostic(.warning, "unsupported-expression",
                                                                               "\(u.construct) is not evaluated", at: e.location)))
        case .tuple(let items):
            var values: [BakeValue] = []
            var uses: [VariableUse] = []
            for item in items {
                switch evaluate(item) {
                case .success(let v): values.append(v.value); uses += v.uses
                case .failure(let f): return .failure(f)
                }
            }
            return .success(Evaluated(value: .list(values), uses: uses))
        case .object(let items):
            var values: [(String, BakeValue)] = []
            var uses: [VariableUse] = []
            for item in items {
                let key: Evaluated, value: Evaluated
                switch evaluate(item.key) { case .success(let v): key = v; case .failure(let f): return .failure(f) }
                switch evaluate(item.value) { case .success(let v): value = v; case .failure(let f): return .failure(f) }
                guard let name = key.value.text else { return .failure(mismatch("an object key must be a string", at: item.key.location)) }
                values.append((name, value.value))
                uses += key.uses + value.uses
            }
            return .success(Evaluated(value: .map(values), uses: uses))
        case .template(let parts):
            return evaluateTemplate(parts, at: e.location)
        }
    }

    private mutating func evaluateTemplate(_ parts: [HCLTemplatePart], at location: SourceLocation) -> Result<Evaluated, EvaluationFailure> {
        // A template that is one interpolation is that value (HCL keeps its type).
        if parts.count == 1, case .interpolation(let only) = parts[0] { return evaluate(only) }
        var text = ""
        var uses: [VariableUse] = []
        for part in parts {
            switch part {
            case .literal(let s): text += s
            case .directive(let u, let at):
                return .failure(EvaluationFailure(diagnostic: DefinitionDiagnostic(.warning, "unsupported-expression",
                                                                                   "\(u.construct) is not evaluated", at: at)))
            case .interpolation(let inner):
                switch evaluate(inner) {
                case .failure(let f): return .failure(f)
                case .success(let v):
                    guard let piece = v.value.text else {
                        return .failure(mismatch(v.value == .null ? "a null value cannot be interpolated into a string" : "a list or object cannot be interpolated into a string", at: inner.location))
                    }
                    text += piece
                    uses += v.uses
                }
            }
        }
        return .success(Evaluated(value: .string(text), uses: uses))
    }

    func mismatch(_ message: String, at location: SourceLocation) -> EvaluationFailure {
        EvaluationFailure(diagnostic: DefinitionDiagnostic(.error, "invalid-value", message, at: location))
    }
}
