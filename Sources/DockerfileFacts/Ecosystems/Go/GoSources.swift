/// What a Go program's sources say it needs at run time. Relative paths
/// resolve against the process's working directory (Go has no notion of
/// the source folder at run time); `//go:embed` files are in the binary and
/// are not reads (comments are never read); `_test.go` files and
/// `testdata/` are skipped. Native needs come from `go.mod` and imports
/// (`GoModules`).
public enum GoSources {
    public static func read(_ context: BuildContext, root: String = "") -> SourceFindings {
        let set = SourceFiles.select(context, root: root, extensions: ["go"], language: "Go", skip: isTestFile)
        var findings = SourceFindings()
        findings.unknowns += set.unknowns
        var imports: [String: Evidence] = [:]
        var viper = GoViperConfig()
        for file in set.files {
            var reader = GoFileReader(source: ScannedSource(path: file.path, bytes: file.bytes, syntax: .go))
            reader.read()
            findings.merge(reader.findings)
            for (path, evidence) in reader.imports where imports[path] == nil { imports[path] = evidence }
            viper.merge(reader.viper)
        }
        viper.record(into: &findings)
        GoModules.read(context, root: root, imports: imports, into: &findings)
        return findings.normalized()
    }

    static func isTestFile(_ relative: String) -> Bool {
        relative.hasSuffix("_test.go") || SourceFiles.inFolder(relative, ["testdata"])
    }
}

/// One Go file: imports, then each call the tables know.
struct GoFileReader {
    let source: ScannedSource
    /// `const dbPath = "app.db"`: a name passed where a path goes.
    let constants: [String: String]
    var findings = SourceFindings()
    var imports: [String: Evidence] = [:]
    var viper = GoViperConfig()

    init(source: ScannedSource) {
        self.source = source
        constants = source.constants()
    }

    mutating func read() {
        readImports()
        for call in source.calls() {
            let callee = source.text(call.name)
            guard let use = SourceNames.lookup(callee, in: GoCalls.table) else { continue }
            if !use.frameworks.isEmpty, !imports.keys.contains(where: { path in use.frameworks.contains { path.hasPrefix($0) } }) { continue }
            record(use, callee: callee, arguments: source.arguments(at: call.open), at: call.name)
        }
        readStructFields()
    }

    /// `import "x"`, `import alias "x"`, `import ( … )`; `import "C"` is cgo.
    private mutating func readImports() {
        let t = source.tokens
        for k in t.indices where source.isWord(k, "import") {
            var end = k + 1
            if source.isPunctuation(k + 1, .openParen) { end = source.closing(k + 1) ?? min(t.count, k + 2) }
            else { end = min(t.count, source.isPlainString(k + 1) ? k + 2 : k + 3) }
            for j in (k + 1)..<end where source.isPlainString(j) {
                let path = source.value(j)
                imports[path] = imports[path] ?? source.evidence(token: j)
                if path == "C" {
                    findings.nativeNeeds.append(NativeNeed(dependency: source.path, requirement: .cgo, detail: "imports \"C\": cgo code in the program's own sources",
                                                           evidence: source.evidence(token: j)))
                }
            }
        }
    }

    /// A path argument: a string, a constant, or `filepath.Join`/`path.Join` of them.
    func pathValue(_ range: Range<Int>) -> PathValue? {
        guard range.count <= ScannedSource.maxExpressionTokens else { return nil }
        if let s = string(range) { return PathValue(s, base: .workingDirectory) }
        guard range.count >= 3, source.tokens[range.lowerBound].kind == .word,
              ["filepath.Join", "path.Join"].contains(source.text(range.lowerBound)),
              source.isPunctuation(range.lowerBound + 1, .openParen), source.closing(range.lowerBound + 1) == range.upperBound - 1 else { return nil }
        var parts: [String] = []
        for part in source.arguments(at: range.lowerBound + 1) {
            guard let s = string(part) else { return nil }
            parts.append(s)
        }
        return PathValue(PathValue.join(parts), base: .workingDirectory)
    }

    /// A string literal, or a name given one.
    func string(_ range: Range<Int>) -> String? {
        if let s = source.onlyString(range) { return s }
        guard range.count == 1, source.tokens[range.lowerBound].kind == .word else { return nil }
        return constants[source.text(range.lowerBound)]
    }

    private mutating func record(_ use: GoCalls.Use, callee: String, arguments: [Range<Int>], at k: Int) {
        let evidence = source.evidence(token: k)
        let via = callee.hasPrefix(".") ? String(callee.dropFirst()) : callee
        switch use.kind {
        case .path(let effect, let shape, let index, let necessity):
            guard index < arguments.count else { return }
            guard let value = pathValue(arguments[index]) else { return findings.unknownPath(via, evidence: evidence) }
            findings.add(effect, value, shape: shape, necessity: necessity, via: via, evidence: evidence)
        case .paths(let effect, let shape, let indices):
            for index in indices where index < arguments.count {
                guard let value = pathValue(arguments[index]) else { findings.unknownPath(via, evidence: evidence); continue }
                findings.add(effect, value, shape: shape, via: via, evidence: evidence)
            }
        case .eachPath(let effect, let shape, let defaultPath):
            if arguments.isEmpty, let d = defaultPath { findings.add(effect, PathValue(d, base: .workingDirectory), shape: shape, via: via, evidence: evidence) }
            for a in arguments {
                guard let value = pathValue(a) else { findings.unknownPath(via, evidence: evidence); continue }
                findings.add(effect, value, shape: shape, via: via, evidence: evidence)
            }
        default:
            recordSpecial(use.kind, via: via, arguments: arguments, evidence: evidence)
        }
    }

    private mutating func recordSpecial(_ kind: GoCalls.Kind, via: String, arguments: [Range<Int>], evidence: Evidence) {
        switch kind {
        case .openFile:
            guard let path = arguments.first else { return }
            guard let value = pathValue(path) else { return findings.unknownPath(via, evidence: evidence) }
            let flags = arguments.count > 1 ? arguments[1].map { source.text($0) }.joined() : ""
            let writes = ["O_WRONLY", "O_RDWR", "O_CREATE", "O_APPEND", "O_TRUNC"].contains { flags.contains($0) }
            findings.add(writes ? .write : .read, value, shape: .file, via: via, evidence: evidence)
        case .sqlOpen(let driverIndex):
            guard arguments.count > driverIndex + 1, let driver = source.onlyString(arguments[driverIndex]) else { return }
            guard ["sqlite3", "sqlite", "sqlite3_extended", "sqlite3_with_extensions"].contains(driver) else { return }
            recordDatabase(arguments[driverIndex + 1], via: via, evidence: evidence)
        case .sqliteOpen:
            if let dsn = arguments.first { recordDatabase(dsn, via: via, evidence: evidence) }
        case .command(let index):
            guard index < arguments.count else { return }
            recordCommand(arguments[index...], via: via, evidence: evidence)
        case .flagDefault(let nameIndex, let valueIndex):
            recordFlagDefault(arguments, nameIndex: nameIndex, valueIndex: valueIndex, via: via, evidence: evidence)
        case .viper(let setting):
            guard let a = arguments.first else { return }
            viper.note(setting, value: source.onlyString(a), evidence: evidence)
        default:
            return
        }
    }

    /// A SQLite DSN (`file:app.db?cache=shared`): the file is read and written.
    private mutating func recordDatabase(_ range: Range<Int>, via: String, evidence: Evidence) {
        guard let value = pathValue(range) else { return findings.unknownPath(via, evidence: evidence) }
        var path = value.path
        if path.hasPrefix("file:") { path.removeFirst(5) }
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        guard !path.isEmpty, !path.contains(":memory:"), path != ":memory:" else { return }
        findings.add(.readWrite, PathValue(path, base: value.base), shape: .file, via: via, evidence: evidence)
    }

    /// `exec.Command("git", …)`; `sh -c "cmd …"` also names the command's program.
    private mutating func recordCommand(_ arguments: ArraySlice<Range<Int>>, via: String, evidence: Evidence) {
        guard let first = arguments.first, let program = string(first) else { return findings.unknownProgram(via, evidence: evidence) }
        findings.execute(program, via: via, evidence: evidence)
        let rest = Array(arguments.dropFirst())
        if ["sh", "bash", "/bin/sh", "/bin/bash", "ash"].contains(program), rest.count >= 2, source.onlyString(rest[0]) == "-c" {
            if let command = source.onlyString(rest[1]), let inner = SourceNames.program(ofShellCommand: command) {
                findings.execute(inner, via: "\(via) (\(program) -c)", evidence: evidence)
            } else {
                findings.unknownProgram("\(via) (\(program) -c)", evidence: evidence)
            }
        }
    }

    /// `flag.String("config", "./config.yaml", …)`: a default that is a path is read
    /// (written when the flag is about logs or output; both for databases).
    private mutating func recordFlagDefault(_ arguments: [Range<Int>], nameIndex: Int, valueIndex: Int, via: String, evidence: Evidence) {
        guard valueIndex < arguments.count, let value = source.onlyString(arguments[valueIndex]), SourceNames.looksLikePath(value) else { return }
        let name = (source.onlyString(arguments[nameIndex]) ?? "").lowercased()
        let database = [".db", ".sqlite", ".sqlite3"].contains { value.hasSuffix($0) }
        let effect: SourceFindings.Effect = database ? .readWrite : (name.contains("log") || name.contains("out") ? .write : .read)
        findings.add(effect, PathValue(value, base: .workingDirectory), shape: value.hasSuffix("/") ? .folder : .file,
                     via: "\(via) default of -\(name)", evidence: evidence)
    }

    /// Struct literals that name files: lumberjack's `Filename`, zap's
    /// `OutputPaths`, echo's `StaticConfig{Root: …}`.
    private mutating func readStructFields() {
        let t = source.tokens
        for k in t.indices where t[k].kind == .word && source.isPunctuation(k + 1, .openBrace) {
            let type = source.text(k)
            guard let close = source.closing(k + 1) else { continue }
            let body = (k + 1)..<(close + 1)
            let evidence = source.evidence(token: k)
            if type.hasSuffix("lumberjack.Logger"), let f = source.field("Filename", in: body) {
                if let value = pathValue(f) { findings.add(.write, value, shape: .file, via: "lumberjack.Logger", evidence: evidence) }
                else { findings.unknownPath("lumberjack.Logger", evidence: evidence) }
            }
            if type.hasSuffix("StaticConfig"), let f = source.field("Root", in: body), let value = pathValue(f) {
                findings.add(.read, value, shape: .folder, via: "echo StaticConfig", evidence: evidence)
            }
            if type == "zap.Config" { readZapOutputs(body) }
        }
    }

    private mutating func readZapOutputs(_ body: Range<Int>) {
        for key in ["OutputPaths", "ErrorOutputPaths"] {
            guard let f = source.field(key, in: body) else { continue }
            for j in f where source.isPlainString(j) {
                let s = source.value(j)
                if s != "stdout" && s != "stderr" && !s.contains("://") {
                    findings.add(.write, PathValue(s, base: .workingDirectory), shape: .file, via: "zap \(key)", evidence: source.evidence(token: j))
                }
            }
        }
    }
}
