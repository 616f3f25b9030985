/// Something a loader has to say about a project: a file it could not read,
/// a construct it does not evaluate, a name Compose or Bake would warn about.
/// Loading never stops at the first problem; every one becomes a diagnostic.
public struct DefinitionDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// Compose or Bake would refuse the project, or the build it describes
        /// cannot be known (a value is missing).
        case error
        /// Compose or Bake accept it, but the result may not be what was meant,
        /// or dockslim read less than the tool would (an expression it does not
        /// evaluate).
        case warning
    }

    public var severity: Severity
    /// A stable identifier, e.g. `unsupported-expression`.
    public var code: String
    public var message: String
    /// Where the problem is; `nil` for the project as a whole (no file found).
    public var location: SourceLocation?

    public init(_ severity: Severity, _ code: String, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(code)]"
    }
}

extension DefinitionDiagnostic {
    /// A reader's refusal as a loader reports it.
    init(_ error: DefinitionError, code: String = "syntax-error") {
        self.init(.error, code, error.message, at: error.location)
    }
}
