/// Which project build a Dockerfile was read for: the Compose services or
/// Bake targets that build it with one target and one set of arguments.
/// The reports print it beside each finding, so a finding on a shared
/// Dockerfile says which image it is about.
public struct BuildLabel: Sendable, Equatable {
    /// An argument given to the build, with where its value comes from
    /// (`compose.yaml:9 (GO_VERSION from .env)`).
    public struct Argument: Sendable, Equatable {
        public var name: String
        public var value: String
        public var origin: String

        public init(name: String, value: String, origin: String) {
            self.name = name
            self.value = value
            self.origin = origin
        }
    }

    /// A named context (`additional_contexts`, Bake's `contexts`): a
    /// `FROM name` or `COPY --from=name` reads it instead of an image.
    public struct NamedContext: Sendable, Equatable {
        public enum Kind: String, Sendable { case service, target, image, local, remote, other }
        public var name: String
        public var kind: Kind
        /// The service or target name, the image reference, the path or URL.
        public var value: String

        public init(name: String, kind: Kind, value: String) {
            self.name = name
            self.kind = kind
            self.value = value
        }
    }

    /// `compose` or `bake`.
    public var tool: String
    /// The first definition file (`compose.yaml`, `docker-bake.hcl`).
    public var definition: String
    /// Services or targets, in name order.
    public var names: [String]
    public var target: String?
    public var arguments: [Argument]
    /// The build context folder.
    public var context: String
    /// The images the build is tagged as (Compose's `image`, `tags`; Bake's `tags`):
    /// another build's `FROM` one of them is a transfer between the two.
    public var producedImages: [String]
    public var namedContexts: [NamedContext]

    public init(tool: String, definition: String, names: [String], target: String?, arguments: [Argument], context: String,
                producedImages: [String] = [], namedContexts: [NamedContext] = []) {
        self.tool = tool
        self.definition = definition
        self.names = names
        self.target = target
        self.arguments = arguments
        self.context = context
        self.producedImages = producedImages
        self.namedContexts = namedContexts
    }

    /// `service api, target runtime` / `targets api, worker`.
    public var summary: String {
        let noun = tool == "bake" ? "target" : "service"
        var s = "\(noun)\(names.count == 1 ? "" : "s") \(names.joined(separator: ", "))"
        if let target { s += ", stage \(target)" }
        return s
    }
}
