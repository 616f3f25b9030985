import DockerfileModel

/// A language dockslim knows, by the name recipes use (`go`, `node`); each
/// ecosystem file declares its own (`extension Language { static let go … }`).
public struct Language: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// In the order of `Ecosystems.all`.
    public static func < (a: Language, b: Language) -> Bool {
        let order = Ecosystems.all.map(\.language)
        return (order.firstIndex(of: a) ?? order.count, a.rawValue) < (order.firstIndex(of: b) ?? order.count, b.rawValue)
    }
}

/// Everything dockslim knows about one language's way of building and
/// running programs, behind one protocol: its images and commands, its
/// manifests and installs, how to read its build and what it makes, what the
/// program needs at run time, and which runtime image fits it for a target.
/// Passes ask the ecosystems; they hold no language knowledge themselves.
/// Adding a language is one folder under `Ecosystems/`, one line in
/// `Ecosystems.all`, its recipes, golden cases and tests.
package protocol Ecosystem: Sendable {
    var language: Language { get }
    /// How messages name it: `Go`, `Node.js`, `C and C++`.
    var name: String { get }
    /// Whether an image is this language's toolchain (a builder) or only its runtime.
    func role(of image: ImageReference) -> ImageRole?
    /// Whether a command (its words, `VAR=value` prefixes removed) builds or
    /// installs this language's code: `go build`, `npm ci`, `bundle install`.
    func isBuildCommand(_ words: [String]) -> Bool
    /// A dependency install the manifests alone can run, for `hoist-manifests` and the audit.
    func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading
    /// Why the project's own files keep an install from running on its manifests alone.
    func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String?
    /// The cache folders a command fills, for `use-cache-mounts`.
    func cacheMounts(_ words: [String], environment: [String: String], image: ImageReference?) -> CacheMountNeed
    /// What a stage builds and what its runtime stage needs (`split-stages`, `swap-base`).
    func readBuild(_ input: StageInput) -> BuildReading
    /// The runtime image for a target, and what moving there implies (`swap-base`).
    /// `input` reads the runtime stage; `builds` are the builders it copies from, all of this language.
    func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice
    /// How the runtime stage's CMD or ENTRYPOINT must read on the new image.
    func command(_ argv: [String], of instruction: Instruction, on move: RuntimeMove, entrypointSet: Bool) -> CommandChange
    /// Recipes that slim this language's images, best first.
    var recipes: [String] { get }
    /// What moving a stage on `image` to Alpine means for this language: a
    /// reason it would break (a dependency with no musl build), or what to check.
    func movingToAlpine(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?) -> AlpineMove
    /// What the program's sources say it reads, writes, runs and links
    /// (`nil` when this language has no source reader).
    func readSources(_ context: BuildContext) -> SourceFindings?
    /// Extensions of its source files: a context without one holds nothing
    /// the source reader can answer from.
    var sourceExtensions: Set<String> { get }
    /// Patterns (`.dockerignore` syntax, relative to the app folder) of
    /// what only builds the program: sources, manifests, build output. When
    /// the sources cannot say what the program reads, the runtime stage
    /// copies the app folder without these.
    var buildInputs: [String] { get }
    /// An environment variable of the toolchain, not the program (`GOPATH`, `CARGO_HOME`): it stays in the builder.
    func isToolchainVariable(_ name: String) -> Bool
    /// Why the command an image starts (its words) writes where the
    /// program's sources cannot say: a development server that rebuilds,
    /// a tool that caches into the project (`vite`, `react-scripts`).
    func startWrites(_ argv: [String], context: BuildContext?) -> String?
}

/// What an image is to an ecosystem.
package enum ImageRole: Sendable, Equatable {
    /// Compilers or SDK: a builder (`golang`, `node:22`, `maven`).
    case toolchain
    /// The runtime only (`node:22-slim`, distroless `nodejs22-debian13`).
    case runtime
}

extension Ecosystem {
    /// The sources' findings for this language, read once per context.
    package func findings(in context: BuildContext?) -> SourceFindings? {
        guard let context else { return nil }
        return context.memoized(language.rawValue) { context in
            guard var found = readSources(context) else { return nil }
            let hasSources = context.files.contains { path in
                guard let dot = path.lastIndex(of: ".") else { return false }
                return sourceExtensions.contains(String(path[path.index(after: dot)...]))
            }
            if !hasSources {
                found.unknowns.append(Unknown(kind: .sourcesNotAllRead, reason: "the build context holds no \(name) source file", evidence: nil))
            }
            return found
        }
    }
}

/// An ecosystem's verdict on moving a stage to Alpine.
package struct AlpineMove: Sendable {
    package var refusal: String?
    package var warnings: [String] = []
    package init(refusal: String? = nil, warnings: [String] = []) {
        self.refusal = refusal
        self.warnings = warnings
    }
}

extension Ecosystem {
    package func readSources(_ context: BuildContext) -> SourceFindings? { nil }
    package var sourceExtensions: Set<String> { [] }
    package var buildInputs: [String] { [] }
    package func movingToAlpine(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?) -> AlpineMove { AlpineMove() }
    package func isToolchainVariable(_ name: String) -> Bool { false }
    package func startWrites(_ argv: [String], context: BuildContext?) -> String? { nil }
    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading { .none }
    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? { nil }
    package func cacheMounts(_ words: [String], environment: [String: String], image: ImageReference?) -> CacheMountNeed { .none }
    package func command(_ argv: [String], of instruction: Instruction, on move: RuntimeMove, entrypointSet: Bool) -> CommandChange {
        .keep
    }
}

/// The ecosystems, in the order a stage's language is decided.
package enum Ecosystems {
    package static let all: [any Ecosystem] = [Go(), Rust(), CFamily(), Node(), Python(), Java(), Ruby(), PHP(), DotNet()]

    package static func named(_ language: Language) -> (any Ecosystem)? {
        all.first { $0.language == language }
    }

    /// The ecosystem whose toolchain the image is (the compiler or SDK).
    package static func toolchain(of image: ImageReference) -> (any Ecosystem)? {
        all.first { $0.role(of: image) == .toolchain }
    }

    /// The ecosystem an image builds or runs, toolchain first.
    package static func of(image: ImageReference) -> (any Ecosystem)? {
        toolchain(of: image) ?? all.first { $0.role(of: image) == .runtime }
    }

    /// The ecosystem a command belongs to.
    package static func of(command words: [String]) -> (any Ecosystem)? {
        all.first { $0.isBuildCommand(words) }
    }

    /// A comma-separated list of language names, as recipes write them.
    package static func parse(_ list: String) -> Result<Set<Language>, Why> {
        var out: Set<Language> = []
        for raw in list.split(separator: ",") {
            let name = raw.trimmingCharacters(in: " ")
            guard let e = all.first(where: { $0.language.rawValue == name }) else {
                return .failure(Why("unknown language '\(name)' (\(all.map(\.language.rawValue).joined(separator: ", ")))"))
            }
            out.insert(e.language)
        }
        return .success(out)
    }
}
