/// The dependencies of a `Cargo.toml`, read line by line (no TOML library):
/// `name = "1"`, `name = { version = "1", features = [...], default-features = false }`
/// (arrays may span lines), `[dependencies.name]` tables, `package = "…"`
/// renames, target-specific tables, and the strings of `[features]`.
enum CargoManifest {
    static func parse(_ bytes: [UInt8], file: String) -> (dependencies: [RustCrates.Dependency], featureStrings: Set<String>) {
        var dependencies: [RustCrates.Dependency] = []
        var features = Set<String>()
        var section = Section.other
        var pending: (text: String, line: Int)?
        for (n, raw) in bytes.split(separator: .newline, omittingEmptySubsequences: false).enumerated() {
            let line = withoutComment(String(decoding: raw.prefix(4_000), as: UTF8.self))
            if pending == nil, line.hasPrefix("[") {
                section = Section(header: line)
                if case .table(let name) = section {
                    dependencies.append(RustCrates.Dependency(name: name, features: [], defaultFeatures: true, evidence: evidence(file, n, line)))
                }
                continue
            }
            switch section {
            case .features:
                features.formUnion(quoted(line))
            case .table:
                apply(line, to: &dependencies[dependencies.count - 1])
            case .list:
                if pending == nil && line.isEmpty { continue }
                let text = pending.map { $0.text + " " + line } ?? line
                let start = pending?.line ?? n
                // An inline table whose arrays span lines: read on until it closes (64 lines at most).
                if !balanced(text) && n - start < 64 { pending = (text, start); continue }
                pending = nil
                if let d = entry(text, evidence: evidence(file, start, text)) { dependencies.append(d) }
            case .other:
                continue
            }
        }
        return (dependencies, features)
    }

    enum Section {
        /// `[dependencies]`, `[target.….dependencies]`, `[workspace.dependencies]`.
        case list
        /// `[dependencies.name]`.
        case table(String)
        case features
        case other

        init(header: String) {
            let h = header.trimmingCharacters(in: "[] ").replacing("\"", with: "")
            let parts = h.split(separator: ".").map(String.init)
            if h == "features" { self = .features; return }
            guard let at = parts.lastIndex(where: { $0.hasSuffix("dependencies") }) else { self = .other; return }
            if parts[at] != "dependencies" { self = .other; return }  // dev-, build-
            self = at == parts.count - 1 ? .list : .table(parts[(at + 1)...].joined(separator: "."))
        }
    }

    /// `name = …` in a list: the name (or its `package`), features, default-features.
    private static func entry(_ text: String, evidence: Evidence) -> RustCrates.Dependency? {
        guard let eq = text.firstIndex(of: "=") else { return nil }
        let name = text[..<eq].trimmingCharacters(in: " \t\"")
        guard !name.isEmpty else { return nil }
        var d = RustCrates.Dependency(name: name, features: [], defaultFeatures: true, evidence: evidence)
        apply(String(text[text.index(after: eq)...]), to: &d)
        return d
    }

    /// `features = [...]`, `default-features = false`, `package = "x"` inside an inline table or a `[dependencies.x]` line.
    private static func apply(_ text: String, to d: inout RustCrates.Dependency) {
        let compact = text.filter { $0 != " " && $0 != "\t" }
        if let r = compact.range(of: "features=[") {
            let list = compact[r.upperBound...].prefix { $0 != "]" }
            d.features.formUnion(quoted(String(list)))
        }
        if compact.contains("default-features=false") || compact.contains("default_features=false") { d.defaultFeatures = false }
        if let r = compact.range(of: "package=\"") {
            let renamed = String(compact[r.upperBound...].prefix { $0 != "\"" })
            d = RustCrates.Dependency(name: renamed, features: d.features, defaultFeatures: d.defaultFeatures, evidence: d.evidence)
        }
    }

    private static func quoted(_ text: String) -> [String] {
        text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    private static func balanced(_ text: String) -> Bool {
        var depth = 0
        var inString = false
        for c in text {
            if c == "\"" { inString.toggle() } else if !inString && (c == "{" || c == "[") { depth += 1 } else if !inString && (c == "}" || c == "]") { depth -= 1 }
        }
        return depth <= 0
    }

    private static func withoutComment(_ line: String) -> String {
        var inString = false
        var out = ""
        for c in line {
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { break }
            out.append(c)
        }
        return out.trimmingCharacters(in: " \t\r")
    }

    private static func evidence(_ file: String, _ n: Int, _ text: String) -> Evidence {
        Evidence(file: file, line: n + 1, text: String(text.trimmingCharacters(in: " ").prefix(200)))
    }
}
