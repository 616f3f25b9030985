/// Loads a Bake project as `docker buildx bake` reads it, without touching
/// the file system: the caller gives a way to read files and the
/// environment.
///
/// ```swift
/// let project = BakeLoader(files: FileSource { try? readBytes($0) }, environment: environment).load(directory: ".")
/// project.defaultBuilds   // what `docker buildx bake` builds
/// ```
///
/// Read: the default files and their order (`BakeFileNames.defaults`),
/// Compose files as Bake reads them (each service with `build` a target,
/// the `default` group listing them), HCL and JSON Bake files, `variable`
/// defaults and the environment, top-level attributes, `target`, `group`,
/// `inherits`. Not read, with a diagnostic where met: `function`, `matrix`,
/// function calls, operators, conditionals, `for`, references to other
/// blocks' attributes, `BAKE_LOCAL_PLATFORM`, `x-bake`; `--set` overrides and
/// remote Bake definitions are the command line's business.
public struct BakeLoader {
    private let files: CachedFiles
    private let environment: [String: String]

    public init(files: FileSource, environment: [String: String]) {
        self.files = CachedFiles(files)
        self.environment = environment
    }

    /// Every default file found in `directory`, merged in Bake's order.
    public func load(directory: String) -> BuildProject {
        let paths = BakeFileNames.defaults.map { PathNames.join(directory, $0) }.filter { files.read($0) != nil }
        guard !paths.isEmpty else {
            return BuildProject(tool: .bake, directory: directory, diagnostics: [DefinitionDiagnostic(.error, "no-bake-file",
                "no Bake or Compose file in \(directory) (looked for \(BakeFileNames.defaults.joined(separator: ", ")))", at: nil)])
        }
        return load(files: paths, workingDirectory: directory)
    }

    /// The given files (as `--file a --file b`), merged in that order;
    /// relative paths in them start at `workingDirectory`, where Bake runs.
    public func load(files paths: [String], workingDirectory: String) -> BuildProject {
        var diagnostics: [DefinitionDiagnostic] = []
        var composeFiles: [String] = []
        var bodies: [HCLBody] = []
        var bakeFiles: [String] = []
        for path in paths {
            guard let bytes = files.read(path) else {
                diagnostics.append(DefinitionDiagnostic(.error, "missing-file", "cannot read the Bake file `\(path)`", at: nil))
                continue
            }
            do {
                switch BakeFileNames.kind(of: path, bytes: bytes) {
                case .compose: composeFiles.append(path)
                case .hcl: bodies.append(try HCLReader.read(bytes, file: path)); bakeFiles.append(path)
                case .json: bodies.append(try BakeJSON.body(bytes, file: path)); bakeFiles.append(path)
                }
            } catch {
                diagnostics.append(DefinitionDiagnostic(error))
            }
        }
        var reader = BakeBlockReader(variables: BakeVariables(environment: environment), workingDirectory: workingDirectory)
        var composeModel = ComposeModelReader(source: files.fileSource)
        var runtimes: [ServiceRuntime] = []
        if !composeFiles.isEmpty {
            var variables = VariableTable(environment: environment)
            _ = composeModel.readEnvFile(PathNames.join(workingDirectory, ".env"), into: &variables, at: nil)
            let model = composeModel.load(files: composeFiles, workingDirectory: workingDirectory, variables: variables)
            var services = ComposeServiceReader(mode: .bake, variables: variables)
            let (specs, serviceRuntimes) = services.read(model)
            diagnostics += composeModel.diagnostics + services.diagnostics
            runtimes = serviceRuntimes
            reader.targets = specs.map(BakeTarget.init)
            if !specs.isEmpty {
                reader.groups["default"] = .init(name: "default", targets: specs.map(\.name), location: SourceLocation(file: composeFiles[0], line: 1, column: 1))
            }
        }
        reader.collectVariables(bodies)
        reader.readBlocks(bodies)
        diagnostics += reader.diagnostics
        return project(reader, files: composeModel.filesRead + bakeFiles, workingDirectory: workingDirectory,
                       runtimes: runtimes, diagnostics: diagnostics)
    }

    private func project(_ reader: BakeBlockReader, files: [String], workingDirectory: String, runtimes: [ServiceRuntime],
                         diagnostics: [DefinitionDiagnostic]) -> BuildProject {
        var resolver = BakeResolver(targets: reader.targets, groups: reader.groups)
        var builds: [BuildSpec] = []
        for target in reader.targets {
            if let resolved = resolver.resolve(target.name) { builds.append(resolved.spec(workingDirectory: workingDirectory)) }
        }
        let groups = reader.groups.values.sorted { $0.name < $1.name }.map {
            BuildGroup(name: $0.name, targets: resolver.targets(of: $0.name), location: $0.location)
        }
        var defaultBuilds: [String] = []
        if reader.groups["default"] != nil || reader.targets.contains(where: { $0.name == "default" }) {
            defaultBuilds = resolver.targets(of: "default")
        }
        return BuildProject(tool: .bake, directory: workingDirectory, files: files, builds: builds.sorted { $0.name < $1.name },
                            defaultBuilds: defaultBuilds, services: runtimes, groups: groups,
                            diagnostics: unique(diagnostics + resolver.diagnostics))
    }
}
