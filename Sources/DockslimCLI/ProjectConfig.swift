import DockslimAudit
import DockslimRewrite

/// A team's `.dockslim.json`, read and checked:
///
/// ```json
/// {
///   "rules":   { "DS013": "off", "DS007": "error" },
///   "options": { "family": "chainguard", "keep": "migrations,static" },
///   "exclude": ["**/testdata/**", "legacy/"],
///   "targets": { "services/api/Dockerfile": "runtime", "*.prod.Dockerfile": "prod" }
/// }
/// ```
///
/// Patterns are `.gitignore` patterns relative to `base` (the file's folder,
/// or the current folder for `--config`). Every value keeps where it was
/// written, for `dockslim config` and for errors.
struct ProjectConfig: Sendable {
    static let fileName = ".dockslim.json"
    static let keys = ["$schema", "rules", "options", "exclude", "targets"]

    struct Origin: Sendable, CustomStringConvertible {
        let file: String
        let at: ConfigJSON.Position
        var description: String { "\(file):\(at)" }
    }

    /// `off`, or a severity.
    struct RuleSetting: Sendable {
        let id: String
        let severity: Severity?
        let origin: Origin
        var text: String { severity?.rawValue ?? "off" }
    }

    struct Option: Sendable {
        let name: String
        let value: String
        let origin: Origin
    }

    struct Exclude: Sendable {
        let pattern: String
        let origin: Origin
    }

    struct Target: Sendable {
        let pattern: String
        let stage: String
        let origin: Origin
    }

    /// As printed (relative to the current folder when under it).
    let file: String
    /// The real folder the patterns are relative to.
    let base: String
    var rules: [RuleSetting] = []
    var options: [Option] = []
    var excludes: [Exclude] = []
    var targets: [Target] = []

    /// An error in the file: `Error: file:line:col: message`, exit 1.
    struct Failure: Error, Sendable, CustomStringConvertible {
        let file: String
        let at: ConfigJSON.Position?
        let message: String
        var description: String { at.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    /// Every option name some pass takes.
    static var knownOptions: [String] {
        Array(Set(PassRegistry.all.flatMap { $0.options.map(\.name) })).sorted()
    }

    static func decode(_ bytes: [UInt8], file: String, base: String) throws(Failure) -> ProjectConfig {
        let root: ConfigJSON.Node
        do throws(ConfigJSON.Failure) {
            root = try ConfigJSON.parse(bytes)
        } catch {
            throw Failure(file: file, at: error.at, message: error.message)
        }
        func fail(_ message: String, _ at: ConfigJSON.Position) -> Failure { Failure(file: file, at: at, message: message) }
        guard case .object(let members) = root.value else { throw fail("the configuration must be a JSON object, not \(root.value.kind)", root.at) }
        var config = ProjectConfig(file: file, base: base)
        for m in members {
            switch m.key {
            case "$schema":
                continue
            case "rules":
                for r in try object(m, fail) {
                    let id = r.key.uppercased()
                    guard Auditor.rule(id) != nil else { throw fail(RuleSettings.unknownMessage(r.key), r.keyAt) }
                    guard case .string(let s) = r.value.value, s == "off" || Severity(rawValue: s) != nil else {
                        throw fail("rule \(id) must be \"off\", \"error\", \"warning\" or \"note\"", r.value.at)
                    }
                    config.rules.append(RuleSetting(id: id, severity: Severity(rawValue: s), origin: Origin(file: file, at: r.value.at)))
                }
            case "options":
                for o in try object(m, fail) {
                    guard knownOptions.contains(o.key) else {
                        throw fail("no pass takes the option '\(o.key)' (options: \(knownOptions.joined(separator: ", ")))", o.keyAt)
                    }
                    let value: String
                    switch o.value.value {
                    case .string(let s): value = s
                    case .array(let items):
                        var parts: [String] = []
                        for i in items {
                            guard case .string(let s) = i.value else { throw fail("option '\(o.key)' must be a string or an array of strings", i.at) }
                            parts.append(s)
                        }
                        value = parts.joined(separator: ",")
                    default: throw fail("option '\(o.key)' must be a string or an array of strings, not \(o.value.value.kind)", o.value.at)
                    }
                    config.options.append(Option(name: o.key, value: value, origin: Origin(file: file, at: o.value.at)))
                }
            case "exclude":
                guard case .array(let items) = m.value.value else { throw fail("'exclude' must be an array of patterns, not \(m.value.value.kind)", m.value.at) }
                for i in items {
                    guard case .string(let s) = i.value, PathGlobs.Pattern(s) != nil else { throw fail("each pattern in 'exclude' must be a non-empty string", i.at) }
                    config.excludes.append(Exclude(pattern: s, origin: Origin(file: file, at: i.at)))
                }
            case "targets":
                for t in try object(m, fail) {
                    guard PathGlobs.Pattern(t.key) != nil, !t.key.hasPrefix("!") else { throw fail("'\(t.key)' is not a path pattern", t.keyAt) }
                    guard case .string(let stage) = t.value.value, !stage.isEmpty else { throw fail("the target for '\(t.key)' must be a stage name", t.value.at) }
                    config.targets.append(Target(pattern: t.key, stage: stage, origin: Origin(file: file, at: t.value.at)))
                }
            default:
                throw fail("unknown key '\(m.key)' (known keys: \(keys.dropFirst().joined(separator: ", ")))", m.keyAt)
            }
        }
        return config
    }

    private static func object(_ m: ConfigJSON.Member, _ fail: (String, ConfigJSON.Position) -> Failure) throws(Failure) -> [ConfigJSON.Member] {
        guard case .object(let members) = m.value.value else { throw fail("'\(m.key)' must be an object, not \(m.value.value.kind)", m.value.at) }
        return members
    }

    /// The path of `real` (a real path) relative to `base`, or nil when outside it.
    func relative(_ real: String) -> String? {
        if base == "/" { return String(real.dropFirst()) }
        return real.hasPrefix(base + "/") ? String(real.dropFirst(base.count + 1)) : nil
    }

    /// Whether the config's `exclude` skips the file at `real`.
    func excludes(_ real: String) -> Exclude? {
        guard let rel = relative(real), !excludes.isEmpty else { return nil }
        let globs = PathGlobs(excludes.map(\.pattern))
        guard globs.matchesFileOrFolderAbove(rel) else { return nil }
        return excludes.last { !$0.pattern.hasPrefix("!") && PathGlobs([$0.pattern]).matchesFileOrFolderAbove(rel) }
    }

    /// The target the config names for the file at `real` (the last pattern that matches).
    func target(_ real: String) -> Target? {
        guard let rel = relative(real) else { return nil }
        return targets.last { PathGlobs([$0.pattern]).matchesFileOrFolderAbove(rel) }
    }
}
