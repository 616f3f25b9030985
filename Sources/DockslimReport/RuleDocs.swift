import DockslimAudit

/// The rules' reference pages (`docs/rules/DSnnn.md`), written from the
/// rules' own metadata so the page and the SARIF `helpUri` that points at
/// it never disagree with the rule. A test fails when a page is stale.
public enum RuleDocs {
    /// Where the pages are published: the one place the URL is spelt.
    public static let baseURL = "https://github.com/dockslim/dockslim/blob/main/docs/rules/"

    /// The page's path in the repository.
    public static func path(_ r: RuleMetadata) -> String { "docs/rules/\(r.id).md" }

    /// The page's public address (SARIF `helpUri`).
    public static func url(_ r: RuleMetadata) -> String { baseURL + "\(r.id).md" }

    /// The page: what the rule finds, why, what to do, its severity and tags.
    public static func page(_ r: RuleMetadata, fixRecipes: [String]) -> String {
        var s = "<!-- Generated from the rule's metadata (Sources/DockslimAudit/Rules); DOCKSLIM_UPDATE_GOLDEN=1 swift test --filter RuleDocsTests rewrites it. -->\n"
        s += "# \(r.id): \(r.name)\n\n"
        s += "\(r.summary)\n\n"
        s += "| | |\n| --- | --- |\n"
        s += "| Default severity | \(r.severity.rawValue) |\n"
        s += "| Tags | \(r.tags.map { "`\($0.rawValue)`" }.joined(separator: ", ")) |\n"
        if let score = r.securitySeverity { s += "| Security severity | \(score) (\(securityLevel(score))) |\n" }
        s += "\n## Why it matters\n\n\(r.explanation)\n\n"
        s += "## What to do\n\n\(r.advice)\n"
        if !fixRecipes.isEmpty {
            s += "\nRecipes that may fix it (the audit names one only after running it on the file and seeing the finding go):\n\n"
            for id in fixRecipes { s += "- `dockslim rewrite --recipe \(id)`\n" }
        }
        s += "\n## Silencing it\n\n"
        s += "`# dockslim ignore=\(r.id)` on the line above the instruction silences it there.\n"
        return s
    }

    /// The index of every page.
    public static func index(_ rules: [RuleMetadata]) -> String {
        var s = "<!-- Generated from the rules' metadata; DOCKSLIM_UPDATE_GOLDEN=1 swift test --filter RuleDocsTests rewrites it. -->\n"
        s += "# dockslim audit rules\n\n| id | name | severity | tags | summary |\n| --- | --- | --- | --- | --- |\n"
        for r in rules {
            s += "| [\(r.id)](\(r.id).md) | \(r.name) | \(r.severity.rawValue) | \(r.tags.map(\.rawValue).joined(separator: ", ")) | \(r.summary.replacingPipes) |\n"
        }
        return s
    }

    /// GitHub's reading of a security-severity score.
    public static func securityLevel(_ score: String) -> String {
        guard let x = Double(score) else { return "none" }
        switch x {
        case 9.0...10.0: return "critical"
        case 7.0..<9.0: return "high"
        case 4.0..<7.0: return "medium"
        case 0.1..<4.0: return "low"
        default: return "none"
        }
    }
}

extension String {
    fileprivate var replacingPipes: String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}
