/// What an application's sources say it needs at run time: the files it
/// reads and writes, the programs it runs, the native code it links. A
/// rewrite that moves the program to a slimmer image answers from these
/// before any edit, and refuses when `unknowns` leaves a question open.
///
/// Each language has its reader (`GoSources`, `PythonSources`, …); each
/// fact carries the line that shows it.
public struct SourceFindings: Hashable, Sendable {
    /// Files and folders the program opens, lists or serves.
    public var reads: [PathUse] = []
    /// Files and folders the program creates or changes (SQLite databases,
    /// logs, uploads): the runtime user must be able to write there.
    public var writes: [PathUse] = []
    /// Files the build writes into the source folders (a `build.rs` that
    /// renders assets beside the crate): not in the context, yet the
    /// program may read them.
    public var generated: [PathUse] = []
    /// Programs the application runs (`git`, `sh`, `ffmpeg`, a script).
    public var executes: [ProgramUse] = []
    /// Native code and system libraries the dependencies need.
    public var nativeNeeds: [NativeNeed] = []
    /// What the build files say they make (CMake `add_executable`, a Makefile's `-o $@`).
    public var products: [BuildProduct] = []
    /// Uses whose path or program the reader could not name, and scans cut short.
    public var unknowns: [Unknown] = []

    public init() {}

    /// Nothing left open: every use was named and every source read.
    public var isComplete: Bool { unknowns.isEmpty }

    /// Both readings of one context (a Go service with a C helper).
    public mutating func merge(_ other: SourceFindings) {
        reads += other.reads
        writes += other.writes
        generated += other.generated
        executes += other.executes
        nativeNeeds += other.nativeNeeds
        products += other.products
        unknowns += other.unknowns
    }

    /// Sorted by file and line, duplicates dropped, so output never depends
    /// on the order files were read in.
    public func normalized() -> SourceFindings {
        var out = SourceFindings()
        out.reads = Self.unique(reads)
        out.writes = Self.unique(writes)
        out.generated = Self.unique(generated)
        out.executes = Self.unique(executes)
        out.nativeNeeds = Self.unique(nativeNeeds)
        out.products = Self.unique(products)
        out.unknowns = Self.unique(unknowns)
        return out
    }

    private static func unique<T: Hashable & Evidenced>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        // Keys computed once per item, not once per comparison.
        let keyed = items.filter { seen.insert($0).inserted }.map { item in (item: item, evidence: item.sortKey, tie: item.tieBreak) }
        return keyed.sorted { a, b in
            (a.evidence.file, a.evidence.line, a.evidence.text, a.tie) < (b.evidence.file, b.evidence.line, b.evidence.text, b.tie)
        }.map(\.item)
    }
}

/// The source line that shows a fact: path in the build context, 1-based
/// line, the line trimmed (cut at 200 characters).
public struct Evidence: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let text: String

    public init(file: String, line: Int, text: String) {
        self.file = file
        self.line = line
        self.text = text
    }

    public var description: String { "\(file):\(line): \(text)" }
}

/// What a relative path is resolved against.
public enum PathBase: Hashable, Sendable {
    /// The process's working directory (Go, Rust, C, `open("x")` in Python, `express.static`).
    case workingDirectory
    /// A folder of the build context (`""`: its top; else ending in `/`):
    /// the folder of the source file that names it (`path.join(__dirname, …)`,
    /// `Path(__file__).parent / …`, Flask's `templates/`), or of the package.
    case sourceFolder(String)
    /// A context folder whose absolute builder path is compiled into the
    /// program (`env!("CARGO_MANIFEST_DIR")`, Rocket's `relative!`): the
    /// runtime needs the files at that same absolute path.
    case builderPathOf(String)
    /// The path is absolute.
    case absolute
}

/// A file, folder or glob the program uses.
public struct PathUse: Hashable, Sendable {
    public enum Shape: Hashable, Sendable { case file, folder, glob }
    public enum Necessity: Hashable, Sendable {
        /// The program fails, or runs wrongly, without it (a godotenv
        /// `Load()` whose error may be ignored still counts: it is hard to tell).
        case required
        /// Used when there (an existence check, a config file a framework
        /// reads if present): copy it when the context has it.
        case ifPresent
    }

    /// As written in the source (`./config.yaml`, `templates/*`), or the
    /// framework's default (`.env`, `views`).
    public let path: String
    public let shape: Shape
    public let base: PathBase
    public let necessity: Necessity
    /// The call or convention that uses it (`os.ReadFile`, `Flask templates`).
    public let via: String
    public let evidence: Evidence

    public init(path: String, shape: Shape, base: PathBase, necessity: Necessity = .required, via: String, evidence: Evidence) {
        self.path = path
        self.shape = shape
        self.base = base
        self.necessity = necessity
        self.via = via
        self.evidence = evidence
    }
}

/// A program the application runs, as named (`git`, `/usr/bin/convert`, `./scripts/run.sh`).
public struct ProgramUse: Hashable, Sendable {
    public let program: String
    public let via: String
    public let evidence: Evidence

    public init(program: String, via: String, evidence: Evidence) {
        self.program = program
        self.via = via
        self.evidence = evidence
    }
}

/// Native code a dependency brings and what it asks of the image.
public struct NativeNeed: Hashable, Sendable {
    /// Which C libraries a dependency's prebuilt binaries exist for.
    public enum Prebuilt: Hashable, Sendable { case none, glibcOnly, muslOnly, glibcAndMusl }

    public enum Requirement: Hashable, Sendable {
        /// Go: cgo must stay on (`CGO_ENABLED=1`, a C compiler in the
        /// builder), and the program links the builder's C library.
        case cgo
        /// A shared library the runtime image must have (`libpq`, `libssl`, `libasan`).
        case systemLibrary(String)
        /// Compiled for the C library of the image it was installed on: the
        /// runtime must have the same one (a native addon, a C extension).
        case compiledExtension(Prebuilt)
        /// Runs only on glibc (a downloaded Chromium, manylinux-only wheels).
        case glibc
        /// A program the step needs (`git` to fetch a dependency).
        case program(String)
    }

    public enum Phase: Hashable, Sendable { case build, run }

    /// The module, package, crate, gem or library (`github.com/mattn/go-sqlite3`, `psycopg2`, `-lssl`).
    public let dependency: String
    public let requirement: Requirement
    public let phase: Phase
    /// Why, in a few words.
    public let detail: String
    public let evidence: Evidence

    public init(dependency: String, requirement: Requirement, phase: Phase = .run, detail: String, evidence: Evidence) {
        self.dependency = dependency
        self.requirement = requirement
        self.phase = phase
        self.detail = detail
        self.evidence = evidence
    }
}

/// A program the build files say they make.
public struct BuildProduct: Hashable, Sendable {
    public let name: String
    public let evidence: Evidence

    public init(name: String, evidence: Evidence) {
        self.name = name
        self.evidence = evidence
    }
}

/// A question the reader could not answer, so the rewrite must not guess.
public struct Unknown: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A file API given a path computed at run time (a variable, the environment, configuration).
        case computedPath
        /// A program named by a variable or a shell command the reader cannot split.
        case computedProgram
        /// Sources not read: the context scan was incomplete, a file was too
        /// large, or the reader's budget ran out.
        case sourcesNotAllRead
    }

    public let kind: Kind
    public let reason: String
    /// The line, when one shows it.
    public let evidence: Evidence?

    public init(kind: Kind, reason: String, evidence: Evidence?) {
        self.kind = kind
        self.reason = reason
        self.evidence = evidence
    }
}

/// Anything `normalized()` orders by where it was found.
protocol Evidenced {
    var sortKey: Evidence { get }
    /// Orders two facts of the same line.
    var tieBreak: String { get }
}
extension PathUse: Evidenced {
    var sortKey: Evidence { evidence }
    var tieBreak: String { "\(path) \(via) \(shape) \(base) \(necessity)" }
}
extension ProgramUse: Evidenced {
    var sortKey: Evidence { evidence }
    var tieBreak: String { "\(program) \(via)" }
}
extension NativeNeed: Evidenced {
    var sortKey: Evidence { evidence }
    var tieBreak: String { "\(dependency) \(requirement) \(phase) \(detail)" }
}
extension BuildProduct: Evidenced {
    var sortKey: Evidence { evidence }
    var tieBreak: String { name }
}
extension Unknown: Evidenced {
    var sortKey: Evidence { evidence ?? Evidence(file: "", line: 0, text: "") }
    var tieBreak: String { "\(kind) \(reason)" }
}
