import BuildDefinitions

/// What the project around a Dockerfile says about how its image runs,
/// beyond the Dockerfile: a GitHub Docker action, a compose file that
/// overrides the command.
package enum ProjectConventions {
    /// Why the image is a GitHub Docker action, if it is: an `action.yml`
    /// whose `runs.using` is `docker`. GitHub runs Docker actions as root,
    /// with the workspace mounted (GitHub's "Dockerfile support for GitHub
    /// Actions": "Docker actions must be run by the default Docker user (root)").
    package static func gitHubDockerAction(_ context: BuildContext?) -> String? {
        guard let context else { return nil }
        for name in ["action.yml", "action.yaml"] {
            guard let text = context.text(name) else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                let l = line.trimmingCharacters(in: " \t")
                guard l.hasPrefix("using:") else { continue }
                let value = l.dropFirst("using:".count).trimmingCharacters(in: " \t'\"")
                if value == "docker" { return "\(name) makes it a GitHub Docker action, which GitHub runs as root" }
            }
        }
        return nil
    }
}


extension ProjectConventions {
    /// How the Compose project in the build context runs the image built
    /// from `dockerfile` (a path in the context): each service that builds
    /// it, with its command, entrypoint, user and volumes. Compose files
    /// are read as Docker Compose reads them (`BuildDefinitions`), from the
    /// contents the scan phase read; nothing is fetched.
    package static func composeServices(_ context: BuildContext?, dockerfile: String) -> [ServiceRuntime] {
        composeBuilds(context, dockerfile: dockerfile).map(\.runtime)
    }

    /// A Compose service that builds the image, as `composeBuilds` finds it.
    package struct ComposeBuild {
        package let name: String
        package let target: String?
        /// `build.dockerfile` as the file writes it, when it names one.
        package let dockerfile: String?
        package let runtime: ServiceRuntime
        package let location: SourceLocation?
        /// The Compose file, relative to the context (`compose.yaml`, `../docker-compose.yml`).
        package let file: String
    }

    /// The services of the Compose projects in the build context and in the
    /// folders above it that build `dockerfile` from the context's folder,
    /// with where each is defined.
    package static func composeBuilds(_ context: BuildContext?, dockerfile: String) -> [ComposeBuild] {
        guard let context else { return [] }
        let layout = ComposeLayout(context)
        return layout.projectFolders.flatMap { folder -> [ComposeBuild] in
            let project = ComposeLoader(files: FileSource(layout.contents), environment: [:]).load(directory: folder)
            return project.builds.compactMap { spec -> ComposeBuild? in
                guard case .local(let path) = spec.context, path == layout.contextPath || path == layout.contextPath + "/" else { return nil }
                var written: String?
                if case .file(let file, let w) = spec.dockerfile {
                    if file != layout.contextPath + "/" + dockerfile { return nil }
                    written = w
                }
                // Host paths as the project writes them, relative to the context.
                guard var runtime = spec.runtime else { return nil }
                for k in runtime.volumes.indices {
                    if let source = runtime.volumes[k].source, runtime.volumes[k].kind == .bind {
                        let r = layout.relative(source)
                        runtime.volumes[k].source = r == "." || r.hasPrefix("../") || r.hasPrefix("/") ? r : "./" + r
                    }
                }
                let location = runtime.location ?? spec.location
                return ComposeBuild(name: spec.name, target: spec.target, dockerfile: written == "Dockerfile" ? nil : written, runtime: runtime,
                                    location: location, file: location.map { layout.relative($0.file) } ?? "compose.yaml")
            }
        }
    }
}

/// The context and the folders above it as one file tree for the Compose
/// loader: the context at `/w/<its folder names>`, so that a file above it
/// that says `build: ./api` names it.
struct ComposeLayout {
    let context: BuildContext
    let contextPath: String
    /// The folders above the context the scan read, nearest first.
    let ancestors: [String]

    init(_ context: BuildContext) {
        self.context = context
        let names = context.surroundings.folderNames
        contextPath = names.isEmpty ? "/project" : "/w/" + names.joined(separator: "/")
        ancestors = names.count < 2 ? [] : (1..<names.count).map { k in "/w/" + names.dropLast(k).joined(separator: "/") }
    }

    /// The folders holding a Compose file: the context's own, then those above it.
    var projectFolders: [String] {
        var out: [String] = []
        if ComposeFileNames.main.contains(where: { context.contents[$0] != nil }) { out.append(contextPath) }
        for (k, folder) in ancestors.enumerated() {
            let up = String(repeating: "../", count: k + 1)
            if ComposeFileNames.main.contains(where: { context.surroundings.files[up + $0] != nil }) { out.append(folder) }
        }
        return out
    }

    /// A loader path as the context sees it: `compose.yaml`, `../compose.yaml`, `./data`.
    func relative(_ path: String) -> String {
        if path == contextPath { return "." }
        if path.hasPrefix(contextPath + "/") { return String(path.dropFirst(contextPath.count + 1)) }
        for (k, folder) in ancestors.enumerated() where path == folder || path.hasPrefix(folder + "/") {
            return String(repeating: "../", count: k + 1) + path.dropFirst(min(path.count, folder.count + 1))
        }
        return path
    }

    func contents(_ path: String) -> [UInt8]? {
        let r = relative(path)
        return r.hasPrefix("../") ? context.surroundings.files[r] : context.contents[r]
    }
}

extension ProjectConventions {
    /// Shell builtins and keywords a healthcheck or command runs that no image needs a program for.
    package static let shellBuiltins: Set<String> = ["exit", "true", "false", "test", "[", "echo", "printf", ":", "cd", "set", "export", "if", "then",
                                             "else", "fi", "return", "exec", "command", "read", "sleep"]

    /// The programs each Compose service building `dockerfile` runs inside
    /// the container besides the image's own command: its `command`,
    /// `entrypoint` and `healthcheck`, as (what, simple commands).
    package static func composeRuns(_ context: BuildContext?, dockerfile: String) -> [(what: String, commands: [[String]])] {
        composeBuilds(context, dockerfile: dockerfile).flatMap { build -> [(what: String, commands: [[String]])] in
            let service = build.runtime
            let parts: [(String, ServiceCommand?)] = [("entrypoint", service.entrypoint), ("command", service.command), ("healthcheck", service.healthcheck)]
            return parts.compactMap { key, command in
                guard let command else { return nil }
                let commands: [[String]]
                switch command {
                case .shell(let text): commands = ShellScan(text).commands
                case .exec(let words): commands = [words]
                }
                let programs = commands.filter { $0.first.map { !shellBuiltins.contains($0) } ?? false }
                let at = " (\(build.file)\(build.location.map { " line \($0.line)" } ?? ""))"
                return programs.isEmpty ? nil : ("the \(key) of compose service \(service.name)\(at)", programs)
            }
        }
    }
}
