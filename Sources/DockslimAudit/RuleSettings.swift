/// How a team set the rules up, given to the audit as a value (the
/// command line reads `.dockslim.json` and `--ignore`; this module never
/// reads files): rules switched off, and severities changed.
public struct RuleSettings: Sendable, Equatable {
    /// Rules switched off outside the Dockerfile, each with why (the
    /// justification SARIF shows): `--ignore DS013`, `"DS013": "off"`.
    public var ignored: [String: String]
    /// Rules whose findings take another severity.
    public var severities: [String: Severity]

    public init(ignored: [String: String] = [:], severities: [String: Severity] = [:]) {
        self.ignored = ignored
        self.severities = severities
    }

    public static let none = RuleSettings()

    /// Every rule id, in order, for error messages.
    public static var knownIDs: [String] { Auditor.rules.map(\.id) }

    /// Whether `id` names a rule (or is `all`, which ignore comments accept).
    public static func isKnown(_ id: String, allowingAll: Bool = false) -> Bool {
        (allowingAll && id == "all") || Auditor.rule(id) != nil
    }

    /// "unknown rule 'DS099' (known rules: DS000, …, DS016)".
    public static func unknownMessage(_ id: String) -> String {
        "unknown rule '\(id)' (known rules: \(knownIDs.joined(separator: ", ")))"
    }
}

/// Why a finding is not reported: SARIF's `suppression` object, kept so a
/// viewer shows the finding as suppressed instead of losing it.
public struct Suppression: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A comment in the Dockerfile (`# dockslim ignore=…`, `ignore-file=…`).
        case inSource
        /// The command line or the project's configuration.
        case external
    }

    public let kind: Kind
    public let justification: String

    public init(kind: Kind, justification: String) {
        self.kind = kind
        self.justification = justification
    }
}

/// A finding a comment, a flag or the configuration silenced.
public struct SuppressedFinding: Sendable {
    public let finding: Finding
    public let suppression: Suppression
}
