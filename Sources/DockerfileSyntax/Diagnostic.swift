/// A problem the parser found. Parsing never fails: a diagnostic explains
/// what is wrong while the tree still holds every byte.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// BuildKit would reject the file, or the build would fail.
        case error
        /// BuildKit accepts it, but it is likely a mistake.
        case warning
    }

    public let severity: Severity
    /// A stable identifier, e.g. `unterminated-heredoc`.
    public let code: String
    public let message: String
    /// Where the problem starts.
    public let location: SourceLocation
    /// `true` when BuildKit's parser itself rejects the file for this reason
    /// (as opposed to failing later, at build time).
    public let rejectedByBuildKit: Bool

    public init(severity: Severity, code: String, message: String, location: SourceLocation, rejectedByBuildKit: Bool = false) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.rejectedByBuildKit = rejectedByBuildKit
    }

    public var description: String { "\(location.line):\(location.column): \(severity.rawValue): \(message) [\(code)]" }
}
