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

    public init(target: String? = nil, args: [String: String] = [:]) {
        self.target = target
        self.args = args
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
