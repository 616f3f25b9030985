/// What a project builds, read from its Compose or Bake files: the value
/// the command line and the audit work from. Paths are the loader's
/// directory joined with what the files say, cleaned (never made absolute
/// against a real file system).
public struct BuildProject: Sendable, Equatable {
    public enum Tool: String, Sendable {
        /// `docker compose` (compose.yaml and its overrides).
        case compose
        /// `docker buildx bake` (docker-bake.hcl/json, and Compose files read as Bake reads them).
        case bake
    }

    public var tool: Tool
    /// The folder relative paths start from: Compose's project directory,
    /// or the folder Bake runs in.
    public var directory: String
    /// The definition files read, in the order they were merged (included
    /// and extended files after the file that names them).
    public var files: [String]
    /// One per service with `build` (Compose) or per target (Bake), by name.
    public var builds: [BuildSpec]
    /// The names built when none is given: Compose's services with `build`
    /// in the active profiles; Bake's `default` group (or target).
    public var defaultBuilds: [String]
    /// Every Compose service and how it runs, built or not (empty for Bake
    /// files without Compose files).
    public var services: [ServiceRuntime]
    /// Bake groups, each with the targets it names once nested groups are
    /// resolved.
    public var groups: [BuildGroup]
    /// Everything worth saying, in the order found: errors (Compose or Bake
    /// would refuse; a value is missing) and warnings.
    public var diagnostics: [DefinitionDiagnostic]

    public init(tool: Tool, directory: String, files: [String] = [], builds: [BuildSpec] = [], defaultBuilds: [String] = [],
                services: [ServiceRuntime] = [], groups: [BuildGroup] = [], diagnostics: [DefinitionDiagnostic] = []) {
        self.tool = tool
        self.directory = directory
        self.files = files
        self.builds = builds
        self.defaultBuilds = defaultBuilds
        self.services = services
        self.groups = groups
        self.diagnostics = diagnostics
    }

    /// The build named `name`, if any.
    public func build(named name: String) -> BuildSpec? { builds.first { $0.name == name } }

    public var errors: [DefinitionDiagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// A Bake group.
public struct BuildGroup: Sendable, Equatable {
    public var name: String
    /// Target names, nested groups flattened, each once, in order.
    public var targets: [String]
    public var location: SourceLocation?

    public init(name: String, targets: [String], location: SourceLocation?) {
        self.name = name
        self.targets = targets
        self.location = location
    }
}
