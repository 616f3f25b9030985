import DockslimAudit

/// `dockslim audit --format sarif`: SARIF 2.1.0 as GitHub code scanning
/// reads it: one run, the rules with their help and a page each, one result
/// per finding with a path relative to the repository root (`%SRCROOT%`),
/// or an absolute `file://` URI for a file outside it; a finding an ignore
/// comment, `--ignore` or the configuration silenced is a result with
/// `suppressions` (`inSource` or `external`, with the justification).
public enum SARIFLog {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// Where a file is, as SARIF names it.
    public enum Artifact: Sendable, Equatable {
        /// A `/`-separated path relative to the repository root: `uriBaseId: %SRCROOT%`.
        case underSourceRoot(String)
        /// An absolute path outside the root: a `file://` URI without a base.
        case absolute(String)
    }

    /// `artifact` says where each file (by its printed path) is; the CLI
    /// decides it from the file system, this module cannot look.
    public static func document(_ files: [AuditedFile], version: String,
                                artifact: (String) -> Artifact = { .underSourceRoot($0) }) -> String {
        let rules = Auditor.rules
        var results: [JSONValue] = []
        for file in files {
            let location = artifact(file.path)
            let artifactLocation: JSONValue
            switch location {
            case .underSourceRoot(let p): artifactLocation = .object([("uri", .string(uri(p))), ("uriBaseId", .string("%SRCROOT%"))])
            case .absolute(let p): artifactLocation = .object([("uri", .string(fileURI(p)))])
            }
            var occurrences: [String: Int] = [:]
            // Suppressed findings stay in the log, marked (`suppressions`), so viewers show them as such.
            let reported = file.result.findings.map { ($0, Suppression?.none) } + file.result.suppressions.map { ($0.finding, Optional($0.suppression)) }
            for (f, suppression) in reported {
                guard let ruleIndex = rules.firstIndex(where: { $0.id == f.id }) else { continue }
                var message = f.message
                if let recipe = f.fix { message += " (fix: \(fixCommand(recipe, path: file.path)))" }
                let (startColumn, endColumn) = columns(f, in: file)
                // GitHub requires all four; the end is the end of the instruction's last line.
                let region: [(String, JSONValue)] = [("startLine", .int(f.line)), ("startColumn", .int(startColumn)),
                                                     ("endLine", .int(f.endLine)), ("endColumn", .int(endColumn))]
                let hash = fingerprint(f, file: file, location: location)
                occurrences[hash, default: 0] += 1
                var result: [(String, JSONValue)] = [
                    ("ruleId", .string(f.id)),
                    ("ruleIndex", .int(ruleIndex)),
                    ("level", .string(f.severity.rawValue)),
                    ("message", .object([("text", .string(message))])),
                    ("locations", .array([.object([
                        ("physicalLocation", .object([
                            ("artifactLocation", artifactLocation),
                            ("region", .object(region)),
                        ])),
                    ])])),
                    // GitHub matches alerts across runs by primaryLocationLineHash only ("hash:occurrence").
                    ("partialFingerprints", .object([
                        ("dockslimFinding/v1", .string(hash)),
                        ("primaryLocationLineHash", .string("\(hash):\(occurrences[hash]!)")),
                    ])),
                ]
                var properties: [(String, JSONValue)] = []
                if let recipe = f.fix { properties.append(("fixRecipe", .string(recipe))) }
                if let b = file.build {
                    properties.append((b.tool == "bake" ? "bakeTargets" : "composeServices", .array(b.names.map { .string($0) })))
                    if let t = b.target { properties.append(("target", .string(t))) }
                    properties.append(("buildDefinition", .string(b.definition)))
                }
                if !properties.isEmpty { result.append(("properties", .object(properties))) }
                if let suppression {
                    result.append(("suppressions", .array([.object([
                        ("kind", .string(suppression.kind.rawValue)), ("status", .string("accepted")),
                        ("justification", .string(suppression.justification)),
                    ])])))
                }
                results.append(.object(result))
            }
        }
        let doc = JSONValue.object([
            ("$schema", .string(schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("dockslim")),
                    ("semanticVersion", .string(version)),
                    ("rules", .array(rules.map(rule))),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
        return doc.pretty
    }

    static func rule(_ r: RuleMetadata) -> JSONValue {
        var markdown = "\(r.explanation)\n\n**What to do:** \(r.advice)"
        if !r.fixRecipes.isEmpty {
            markdown += "\n\n**Recipes that may fix it:** " + r.fixRecipes.map { "`dockslim rewrite --recipe \($0)`" }.joined(separator: ", ")
        }
        return .object([
            ("id", .string(r.id)),
            ("name", .string(pascalCase(r.name))),
            ("shortDescription", .object([("text", .string(r.summary))])),
            ("fullDescription", .object([("text", .string(r.explanation))])),
            ("helpUri", .string(RuleDocs.url(r))),
            ("help", .object([("text", .string("\(r.explanation)\n\nWhat to do: \(r.advice)")), ("markdown", .string(markdown))])),
            ("defaultConfiguration", .object([("level", .string(r.severity.rawValue))])),
            ("properties", .object(properties(r))),
        ])
    }

    /// Tags (`security` makes GitHub file the alert under security), the
    /// precision, and either `security-severity` (security rules) or
    /// `problem.severity` (the others), as GitHub reads them.
    static func properties(_ r: RuleMetadata) -> [(String, JSONValue)] {
        var p: [(String, JSONValue)] = [
            ("tags", .array([.string("dockerfile")] + r.tags.map { .string($0.rawValue) })),
            ("precision", .string("high")),
            ("problem.severity", .string(r.severity == .note ? "recommendation" : r.severity.rawValue)),
        ]
        if let score = r.securitySeverity { p.append(("security-severity", .string(score))) }
        return p
    }

    /// GitHub shows rule names as identifiers: `CopyBeforeDependencyInstall`.
    static func pascalCase(_ kebab: String) -> String {
        kebab.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// An absolute path as a `file://` URI.
    static func fileURI(_ path: String) -> String { "file://" + uri(path) }

    /// A path as a URI reference: `/`-separated, percent-encoded.
    static func uri(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        var out = ""
        for b in p.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~/".utf8.contains(b) {
                out.append(c)
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }

    /// Columns in Unicode code points (SARIF has no byte columns): the
    /// finding's, and the one after the end of its last line.
    static func columns(_ f: Finding, in file: AuditedFile) -> (Int, Int) {
        let tree = file.dockerfile.tree
        guard f.endLine >= 1, f.endLine <= tree.lineCount else { return (f.column, f.column + 1) }
        var end = tree.lineStart(f.endLine)
        while end < tree.source.count && tree.source[end] != 0x0A && tree.source[end] != 0x0D { end += 1 }
        let endColumn = tree.characterColumn(of: end)
        return (f.column, f.endLine > f.line ? max(1, endColumn) : max(f.column + 1, endColumn))
    }

    /// Stable across unrelated edits and across the folder dockslim runs
    /// from: the rule, the file's place in the repository and the text of
    /// the instruction's first line, not its line number.
    static func fingerprint(_ f: Finding, file: AuditedFile, location: Artifact) -> String {
        let tree = file.dockerfile.tree
        var text: [UInt8] = []
        if f.line <= tree.lineCount {
            var i = tree.lineStart(f.line)
            while i < tree.source.count && tree.source[i] != 0x0A { text.append(tree.source[i]); i += 1 }
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // A project build adds its names, so one finding of a shared Dockerfile stays one per build.
        let place = switch location { case .underSourceRoot(let p), .absolute(let p): p }
        var bytes: [UInt8] = Array(f.id.utf8) + [0] + Array(place.utf8) + [0] + text
        if let build = file.build { bytes += [0] + Array(build.names.joined(separator: ",").utf8) }
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
