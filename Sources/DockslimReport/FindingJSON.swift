import DockslimAudit

/// `dockslim audit --format json`: every file with its findings, and a summary.
public enum FindingJSON {
    public static func document(_ files: [AuditedFile], failed: [(path: String, reason: String)]) -> String {
        var counts: [Severity: Int] = [:]
        var suppressed = 0
        for f in files {
            for finding in f.result.findings { counts[finding.severity, default: 0] += 1 }
            suppressed += f.result.suppressed
        }
        let doc = JSONValue.object([
            ("version", .string(JSONSchemaVersion.current)),
            ("files", .array(files.map(file))),
            ("failed", .array(failed.map { .object([("path", .string($0.path)), ("error", .string($0.reason))]) })),
            ("summary", .object([
                ("files", .int(files.count)),
                ("findings", .int(counts.values.reduce(0, +))),
                ("error", .int(counts[.error] ?? 0)),
                ("warning", .int(counts[.warning] ?? 0)),
                ("note", .int(counts[.note] ?? 0)),
                ("suppressed", .int(suppressed)),
            ])),
        ])
        return doc.pretty
    }

    static func file(_ f: AuditedFile) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("path", .string(f.path))]
        if let b = f.build { pairs.append(("build", build(b))) }
        pairs.append(("finalStage", finalStage(f)))
        pairs += [
            ("findings", .array(f.result.findings.map { finding($0, file: f) })),
            ("suppressed", .int(f.result.suppressed)),
        ]
        return .object(pairs)
    }

    static func build(_ b: BuildLabel) -> JSONValue {
        .object([
            ("tool", .string(b.tool)),
            ("definition", .string(b.definition)),
            (b.tool == "bake" ? "targets" : "services", .array(b.names.map { .string($0) })),
            ("target", b.target.map { .string($0) } ?? .null),
            ("context", .string(b.context)),
            ("args", .array(b.arguments.map { a in
                .object([("name", .string(a.name)), ("value", .string(a.value)), ("from", .string(a.origin))])
            })),
        ])
    }

    /// The final image's stage and why it is final (`target` or `last`).
    static func finalStage(_ f: AuditedFile) -> JSONValue {
        guard let s = f.dockerfile.finalStage else { return .null }
        let why: String
        switch f.dockerfile.finalStageChoice {
        case .target: why = "target"
        case .last: why = "last"
        case .missingTarget: why = "missing-target"
        }
        return .object([("stage", .string(s.name ?? "#\(s.index)")), ("line", .int(s.from.startLine)), ("chosenBy", .string(why))])
    }

    static func finding(_ x: Finding, file: AuditedFile) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(x.id)),
            ("rule", .string(x.rule.name)),
            ("severity", .string(x.severity.rawValue)),
            ("line", .int(x.line)),
            ("column", .int(x.column)),
            ("endLine", .int(x.endLine)),
            ("message", .string(x.message)),
            ("explanation", .string(x.rule.explanation)),
            ("stage", x.stage.map { i in .string(file.result.stages[i].label) } ?? .null),
        ]
        if let recipe = x.fix {
            pairs.append(("fix", .object([("recipe", .string(recipe)), ("command", .string(fixCommand(recipe, path: file.path)))])))
        } else {
            pairs.append(("fix", .null))
            pairs.append(("advice", .string(x.rule.advice)))
        }
        return .object(pairs)
    }
}
