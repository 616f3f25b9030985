/// Reads Compose files into one merged model, as compose-go's
/// `loader/loader.go` does for each file in turn: every YAML document is
/// interpolated, its `include` entries are loaded and imported, its
/// services' `extends` are applied, and it is merged onto what came before.
struct ComposeModelReader {
    let source: FileSource
    var diagnostics: [DefinitionDiagnostic] = []
    /// Every file read, in order.
    var filesRead: [String] = []
    var reportedUnset: Set<String> = []
    /// Files read for `extends`, by path (`nil`: unreadable).
    var extendsCache: [String: ConfigNode?] = [:]
    /// Limits for every YAML file: compose-go refuses documents past
    /// 100,000 node visits (`loader/reset.go` `defaultMaxNodeVisits`), and
    /// so does this reader, aliases expanded.
    static let yamlLimits = YAMLReader.Limits(maxDepth: 128, maxNodes: 100_000)

    init(source: FileSource) {
        self.source = source
    }

    mutating func report(_ severity: DefinitionDiagnostic.Severity, _ code: String, _ message: String, at location: SourceLocation?) {
        diagnostics.append(DefinitionDiagnostic(severity, code, message, at: location))
    }

    /// The files merged in order; relative paths in them start at
    /// `workingDirectory`. `includeChain` holds the files that include these.
    mutating func load(files: [String], workingDirectory: String, variables: VariableTable,
                       includeChain: [String] = []) -> ConfigNode? {
        var model: ConfigNode?
        for path in files {
            for document in readDocuments(path, base: workingDirectory, variables: variables) {
                var file = document
                file = applyIncludes(to: file, file: path, workingDirectory: workingDirectory, variables: variables,
                                     includeChain: includeChain + [path])
                file = applyExtends(to: file, file: path, workingDirectory: workingDirectory, variables: variables)
                model = model.map { ComposeMerge.merge($0, file, path: []) } ?? ComposeMerge.stripped(file)
            }
        }
        return model
    }

    /// The documents of one file as config nodes (top level must be a mapping).
    mutating func readDocuments(_ path: String, base: String, variables: VariableTable) -> [ConfigNode] {
        guard let bytes = source.read(path) else {
            report(.error, "missing-file", "cannot read the Compose file `\(path)`", at: nil)
            return []
        }
        filesRead.append(path)
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader.read(bytes, file: path, limits: Self.yamlLimits)
        } catch {
            diagnostics.append(DefinitionDiagnostic(error))
            return []
        }
        var result: [ConfigNode] = []
        for document in documents {
            guard document.root.mapping != nil else {
                if !document.root.isNull {
                    report(.error, "invalid-compose", "the top level of a Compose file must be a mapping", at: document.root.location)
                }
                continue
            }
            var reader = ConfigReader(variables: variables, base: base, reportedUnset: reportedUnset)
            result.append(reader.read(document.root))
            diagnostics += reader.diagnostics
            reportedUnset = reader.reportedUnset
        }
        return result
    }
}
