import DockerfileModel
import DockerfileSyntax

/// A pass: one rewrite, named by what it does, that either makes minimal
/// edits or explains why it makes none. Passes never touch the file system:
/// what they need to know about the project comes in `ProjectFacts`.
public protocol RewritePass: Sendable {
    /// Kebab-case, used in recipes: `use-exec-form`.
    static var id: String { get }
    /// One line: what the pass does.
    static var summary: String { get }
    /// The options the pass reads, with their meaning.
    static var options: [PassOption] { get }
    /// Builds the pass from recipe options; throws on an unknown option or value.
    init(options: [String: String]) throws(RecipeError)
    func apply(to file: FileContext) -> PassOutcome
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
    public let project: ProjectFacts?

    public init(tree: SyntaxTree, project: ProjectFacts?) {
        self.init(dockerfile: Dockerfile(tree: tree), project: project)
    }

    /// With a model already built from the tree.
    public init(dockerfile: Dockerfile, project: ProjectFacts?) {
        self.tree = dockerfile.tree
        self.dockerfile = dockerfile
        self.style = FileStyle(of: dockerfile.tree)
        self.project = project
    }

    public func editor() -> TreeEditor { TreeEditor(tree, style: style) }
}

/// Facts about the folder that holds the Dockerfile (taken to be the build
/// context), gathered by the command line before any pass runs.
public struct ProjectFacts: Sendable {
    /// Paths relative to the folder, `/`-separated; folders end with `/`.
    public let files: Set<String>
    /// The contents of the small files passes read (manifests, `.dockerignore`).
    public let contents: [String: [UInt8]]

    public init(files: Set<String>, contents: [String: [UInt8]]) {
        self.files = files
        self.contents = contents
    }

    public func has(_ path: String) -> Bool { files.contains(path) }
    public func text(_ path: String) -> String? { contents[path].map { String(decoding: $0, as: UTF8.self) } }

    /// Whether the command line should read a file's contents for passes:
    /// manifests and requirement files (paths relative to the folder).
    public static func isInteresting(_ path: String) -> Bool {
        let names: Set<String> = ["package.json", "go.mod", "Gemfile", "composer.json", "pyproject.toml", ".dockerignore",
                                  "pom.xml", "settings.gradle", "settings.gradle.kts", ".yarnrc.yml", "Cargo.toml",
                                  "build.gradle", "build.gradle.kts", "next.config.js", "next.config.mjs", "next.config.ts"]
        if names.contains(path) { return true }
        return path.hasSuffix(".txt") && (path.hasPrefix("requirements") || path.contains("/requirements"))
    }
}

/// What a pass did: its edits (each with a reason) and notes on what it
/// left alone and why.
public struct PassOutcome: Sendable {
    public var edits: [TextEdit]
    /// Every note, in order: what the pass did, found or left alone.
    public var notes: [String]
    /// Notes the user must read when the edits stand (a pin dropped, a musl risk).
    public var warnings: [String]
    /// Places the pass found work to do and left alone because it could not
    /// prove the change safe, with the reason; shown even when nothing changed.
    public var declined: [String]
    /// Nothing to change because the file already has what the pass makes
    /// (a required step is then satisfied).
    public var alreadyDone: Bool

    public init(edits: [TextEdit] = [], notes: [String] = [], alreadyDone: Bool = false) {
        self.init(edits: edits, notes: PassNotes(notes), alreadyDone: alreadyDone)
    }

    public init(edits: [TextEdit] = [], notes: PassNotes, alreadyDone: Bool = false) {
        self.edits = edits
        self.notes = notes.all
        self.warnings = notes.warnings
        self.declined = notes.declined
        self.alreadyDone = alreadyDone
    }

    public static func unchanged(_ why: String) -> PassOutcome { PassOutcome(notes: [why]) }
    public static func done(_ why: String) -> PassOutcome { PassOutcome(notes: [why], alreadyDone: true) }
    /// Work found and left alone: the file stays as it is, and the user is told why.
    public static func declined(_ why: String) -> PassOutcome {
        var n = PassNotes()
        n.decline(why)
        return PassOutcome(notes: n)
    }

    public var changed: Bool { !edits.isEmpty }
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
