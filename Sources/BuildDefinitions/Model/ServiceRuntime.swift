/// How a Compose service runs its image: what the audit needs to know
/// beyond the Dockerfile (a command or user that replaces the image's).
public struct ServiceRuntime: Sendable, Equatable {
    public var name: String
    public var location: SourceLocation?
    public var image: String?
    /// Replaces the image's CMD.
    public var command: ServiceCommand?
    /// Replaces the image's ENTRYPOINT.
    public var entrypoint: ServiceCommand?
    public var user: String?
    /// `healthcheck.test`, which runs in the container (`["CMD", …]` as
    /// `.exec`, `CMD-SHELL` and a string as `.shell`); `nil` when none or disabled.
    public var healthcheck: ServiceCommand?
    public var workingDirectory: String?
    public var volumes: [VolumeMount]
    /// The container's environment as written (`nil`: a bare name).
    public var environment: [EnvironmentEntry]
    /// Whether the service has a `build` section.
    public var builds: Bool

    public init(name: String, location: SourceLocation?, image: String? = nil, command: ServiceCommand? = nil,
                entrypoint: ServiceCommand? = nil, user: String? = nil, workingDirectory: String? = nil,
                volumes: [VolumeMount] = [], environment: [EnvironmentEntry] = [], builds: Bool = false) {
        self.name = name
        self.location = location
        self.image = image
        self.command = command
        self.entrypoint = entrypoint
        self.user = user
        self.workingDirectory = workingDirectory
        self.volumes = volumes
        self.environment = environment
        self.builds = builds
    }
}

/// A service's `command` or `entrypoint`, in the form it was written.
public enum ServiceCommand: Sendable, Equatable {
    /// A string: run through the image's shell.
    case shell(String)
    /// A list: run as it is (`[]` clears the image's).
    case exec([String])
}

/// One variable of a service's `environment`.
public struct EnvironmentEntry: Sendable, Equatable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// One of a service's `volumes`, short or long syntax.
public struct VolumeMount: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A host path (resolved like a build context).
        case bind
        /// A named or anonymous volume.
        case volume
        case tmpfs
        /// Another `type:` as written.
        case other(String)
    }

    public var kind: Kind
    /// The host path, the volume's name, or `nil` (anonymous, tmpfs).
    public var source: String?
    /// The path in the container.
    public var target: String
    public var readOnly: Bool
    public var location: SourceLocation?

    public init(kind: Kind, source: String?, target: String, readOnly: Bool, location: SourceLocation?) {
        self.kind = kind
        self.source = source
        self.target = target
        self.readOnly = readOnly
        self.location = location
    }
}
