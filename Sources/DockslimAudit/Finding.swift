import DockerfileSyntax

/// How much a finding matters; the names are SARIF's levels.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case note, warning, error

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
}

/// One problem found in one place.
public struct Finding: Sendable {
    public let rule: RuleMetadata
    public internal(set) var severity: Severity
    /// 1-based, where the instruction (or the part of it) at fault starts;
    /// the column counts Unicode characters (a byte order mark is not one).
    public internal(set) var line: Int
    public internal(set) var column: Int
    /// The byte offset of that place, from which `line` and `column` are computed.
    let offset: Int
    /// The last line of the instruction at fault.
    public internal(set) var endLine: Int
    public let message: String
    /// The stage the finding concerns, by index.
    public let stage: Int?
    /// Recipes that may fix it, best first (the rule's, or ones chosen for
    /// this file, e.g. by language).
    public let fixCandidates: [String]
    /// The recipe that fixes it: the first candidate that changes the file,
    /// once a caller has checked (`Auditor.settleFixes`).
    public var fix: String?
    /// Why no recipe is offered although the rule names one.
    public var fixUnavailable: String?
    /// The top-level instruction the finding is attached to, for `# dockslim ignore=`.
    let anchor: SyntaxNode?

    init(rule: RuleMetadata, severity: Severity? = nil, at node: SyntaxNode?, offset: Int? = nil,
         endLine: Int? = nil, message: String, stage: Int?, fixes: [String]? = nil) {
        self.rule = rule
        self.severity = severity ?? rule.severity
        self.offset = offset ?? node?.textRange.lowerBound ?? 0
        let location = node?.tree.location(of: self.offset)
        self.line = location?.line ?? 1
        self.column = location?.column ?? 1
        self.endLine = max(self.line, endLine ?? self.line)
        self.message = message
        self.stage = stage
        self.fixCandidates = fixes ?? rule.fixRecipes
        self.anchor = node
    }

    public var id: String { rule.id }
}

/// What a rule is about.
public enum RuleTag: String, Sendable, CaseIterable {
    /// A risk to whoever runs the image: secrets, root.
    case security
    /// Bytes the final image carries and does not need.
    case imageSize = "image-size"
    /// A step that re-runs when it need not.
    case buildCache = "build-cache"
    /// The build or the program does not do what the file says.
    case correctness
    /// The same file builds a different image later.
    case reproducibility
    /// Text that does nothing and misleads the reader.
    case maintainability
}

/// What a rule is, independent of any file: the SARIF rule metadata.
public struct RuleMetadata: Sendable, Equatable {
    /// Stable: `DS012`. Never reused for another meaning.
    public let id: String
    /// Kebab-case, the property the rule guards: `copy-before-dependency-install`.
    public let name: String
    public internal(set) var severity: Severity
    /// One line.
    public let summary: String
    /// Why it matters and what to do; plain text, a few sentences.
    public let explanation: String
    /// Recipes that may fix it, best first; the first builtin one that
    /// changes the file is offered.
    public let fixRecipes: [String]
    /// What to do by hand when no recipe applies.
    public let advice: String
    /// What the rule is about, first the main concern; reports list them
    /// (SARIF `properties.tags`, where `security` makes GitHub show the
    /// finding as a security alert).
    public let tags: [RuleTag]
    /// For `security` rules: GitHub's `security-severity`, a CVSS-like
    /// score from "0.1" to "10.0" (7.0 and up is high, 4.0 to 6.9 medium).
    public let securitySeverity: String?

    public init(id: String, name: String, severity: Severity, tags: [RuleTag], securitySeverity: String? = nil,
                summary: String, explanation: String, fixRecipes: [String] = [], advice: String) {
        self.id = id
        self.name = name
        self.severity = severity
        self.tags = tags
        self.securitySeverity = securitySeverity
        self.summary = summary
        self.explanation = explanation
        self.fixRecipes = fixRecipes
        self.advice = advice
    }
}
