/// `include` (compose-spec `14-include.md`, compose-go `loader/include.go`):
/// each entry is a Compose project of its own, read with its own project
/// directory (by default the folder of its first file) so its relative
/// paths resolve there, and with its own `.env` (or `env_file`) whose values
/// the including project's environment overrides. Its services are then
/// copied in; a service defined on both sides is merged, the local
/// definition winning (compose-go `importResources`). A file that includes
/// itself, directly or not, is an error.
extension ComposeModelReader {
    mutating func applyIncludes(to file: ConfigNode, file path: String, workingDirectory: String,
                                variables: VariableTable, includeChain: [String]) -> ConfigNode {
        guard let include = file["include"] else { return file }
        var model = file.removing("include")
        guard let entries = include.items else {
            report(.error, "invalid-include", "`include` must be a list", at: include.location)
            return model
        }
        for entry in entries {
            guard let imported = loadInclude(entry, workingDirectory: workingDirectory, variables: variables, includeChain: includeChain) else { continue }
            model = importServices(from: imported, into: model)
        }
        return model
    }

    private mutating func loadInclude(_ entry: ConfigNode, workingDirectory: String, variables: VariableTable,
                                      includeChain: [String]) -> ConfigNode? {
        var paths: [ConfigNode] = []
        var projectDirectory: ConfigNode?
        var envFiles: [ConfigNode]?
        if entry.string != nil {
            paths = [entry]
        } else if entry.entries != nil {
            if let path = entry["path"] { paths = path.items ?? [path] }
            projectDirectory = entry["project_directory"]
            if let envFile = entry["env_file"] { envFiles = envFile.items ?? [envFile] }
        }
        let files = paths.compactMap(\.string).map { PathNames.join(workingDirectory, $0) }
        guard let main = files.first else {
            report(.error, "invalid-include", "an `include` entry needs a `path`", at: entry.location)
            return nil
        }
        if includeChain.contains(main) {
            report(.error, "include-cycle", "include cycle: \((includeChain + [main]).joined(separator: " includes "))", at: paths[0].location)
            return nil
        }
        let directory = projectDirectory?.string.map { PathNames.join(workingDirectory, $0) } ?? PathNames.directory(of: main)
        var included = variables
        if let envFiles {
            for file in envFiles.compactMap(\.string) where file != "/dev/null" {
                let envPath = PathNames.join(workingDirectory, file)
                guard readEnvFile(envPath, into: &included, at: entry.location) else {
                    report(.error, "missing-file", "cannot read the env_file `\(envPath)` of this include", at: entry.location)
                    continue
                }
            }
        } else {
            _ = readEnvFile(PathNames.join(directory, ".env"), into: &included, at: entry.location)
        }
        return load(files: files, workingDirectory: directory, variables: included, includeChain: includeChain)
    }

    /// Adds a `.env` file's values to `variables` (the names not set yet);
    /// `false` when there is no such file.
    mutating func readEnvFile(_ path: String, into variables: inout VariableTable, at location: SourceLocation?) -> Bool {
        guard let bytes = source.read(path) else { return false }
        let current = variables
        let (entries, problem) = DotEnv.parse(bytes, environment: current.lookup)
        if let problem {
            report(.error, "invalid-env-file", problem.message, at: SourceLocation(file: path, line: problem.line, column: 1))
        }
        variables.addMissing(entries, origin: .dotEnv(file: path))
        return true
    }

    private func importServices(from imported: ConfigNode, into model: ConfigNode) -> ConfigNode {
        guard let services = imported["services"]?.entries, !services.isEmpty else { return model }
        let local = model["services"] ?? ConfigNode.emptyMap(at: model.location, base: model.base)
        guard var entries = local.entries else { return model }
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() { index[entry.key] = i }
        for service in services {
            if let i = index[service.key] {
                entries[i].value = ComposeMerge.merge(service.value, entries[i].value, path: ["services", service.key])
            } else {
                index[service.key] = entries.count
                entries.append(service)
            }
        }
        var merged = local
        merged.content = .map(entries)
        return model.setting("services", merged)
    }
}
