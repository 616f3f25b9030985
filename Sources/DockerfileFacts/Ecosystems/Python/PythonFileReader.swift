/// One Python file: file APIs, SQLite, logging files, subprocesses, and the
/// framework conventions (Flask, FastAPI, Django settings) the reader knows.
struct PythonFileReader {
    let source: ScannedSource
    let paths: PythonPaths
    var findings = SourceFindings()
    /// `Flask(__name__)` apps: their folder and the line.
    var flaskApps: [(folder: String, evidence: Evidence, templates: PathValue?, statics: PathValue?)] = []
    /// SQLite URLs (`sqlite:///app.db`): Flask-SQLAlchemy resolves relative ones in the app's `instance/`.
    var sqliteURLs: [(path: String, evidence: Evidence)] = []
    var modules: Set<String> = []
    var rendersTemplates = false

    init(source: ScannedSource) {
        self.source = source
        paths = PythonPaths(source: source)
    }

    mutating func read() {
        readImports()
        for call in source.calls() {
            let callee = source.text(call.name)
            let last = SourceNames.last(callee)
            if last == "render_template" { rendersTemplates = true }
            if callee.hasPrefix("."), let method = PythonCalls.methods[last] {
                recordMethod(method, at: call.name, arguments: source.arguments(at: call.open), evidence: source.evidence(token: call.name))
            } else if let use = SourceNames.lookup(callee, in: PythonCalls.table) {
                record(use, via: callee, arguments: source.arguments(at: call.open), evidence: source.evidence(token: call.name))
            } else if let method = PythonCalls.methods[last], callee.contains("."), paths.names[String(callee.dropLast(last.count + 1))] != nil {
                recordMethod(method, at: call.name, arguments: source.arguments(at: call.open), evidence: source.evidence(token: call.name))
            }
        }
        readStrings()
        if Self.isDjangoSettings(source.path) { readDjangoSettings() }
    }

    static func isDjangoSettings(_ path: String) -> Bool {
        SourceFiles.name(path) == "settings.py" || SourceFiles.inFolder(path, ["settings"])
    }

    /// `import a.b`, `from a.b import c`: the top module names.
    private mutating func readImports() {
        for k in source.tokens.indices where source.isWord(k, "import") || source.isWord(k, "from") {
            guard k + 1 < source.tokens.count, source.tokens[k + 1].kind == .word else { continue }
            modules.insert(String(source.text(k + 1).split(separator: ".").first ?? ""))
        }
    }

    /// The argument at `index` or the keyword `name`.
    func argument(_ args: [Range<Int>], _ index: Int?, _ name: String?) -> Range<Int>? {
        if let name, let r = args.lazy.compactMap({ self.source.field(name, in: $0) }).first { return r }
        guard let index, index < args.count, !isKeyword(args[index]) else { return nil }
        return args[index]
    }

    private func isKeyword(_ r: Range<Int>) -> Bool {
        r.count >= 2 && source.tokens[r.lowerBound].kind == .word && source.isPunctuation(r.lowerBound + 1, .equals)
    }

    mutating func record(_ use: PythonCalls.Use, via: String, arguments args: [Range<Int>], evidence: Evidence) {
        switch use {
        case .path(let effect, let shape, let index, let keyword, let necessity):
            guard let a = argument(args, index, keyword) else { return }
            guard let value = paths.value(a) else { return findings.unknownPath(via, evidence: evidence) }
            findings.add(effect, value, shape: shape, necessity: necessity, via: via, evidence: evidence)
        case .open:
            guard let a = argument(args, 0, "file") else { return }
            guard let value = paths.value(a) else { return findings.unknownPath(via, evidence: evidence) }
            let mode = argument(args, 1, "mode").flatMap { source.onlyString($0) } ?? "r"
            findings.add(Self.effect(ofMode: mode), value, shape: .file, via: via, evidence: evidence)
        case .fileDatabase(let keyword):
            guard let a = argument(args, 0, keyword) else { return }
            guard let value = paths.value(a) else { return findings.unknownPath(via, evidence: evidence) }
            if value.path != ":memory:" && value.path != "" { findings.add(.readWrite, value, shape: .file, via: via, evidence: evidence) }
        case .dotenv:
            // `load_dotenv(find_dotenv())` searches as `load_dotenv()` does; `find_dotenv(usecwd=True)` from the working directory.
            if let a = argument(args, 0, "dotenv_path"), source.isWord(a.lowerBound, "find_dotenv") || source.isWord(a.lowerBound, "dotenv.find_dotenv") {
                let fromWorkingDirectory = a.contains { source.isWord($0, "usecwd") }
                let value = fromWorkingDirectory ? PathValue(".env", base: .workingDirectory) : PathValue.inFolder(source.folder, ".env")
                findings.add(.read, value, shape: .file, via: via, evidence: evidence)
            } else if let a = argument(args, 0, "dotenv_path") {
                guard let value = paths.value(a) else { return findings.unknownPath(via, evidence: evidence) }
                findings.add(.read, value, shape: .file, via: via, evidence: evidence)
            } else {
                // find_dotenv(): the calling file's folder, then the folders above it.
                findings.add(.read, PathValue.inFolder(source.folder, ".env"), shape: .file, via: via, evidence: evidence)
            }
        case .flask:
            recordFlask(args, evidence: evidence)
        case .program(let index):
            recordProgram(argument(args, index, nil), shell: false, via: via, evidence: evidence)
        case .shell:
            recordProgram(argument(args, 0, "args") ?? argument(args, 0, "cmd"), shell: true, via: via, evidence: evidence)
        }
    }

    /// `open()` modes: `w`, `a`, `x` write; `+` reads and writes.
    static func effect(ofMode mode: String) -> SourceFindings.Effect {
        if mode.contains("+") { return .readWrite }
        return mode.contains(where: { "wax".contains($0) }) ? .write : .read
    }

    /// `Path("x").read_text()`, `CONFIG.write_text(…)`, `(BASE / "x").mkdir()`: the receiver is the path.
    private mutating func recordMethod(_ method: PythonCalls.Method, at k: Int, arguments args: [Range<Int>], evidence: Evidence) {
        let callee = source.text(k)
        let via = "Path." + SourceNames.last(callee)
        var receiver: PathValue?
        if callee.hasPrefix(".") {
            guard source.isPunctuation(k - 1, .closeParen), let open = source.opening(k - 1) else { return }
            let start = open > 0 && source.tokens[open - 1].kind == .word ? open - 1 : open
            receiver = paths.value(start..<k)
            if receiver == nil && ["Path", "pathlib.Path"].contains(where: { source.isWord(start, $0) }) {
                return findings.unknownPath(via, evidence: evidence)
            }
        } else {
            let name = String(callee[..<(callee.lastIndex(of: ".") ?? callee.startIndex)])
            guard let bound = paths.names[name] else { return }
            receiver = bound
        }
        guard let path = receiver else { return }
        switch method {
        case .use(let effect, let shape, let necessity):
            findings.add(effect, path, shape: shape, necessity: necessity, via: via, evidence: evidence)
        case .open:
            let mode = argument(args, 0, "mode").flatMap { source.onlyString($0) } ?? "r"
            findings.add(Self.effect(ofMode: mode), path, shape: .file, via: via, evidence: evidence)
        case .glob:
            guard let pattern = argument(args, 0, nil).flatMap({ source.onlyString($0) }) else { return }
            findings.add(.read, PathValue(PathValue.join([path.path == "." ? "" : path.path, pattern]), base: path.base), shape: .glob, via: via, evidence: evidence)
        }
    }

    /// `subprocess.run(["git", …])`, `subprocess.run("git pull", shell=True)`, `os.system("…")`.
    private mutating func recordProgram(_ range: Range<Int>?, shell: Bool, via: String, evidence: Evidence) {
        guard let r = range, let first = r.first else { return }
        if source.isPunctuation(first, .openBracket) || source.isPunctuation(first, .openParen) {
            guard let head = source.arguments(at: first).first, let program = paths.value(head) else {
                return findings.unknownProgram(via, evidence: evidence)
            }
            return findings.execute(program.path, via: via, evidence: evidence)
        }
        var text = source.onlyString(r)
        if text == nil, source.isWord(first, "shlex.split"), let inner = source.arguments(at: first + 1).first { text = source.onlyString(inner) }
        guard let command = text, let program = SourceNames.program(ofShellCommand: command) else { return findings.unknownProgram(via, evidence: evidence) }
        findings.execute(program, via: via, evidence: evidence)
    }

    /// `Flask(__name__, template_folder=…, static_folder=…)`: both folders beside the module.
    private mutating func recordFlask(_ args: [Range<Int>], evidence: Evidence) {
        guard let first = args.first, source.isWord(first.lowerBound, "__name__") else { return }
        func folder(_ key: String, _ fallback: String) -> PathValue? {
            guard let r = argument(args, nil, key) else { return PathValue.inFolder(source.folder, fallback) }
            if r.count == 1 && source.isWord(r.lowerBound, "None") { return nil }
            guard let v = paths.value(r) else { findings.unknownPath("Flask \(key)", evidence: evidence); return nil }
            return v.base == .workingDirectory ? PathValue.inFolder(source.folder, v.path) : v
        }
        flaskApps.append((source.folder, evidence, folder("template_folder", "templates"), folder("static_folder", "static")))
    }

    /// String literals anywhere: SQLAlchemy's `sqlite:///x.db` URLs, dictConfig's `'filename': …`.
    private mutating func readStrings() {
        for k in source.tokens.indices where source.tokens[k].kind == .string {
            let text = source.value(k)
            if text.hasPrefix("sqlite") && text.contains(":///") {
                guard source.isPlainString(k) else { findings.unknownPath("a SQLite URL", evidence: source.evidence(token: k)); continue }
                var path = String(text[text.range(of: ":///")!.upperBound...])
                if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
                if !path.isEmpty && path != ":memory:" { sqliteURLs.append((path, source.evidence(token: k))) }
            } else if text == "filename", source.isPunctuation(k + 1, .colon) {
                if let v = paths.value(source.expression(from: k + 2)) { findings.add(.write, v, shape: .file, via: "logging filename", evidence: source.evidence(token: k)) }
            }
        }
    }
}
