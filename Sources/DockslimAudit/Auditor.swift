import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// Runs every rule over one Dockerfile, drops the findings an inline
/// `# dockslim ignore=ID[,ID…]` comment silences, and sorts the rest by
/// position.
public enum Auditor {
    /// The rules' metadata, in id order.
    public static let rules: [RuleMetadata] = AuditRules.all.map { $0.metadata }

    public static func rule(_ id: String) -> RuleMetadata? { rules.first { $0.id == id } }

    public static func audit(_ file: Dockerfile, project: BuildContext? = nil) -> AuditResult {
        let context = AuditContext(file: file, project: project)
        var findings: [Finding] = []
        for rule in AuditRules.all { findings += rule.check(context) }
        var suppressed = 0
        findings = findings.filter { f in
            guard let anchor = f.anchor, ignoredIDs(above: anchor).contains(where: { $0 == f.id || $0 == "all" }) else { return true }
            suppressed += 1
            return false
        }
        let tree = file.tree
        for k in findings.indices {
            let location = tree.location(of: min(findings[k].offset, tree.source.count))
            findings[k].line = location.line
            findings[k].column = tree.characterColumn(of: location.offset)
            findings[k].endLine = max(findings[k].endLine, location.line)
        }
        findings.sort { ($0.line, $0.column, $0.id, $0.message) < ($1.line, $1.column, $1.id, $1.message) }
        let timeline = context.timeline
        let stages = context.stages.map { facts in
            let i = facts.stage.index
            return StageSummary(index: i, name: facts.stage.name, baseText: facts.stage.baseText, rootImage: facts.rootImage,
                                isFinal: i == context.final?.index, isNeeded: context.needed.contains(i),
                                cache: timeline.states[i], bustAt: timeline.bustAt[i])
        }
        return AuditResult(findings: findings, suppressed: suppressed, stages: stages, language: context.language)
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

    /// The ids named by `# dockslim ignore=…` comments in the contiguous
    /// comment lines directly above an instruction.
    static func ignoredIDs(above node: SyntaxNode) -> [String] {
        let token = node.firstToken
        let leading = token.tree.source[token.leadingTriviaRange]
        guard leading.contains(UInt8(ascii: "#")) else { return [] }
        var lines = String(decoding: leading, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // the instruction's own indentation
        var ids: [String] = []
        for line in lines.reversed() {
            let t = line.trimmingCharacters(in: " \t\r")
            guard t.hasPrefix("#") else { break }
            let body = t.dropFirst().trimmingCharacters(in: " \t")
            guard body.hasPrefix("dockslim ignore=") else { continue }
            let list = body.dropFirst("dockslim ignore=".count).prefix { $0 != " " && $0 != "\t" }
            ids += list.split(separator: ",").map { String($0).uppercased() == "ALL" ? "all" : String($0).uppercased() }
        }
        return ids
    }
}

/// The audit of one Dockerfile.
public struct AuditResult: Sendable {
    /// Sorted by position.
    public var findings: [Finding]
    /// How many findings `# dockslim ignore=` comments silenced.
    public let suppressed: Int
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
