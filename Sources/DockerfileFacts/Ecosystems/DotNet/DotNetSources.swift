/// What a .NET app's C# sources say it needs at run time: the files
/// `System.IO` opens (`File.ReadAllText("data.json")`, `new
/// StreamWriter(…)`, `Directory.CreateDirectory`), relative to the working
/// directory; the programs `Process.Start` runs; the host's content root
/// (the working directory: `appsettings.json`, `appsettings.Production.json`,
/// and `wwwroot` for a web app, read when there); and the SQLite databases
/// the connection strings of `appsettings*.json` name (read and written).
/// Tests (`*Tests*` folders) and build output (`bin`, `obj`) are not read.
///
/// Sources: Microsoft Learn "ASP.NET Core fundamentals: content root" (the
/// default content root is the current directory; `WebApplication.CreateBuilder`
/// and `Host.CreateDefaultBuilder` read `appsettings.json` and
/// `appsettings.{Environment}.json`, Production by default, from it) and
/// "Microsoft.Data.Sqlite connection strings" (`Data Source=` is a file path,
/// relative to the current directory; the file is created when missing).
public enum DotNetSources {
    public static func read(_ context: BuildContext) -> SourceFindings {
        let set = SourceFiles.select(context, root: "", extensions: ["cs"], language: "C#", skip: isTest)
        var findings = SourceFindings()
        findings.unknowns += set.unknowns
        for file in set.files {
            let source = ScannedSource(path: file.path, bytes: file.bytes, syntax: .c)
            readFile(source, into: &findings)
            let text = String(decoding: file.bytes, as: UTF8.self)
            if ["WebApplication.CreateBuilder", "CreateDefaultBuilder", "Host.CreateApplicationBuilder", "WebApplication.CreateSlimBuilder"].contains(where: text.contains) {
                let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Create") && $0.contains("Builder") } ?? 0
                let evidence = Evidence(file: file.path, line: line + 1, text: String(text.split(separator: "\n", omittingEmptySubsequences: false)[line].trimmingCharacters(in: " \t\r").prefix(200)))
                for name in ["appsettings.json", "appsettings.Production.json", "wwwroot"] {
                    findings.add(.read, PathValue(name, base: .workingDirectory), shape: name == "wwwroot" ? .folder : .file, necessity: .ifPresent,
                                 via: "the host's content root", evidence: evidence)
                }
            }
        }
        for path in context.files where isSettings(path) {
            readConnectionStrings(path, context: context, into: &findings)
        }
        return findings.normalized()
    }

    static func isTest(_ relative: String) -> Bool {
        relative.split(separator: "/").dropLast().contains { $0.lowercased().contains("test") || $0 == "bin" || $0 == "obj" }
    }

    static func isSettings(_ path: String) -> Bool {
        let name = Paths.basename(path)
        return name.hasPrefix("appsettings") && name.hasSuffix(".json") && !name.contains("Development") && !isTest(path)
    }

    static let fileReads: Set<String> = ["ReadAllText", "ReadAllLines", "ReadAllBytes", "ReadLines", "OpenRead", "OpenText", "ReadAllTextAsync",
                                         "ReadAllLinesAsync", "ReadAllBytesAsync", "GetFiles", "GetDirectories", "EnumerateFiles", "EnumerateDirectories"]
    static let fileWrites: Set<String> = ["WriteAllText", "WriteAllLines", "WriteAllBytes", "AppendAllText", "AppendAllLines", "AppendText", "Create",
                                          "CreateText", "OpenWrite", "Delete", "Move", "Copy", "CreateDirectory", "WriteAllTextAsync",
                                          "WriteAllLinesAsync", "WriteAllBytesAsync", "AppendAllTextAsync", "Open", "Replace"]

    static func readFile(_ source: ScannedSource, into findings: inout SourceFindings) {
        let constants = source.constants()
        for (nameIndex, open) in source.calls() {
            var callee = source.text(nameIndex)
            if callee.hasPrefix("System.IO.") { callee = String(callee.dropFirst("System.IO.".count)) }
            if callee.hasPrefix("System.Diagnostics.") { callee = String(callee.dropFirst("System.Diagnostics.".count)) }
            let parts = callee.split(separator: ".").map(String.init)
            let isNew = source.isWord(nameIndex - 1, "new")
            let args = source.arguments(at: open)
            let evidence = evidenceAt(source, nameIndex)
            func path() -> String? {
                guard let first = args.first else { return nil }
                if let s = source.onlyString(first) { return s }
                if first.count == 1, source.tokens[first.lowerBound].kind == .word { return constants[source.text(first.lowerBound)] }
                return nil
            }
            if parts.count == 2, parts[0] == "File" || parts[0] == "Directory" {
                let method = parts[1]
                let folder = parts[0] == "Directory"
                let effect: SourceFindings.Effect
                if method == "Exists" { effect = .read } else if fileReads.contains(method) { effect = .read } else if fileWrites.contains(method) { effect = .write } else { continue }
                guard let p = path() else { findings.unknownPath("\(callee)", evidence: evidence); continue }
                findings.add(effect, PathValue(p, base: .workingDirectory), shape: folder ? .folder : .file,
                             necessity: method == "Exists" ? .ifPresent : .required, via: callee, evidence: evidence)
            } else if isNew, ["StreamReader", "StreamWriter", "FileStream", "FileInfo", "DirectoryInfo"].contains(callee) {
                guard let first = args.first, let p = path() else {
                    // `new StreamReader(stream)`: a stream, not a path, when the argument is no string.
                    if let first = args.first, first.count == 1, source.tokens[first.lowerBound].kind == .word, callee == "StreamReader" || callee == "StreamWriter" { continue }
                    _ = args.first
                    findings.unknownPath("new \(callee)", evidence: evidence)
                    continue
                }
                _ = first
                let effect: SourceFindings.Effect = callee == "StreamReader" ? .read : (callee == "StreamWriter" ? .write : .readWrite)
                findings.add(effect, PathValue(p, base: .workingDirectory), shape: callee == "DirectoryInfo" ? .folder : .file, via: "new \(callee)", evidence: evidence)
            } else if callee == "Process.Start" || (isNew && callee == "ProcessStartInfo") {
                if let p = path() { findings.execute(p, via: callee, evidence: evidence) } else if !args.isEmpty { findings.unknownProgram(callee, evidence: evidence) }
            } else if callee.hasSuffix("UseSqlite"), let s = args.first.flatMap(source.onlyString), let db = sqlitePath(s) {
                findings.add(.readWrite, PathValue(db, base: .workingDirectory), shape: .file, necessity: .ifPresent, via: "SQLite connection string", evidence: evidence)
            }
        }
        // `FileName = "ffmpeg"` in a ProcessStartInfo initializer.
        for k in source.tokens.indices where source.isWord(k, "FileName") && source.isPunctuation(k + 1, UInt8(ascii: "=")) {
            if source.isPlainString(k + 2) { findings.execute(source.value(k + 2), via: "ProcessStartInfo.FileName", evidence: evidenceAt(source, k)) }
            else { findings.unknownProgram("ProcessStartInfo.FileName", evidence: evidenceAt(source, k)) }
        }
    }

    static func evidenceAt(_ source: ScannedSource, _ token: Int) -> Evidence {
        let line = source.tokens[token].line
        let lines = String(decoding: source.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let text = line - 1 < lines.count ? lines[line - 1].trimmingCharacters(in: " \t\r") : ""
        return Evidence(file: source.path, line: line, text: String(text.prefix(200)))
    }

    /// The file a SQLite connection string names (`Data Source=app.db`), not `:memory:`.
    static func sqlitePath(_ connection: String) -> String? {
        for part in connection.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " ") }
            guard kv.count == 2, ["data source", "datasource", "filename"].contains(kv[0].lowercased()) else { continue }
            let v = kv[1]
            guard !v.isEmpty, v != ":memory:", !v.contains("|"), !v.contains("%"), !v.contains(":") || v.hasPrefix("/") else { return nil }
            // A server (`Data Source=db.example.com`) is no file: SQLite files end in .db, .sqlite, .sqlite3 or .db3.
            return [".db", ".sqlite", ".sqlite3", ".db3"].contains(where: v.lowercased().hasSuffix) ? v : nil
        }
        return nil
    }

    /// SQLite files the connection strings of an `appsettings*.json` name.
    static func readConnectionStrings(_ path: String, context: BuildContext, into findings: inout SourceFindings) {
        guard let text = context.text(path), text.contains("ConnectionStrings") else { return }
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.lowercased().contains("data source=") || line.lowercased().contains("datasource=") || line.lowercased().contains("filename=") else { continue }
            let pieces = line.split(separator: "\"").map(String.init)
            // A SQL Server `Data Source=host,1433` or `tcp:` is no file.
            for db in pieces.filter({ $0.contains("=") }).compactMap(sqlitePath) where !db.contains(",") {
                findings.add(.readWrite, PathValue(db, base: .workingDirectory), shape: .file, necessity: .ifPresent, via: "SQLite connection string",
                             evidence: Evidence(file: path, line: n + 1, text: String(line.trimmingCharacters(in: " \t\r").prefix(200))))
            }
        }
    }
}
