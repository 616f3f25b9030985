import BuildDefinitions
import DockerfileModel
import DockslimReport

/// One way a Compose or Bake project builds a Dockerfile: the services or
/// targets that agree on the build context, the target stage and the
/// arguments. A Dockerfile is audited once per use, and rewritten only when
/// all its uses agree.
struct BuildUse: Sendable {
    /// What the reports print beside the file's findings.
    var label: BuildLabel
    /// The folder the scan phase reads as the build context.
    var context: String
    var settings: BuildSettings
}

/// A `dockerfile_inline` build: audited and graphed, never rewritten.
struct InlineBuild: Sendable {
    /// How the reports name it: `compose.yaml (service web, dockerfile_inline)`.
    var name: String
    var text: String
    var use: BuildUse
}

/// Everything the Compose and Bake projects around the inputs build: the
/// uses of each Dockerfile (by its real path), the inline Dockerfiles, and
/// what to tell the user about the definitions (their errors, remote
/// contexts that are not fetched).
struct ProjectBuilds: Sendable {
    var uses: [String: [BuildUse]] = [:]
    var inline: [InlineBuild] = []
    /// Messages for standard error, each once.
    var notes: [String] = []
    /// The projects read, in folder order, for the project picture.
    var projects: [BuildProject] = []
    /// The Dockerfiles the user's projects build, as paths to print,
    /// whatever their names (`docker/api.df`).
    var ownDockerfiles: [String] = []
    /// Real paths of the folders whose Compose or Bake files have errors:
    /// how they build the Dockerfiles below them is not known.
    var brokenFolders: [String] = []

    /// The broken project folder above `path`, if any.
    func brokenProject(above path: String) -> String? {
        guard !brokenFolders.isEmpty, let real = TreeLinks.realPath(path) else { return nil }
        return brokenFolders.first { real.hasPrefix($0 == "/" ? "/" : $0 + "/") }
    }

    /// The uses of the Dockerfile at `path`, if a project builds it.
    func uses(of path: String) -> [BuildUse] {
        guard path != "-", let real = TreeLinks.realPath(path) else { return [] }
        return uses[real] ?? []
    }

    /// Reads the projects in `folders` (each once) with `environment` for
    /// `${VAR}` interpolation. The projects in `walked` (folders under the
    /// paths given) are the user's: their problems are reported and their
    /// inline Dockerfiles audited; the others, found above an input, only
    /// say how they build it.
    static func read(folders: [String], walked: Set<String>, environment: [String: String]) -> ProjectBuilds {
        var builds = ProjectBuilds()
        let files = FileSource { path in
            try? FileAccess.readRegularFile(path, limit: ReadLimits.projectFile, what: "a Compose or Bake file", followLinks: true).bytes
        }
        for folder in folders {
            let project = ProjectDefinitions.hasBakeFile(folder)
                ? BakeLoader(files: files, environment: environment).load(directory: folder)
                : ComposeLoader(files: files, environment: environment).load(directory: folder)
            builds.add(project, own: walked.contains(folder))
        }
        return builds
    }

    private mutating func add(_ project: BuildProject, own: Bool) {
        if own {
            projects.append(project)
            if !project.errors.isEmpty, let real = TreeLinks.realPath(project.directory) { brokenFolders.append(real) }
            // `Error: file:line:col: message [code]` fails the command; warnings are said and the rest is read.
            for d in project.diagnostics {
                let place = d.location.map { "\($0): " } ?? ""
                notes.append(d.severity == .error ? "Error: \(place)\(d.message) [\(d.code)]" : "\(place)warning: \(d.message) [\(d.code)]")
            }
        }
        let definition = project.files.first ?? project.directory
        // Group the specs that build one Dockerfile the same way.
        var groups: [String: (key: String, path: String?, inline: String?, specs: [BuildSpec], context: String, settings: BuildSettings)] = [:]
        var order: [String] = []
        var tags: [String: [String]] = [:]
        for spec in project.builds { tags[spec.name] = Self.producedImages(spec) }
        // Bake builds its groups' targets; one outside every group may be a
        // template other targets inherit (`_common`), built only when named:
        // such a target named with a leading `_` is not audited.
        let grouped = Set(project.defaultBuilds + project.groups.flatMap(\.targets))
        for spec in project.builds {
            let noun = project.tool == .bake ? "target" : "service"
            let template = project.tool == .bake && !grouped.contains(spec.name) && (!grouped.isEmpty || spec.name.hasPrefix("_"))
            // `_common`: by convention a target other targets inherit, not an image anyone builds.
            if template && spec.name.hasPrefix("_") { continue }
            guard case .local(let written) = spec.context else {
                continue  // The loader has said that a remote context is not fetched.
            }
            // One spelling per folder (`dispatch`, `/abs/dispatch`, `.`), so two projects building it agree.
            let context = TreeLinks.realPath(written).map(ProjectDefinitions.display) ?? written
            var args: [String: String] = [:]
            for a in spec.args { if let v = a.value { args[a.name] = v } }
            let settings = BuildSettings(target: spec.target, args: args, namedContexts: Self.namedContexts(spec, tags: tags))
            var key: String
            var path: String?
            var inline: String?
            switch spec.dockerfile {
            case .file(let p, _):
                guard let real = TreeLinks.realPath(p) else {
                    if own && !template { notes.append("\(spec.location?.description ?? definition): \(noun) \(spec.name) builds \(p), which does not exist") }
                    continue
                }
                path = real
                key = real
            case .inline(let text):
                inline = text
                key = "inline:\(spec.name)"
            case .remote(let url, let p):
                if own { notes.append("\(spec.location?.description ?? definition): \(noun) \(spec.name) builds \(p) from \(url), which is not fetched: it is not audited") }
                continue
            }
            key += "\u{0}\(context)\u{0}\(spec.target ?? "")\u{0}" + args.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{0}")
            key += "\u{0}" + settings.namedContexts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{0}")
            if groups[key] == nil { order.append(key); groups[key] = (key, path, inline, [], context, settings) }
            groups[key]!.specs.append(spec)
        }
        for key in order {
            let g = groups[key]!
            let names = g.specs.map(\.name).sorted()
            let label = BuildLabel(tool: project.tool.rawValue, definition: definition, names: names, target: g.settings.target,
                                   arguments: Self.arguments(g.specs[0]), context: g.context,
                                   producedImages: g.specs.flatMap(Self.producedImages), namedContexts: g.specs[0].additionalContexts.map(Self.namedContext))
            let use = BuildUse(label: label, context: g.context, settings: g.settings)
            if let path = g.path {
                // A project that includes another (Compose `include`) reads the same builds again: keep them once.
                if uses[path]?.contains(where: { $0.context == use.context && $0.settings == use.settings && $0.label.names == use.label.names }) == true { continue }
                uses[path, default: []].append(use)
                if own && !ownDockerfiles.contains(ProjectDefinitions.display(path)) { ownDockerfiles.append(ProjectDefinitions.display(path)) }
            } else if let text = g.inline, own {
                let noun = project.tool == .bake ? "target" : "service"
                inline.append(InlineBuild(name: "\(definition) (\(noun) \(names[0]), inline Dockerfile)", text: text, use: use))
            }
        }
    }

    /// The names the built image is tagged with: `tags`, and Compose's `image`.
    static func producedImages(_ spec: BuildSpec) -> [String] {
        var out = spec.tags
        if let image = spec.runtime?.image, !out.contains(image) { out.append(image) }
        return out
    }

    /// What the model needs of the named contexts: an image for
    /// `docker-image://` and for another build that is tagged, else opaque.
    static func namedContexts(_ spec: BuildSpec, tags: [String: [String]]) -> [String: NamedContextValue] {
        var out: [String: NamedContextValue] = [:]
        for c in spec.additionalContexts {
            switch c.source {
            case .image(let ref): out[c.name] = .image(ref)
            case .service(let n), .target(let n): out[c.name] = tags[n]?.first.map { .image($0) } ?? .opaque("\(c.source)")
            case .local(let p): out[c.name] = .opaque(p)
            case .remote(let u): out[c.name] = .opaque(u)
            case .other(let o): out[c.name] = .opaque(o)
            }
        }
        return out
    }

    static func namedContext(_ c: NamedContext) -> BuildLabel.NamedContext {
        switch c.source {
        case .service(let n): return .init(name: c.name, kind: .service, value: n)
        case .target(let n): return .init(name: c.name, kind: .target, value: n)
        case .image(let r): return .init(name: c.name, kind: .image, value: r)
        case .local(let p): return .init(name: c.name, kind: .local, value: p)
        case .remote(let u): return .init(name: c.name, kind: .remote, value: u)
        case .other(let o): return .init(name: c.name, kind: .other, value: o)
        }
    }

    /// The arguments with a value, each with where the value comes from.
    static func arguments(_ spec: BuildSpec) -> [BuildLabel.Argument] {
        spec.args.compactMap { a in
            guard let value = a.value else { return nil }
            let at = a.location?.description ?? spec.location?.description ?? ""
            return BuildLabel.Argument(name: a.name, value: value, origin: at + Self.origin(a.provenance))
        }
    }

    static func origin(_ p: ValueProvenance) -> String {
        func variable(_ use: VariableUse) -> String {
            switch use.origin {
            case .environment: return "\(use.name) from the environment"
            case .dotEnv(let file): return "\(use.name) from \(file)"
            case .defaultValue: return "\(use.name)'s default"
            case .unset: return "\(use.name) unset"
            case .serviceEnvironment: return "\(use.name) from the service's environment"
            }
        }
        switch p {
        case .literal: return ""
        case .interpolated(let uses): return uses.isEmpty ? "" : " (" + uses.map(variable).joined(separator: ", ") + ")"
        case .passedThrough(let use): return " (" + variable(use) + ")"
        }
    }
}

/// Where Compose and Bake files are.
enum ProjectDefinitions {
    static let bakeNames = ["docker-bake.json", "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl"]

    static func isDefinitionName(_ name: String) -> Bool {
        ComposeFileNames.main.contains(name) || bakeNames.contains(name)
    }

    static func hasBakeFile(_ folder: String) -> Bool {
        bakeNames.contains { PathKind(join(folder, $0)) == .file }
    }

    static func hasDefinition(_ folder: String) -> Bool {
        (ComposeFileNames.main + bakeNames).contains { PathKind(join(folder, $0)) == .file }
    }

    /// The folders whose projects may build the inputs: those the walk
    /// found, and the folders above each input up to its repository's top
    /// (a folder holding `.git`), at most `levels` up.
    static func folders(walked: [String], inputs: [String], levels: Int = 6) -> [String] {
        let walked = walked.compactMap { TreeLinks.realPath($0).map(display) }
        var found = Set(walked)
        for input in inputs where input != "-" {
            guard var folder = TreeLinks.realPath(PathKind(input) == .folder ? input : InputFiles.folderOf(input)) else { continue }
            for _ in 0...levels {
                if hasDefinition(folder) { found.insert(display(folder)) }
                if PathKind(join(folder, ".git")) != .missing || folder == "/" { break }
                folder = InputFiles.folderOf(folder)
            }
        }
        return found.sorted()
    }

    static func join(_ folder: String, _ name: String) -> String { folder == "/" ? "/" + name : folder + "/" + name }

    /// A real path shown relative to the current folder when it is under it.
    static func display(_ real: String) -> String {
        guard let cwd = TreeLinks.realPath(".") else { return real }
        if real == cwd { return "." }
        return real.hasPrefix(cwd + "/") ? String(real.dropFirst(cwd.count + 1)) : real
    }
}

extension PathKind: Equatable {}
