/// What the build command gives a Dockerfile besides its text: the stage
/// to build (`docker build --target`, Compose's and Bake's `target`) and
/// the build arguments (`--build-arg`, `args`). They decide which stage is
/// the final image and what `ARG`s expand to in `FROM`.
public struct BuildSettings: Sendable, Equatable, Hashable {
    /// The stage to build, as written (matched without case, as BuildKit does).
    public var target: String?
    /// Build arguments by name. A global `ARG` takes the value given here
    /// over its default; an `ARG` that is not declared ignores it.
    public var args: [String: String]
    /// Named contexts (`--build-context`, Compose's `additional_contexts`,
    /// Bake's `contexts`): a `FROM name`, `COPY --from=name` or mount
    /// `from=name` that names no stage reads the context instead of an image.
    public var namedContexts: [String: NamedContextValue]

    public init(target: String? = nil, args: [String: String] = [:], namedContexts: [String: NamedContextValue] = [:]) {
        self.target = target
        self.args = args
        self.namedContexts = namedContexts
    }

    /// `docker build` with no `--target` and no `--build-arg`.
    public static let none = BuildSettings()
}

/// Why a stage is the final image.
public enum FinalStageChoice: Sendable, Equatable {
    /// The build names it as its target.
    case target(String)
    /// No target is named: BuildKit builds the last stage.
    case last
    /// The named target is not a stage of the file (BuildKit fails); the last stage stands in.
    case missingTarget(String)
}

/// What a named context stands for, as far as the model needs to know.
public enum NamedContextValue: Sendable, Equatable, Hashable {
    /// An image (`docker-image://ref`, or another build's tagged image).
    case image(String)
    /// A folder, a Git repository, or a build with no known image: not an image to check.
    case opaque(String)
}
