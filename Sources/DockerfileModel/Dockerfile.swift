import DockerfileSyntax

/// The semantic model of a Dockerfile: directives, instructions, stages and
/// the stage graph, computed from the syntax tree and read-only. Every value
/// keeps the node it came from, so passes can edit exactly that node.
public final class Dockerfile: Sendable {
    public let tree: SyntaxTree
    public let directives: [Directive]
    /// Top-level instructions in file order.
    public let instructions: [Instruction]
    /// ARG instructions before the first FROM.
    public let globalArgs: [KeyValue]
    public let stages: [Stage]
    public let graph: StageGraph
    /// For each stage, the index of the first stage of its base chain.
    private let chainRoots: [Int]
    /// The parser's diagnostics, then the model's (unknown stages, bad FROM…).
    public let diagnostics: [Diagnostic]
    /// The target and build arguments the file is read with.
    public let settings: BuildSettings
    /// The stage the build produces: the target when one is named and
    /// found, else the last stage.
    public let finalStage: Stage?
    /// Why `finalStage` is the final image.
    public let finalStageChoice: FinalStageChoice

    public convenience init(parsing bytes: [UInt8], settings: BuildSettings = .none) {
        self.init(tree: Parser.parse(bytes), settings: settings)
    }

    public convenience init(parsing text: String, settings: BuildSettings = .none) {
        self.init(tree: Parser.parse(text), settings: settings)
    }

    public init(tree: SyntaxTree, settings: BuildSettings = .none) {
        self.tree = tree
        self.settings = settings
        var problems: [Diagnostic] = []
        func report(_ code: String, _ message: String, _ node: SyntaxNode, _ severity: Diagnostic.Severity = .error) {
            problems.append(Diagnostic(severity: severity, code: code, message: message, location: node.location))
        }

        var directives: [Directive] = []
        var instructions: [Instruction] = []
        for child in tree.root.childNodes {
            if child.kind == .directive, let d = Directive(child) { directives.append(d) }
            if child.kind.isInstruction, let i = Instruction(child) { instructions.append(i) }
        }
        self.directives = directives
        self.instructions = instructions

        // Global ARGs, then stages.
        var globals: [KeyValue] = []
        var globalDefaults: [String: String] = [:]
        var stages: [Stage] = []
        var pending: (from: Instruction, body: [Instruction])?
        var names: [String: Int] = [:]

        func closeStage() {
            guard let (from, body) = pending else { return }
            let index = stages.count
            let words = from.argumentStrings
            var name: String?
            if words.count == 3 && words[1].lowercased() == "as" {
                name = words[2].lowercased()
                if !Self.isValidStageName(name!) {
                    report("invalid-stage-name", "invalid name for build stage: \"\(words[2])\", name can't start with a number or contain symbols", from.node)
                } else if names[name!] != nil {
                    report("duplicate-stage-name", "duplicate stage name \"\(words[2])\"", from.node)
                }
            } else if words.count != 1 {
                report("from-arguments", "FROM requires either one or three arguments", from.node)
            }
            let baseText = words.first ?? ""
            let expansion = ArgExpansion.expand(baseText, globalDefaults)
            let missing = expansion.unresolved.filter { !ArgExpansion.automaticArgs.contains($0) }
            var base: Stage.Base
            if expansion.failed || !expansion.unresolved.isEmpty {
                base = .unresolved
            } else if let earlier = names[expansion.result] {
                // BuildKit matches FROM against the lower-cased names of earlier stages, as written.
                base = .stage(earlier)
            } else if let named = settings.namedContexts[expansion.result] {
                if case .image(let text) = named, let image = ImageReference(text) { base = image.isScratch ? .scratch : .image(image) } else { base = .unresolved }
            } else if let image = ImageReference(expansion.result) {
                base = image.isScratch ? .scratch : .image(image)
            } else {
                base = .unresolved
            }
            if expansion.result.isEmpty && !expansion.failed {
                report("blank-base", "base name (\(baseText)) should not be blank", from.node)
            }
            if let name, names[name] == nil, Self.isValidStageName(name) { names[name] = index }
            stages.append(Stage(index: index, name: name, from: from, instructions: body, baseText: baseText,
                                resolvedBase: expansion.result, base: base, platform: from.flag("platform")?.value,
                                unresolvedArgs: missing))
            pending = nil
        }

        for instruction in instructions {
            if instruction.kind == .from {
                closeStage()
                pending = (instruction, [])
            } else if pending != nil {
                pending!.body.append(instruction)
            } else if instruction.kind == .arg {
                for kv in instruction.keyValues {
                    globals.append(kv)
                    if let given = settings.args[kv.name] {
                        globalDefaults[kv.name] = given
                    } else if let v = kv.value {
                        globalDefaults[kv.name] = ArgExpansion.expand(v.utf8String, globalDefaults).result
                    }
                }
            } else {
                report("no-stage", "no build stage in current context: \(instruction.keyword) comes before the first FROM", instruction.node)
            }
        }
        closeStage()
        self.globalArgs = globals
        self.stages = stages
        var roots: [Int] = []
        roots.reserveCapacity(stages.count)
        for stage in stages {
            if case .stage(let b) = stage.base, b < stage.index { roots.append(roots[b]) } else { roots.append(stage.index) }
        }
        self.chainRoots = roots
        let graph = StageGraph(stages: stages, namedContexts: settings.namedContexts, report: { report($0, $1, $2) })
        self.graph = graph
        if let target = settings.target {
            if let stage = stages.first(where: { $0.name == target.lowercased() }) {
                finalStage = stage
                finalStageChoice = .target(target)
            } else {
                finalStage = stages.last
                finalStageChoice = .missingTarget(target)
                if let anchor = stages.last?.from.node ?? instructions.first?.node {
                    report("target-not-found", "target stage \"\(target)\" could not be found", anchor)
                }
            }
        } else {
            finalStage = stages.last
            finalStageChoice = .last
        }
        self.diagnostics = tree.diagnostics + problems.sorted { $0.location.offset < $1.location.offset }
    }

    /// A stage and the stages it builds on through FROM, the root first: the
    /// root's base is an image, scratch, or a reference that does not resolve.
    public func baseChain(of stage: Stage) -> [Stage] {
        var chain = [stage]
        // A FROM names only an earlier stage, so the walk ends; the bound is for broken input.
        while case .stage(let b) = chain[chain.count - 1].base, b < stages.count, b < chain[chain.count - 1].index, chain.count <= stages.count {
            chain.append(stages[b])
        }
        return chain.reversed()
    }

    /// The first stage of `stage`'s base chain (`baseChain(of:)[0]`), from
    /// an index built once: a long chain of stages costs no walk per stage.
    public func chainRoot(of stage: Stage) -> Stage {
        stage.index < chainRoots.count ? stages[chainRoots[stage.index]] : stage
    }

    /// Stages no other stage builds on or copies from: each could be built
    /// as a target. More than one, with no target named, means the last is
    /// final only because it is last.
    public var leafStages: [Stage] {
        var used: Set<Int> = []
        for edge in graph.edges { if case .stage(let s) = edge.source, s != edge.stage { used.insert(s) } }
        return stages.filter { !used.contains($0.index) }
    }

    /// The escape character in effect.
    public var escape: Character { Character(Unicode.Scalar(tree.escape)) }

    /// The value of `# syntax=`, if any.
    public var syntax: String? { directives.first { $0.name == .syntax }?.value }

    /// BuildKit's rule for stage names: `^[a-z][a-z0-9-_.]*$` (after lower-casing).
    static func isValidStageName(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let f = u.first, f >= 0x61, f <= 0x7A else { return false }
        return u.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    /// The ARG values visible in a stage, as BuildKit scopes them: an ARG
    /// declared in the stage takes its own default, or else the global
    /// default of the same name; global ARGs not declared again are not visible.
    public func argValues(in stage: Stage) -> [String: String] {
        var globals: [String: String] = [:]
        for kv in globalArgs {
            if let given = settings.args[kv.name] { globals[kv.name] = given } else if let v = kv.value { globals[kv.name] = v.utf8String }
        }
        var visible: [String: String] = [:]
        for kv in stage.args {
            if let given = settings.args[kv.name] {
                visible[kv.name] = given
            } else if let v = kv.value {
                visible[kv.name] = ArgExpansion.expand(v.utf8String, visible).result
            } else if let g = globals[kv.name] {
                visible[kv.name] = g
            }
        }
        return visible
    }
}

/// A parser directive at the top of the file.
public struct Directive: Sendable {
    public let name: DirectiveName
    public let value: String
    public let node: SyntaxNode

    init?(_ node: SyntaxNode) {
        let tokens = node.tokens
        guard let nameToken = tokens.first(where: { $0.kind == .directiveName }),
              let valueToken = tokens.first(where: { $0.kind == .directiveValue }),
              let name = DirectiveName(rawValue: nameToken.text.lowercased()) else { return nil }
        self.name = name
        self.value = valueToken.text
        self.node = node
    }
}

extension ArgExpansion {
    /// ARGs BuildKit defines itself; their values depend on the build machine.
    public static let automaticArgs: Set<String> = [
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    ]
}
