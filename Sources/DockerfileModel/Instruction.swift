import DockerfileSyntax

/// The instructions BuildKit knows, plus `unknown`.
public enum InstructionKind: String, Sendable, CaseIterable {
    case from, run, cmd, entrypoint, shell, copy, add, env, arg, label, expose, user, workdir
    case volume, stopsignal, healthcheck, onbuild, maintainer, unknown

    init(_ kind: SyntaxKind) {
        switch kind {
        case .fromInstruction: self = .from
        case .runInstruction: self = .run
        case .cmdInstruction: self = .cmd
        case .entrypointInstruction: self = .entrypoint
        case .shellInstruction: self = .shell
        case .copyInstruction: self = .copy
        case .addInstruction: self = .add
        case .envInstruction: self = .env
        case .argInstruction: self = .arg
        case .labelInstruction: self = .label
        case .exposeInstruction: self = .expose
        case .userInstruction: self = .user
        case .workdirInstruction: self = .workdir
        case .volumeInstruction: self = .volume
        case .stopsignalInstruction: self = .stopsignal
        case .healthcheckInstruction: self = .healthcheck
        case .onbuildInstruction: self = .onbuild
        case .maintainerInstruction: self = .maintainer
        default: self = .unknown
        }
    }
}

/// How a command is written.
public enum CommandForm: String, Sendable {
    /// `["executable", "arg"]`: run directly, no shell.
    case exec
    /// `executable arg`: run by the shell (`/bin/sh -c`).
    case shell
}

/// One instruction, read as BuildKit reads it, with links back to its nodes.
public final class Instruction: Sendable {
    /// The instruction's node (for a trigger, the node inside ONBUILD).
    public let node: SyntaxNode
    public let kind: InstructionKind
    /// The keyword as written (`RUN`, `from`).
    public let keyword: String
    public let flags: [Flag]
    /// Exec or shell form, for instructions that take a command (and for
    /// ADD, COPY and VOLUME written as a JSON array).
    public let form: CommandForm?
    /// The arguments exactly as BuildKit's parser returns them (its `value`):
    /// ENV and LABEL flattened to `[key1, value1, key2, value2, …]`.
    public let arguments: [[UInt8]]
    /// ENV, LABEL and ARG entries.
    public let keyValues: [KeyValue]
    public let heredocs: [Heredoc]
    /// The instruction that ONBUILD wraps.
    public let trigger: Instruction?
    /// The logical line (continuations removed), BuildKit's `original`.
    public let logicalLine: [UInt8]
    /// 1-based line numbers, here-document bodies included.
    public let startLine: Int
    public let endLine: Int
    /// Why BuildKit's parser rejects this instruction, if it does.
    public let rejection: String?

    /// The arguments as strings.
    public var argumentStrings: [String] { arguments.map(\.utf8String) }
    public var original: String { logicalLine.utf8String }

    /// The flag with this name (`from` for `--from=…`), the last one if repeated.
    public func flag(_ name: String) -> Flag? { flags.last { $0.name == name } }

    /// The shell-form command text, or the exec-form array.
    public var command: Command? {
        switch form {
        case .exec: return .exec(argumentStrings)
        case .shell: return arguments.first.map { .shell($0.utf8String) }
        case nil: return nil
        }
    }

    public enum Command: Sendable, Equatable {
        case exec([String])
        case shell(String)
    }

    /// Reads a top-level instruction node.
    public convenience init?(_ node: SyntaxNode) {
        guard let reading = InstructionReading(node) else { return nil }
        self.init(reading: reading, layout: reading.layout, node: node)
    }

    init(reading: InstructionReading, layout: InstructionLayout, node: SyntaxNode) {
        self.node = node
        self.kind = InstructionKind(node.kind)
        self.keyword = reading.bytes(layout.keyword).utf8String
        let flagNodes = node.childNodes(.flag)
        let storage = reading.storage
        self.flags = zip(layout.flags, flagNodes).map { Flag(cooked: reading.flagValue(storage.spans[$0.0]), node: $0.1) }
        self.startLine = reading.startLine
        self.endLine = reading.endLine
        self.logicalLine = reading.node == node ? reading.line : reading.bytes(layout.keyword.lowerBound..<reading.line.count)
        self.rejection = layout.rejection
        self.heredocs = reading.node == node ? zip(reading.heredocs, reading.bodies).map { Heredoc(spec: $0.0, node: $0.1) } : []

        var form: CommandForm?
        var arguments: [[UInt8]] = []
        var keyValues: [KeyValue] = []
        var trigger: Instruction?
        func commandArguments(_ args: InstructionLayout.Arguments, in parent: SyntaxNode) {
            switch args {
            case .exec(let json):
                form = .exec
                arguments += storage.pieces[json.pieces].filter { $0.kind == .string }.map { reading.jsonString($0.range) }
            case .shell(let r):
                form = .shell
                arguments.append(reading.bytes(r))
            default:
                break
            }
        }
        switch layout.arguments {
        case .none:
            break
        case .words(let words):
            arguments = storage.spans[words].map { reading.bytes($0) }
        case .nameValues(let wordIndices):
            let words = Array(storage.spans[wordIndices])
            arguments = words.map { reading.wordValue($0) }
            let nodes = node.childNodes(.keyValue)
            keyValues = zip(words, nodes).map { w, n in
                let value = reading.wordValue(w)
                if let eq = value.firstIndex(of: UInt8(ascii: "=")) {
                    return KeyValue(key: Array(value[..<eq]), value: Array(value[(eq + 1)...]), node: n, isLegacyForm: false)
                }
                return KeyValue(key: value, value: nil, node: n, isLegacyForm: false)
            }
        case .string(let r):
            arguments = [reading.bytes(r)]
        case .shell, .exec:
            commandArguments(layout.arguments, in: node)
        case .keyValues(let pairs, let legacy):
            let nodes = node.childNodes(.keyValue)
            for (p, n) in zip(storage.pairs[pairs], nodes) {
                let key: [UInt8], value: [UInt8]
                if legacy {
                    key = reading.bytes(p.key)
                    value = reading.bytes(p.value)
                } else {
                    let word = reading.wordValue(p.whole)
                    let eq = word.firstIndex(of: UInt8(ascii: "=")) ?? word.count
                    key = Array(word[..<eq])
                    value = eq < word.count ? Array(word[(eq + 1)...]) : []
                }
                arguments += [key, value]
                keyValues.append(KeyValue(key: key, value: value, node: n, isLegacyForm: legacy))
            }
        case .healthcheck(let type, let command):
            arguments = [reading.bytes(type)]
            commandArguments(command, in: node)
        case .trigger(let t):
            if let inner = node.childNodes.first(where: { $0.kind.isInstruction }) {
                let instruction = Instruction(reading: reading, layout: t, node: inner)
                trigger = instruction
                arguments = instruction.arguments
            }
        case .ignored:
            arguments = [[]]
        }
        if case .ignored = layout.arguments {} else if self.kind == .unknown, arguments.isEmpty {
            arguments = [[]]
        }
        self.form = form
        self.arguments = arguments
        self.keyValues = keyValues
        self.trigger = trigger
    }
}

/// An ENV, LABEL or ARG entry.
public struct KeyValue: Sendable {
    public let key: [UInt8]
    /// `nil` for an ARG without a default.
    public let value: [UInt8]?
    public let node: SyntaxNode
    /// ENV or LABEL written `KEY value` (no `=`), which BuildKit still accepts.
    public let isLegacyForm: Bool

    public var name: String { key.utf8String }
    public var valueString: String? { value?.utf8String }
}

/// A here-document attached to RUN, COPY or ADD.
public struct Heredoc: Sendable {
    public let name: String
    public let fileDescriptor: Int64
    /// `<<-`: tabs before the terminator (and, when run, before each line) are stripped.
    public let chomp: Bool
    /// Variables in the body are expanded (the word was not quoted).
    public let expands: Bool
    /// The body exactly as written, each line with its line ending.
    public let content: [UInt8]
    public let node: SyntaxNode

    init(spec: HeredocSpec, node: SyntaxNode) {
        self.name = spec.name.utf8String
        self.nameBytes = spec.name
        self.fileDescriptor = spec.fileDescriptor
        self.chomp = spec.chomp
        self.expands = spec.expand
        self.content = Array(node.firstToken.bytes)
        self.node = node
    }

    public let nameBytes: [UInt8]
}
