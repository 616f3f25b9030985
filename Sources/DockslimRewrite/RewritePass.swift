import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// A pass: one rewrite, named by what it does, that either makes minimal
/// edits or explains why it makes none. Passes never touch the file system:
/// what they need to know about the project comes in `BuildContext`.
public protocol RewritePass: Sendable {
    /// Kebab-case, used in recipes: `use-exec-form`.
    static var id: String { get }
    /// One line: what the pass does.
    static var summary: String { get }
    /// The options the pass reads, with their meaning.
    static var options: [PassOption] { get }
    /// Builds the pass from recipe options; throws on an unknown option or value.
    init(options: [String: String]) throws(RecipeError)
    func apply(to file: FileContext) -> PassResult
}

/// An option a pass accepts.
public struct PassOption: Sendable {
    public let name: String
    public let help: String
    public init(name: String, help: String) {
        self.name = name
        self.help = help
    }
}

extension RewritePass {
    public static var options: [PassOption] { [] }

    /// Rejects options the pass does not know.
    public static func checkOptions(_ options: [String: String]) throws(RecipeError) {
        let known = Set(Self.options.map(\.name))
        if let unknown = options.keys.sorted().first(where: { !known.contains($0) }) {
            throw RecipeError("pass '\(id)' has no option '\(unknown)'")
        }
    }
}

/// What a pass sees of one Dockerfile.
public struct FileContext: Sendable {
    public let tree: SyntaxTree
    public let dockerfile: Dockerfile
    public let style: FileStyle
    /// The project around the Dockerfile, when its folder is at hand.
    public let project: BuildContext?

    public init(tree: SyntaxTree, project: BuildContext?) {
        self.init(dockerfile: Dockerfile(tree: tree), project: project)
    }

    /// With a model already built from the tree.
    public init(dockerfile: Dockerfile, project: BuildContext?, buildArgs: [String: String] = [:], path: String = "Dockerfile") {
        self.tree = dockerfile.tree
        self.dockerfile = dockerfile
        self.style = FileStyle(of: dockerfile.tree)
        self.project = project
        self.states = StageStates.standard(dockerfile, buildArgs: buildArgs)
        self.path = path
    }

    /// The Dockerfile's path in the build context (`Dockerfile`, `docker/api.df`).
    public let path: String

    /// The state before each instruction of every stage, computed once.
    public let states: StageStates

    public func editor() -> TreeEditor { TreeEditor(tree, style: style) }
}

/// What a pass made of one file. Every case but `applied` leaves the file
/// as it is, and each says why: the runner must handle all four, so a
/// refusal cannot be lost on the way to the user.
public enum PassResult: Sendable {
    /// Edits that stand, each with its reason, and the notes the user reads
    /// with them (warnings, and parts of the file the pass left alone).
    case applied(edits: [TextEdit], notes: PassNotes)
    /// Nothing to do: the file already has what the pass makes.
    case alreadyDone(String)
    /// Nothing of what the pass works on is in the file (another language,
    /// no broad COPY, one stage only).
    case notApplicable(String)
    /// Work found and left alone because the change could not be proven
    /// safe, with the reasons.
    case refused([String])

    /// Work found and left alone, for one reason.
    public static func refusing(_ why: String) -> PassResult { .refused([why]) }

    /// `applied` when there are edits; otherwise the notes' refusals, or
    /// else `notApplicable` with the first note (or `nothing`).
    public static func from(_ edits: [TextEdit], _ notes: PassNotes, nothing: String) -> PassResult {
        if !edits.isEmpty { return .applied(edits: edits, notes: notes) }
        if !notes.declined.isEmpty { return .refused(notes.declined) }
        return .notApplicable(notes.all.first ?? nothing)
    }

    public var edits: [TextEdit] {
        if case .applied(let e, _) = self { return e }
        return []
    }

    /// The reasons and notes, in the order the user reads them.
    public var notes: [String] {
        switch self {
        case .applied(_, let n): return n.all
        case .alreadyDone(let s), .notApplicable(let s): return [s]
        case .refused(let r): return r
        }
    }
}

/// A pass's notes as it gathers them, each said once and sorted by weight.
public struct PassNotes: Sendable {
    public private(set) var all: [String]
    public private(set) var warnings: [String] = []
    public private(set) var declined: [String] = []

    public init(_ notes: [String] = []) { all = notes }

    /// What the pass did or found; shown in JSON and `--explain`.
    public mutating func info(_ s: String) { all.append(s) }
    /// What the user must check in the output.
    public mutating func warn(_ s: String) { all.append(s); warnings.append(s) }
    /// Work found and left alone, with the reason.
    public mutating func decline(_ s: String) { all.append(s); declined.append(s) }

    public var isEmpty: Bool { all.isEmpty }

    /// Another list's notes after these, each kept in its kind.
    public mutating func append(_ other: PassNotes) {
        all += other.all
        warnings += other.warnings
        declined += other.declined
    }
}

/// A recipe or pass that cannot be used as written.
public struct RecipeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
