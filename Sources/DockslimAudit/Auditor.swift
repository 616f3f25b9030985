import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// Runs every rule over one Dockerfile, applies the team's `RuleSettings`
/// (severities, rules ignored) and the ignore comments (`IgnoreComments`),
/// keeping what they silence apart, and sorts the rest by position.
public enum Auditor {
    /// The rules' metadata, in id order.
    public static let rules: [RuleMetadata] = AuditRules.all.map { $0.metadata }

    public static func rule(_ id: String) -> RuleMetadata? { rules.first { $0.id == id } }

    public static func audit(_ file: Dockerfile, project: BuildContext? = nil, rules settings: RuleSettings = .none) -> AuditResult {
        let context = AuditContext(file: file, project: project)
        var findings: [Finding] = []
        for rule in AuditRules.all { findings += rule.check(context) }
        findings += unknownIDsInComments(file)
        var suppressions: [SuppressedFinding] = []
        let fileWide = IgnoreComments.fileWide(file)
        findings = findings.compactMap { f in
            var f = f
            if let s = settings.severities[f.id] { f.severity = s }
            if let anchor = f.anchor, let c = IgnoreComments.above(anchor).first(where: { $0.covers(f.id) }) {
                suppressions.append(SuppressedFinding(finding: f, suppression: c.suppression))
            } else if let c = fileWide.first(where: { $0.covers(f.id) }) {
                suppressions.append(SuppressedFinding(finding: f, suppression: c.suppression))
            } else if let why = settings.ignored[f.id] {
                suppressions.append(SuppressedFinding(finding: f, suppression: Suppression(kind: .external, justification: why)))
            } else {
                return f
            }
            return nil
        }
        let tree = file.tree
        locate(&findings, in: tree)
        findings.sort { ($0.line, $0.column, $0.id, $0.message) < ($1.line, $1.column, $1.id, $1.message) }
        var silenced = suppressions.map(\.finding)
        locate(&silenced, in: tree)
        suppressions = zip(silenced, suppressions).map { SuppressedFinding(finding: $0, suppression: $1.suppression) }
        suppressions.sort { ($0.finding.line, $0.finding.column, $0.finding.id) < ($1.finding.line, $1.finding.column, $1.finding.id) }
        let timeline = context.timeline
        let stages = context.stages.map { facts in
            let i = facts.stage.index
            return StageSummary(index: i, name: facts.stage.name, baseText: facts.stage.baseText, rootImage: facts.rootImage,
                                isFinal: i == context.final?.index, isNeeded: context.needed.contains(i),
                                cache: timeline.states[i], bustAt: timeline.bustAt[i])
        }
        return AuditResult(findings: findings, suppressions: suppressions, stages: stages, language: context.language)
    }

    /// Each finding's line and column from its offset.
    private static func locate(_ findings: inout [Finding], in tree: SyntaxTree) {
        for k in findings.indices {
            let location = tree.location(of: min(findings[k].offset, tree.source.count))
            findings[k].line = location.line
            findings[k].column = tree.characterColumn(of: location.offset)
            findings[k].endLine = max(findings[k].endLine, location.line)
        }
    }

    /// A rule id an ignore comment names that is no rule: a DS000 warning
    /// at the comment, as ESLint reports a disable comment for a rule it
    /// does not know, rather than an error that stops the run.
    static func unknownIDsInComments(_ file: Dockerfile) -> [Finding] {
        let comments = IgnoreComments.fileWide(file) + file.instructions.flatMap { IgnoreComments.above($0.node) }
        var out: [Finding] = []
        for c in comments {
            for id in c.ids where !RuleSettings.isKnown(id, allowingAll: true) {
                out.append(Finding(rule: InvalidDockerfile.metadata, severity: .warning, at: nil, offset: c.offset,
                                   message: "`# \(c.text)` names an " + RuleSettings.unknownMessage(id), stage: nil))
            }
        }
        return out
    }

    /// What running a recipe on the file did.
    public enum RecipeTrial {
        /// It changed the file; the findings of the result, counted by rule id.
        case changed(remaining: [String: Int])
        /// It made no change, and why.
        case unchanged(String)
    }

    /// Settles each finding's fix: the first candidate recipe that exists,
    /// changes the file, and leaves fewer findings of that rule. `tryRecipe`
    /// is called once per recipe.
    public static func settleFixes(_ findings: inout [Finding], available: Set<String>, tryRecipe: (String) -> RecipeTrial) {
        var trials: [String: RecipeTrial] = [:]
        var before: [String: Int] = [:]
        for f in findings { before[f.id, default: 0] += 1 }
        for k in findings.indices {
            let id = findings[k].id
            var firstWhy: String?
            for recipe in findings[k].fixCandidates where available.contains(recipe) {
                let trial: RecipeTrial
                if let known = trials[recipe] { trial = known } else { trial = tryRecipe(recipe); trials[recipe] = trial }
                switch trial {
                case .changed(let remaining) where remaining[id, default: 0] < before[id, default: 0]:
                    findings[k].fix = recipe
                case .changed:
                    if firstWhy == nil { firstWhy = "\(recipe) changes the file but leaves this finding" }
                case .unchanged(let why):
                    if firstWhy == nil { firstWhy = "\(recipe): \(why)" }
                }
                if findings[k].fix != nil { break }
            }
            if findings[k].fix == nil { findings[k].fixUnavailable = firstWhy }
        }
    }
}

/// The audit of one Dockerfile.
public struct AuditResult: Sendable {
    /// Sorted by position.
    public var findings: [Finding]
    /// The findings ignore comments, `--ignore` or the configuration
    /// silenced, sorted by position (SARIF shows them as suppressed).
    public let suppressions: [SuppressedFinding]
    /// How many findings were silenced.
    public var suppressed: Int { suppressions.count }
    public let stages: [StageSummary]
    /// The build's language, when the images say (`go`, `node`…).
    public let language: String?

    public var finalStage: StageSummary? { stages.first(where: \.isFinal) }
}

/// A stage as the reports show it.
public struct StageSummary: Sendable {
    public let index: Int
    public let name: String?
    /// The base as written in FROM.
    public let baseText: String
    /// The image at the root of its FROM chain.
    public let rootImage: ImageReference?
    public let isFinal: Bool
    /// The final stage needs it.
    public let isNeeded: Bool
    /// Per instruction after FROM: what a source change does to its cache.
    public let cache: [CacheState]
    /// The instruction (index after FROM) where a source change busts the cache.
    public let bustAt: Int?

    /// `build` or `#0`.
    public var label: String { name ?? "#\(index)" }
}
