/// Loads a Compose project as `docker compose` reads it, without touching
/// the file system: the caller gives a way to read files and the
/// environment.
///
/// ```swift
/// let loader = ComposeLoader(files: FileSource { path in try? readBytes(path) }, environment: environment)
/// let project = loader.load(directory: "services/shop")
/// for build in project.builds { … build.context, build.dockerfile, build.args … }
/// ```
///
/// Read: the file names and their order of preference, the override file,
/// `COMPOSE_FILE`, the project's `.env`, interpolation, `include`,
/// `extends`, `!reset`/`!override`, every service's `build` and how it
/// runs (`image`, `command`, `entrypoint`, `user`, `working_dir`,
/// `volumes`, `environment`, `profiles`). Not read: remote contexts and
/// included files behind URLs (kept as written), `env_file` of services,
/// schema validation beyond the keys read.
public struct ComposeLoader {
    private let files: CachedFiles
    private let environment: [String: String]

    public init(files: FileSource, environment: [String: String]) {
        self.files = CachedFiles(files)
        self.environment = environment
    }

    /// Finds the Compose files in `directory` as `docker compose` does with
    /// no `-f`: `COMPOSE_FILE` if set, else the first of
    /// `ComposeFileNames.main` and the first of `ComposeFileNames.override`
    /// (compose-spec/compose-go `cli/options.go`). Compose would then look in
    /// the parent folders; the caller names the folder instead.
    public func load(directory: String) -> BuildProject {
        var diagnostics: [DefinitionDiagnostic] = []
        let variables = projectVariables(directory, &diagnostics)
        var paths: [String]
        if let list = variables.value("COMPOSE_FILE"), !list.isEmpty {
            let separator = variables.value("COMPOSE_PATH_SEPARATOR").flatMap(\.first) ?? ":"
            paths = list.split(separator: separator).map { PathNames.join(directory, String($0)) }
        } else {
            paths = discover(ComposeFileNames.main, in: directory, kind: "Compose files", &diagnostics)
            guard !paths.isEmpty else {
                diagnostics.append(DefinitionDiagnostic(.error, "no-compose-file",
                    "no Compose file in \(directory) (looked for \(ComposeFileNames.main.joined(separator: ", ")))", at: nil))
                return BuildProject(tool: .compose, directory: directory, diagnostics: diagnostics)
            }
            paths += discover(ComposeFileNames.override, in: directory, kind: "override files", &diagnostics)
        }
        return load(paths, directory: directory, variables: variables, diagnostics: diagnostics)
    }

    /// Loads the given files in order (as `-f a -f b`); the project directory
    /// is the first file's folder unless given.
    public func load(files paths: [String], projectDirectory: String? = nil) -> BuildProject {
        let directory = projectDirectory ?? paths.first.map(PathNames.directory(of:)) ?? "."
        var diagnostics: [DefinitionDiagnostic] = []
        let variables = projectVariables(directory, &diagnostics)
        return load(paths, directory: directory, variables: variables, diagnostics: diagnostics)
    }

    /// The first of `names` found in `directory` (a warning when several are).
    private func discover(_ names: [String], in directory: String, kind: String, _ diagnostics: inout [DefinitionDiagnostic]) -> [String] {
        let found = names.map { PathNames.join(directory, $0) }.filter { files.read($0) != nil }
        if found.count > 1 {
            diagnostics.append(DefinitionDiagnostic(.warning, "several-compose-files",
                "found several \(kind): \(found.joined(separator: ", ")); using \(found[0])", at: nil))
        }
        return Array(found.prefix(1))
    }

    /// The environment, then the project's `.env` for what it does not set.
    private func projectVariables(_ directory: String, _ diagnostics: inout [DefinitionDiagnostic]) -> VariableTable {
        var variables = VariableTable(environment: environment)
        var reader = ComposeModelReader(source: files.fileSource)
        _ = reader.readEnvFile(PathNames.join(directory, ".env"), into: &variables, at: nil)
        diagnostics += reader.diagnostics
        return variables
    }

    private func load(_ paths: [String], directory: String, variables: VariableTable, diagnostics: [DefinitionDiagnostic]) -> BuildProject {
        var reader = ComposeModelReader(source: files.fileSource)
        let model = reader.load(files: paths, workingDirectory: directory, variables: variables)
        var services = ComposeServiceReader(mode: .compose, variables: variables)
        let (builds, runtimes) = services.read(model)
        let profiles = Set((variables.value("COMPOSE_PROFILES") ?? "").split(separator: ",").map(String.init))
        let active = builds.filter { $0.profiles.isEmpty || profiles.contains("*") || !profiles.isDisjoint(with: $0.profiles) }
        return BuildProject(tool: .compose, directory: directory, files: reader.filesRead, builds: builds,
                            defaultBuilds: active.map(\.name), services: runtimes,
                            diagnostics: unique(diagnostics + reader.diagnostics + services.diagnostics))
    }
}

/// Diagnostics without repeats (a cycle is found from each of its members).
func unique(_ diagnostics: [DefinitionDiagnostic]) -> [DefinitionDiagnostic] {
    var seen: Set<String> = []
    return diagnostics.filter { seen.insert($0.description).inserted }
}
