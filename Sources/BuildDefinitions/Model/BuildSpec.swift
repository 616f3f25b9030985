/// One image build: what `docker build` would be given.
public struct BuildSpec: Sendable, Equatable {
    /// The Compose service, or the Bake target (a service read by Bake has
    /// its dots replaced by `_`, as Bake names it).
    public var name: String
    /// Where the service or target is defined.
    public var location: SourceLocation?
    public var context: BuildContextLocation
    public var dockerfile: DockerfileSource
    /// The stage to build (`target`), if one is named.
    public var target: String?
    /// By name.
    public var args: [BuildArgument]
    /// Named contexts (`additional_contexts`, Bake's `contexts`), by name.
    public var additionalContexts: [NamedContext]
    public var tags: [String]
    public var platforms: [String]
    /// How the service runs the image (Compose services only).
    public var runtime: ServiceRuntime?
    /// Compose profiles the service belongs to; empty means always enabled.
    public var profiles: [String]

    public init(name: String, location: SourceLocation?, context: BuildContextLocation, dockerfile: DockerfileSource, target: String? = nil,
                args: [BuildArgument] = [], additionalContexts: [NamedContext] = [], tags: [String] = [], platforms: [String] = [],
                runtime: ServiceRuntime? = nil, profiles: [String] = []) {
        self.name = name
        self.location = location
        self.context = context
        self.dockerfile = dockerfile
        self.target = target
        self.args = args
        self.additionalContexts = additionalContexts
        self.tags = tags
        self.platforms = platforms
        self.runtime = runtime
        self.profiles = profiles
    }

    /// The argument named `name`, if any.
    public func argument(_ name: String) -> BuildArgument? { args.first { $0.name == name } }
}

/// The main build context.
public enum BuildContextLocation: Sendable, Equatable {
    /// A folder: the project directory joined with what the file says.
    case local(path: String)
    /// A Git repository or an HTTP URL; kept as written, never fetched.
    case remote(url: String)
}

/// Where the Dockerfile of a build is.
public enum DockerfileSource: Sendable, Equatable {
    /// A file: `path` is resolved (against the context, as Compose and Bake
    /// do), `written` is what the definition says (`Dockerfile` by default).
    case file(path: String, written: String)
    /// `dockerfile_inline` (Compose) or `dockerfile-inline` (Bake).
    case inline(text: String)
    /// A Dockerfile inside a remote context, at `path` in it.
    case remote(url: String, path: String)
}

/// A build argument and where its value comes from.
public struct BuildArgument: Sendable, Equatable {
    public var name: String
    /// `nil` when no value is passed (a bare Compose `KEY` the environment
    /// does not set, a Bake `null`): the Dockerfile's default applies.
    public var value: String?
    public var provenance: ValueProvenance
    /// Where the argument is written.
    public var location: SourceLocation?

    public init(name: String, value: String?, provenance: ValueProvenance, location: SourceLocation?) {
        self.name = name
        self.value = value
        self.provenance = provenance
        self.location = location
    }
}

/// Where a build argument's value comes from, so a finding can say which
/// file or variable to change.
public enum ValueProvenance: Sendable, Equatable {
    /// Written in the file as it is.
    case literal
    /// Written with variables (`${TAG}`, `${GO:-1.22}`); each variable with
    /// where its value came from.
    case interpolated([VariableUse])
    /// A bare name that takes a variable's value: Compose's `args: [KEY]`.
    case passedThrough(VariableUse)
}

/// A variable a value was made from.
public struct VariableUse: Sendable, Equatable {
    public var name: String
    public var origin: VariableOrigin

    public init(name: String, origin: VariableOrigin) {
        self.name = name
        self.origin = origin
    }
}

/// Where a variable's value was found.
public enum VariableOrigin: Sendable, Equatable {
    /// The environment the loader was given.
    case environment
    /// A `.env` file (the project's, or an include's `env_file`).
    case dotEnv(file: String)
    /// The default written in the file: `${VAR:-default}`, a Bake
    /// variable's `default`.
    case defaultValue
    /// Nothing sets it: an empty string (or no value, for a bare name).
    case unset
    /// Bake reading Compose: the service's own `environment`.
    case serviceEnvironment
}

/// A named build context (`FROM name`, `COPY --from=name`).
public struct NamedContext: Sendable, Equatable {
    public var name: String
    public var source: ContextSource
    public var location: SourceLocation?

    public init(name: String, source: ContextSource, location: SourceLocation?) {
        self.name = name
        self.source = source
        self.location = location
    }
}

/// What a named context is, by the prefixes Compose and Bake give it.
public enum ContextSource: Sendable, Equatable {
    /// A folder, resolved like the main context.
    case local(path: String)
    /// A Git repository or an HTTP URL.
    case remote(url: String)
    /// `docker-image://reference`.
    case image(reference: String)
    /// Another Compose service's image (`service:name`).
    case service(name: String)
    /// Another Bake target's result (`target:name`).
    case target(name: String)
    /// Another `type://` kind (`oci-layout://…`), as written.
    case other(String)
}
