import DockslimAudit

/// `dockslim audit --rules --format json`: every rule's metadata, for tools
/// that build their own views (a team's rule page, a dashboard).
public enum RulesJSON {
    /// `fixRecipes(rule)` gives the recipes that exist for it (the CLI knows which do).
    public static func document(_ rules: [RuleMetadata], fixRecipes: (RuleMetadata) -> [String]) -> String {
        JSONValue.object([
            ("version", .string(JSONSchemaVersion.current)),
            ("rules", .array(rules.map { r in
                .object([
                    ("id", .string(r.id)),
                    ("name", .string(r.name)),
                    ("severity", .string(r.severity.rawValue)),
                    ("tags", .array(r.tags.map { .string($0.rawValue) })),
                    ("securitySeverity", .optional(r.securitySeverity)),
                    ("summary", .string(r.summary)),
                    ("explanation", .string(r.explanation)),
                    ("advice", .string(r.advice)),
                    ("fixRecipes", .array(fixRecipes(r).map { .string($0) })),
                    ("helpUri", .string(RuleDocs.url(r))),
                ])
            })),
        ]).pretty
    }
}
