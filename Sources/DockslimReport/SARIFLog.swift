import DockslimAudit

/// `dockslim audit --format sarif`: SARIF 2.1.0 as GitHub code scanning
/// reads it: one run, the rules with their help, one result per finding
/// with a path relative to the repository root (`%SRCROOT%`); a finding an
/// ignore comment, `--ignore` or the configuration silenced is a result
/// with `suppressions` (`inSource` or `external`, with the justification).
public enum SARIFLog {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func document(_ files: [AuditedFile], version: String) -> String {
        let rules = Auditor.rules
        var results: [JSONValue] = []
        for file in files {
            // Suppressed findings stay in the log, marked (`suppressions`), so viewers show them as such.
            let reported = file.result.findings.map { ($0, Suppression?.none) } + file.result.suppressions.map { ($0.finding, Optional($0.suppression)) }
            for (f, suppression) in reported {
                guard let ruleIndex = rules.firstIndex(where: { $0.id == f.id }) else { continue }
                var message = f.message
                if let recipe = f.fix { message += " (fix: \(fixCommand(recipe, path: file.path)))" }
                let (startColumn, endColumn) = columns(f, in: file)
                var region: [(String, JSONValue)] = [("startLine", .int(f.line)), ("startColumn", .int(startColumn))]
                if f.endLine > f.line { region.append(("endLine", .int(f.endLine))) } else { region.append(("endColumn", .int(endColumn))) }
                var result: [(String, JSONValue)] = [
                    ("ruleId", .string(f.id)),
                    ("ruleIndex", .int(ruleIndex)),
                    ("level", .string(f.severity.rawValue)),
                    ("message", .object([("text", .string(message))])),
                    ("locations", .array([.object([
                        ("physicalLocation", .object([
                            ("artifactLocation", .object([("uri", .string(uri(file.path))), ("uriBaseId", .string("%SRCROOT%"))])),
                            ("region", .object(region)),
                        ])),
                    ])])),
                    ("partialFingerprints", .object([("dockslimFinding/v1", .string(fingerprint(f, file: file)))])),
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
            ("help", .object([("text", .string("\(r.explanation)\n\nWhat to do: \(r.advice)")), ("markdown", .string(markdown))])),
            ("defaultConfiguration", .object([("level", .string(r.severity.rawValue))])),
            ("properties", .object([
                ("tags", .array([.string("dockerfile"), .string(category(r))])),
                ("precision", .string("high")),
                ("problem.severity", .string(r.severity == .note ? "recommendation" : r.severity.rawValue)),
            ])),
        ])
    }

    /// GitHub shows rule names as identifiers: `CopyBeforeDependencyInstall`.
    static func pascalCase(_ kebab: String) -> String {
        kebab.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func category(_ r: RuleMetadata) -> String {
        switch r.id {
        case "DS007", "DS008": return "security"
        case "DS012": return "build-cache"
        case "DS000", "DS013", "DS014", "DS016": return "correctness"
        default: return "image-size"
        }
    }

    /// A relative path as a URI reference: `/`-separated, percent-encoded.
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
    /// finding's, and the end of its first line.
    static func columns(_ f: Finding, in file: AuditedFile) -> (Int, Int) {
        let tree = file.dockerfile.tree
        guard f.line >= 1, f.line <= tree.lineCount else { return (f.column, f.column + 1) }
        var end = tree.lineStart(f.line)
        while end < tree.source.count && tree.source[end] != 0x0A && tree.source[end] != 0x0D { end += 1 }
        return (f.column, max(f.column + 1, tree.characterColumn(of: end)))
    }

    /// Stable across unrelated edits: the rule, the file and the text of
    /// the instruction's first line, not its line number.
    static func fingerprint(_ f: Finding, file: AuditedFile) -> String {
        let tree = file.dockerfile.tree
        var text: [UInt8] = []
        if f.line <= tree.lineCount {
            var i = tree.lineStart(f.line)
            while i < tree.source.count && tree.source[i] != 0x0A { text.append(tree.source[i]); i += 1 }
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // A project build adds its names, so one finding of a shared Dockerfile stays one per build.
        var bytes: [UInt8] = Array(f.id.utf8) + [0] + Array(file.path.utf8) + [0] + text
        if let build = file.build { bytes += [0] + Array(build.names.joined(separator: ",").utf8) }
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
