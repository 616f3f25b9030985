/// Turns the merged model's services into build specs and runtimes, as
/// compose-spec `build.md` describes `build`: a string is the context; a
/// mapping has `context` (default `.`, the project directory), `dockerfile`
/// (relative to the context, default `Dockerfile`) or `dockerfile_inline`,
/// `target`, `args`, `additional_contexts`, `tags`, `platforms`. A bare
/// argument name takes the environment's value, or none (compose-go
/// `loader/normalize.go`); read by Bake, the service's own `environment`
/// comes first and the image name is the default tag (docker/buildx
/// `bake/compose.go`).
struct ComposeServiceReader {
    enum Mode { case compose, bake }

    let mode: Mode
    let variables: VariableTable
    var diagnostics: [DefinitionDiagnostic] = []

    init(mode: Mode, variables: VariableTable) {
        self.mode = mode
        self.variables = variables
    }

    mutating func report(_ severity: DefinitionDiagnostic.Severity, _ code: String, _ message: String, at location: SourceLocation?) {
        diagnostics.append(DefinitionDiagnostic(severity, code, message, at: location))
    }

    mutating func read(_ model: ConfigNode?) -> (builds: [BuildSpec], services: [ServiceRuntime]) {
        guard let services = model?["services"] else { return ([], []) }
        guard let entries = services.entries else {
            report(.error, "invalid-compose", "`services` must be a mapping", at: services.location)
            return ([], [])
        }
        var builds: [BuildSpec] = []
        var runtimes: [ServiceRuntime] = []
        for entry in entries {
            let service = entry.value.isNull ? ConfigNode.emptyMap(at: entry.keyLocation, base: entry.value.base) : entry.value
            guard service.entries != nil else {
                report(.error, "invalid-compose", "service `\(entry.key)` must be a mapping", at: service.location)
                continue
            }
            var runtime = readRuntime(entry.key, service, at: entry.keyLocation)
            if let build = service["build"], !build.isNull {
                runtime.builds = true
                if let spec = readBuild(build, of: entry.key, service: service, runtime: runtime, at: entry.keyLocation) {
                    builds.append(spec)
                }
            }
            runtimes.append(runtime)
        }
        return (builds.sorted { $0.name < $1.name }, runtimes.sorted { $0.name < $1.name })
    }

    // MARK: Build

    private mutating func readBuild(_ build: ConfigNode, of name: String, service: ConfigNode, runtime: ServiceRuntime,
                                    at location: SourceLocation) -> BuildSpec? {
        let build = ComposeMerge.buildMapping(build)
        guard build.entries != nil else {
            report(.error, "invalid-build", "`build` of service `\(name)` must be a string or a mapping", at: build.location)
            return nil
        }
        let contextNode = build["context"].flatMap { $0.isNull ? nil : $0 }
        let contextText = string(contextNode, "context") ?? "."
        let context = Self.context(contextText, base: contextNode?.base ?? build.base, home: variables.value("HOME"))
        if case .remote(let url) = context {
            report(.warning, "remote-context", "the build context of `\(name)` is remote (\(url)); it is not fetched", at: contextNode?.location ?? build.location)
        }
        var spec = BuildSpec(name: mode == .bake ? Self.targetName(name) : name, location: location, context: context,
                             dockerfile: .file(path: "", written: "Dockerfile"), runtime: runtime)
        let inline = string(build["dockerfile_inline"], "dockerfile_inline")
        let file = string(build["dockerfile"], "dockerfile")
        if inline != nil, file != nil {
            report(.error, "invalid-build", "service `\(name)` sets both `dockerfile` and `dockerfile_inline`; Compose refuses that (the inline text is used here)",
                   at: build["dockerfile_inline"]?.location)
        }
        spec.dockerfile = inline.map { .inline(text: $0) } ?? Self.dockerfile(file ?? "Dockerfile", in: context)
        spec.target = string(build["target"], "target")
        spec.args = readArgs(build["args"], service: service)
        spec.additionalContexts = readContexts(build["additional_contexts"])
        spec.tags = strings(build["tags"], "tags")
        spec.platforms = strings(build["platforms"], "platforms")
        spec.profiles = strings(service["profiles"], "profiles")
        if mode == .bake {
            if spec.tags.isEmpty, let image = runtime.image { spec.tags = [image] }
            if let extensions = build["x-bake"] {
                report(.warning, "unsupported-construct", "`x-bake` of service `\(name)` is not read", at: extensions.location)
            }
        }
        return spec
    }

    /// Bake names a service's target with its dots replaced by `_`.
    static func targetName(_ service: String) -> String { service.replacingDots() }

    /// A Git or HTTP context is remote (compose-go `paths/context.go`
    /// `isRemoteContext`, and any other `scheme://`); anything else is a
    /// folder under `base`.
    static func context(_ text: String, base: String, home: String?) -> BuildContextLocation {
        if isRemote(text) || text.contains("://") { return .remote(url: text) }
        return .local(path: PathNames.join(base, expandHome(text, home: home)))
    }

    static func isRemote(_ text: String) -> Bool {
        ["https://", "http://", "git://", "ssh://", "github.com/", "git@"].contains { text.hasPrefix($0) }
    }

    static func expandHome(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    /// The Dockerfile named relative to the context (an absolute path stays).
    static func dockerfile(_ written: String, in context: BuildContextLocation) -> DockerfileSource {
        switch context {
        case .local(let path): return .file(path: PathNames.join(path, written), written: written)
        case .remote(let url): return .remote(url: url, path: written)
        }
    }

    private mutating func readArgs(_ node: ConfigNode?, service: ConfigNode) -> [BuildArgument] {
        guard let node, !node.isNull else { return [] }
        guard node.entries != nil || node.items != nil else {
            report(.error, "invalid-build", "`args` must be a mapping or a list", at: node.location)
            return []
        }
        var args: [String: BuildArgument] = [:]
        for entry in ComposeMerge.keyValues(node) {
            let value = entry.value
            switch value.content {
            case .null:
                args[entry.key] = passedThrough(entry.key, service: service, at: entry.keyLocation)
            case .scalar(let text):
                let provenance: ValueProvenance = value.variables.isEmpty ? .literal : .interpolated(value.variables)
                args[entry.key] = BuildArgument(name: entry.key, value: text, provenance: provenance, location: value.location)
            case .list, .map:
                report(.error, "invalid-build", "the build argument `\(entry.key)` must be a string", at: value.location)
            }
        }
        return args.values.sorted { $0.name < $1.name }
    }

    /// `KEY` without a value: the variable's value, or none.
    private func passedThrough(_ name: String, service: ConfigNode, at location: SourceLocation) -> BuildArgument {
        if mode == .bake, let environment = service["environment"],
           let own = ComposeMerge.keyValues(environment).last(where: { $0.key == name })?.value.string {
            return BuildArgument(name: name, value: own, provenance: .passedThrough(VariableUse(name: name, origin: .serviceEnvironment)), location: location)
        }
        guard let found = variables.lookup(name) else {
            return BuildArgument(name: name, value: nil, provenance: .passedThrough(VariableUse(name: name, origin: .unset)), location: location)
        }
        return BuildArgument(name: name, value: found.value, provenance: .passedThrough(VariableUse(name: name, origin: found.origin)), location: location)
    }

    private mutating func readContexts(_ node: ConfigNode?) -> [NamedContext] {
        guard let node, !node.isNull else { return [] }
        var contexts: [String: NamedContext] = [:]
        for entry in ComposeMerge.keyValues(node) {
            guard let text = entry.value.string else {
                report(.error, "invalid-build", "the additional context `\(entry.key)` needs a value", at: entry.value.location)
                continue
            }
            contexts[entry.key] = NamedContext(name: entry.key, source: contextSource(text, base: entry.value.base), location: entry.value.location)
        }
        return contexts.values.sorted { $0.name < $1.name }
    }

    /// compose-spec `build.md` "additional_contexts": `service:name`, a
    /// `type://` reference, a Git URL, or a folder. Bake reads `service:` as
    /// `target:` (docker/buildx `bake/compose.go` `composeToBuildkitNamedContexts`).
    private func contextSource(_ text: String, base: String) -> ContextSource {
        if let name = text.dropPrefix("service:") ?? text.dropPrefix("target:") {
            return mode == .bake ? .target(name: Self.targetName(name)) : .service(name: name)
        }
        if let reference = text.dropPrefix("docker-image://") { return .image(reference: reference) }
        if Self.isRemote(text) { return .remote(url: text) }
        if text.contains("://") { return .other(text) }
        return .local(path: PathNames.join(base, Self.expandHome(text, home: variables.value("HOME"))))
    }

    // MARK: Runtime

    private mutating func readRuntime(_ name: String, _ service: ConfigNode, at location: SourceLocation) -> ServiceRuntime {
        var runtime = ServiceRuntime(name: name, location: location)
        runtime.image = string(service["image"], "image")
        runtime.command = command(service["command"], "command")
        runtime.entrypoint = command(service["entrypoint"], "entrypoint")
        runtime.user = string(service["user"], "user")
        runtime.healthcheck = healthcheck(service["healthcheck"])
        runtime.workingDirectory = string(service["working_dir"], "working_dir")
        runtime.volumes = (service["volumes"]?.items ?? []).compactMap(volume)
        if let environment = service["environment"] {
            runtime.environment = ComposeMerge.keyValues(environment).map { EnvironmentEntry(name: $0.key, value: $0.value.string) }
        }
        return runtime
    }

    private mutating func command(_ node: ConfigNode?, _ key: String) -> ServiceCommand? {
        guard let node, !node.isNull else { return nil }
        if let text = node.string { return .shell(text) }
        if let items = node.items { return .exec(items.map { $0.string ?? "" }) }
        report(.error, "invalid-service", "`\(key)` must be a string or a list", at: node.location)
        return nil
    }

    /// `test: ["CMD", "curl", …]`, `["CMD-SHELL", "curl … || exit 1"]` or a
    /// string (Compose's shell form); `["NONE"]` and `disable: true` turn it off.
    private func healthcheck(_ node: ConfigNode?) -> ServiceCommand? {
        guard let node, node["disable"]?.string != "true", let test = node["test"], !test.isNull else { return nil }
        if let text = test.string { return .shell(text) }
        guard let items = test.items?.map({ $0.string ?? "" }), let kind = items.first else { return nil }
        switch kind {
        case "CMD": return .exec(Array(items.dropFirst()))
        case "CMD-SHELL": return .shell(items.dropFirst().joined(separator: " "))
        default: return nil
        }
    }

    private func volume(_ node: ConfigNode) -> VolumeMount? {
        if let text = node.string {
            let parts = VolumeSyntax.parse(text)
            var source = parts.source
            var kind = VolumeMount.Kind.volume
            if let s = source, VolumeSyntax.isHostPath(s) {
                kind = .bind
                source = PathNames.join(node.base, Self.expandHome(s, home: variables.value("HOME")))
            }
            let readOnly = parts.mode?.split(separator: ",").contains("ro") ?? false
            return VolumeMount(kind: kind, source: source, target: parts.target, readOnly: readOnly, location: node.location)
        }
        guard node.entries != nil, let target = node["target"]?.string else { return nil }
        let type = node["type"]?.string ?? "volume"
        let kind: VolumeMount.Kind = switch type {
        case "bind": .bind
        case "volume": .volume
        case "tmpfs": .tmpfs
        default: .other(type)
        }
        var source = node["source"]?.string
        if kind == .bind, let s = source {
            source = PathNames.join(node["source"]?.base ?? node.base, Self.expandHome(s, home: variables.value("HOME")))
        }
        let readOnly = node["read_only"]?.string == "true"
        return VolumeMount(kind: kind, source: source, target: target, readOnly: readOnly, location: node.location)
    }

    // MARK: Values

    private mutating func string(_ node: ConfigNode?, _ key: String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let text = node.string else {
            report(.error, "invalid-value", "`\(key)` must be a string, not \(node.kindName)", at: node.location)
            return nil
        }
        return text
    }

    private mutating func strings(_ node: ConfigNode?, _ key: String) -> [String] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.items else {
            report(.error, "invalid-value", "`\(key)` must be a list", at: node.location)
            return []
        }
        return items.compactMap { string($0, key) }
    }
}

extension String {
    /// The rest after `prefix`, or `nil` when the string does not start with it.
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    func replacingDots() -> String { String(map { $0 == "." ? "_" : $0 }) }
}
