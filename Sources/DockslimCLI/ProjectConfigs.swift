import DockslimAudit

/// Finds each Dockerfile's `.dockslim.json` and reads each once.
///
/// Discovery goes up from the Dockerfile's folder (real path); the nearest
/// file wins, whole (files are not merged), and the search stops after the
/// repository's top (a folder holding `.git`), or at `/` outside a
/// repository: a file above a repository would reach repositories that did
/// not ask for it (an organisation's shared file is named with `--config`).
/// `--config FILE` replaces discovery for every file, its patterns then
/// relative to the current folder.
final class ProjectConfigs: @unchecked Sendable {
    private let explicit: ProjectConfig?
    private var byFolder: [String: Result<ProjectConfig?, ProjectConfig.Failure>] = [:]

    private init(explicit: ProjectConfig?) { self.explicit = explicit }

    enum LoadError: Error {
        /// `--config` names nothing readable: exit 64.
        case usage(String)
        /// `--config` names a file with an error: exit 1.
        case invalid(ProjectConfig.Failure)
    }

    /// Discovery, or the file `--config` names.
    static func make(explicit path: String?) -> Result<ProjectConfigs, LoadError> {
        guard let path else { return .success(ProjectConfigs(explicit: nil)) }
        guard PathKind(path) == .file else {
            return .failure(.usage("The value '\(path)' is invalid for '--config <file>': \(PathKind(path) == .folder ? "a folder, not a file" : "no such file")"))
        }
        switch read(path, display: path, base: TreeLinks.realPath(".") ?? ".") {
        case .success(let config): return .success(ProjectConfigs(explicit: config))
        case .failure(let e): return .failure(.invalid(e))
        }
    }

    /// The configuration for a Dockerfile at `path` (a folder stands for a
    /// Dockerfile in it; `-` for one in the current folder).
    func config(for path: String) -> Result<ProjectConfig?, ProjectConfig.Failure> {
        if let explicit { return .success(explicit) }
        let start = path == "-" ? "." : PathKind(path) == .folder ? path : InputFiles.folderOf(path)
        guard var folder = TreeLinks.realPath(start) else { return .success(nil) }
        var visited: [String] = []
        var found: Result<ProjectConfig?, ProjectConfig.Failure> = .success(nil)
        while true {
            if let known = byFolder[folder] { found = known; break }
            visited.append(folder)
            let candidate = ProjectDefinitions.join(folder, ProjectConfig.fileName)
            if PathKind(candidate) == .file {
                found = Self.read(candidate, display: ProjectDefinitions.display(candidate), base: folder).map(Optional.some)
                break
            }
            if PathKind(ProjectDefinitions.join(folder, ".git")) != .missing || folder == "/" { break }
            folder = InputFiles.folderOf(folder)
        }
        for v in visited { byFolder[v] = found }
        return found
    }

    private static func read(_ path: String, display: String, base: String) -> Result<ProjectConfig, ProjectConfig.Failure> {
        do throws(FileAccess.Failure) {
            let bytes = try FileAccess.readRegularFile(path, limit: ReadLimits.projectFile, what: "a configuration file", followLinks: true).bytes
            return Result { () throws(ProjectConfig.Failure) in try ProjectConfig.decode(bytes, file: display, base: base) }
        } catch {
            return .failure(ProjectConfig.Failure(file: display, at: nil, message: "cannot read: \(error)"))
        }
    }
}

/// `--ignore RULE` (repeatable, comma-separated lists too).
enum CommandLineIgnores {
    static let option = CommandSpec.Option(names: ["--ignore"], valueName: "rule",
                                           help: "Do not report this rule (repeatable; DS012,DS013 lists too). SARIF keeps its findings as suppressed.",
                                           repeatable: true)
    static let configOption = CommandSpec.Option(names: ["--config"], valueName: "file",
                                                 help: "Read this configuration file instead of each Dockerfile's nearest .dockslim.json.")

    static func parse(_ args: ParsedArguments) -> Result<[String], UsageError> {
        var ids: [String] = []
        for value in args.all("--ignore") {
            for part in value.split(separator: ",", omittingEmptySubsequences: true) {
                let id = part.trimmingCharacters(in: " ").uppercased()
                guard RuleSettings.isKnown(id) else {
                    return .failure(UsageError(message: "The value '\(part)' is invalid for '--ignore <rule>': " + RuleSettings.unknownMessage(String(part))))
                }
                ids.append(id)
            }
        }
        return .success(ids)
    }
}

/// What the configuration (and the command line on top of it) says for one file.
struct FileSettings: Sendable {
    var rules = RuleSettings.none
    /// The config's recipe options (the command line's `--option` wins later).
    var options: [String: String] = [:]
    var target: ProjectConfig.Target?
    var excludedBy: ProjectConfig.Exclude?

    static let commandLineIgnore = "--ignore on the command line"

    init(_ config: ProjectConfig?, realPath: String?, ignores: [String]) {
        if let config {
            for r in config.rules {
                if let s = r.severity { rules.severities[r.id] = s } else { rules.ignored[r.id] = "\"off\" in \(r.origin)" }
            }
            for o in config.options { options[o.name] = o.value }
            if let realPath {
                target = config.target(realPath)
                excludedBy = config.excludes(realPath)
            }
        }
        for id in ignores { rules.ignored[id] = Self.commandLineIgnore }
    }
}

extension ProjectConfigs {
    /// The units the configuration keeps, each with its rules, options and
    /// (when no project and no `--target` names one) its target; and an
    /// error per configuration file that could not be read, whose files are
    /// left out.
    func apply(to units: [BuildUnit], commandLineTarget: String?, ignores: [String]) -> (units: [BuildUnit], failures: [(path: String, reason: String)]) {
        var out: [BuildUnit] = []
        var failures: [(path: String, reason: String)] = []
        var reported: Set<String> = []
        for var unit in units {
            let path: String
            var real: String?
            switch unit.source {
            case .file(let p):
                path = p
                real = p == "-" ? nil : TreeLinks.realPath(p)
            case .inline:
                path = unit.context ?? "."
            }
            switch config(for: path) {
            case .failure(let e):
                if reported.insert(e.file).inserted {
                    failures.append((e.at.map { "\(e.file):\($0)" } ?? e.file, e.message + " (the Dockerfiles it governs are not read)"))
                }
            case .success(let config):
                let settings = FileSettings(config, realPath: real, ignores: ignores)
                if settings.excludedBy != nil { continue }
                unit.rules = settings.rules
                unit.recipeOptions = settings.options
                if unit.label == nil, commandLineTarget == nil, let t = settings.target { unit.settings.target = t.stage }
                out.append(unit)
            }
        }
        return (out, failures)
    }
}
