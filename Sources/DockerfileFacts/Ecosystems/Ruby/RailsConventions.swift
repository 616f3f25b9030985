/// What a Rails app reads and writes by convention, relative to its folder:
/// `config/` (settings, credentials) is read and `public/` served; `log/`
/// and `tmp/` (pids, caches) are written at start; `storage/` (Active
/// Storage's disk service, SQLite files) is written when the context has
/// it; the production database of `config/database.yml` is read and written
/// when its adapter is sqlite3.
enum RailsConventions {
    static func record(_ context: BuildContext, root: String, into findings: inout SourceFindings) {
        let application = root + "config/application.rb"
        let evidence = applicationLine(context, application)
        let folder = { (name: String) in PathValue.inFolder(root, name) }
        findings.add(.read, folder("config"), shape: .folder, via: "Rails configuration", evidence: evidence)
        findings.add(.read, folder("public"), shape: .folder, necessity: .ifPresent, via: "Rails public files", evidence: evidence)
        findings.add(.write, folder("log"), shape: .folder, via: "Rails log", evidence: evidence)
        findings.add(.write, folder("tmp"), shape: .folder, via: "Rails tmp (pids, caches)", evidence: evidence)
        if context.has(root + "storage/") || !context.files(under: root + "storage").isEmpty {
            findings.add(.write, folder("storage"), shape: .folder, via: "Rails storage", evidence: evidence)
        }
        readDatabase(context, root: root, into: &findings)
    }

    /// The `class Application < Rails::Application` line (else the first).
    private static func applicationLine(_ context: BuildContext, _ path: String) -> Evidence {
        let lines = (context.text(path) ?? "").textLines(keepingEmpty: true)
        let n = lines.firstIndex { $0.contains("Rails::Application") } ?? 0
        return Evidence(file: path, line: n + 1, text: lines.indices.contains(n) ? String(lines[n].trimmingCharacters(in: " \t\r").prefix(200)) : "")
    }

    /// `config/database.yml`: the production section's `database:` when its
    /// adapter (or the `<<: *default` one) is sqlite3.
    private static func readDatabase(_ context: BuildContext, root: String, into findings: inout SourceFindings) {
        let path = root + "config/database.yml"
        guard let bytes = findings.manifest(context, path) else { return }
        var section = ""
        var adapters: [String: String] = [:]
        var databases: [String: (String, Evidence)] = [:]
        var inherits: [String: Bool] = [:]
        for (n, raw) in bytes.split(separator: .newline, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: raw.prefix(400), as: UTF8.self)
            if let first = line.first, first != " ", first != "#", let colon = line.firstIndex(of: ":") { section = String(line[..<colon]); continue }
            let trimmed = line.trimmingCharacters(in: " \t\r")
            let value = { (key: String) in trimmed.hasPrefix(key + ":") ? trimmed.dropFirst(key.count + 1).trimmingCharacters(in: " \"'") : nil }
            if let a = value("adapter") { adapters[section] = a }
            if let d = value("database") { databases[section] = (d, Evidence(file: path, line: n + 1, text: trimmed)) }
            if trimmed.hasPrefix("<<:") { inherits[section] = true }
        }
        let adapter = adapters["production"] ?? (inherits["production"] == true ? adapters["default"] : nil)
        guard adapter == "sqlite3", let (database, evidence) = databases["production"] else { return }
        guard !database.contains("<%") else { return findings.unknownPath("database.yml production database", evidence: evidence) }
        findings.add(.readWrite, PathValue.inFolder(root, database), shape: .file, via: "Rails SQLite database", evidence: evidence)
    }
}
