/// `extends` (compose-spec `05-services.md`, compose-go `loader/extends.go`):
/// a service starts from another one, in the same file or in `file`
/// (relative to the project directory), merged with the service's own
/// definition winning. Paths in the other file resolve against that file's
/// folder. A cycle, or a service or file that does not exist, is an error.
extension ComposeModelReader {
    mutating func applyExtends(to file: ConfigNode, file path: String, workingDirectory: String, variables: VariableTable) -> ConfigNode {
        guard let services = file["services"], let entries = services.entries else { return file }
        guard entries.contains(where: { $0.value["extends"] != nil }) else { return file }
        var resolved = entries
        var done: [String: ConfigNode] = [:]
        for i in resolved.indices {
            if let service = resolve(resolved[i].key, in: services, file: path, workingDirectory: workingDirectory,
                                     variables: variables, chain: [], done: &done) {
                resolved[i].value = service
            }
        }
        var merged = services
        merged.content = .map(resolved)
        return file.setting("services", merged)
    }

    /// The service `name` of `services` (read from `file`) with its `extends` applied.
    private mutating func resolve(_ name: String, in services: ConfigNode, file: String, workingDirectory: String,
                                  variables: VariableTable, chain: [ExtendsLink], done: inout [String: ConfigNode]) -> ConfigNode? {
        let key = file + "\u{0}" + name
        if let finished = done[key] { return finished }
        guard let service = services[name] else { return nil }
        guard let extends = service["extends"] else { return service }
        let own = service.removing("extends")
        var reference: String?
        var otherFile: ConfigNode?
        if let text = extends.string {
            reference = text
        } else if extends.entries != nil {
            reference = extends["service"]?.string
            otherFile = extends["file"]
        }
        guard let reference else {
            report(.error, "invalid-extends", "`extends` of service `\(name)` needs a `service`", at: extends.location)
            return own
        }
        var baseServices = services
        var baseFile = file
        if let otherFile, let relative = otherFile.string {
            let otherPath = PathNames.join(workingDirectory, relative)
            guard let loaded = extendedFile(otherPath, variables: variables, at: otherFile.location) else { return own }
            baseServices = loaded["services"] ?? ConfigNode.emptyMap(at: loaded.location, base: loaded.base)
            baseFile = otherPath
        }
        guard baseServices[reference] != nil else {
            report(.error, "invalid-extends", "cannot extend service `\(name)`: service `\(reference)` not found in \(baseFile)", at: extends.location)
            return own
        }
        let link = ExtendsLink(file: baseFile, service: reference)
        let here = ExtendsLink(file: file, service: name)
        if chain.contains(link) || link == here {
            let names = (chain + [here, link]).map { $0.file == file ? "`\($0.service)`" : "`\($0.service)` of \($0.file)" }
            report(.error, "extends-cycle", "extends cycle: \(names.joined(separator: " → "))", at: extends.location)
            return own
        }
        guard let base = resolve(reference, in: baseServices, file: baseFile, workingDirectory: workingDirectory,
                                 variables: variables, chain: chain + [here], done: &done) else { return own }
        let merged = ComposeMerge.merge(ComposeMerge.stripped(base), own, path: ["services", name])
        done[key] = merged
        return merged
    }

    /// A file named by `extends.file`, read once, documents merged, paths
    /// relative to its own folder.
    private mutating func extendedFile(_ path: String, variables: VariableTable, at location: SourceLocation) -> ConfigNode? {
        if let cached = extendsCache[path] { return cached }
        guard source.read(path) != nil else {
            report(.error, "missing-file", "cannot read `\(path)`, named by `extends`", at: location)
            extendsCache[path] = .some(nil)
            return nil
        }
        let documents = readDocuments(path, base: PathNames.directory(of: path), variables: variables)
        let merged = documents.dropFirst().reduce(documents.first) { model, next in model.map { ComposeMerge.merge($0, next, path: []) } }
        extendsCache[path] = .some(merged)
        return merged
    }
}

/// A service in a file, as the `extends` chain walks them.
struct ExtendsLink: Equatable {
    var file: String
    var service: String
}
