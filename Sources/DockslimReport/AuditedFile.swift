import DockerfileFacts
import DockerfileModel
import DockslimAudit

/// One Dockerfile as the reports show it: its path, model and audit, and
/// what the suggested recipe would change.
public struct AuditedFile: Sendable {
    /// As given on the command line (`-` is shown as the stdin name).
    public let path: String
    public let dockerfile: Dockerfile
    public var result: AuditResult
    /// Filled for the HTML report.
    public var suggestion: Suggestion?
    /// The project build the file was read for, when a Compose or Bake file builds it.
    public var build: BuildLabel?

    public init(path: String, dockerfile: Dockerfile, result: AuditResult, suggestion: Suggestion? = nil, build: BuildLabel? = nil) {
        self.path = path
        self.dockerfile = dockerfile
        self.result = result
        self.suggestion = suggestion
        self.build = build
    }

    /// Said once per file when the last stage is the final image only
    /// because no target is named while other stages could be built too.
    public var implicitFinalStage: String? {
        guard dockerfile.finalStageChoice == .last, let final = dockerfile.finalStage else { return nil }
        let others = dockerfile.leafStages.filter { $0.index != final.index }
        guard !others.isEmpty else { return nil }
        let names = others.map { $0.name ?? "#\($0.index)" }.joined(separator: ", ")
        let last = "the last stage (\(final.name ?? "#\(final.index)"), line \(final.from.startLine))"
        let rest = "\(names) \(others.count == 1 ? "is another stage" : "are other stages") no stage uses"
        if let build {
            return "\(build.summary) names no target in \(build.definition): \(last) is the image it builds; \(rest)"
        }
        return "no target named: \(last) is taken as the final image; \(rest) (name the one that ships with --target, or build through Compose or Bake)"
    }

    /// The file's findings counted by severity.
    public func count(_ severity: Severity) -> Int { result.findings.filter { $0.severity == severity }.count }
}

/// What `dockslim rewrite` would do to a file.
public struct Suggestion: Sendable {
    /// The recipe tried.
    public let recipe: String
    /// The unified patch; empty when nothing changes.
    public let patch: String
    /// Why the recipe makes no change, when it makes none.
    public let skipped: String?
    /// The final stage's image after the rewrite.
    public let finalImageAfter: ImageReference?

    public init(recipe: String, patch: String, skipped: String?, finalImageAfter: ImageReference?) {
        self.recipe = recipe
        self.patch = patch
        self.skipped = skipped
        self.finalImageAfter = finalImageAfter
    }
}

/// The fix as a command a person can paste.
func fixCommand(_ recipe: String, path: String) -> String {
    "dockslim rewrite --recipe \(recipe) \(shellQuoted(path))"
}

func shellQuoted(_ s: String) -> String {
    let safe = s.utf8.allSatisfy { c in
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || "-_./+@:=,".utf8.contains(c)
    }
    return safe && !s.isEmpty ? s : "'" + s.replacingAll("'", with: "'\\''") + "'"
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        guard !t.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].utf8.starts(with: t) {
                return i..<self.utf8.index(i, offsetBy: t.count)
            }
            i = index(after: i)
        }
        return nil
    }
}
