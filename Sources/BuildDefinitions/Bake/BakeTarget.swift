/// A Bake target while files are merged and `inherits` resolved: every
/// attribute optional, as in docker/buildx `bake/bake.go` `Target`.
struct BakeTarget {
    struct Located<Value> {
        var value: Value
        var location: SourceLocation?
    }

    var name: String
    var location: SourceLocation?
    var inherits: [Located<String>] = []
    /// Already resolved against the folder Bake runs in.
    var context: Located<BuildContextLocation>?
    /// As written (relative to the context).
    var dockerfile: Located<String>?
    var dockerfileInline: Located<String>?
    var target: Located<String>?
    var args: [String: BuildArgument] = [:]
    var contexts: [String: NamedContext] = [:]
    var tags: [String]?
    var platforms: [String]?
    /// The Compose service it comes from.
    var runtime: ServiceRuntime?
    var profiles: [String] = []

    init(name: String, location: SourceLocation?) {
        self.name = name
        self.location = location
    }

    /// `other` on top of this target, by Bake's rules (`Target.Merge`): a
    /// value set replaces; `args` and `contexts` merge by name (a null
    /// argument does not replace a value); `tags` and `platforms` replace as
    /// a whole; `inherits` add up.
    mutating func merge(_ other: BakeTarget) {
        if let v = other.context { context = v }
        if let v = other.dockerfile { dockerfile = v }
        if let v = other.dockerfileInline { dockerfileInline = v }
        if let v = other.target { target = v }
        for (name, argument) in other.args where argument.value != nil || args[name] == nil { args[name] = argument }
        for (name, context) in other.contexts { contexts[name] = context }
        if let v = other.tags { tags = v }
        if let v = other.platforms { platforms = v }
        inherits += other.inherits
        if let v = other.runtime { runtime = v }
        if !other.profiles.isEmpty { profiles = other.profiles }
    }

    /// The build spec: context `.` and `Dockerfile` by default, the
    /// Dockerfile relative to a local context unless `cwd://` (`toBuildOpt`);
    /// `dockerfile-inline` wins over `dockerfile`.
    func spec(workingDirectory: String) -> BuildSpec {
        let context = self.context?.value ?? .local(path: PathNames.clean(workingDirectory))
        let source: DockerfileSource
        if let inline = dockerfileInline {
            source = .inline(text: inline.value)
        } else {
            let written = dockerfile?.value ?? "Dockerfile"
            if let fromCwd = written.dropPrefix("cwd://") {
                source = .file(path: PathNames.join(workingDirectory, fromCwd), written: written)
            } else {
                source = ComposeServiceReader.dockerfile(written.isEmpty ? "Dockerfile" : written, in: context)
            }
        }
        return BuildSpec(name: name, location: location, context: context, dockerfile: source, target: target?.value,
                         args: args.values.sorted { $0.name < $1.name }, additionalContexts: contexts.values.sorted { $0.name < $1.name },
                         tags: tags ?? [], platforms: platforms ?? [], runtime: runtime, profiles: profiles)
    }
}

extension BakeTarget {
    /// A Compose service read by Bake as a target.
    init(_ spec: BuildSpec) {
        self.init(name: spec.name, location: spec.location)
        context = Located(value: spec.context, location: spec.location)
        switch spec.dockerfile {
        case .file(_, let written), .remote(_, let written): dockerfile = Located(value: written, location: spec.location)
        case .inline(let text): dockerfileInline = Located(value: text, location: spec.location)
        }
        target = spec.target.map { Located(value: $0, location: spec.location) }
        args = Dictionary(spec.args.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        contexts = Dictionary(spec.additionalContexts.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        tags = spec.tags.isEmpty ? nil : spec.tags
        platforms = spec.platforms.isEmpty ? nil : spec.platforms
        runtime = spec.runtime
        profiles = spec.profiles
    }
}
