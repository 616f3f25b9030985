/// One JavaScript or TypeScript file: `fs` calls, dotenv, Express static
/// folders, views and `sendFile`, log file transports, SQLite files,
/// uploads folders, and `child_process` programs.
struct NodeFileReader {
    let source: ScannedSource
    let paths: NodePaths
    var findings = SourceFindings()
    /// Module specifiers the file requires or imports, with the line.
    var modules: [String: Evidence] = [:]
    /// `app.set("view engine", …)` seen, and whether `views` was set.
    var setsViewEngine: Evidence?
    var setsViews = false

    init(source: ScannedSource) {
        self.source = source
        paths = NodePaths(source: source)
    }

    private func imports(_ names: String...) -> Bool {
        names.contains { name in modules[name] != nil || modules["node:" + name] != nil }
    }

    mutating func read() {
        readModules()
        if let e = modules["dotenv/config"] { findings.add(.read, PathValue(".env", base: .workingDirectory), shape: .file, via: "dotenv/config", evidence: e) }
        for call in source.calls() {
            let callee = source.text(call.name)
            let args = source.arguments(at: call.open)
            recordCall(callee, at: call.name, arguments: args)
        }
        readFields()
    }

    /// `require("x")`, `import … from "x"`, `import "x"`, `import("x")`, `export … from "x"`.
    private mutating func readModules() {
        let t = source.tokens
        for k in t.indices where t[k].kind == .string && source.isPlainString(k) {
            let isRequire = source.isPunctuation(k - 1, .openParen) && (source.isWord(k - 2, "require") || source.isWord(k - 2, "import"))
            let isImport = source.isWord(k - 1, "from") || source.isWord(k - 1, "import")
            if isRequire || isImport { modules[source.value(k)] = modules[source.value(k)] ?? source.evidence(token: k) }
        }
    }

    private mutating func recordCall(_ callee: String, at k: Int, arguments args: [Range<Int>]) {
        let last = SourceNames.last(callee)
        let qualifier = callee.dropLast(last.count).lowercased()
        let source = self.source
        let evidence = { source.evidence(token: k) }
        if let use = NodeCalls.fs[last], qualifier.contains("fs") || qualifier.hasSuffix("promises.") || (qualifier.isEmpty && imports("fs", "fs/promises", "fs-extra")) {
            return recordPath(use, args, via: callee, evidence: evidence())
        }
        if NodeCalls.childProcess.contains(last), isChildProcess(qualifier, at: k) {
            return recordProgram(last, args, via: callee, evidence: evidence())
        }
        switch callee {
        case "log4js.configure" where args.first.flatMap({ source.onlyString($0) }) != nil:
            recordPath(.init(.read, .file), args, via: callee, evidence: evidence())
        case "express.static", "serveStatic", "favicon":
            recordPath(.init(.read, callee == "favicon" ? .file : .folder), args, via: callee, evidence: evidence())
        case _ where last == "config" && isDotenv(callee, at: k):
            if let option = args.first.flatMap({ source.field("path", in: $0) }) { recordValue(option, .read, .file, via: "dotenv.config", evidence: evidence()) }
            else { findings.add(.read, PathValue(".env", base: .workingDirectory), shape: .file, via: "dotenv.config", evidence: evidence()) }
        case _ where last == "sendFile":
            recordSendFile(args, via: callee, evidence: evidence())
        case _ where last == "set" && qualifier != "" && args.count == 2:
            recordSetting(args, via: callee, evidence: evidence)
        case _ where last == "destination" && qualifier.hasSuffix("pino."):
            recordPath(.init(.write, .file), args, via: callee, evidence: evidence())
        case "ConfigModule.forRoot" where imports("@nestjs/config"):
            // @nestjs/config loads `.env` from the working directory unless told otherwise (docs.nestjs.com/techniques/configuration).
            let options = args.first
            if options.flatMap({ source.field("envFilePath", in: $0) }) == nil, options.flatMap({ source.field("ignoreEnvFile", in: $0) }) == nil {
                findings.add(.read, PathValue(".env", base: .workingDirectory), shape: .file, necessity: .ifPresent, via: callee, evidence: evidence())
            }
        case "Database", "sqlite3.Database", "Sqlite", "DatabaseSync":
            guard let a = args.first, source.onlyString(a) != ":memory:" else { return }
            recordValue(a, .readWrite, .file, via: "new " + callee, evidence: evidence())
        default:
            break
        }
    }

    private func isDotenv(_ callee: String, at k: Int) -> Bool {
        if callee == "dotenv.config" { return true }
        // require("dotenv").config()
        guard callee == ".config", let open = source.opening(k - 1) else { return false }
        return source.isWord(open - 1, "require") && source.isPlainString(open + 1) && source.value(open + 1) == "dotenv"
    }

    private func isChildProcess(_ qualifier: String, at k: Int) -> Bool {
        if ["child_process.", "cp.", "childprocess.", "child.", "shell.", "shelljs."].contains(qualifier) { return true }
        if qualifier.isEmpty { return imports("child_process") }
        guard qualifier == ".", let open = source.opening(k - 1) else { return false }
        return source.isWord(open - 1, "require") && source.isPlainString(open + 1) && source.value(open + 1).hasSuffix("child_process")
    }

    mutating func recordPath(_ use: NodeCalls.PathUseRule, _ args: [Range<Int>], via: String, evidence: Evidence) {
        guard use.index < args.count else { return }
        recordValue(args[use.index], use.effect, use.shape, necessity: use.necessity, via: via, evidence: evidence)
    }

    mutating func recordValue(_ r: Range<Int>, _ effect: SourceFindings.Effect, _ shape: PathUse.Shape, necessity: PathUse.Necessity = .required,
                              via: String, evidence: Evidence) {
        guard let value = paths.value(r) else { return findings.unknownPath(via, evidence: evidence) }
        findings.add(effect, value, shape: shape, necessity: necessity, via: via, evidence: evidence)
    }

    /// `res.sendFile(path.join(__dirname, "index.html"))`, `res.sendFile("index.html", { root: "public" })`.
    private mutating func recordSendFile(_ args: [Range<Int>], via: String, evidence: Evidence) {
        guard let file = args.first else { return }
        if args.count > 1, let root = source.field("root", in: args[1]) {
            guard let base = paths.value(root), let name = source.onlyString(file) else { return findings.unknownPath(via, evidence: evidence) }
            return findings.add(.read, paths.joined(base, name), shape: .file, via: via, evidence: evidence)
        }
        recordValue(file, .read, .file, via: via, evidence: evidence)
    }

    /// `app.set("views", dir)` and `app.set("view engine", "ejs")`.
    private mutating func recordSetting(_ args: [Range<Int>], via: String, evidence: () -> Evidence) {
        switch source.onlyString(args[0]) {
        case "views":
            setsViews = true
            recordValue(args[1], .read, .folder, via: via + " views", evidence: evidence())
        case "view engine":
            setsViewEngine = setsViewEngine ?? evidence()
        default:
            break
        }
    }

    /// `exec("git pull")` runs a shell line; `spawn("git", […])` and `execFile` a program; `fork("worker.js")` a script with node.
    private mutating func recordProgram(_ function: String, _ args: [Range<Int>], via: String, evidence: Evidence) {
        guard let first = args.first else { return }
        if function == "fork" { return recordValue(first, .read, .file, via: via, evidence: evidence) }
        let text = source.onlyString(first) ?? paths.value(first).flatMap { $0.base == .workingDirectory || $0.base == .absolute ? $0.path : nil }
        guard let text else { return findings.unknownProgram(via, evidence: evidence) }
        let shell = function.hasPrefix("exec") && !function.hasPrefix("execFile")
        guard let program = shell ? SourceNames.program(ofShellCommand: text) : text else { return findings.unknownProgram(via, evidence: evidence) }
        findings.execute(program, via: via, evidence: evidence)
    }

    /// Options objects that name files: winston and log4js `filename` (with
    /// `dirname`), multer's `dest`/`destination`, SQLite `filename`/`storage`.
    private mutating func readFields() {
        let t = source.tokens
        for k in t.indices where t[k].kind == .word && source.isPunctuation(k + 1, .colon) {
            let key = source.text(k)
            guard NodeCalls.fileFields.contains(key) else { continue }
            let r = source.expression(from: k + 2)
            guard let value = paths.value(r) else {
                if key == "filename" && logsToFiles { findings.unknownPath("a log file", evidence: source.evidence(token: k)) }
                continue
            }
            let lower = value.path.lowercased()
            let evidence = source.evidence(token: k)
            if key == "envFilePath" {
                if imports("@nestjs/config") { findings.add(.read, value, shape: .file, necessity: .ifPresent, via: "@nestjs/config envFilePath", evidence: evidence) }
            } else if key == "autoSchemaFile" {
                // @nestjs/graphql writes the schema it generates at every start, making its folder first.
                guard imports("@nestjs/graphql") else { continue }
                findings.add(.write, value, shape: .file, via: "@nestjs/graphql autoSchemaFile", evidence: evidence)
                if value.path.contains("/") {
                    findings.add(.write, PathValue(Paths.dirname(value.path), base: value.base), shape: .folder, via: "@nestjs/graphql autoSchemaFile folder", evidence: evidence)
                }
            } else if [".db", ".sqlite", ".sqlite3"].contains(where: { lower.hasSuffix($0) }) {
                findings.add(.readWrite, value, shape: .file, via: "SQLite \(key)", evidence: evidence)
            } else if key == "filename" && logsToFiles {
                let file = dirname(near: k).map { paths.joined($0, value.path) } ?? value
                findings.add(.write, file, shape: .file, via: "log file", evidence: evidence)
                // The transports create the log's folder when they start.
                if file.path.contains("/") {
                    findings.add(.write, PathValue(Paths.dirname(file.path), base: file.base), shape: .folder, via: "log folder", evidence: evidence)
                }
            } else if key == "dest" || key == "destination" {
                if imports("multer") { findings.add(.write, value, shape: .folder, via: "multer \(key)", evidence: evidence) }
            }
        }
    }

    /// The file uses winston, log4js or another logger whose options name files.
    private var logsToFiles: Bool {
        imports("winston", "log4js", "winston-daily-rotate-file", "rotating-file-stream", "bunyan", "pino")
    }

    /// The `dirname:` beside a `filename:` in the same object.
    private func dirname(near k: Int) -> PathValue? {
        var j = k - 1
        var depth = 0
        while j >= 0 && j > k - 64 {
            if source.opening(j) != nil { depth += 1 } else if source.closing(j) != nil { if depth == 0 { break }; depth -= 1 }
            j -= 1
        }
        guard j >= 0, let close = source.closing(j) else { return nil }
        return source.field("dirname", in: j..<(close + 1)).flatMap { paths.value($0) }
    }
}
