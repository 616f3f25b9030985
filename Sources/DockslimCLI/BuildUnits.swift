import DockerfileFacts
import DockslimAudit
import DockerfileModel
import DockslimReport

/// `--target` and `--build-arg` as `docker build` takes them: the target
/// names the final stage; `--build-arg KEY=VALUE` sets an ARG, and a bare
/// `--build-arg KEY` takes the environment's value (or is ignored when unset).
struct CommandLineBuild: Sendable {
    var target: String?
    var args: [String: String] = [:]

    static let options: [CommandSpec.Option] = [
        .init(names: ["--target"], valueName: "stage", help: "The stage that is the final image, as 'docker build --target' (overrides Compose's and Bake's target)."),
        .init(names: ["--build-arg"], valueName: "key=value", help: "An ARG value, as 'docker build --build-arg' (repeatable; overrides Compose's and Bake's args).", repeatable: true),
    ]

    static func parse(_ args: ParsedArguments, environment: [String: String]) -> Result<CommandLineBuild, UsageError> {
        var build = CommandLineBuild(target: args.value("--target"))
        if let t = build.target, t.isEmpty { return .failure(UsageError(message: "The value '' is invalid for '--target <stage>'")) }
        for a in args.all("--build-arg") {
            if let eq = a.firstIndex(of: "=") {
                guard eq != a.startIndex else { return .failure(UsageError(message: "The value '\(a)' is invalid for '--build-arg <key=value>'")) }
                build.args[String(a[..<eq])] = String(a[a.index(after: eq)...])
            } else if let value = environment[a] {
                build.args[a] = value
            }
        }
        return .success(build)
    }

    /// A project's settings with the command line's on top.
    func applied(to settings: BuildSettings) -> BuildSettings {
        var out = settings
        out.target = target ?? settings.target
        out.args = settings.args.merging(args) { _, given in given }
        return out
    }
}

/// One Dockerfile read for one build: a file or an inline Dockerfile, the
/// context folder the scan phase reads for it, its target and arguments,
/// and the project build it stands for.
struct BuildUnit: Sendable {
    enum Source: Sendable {
        case file(String)
        case inline(String)
    }

    /// As the reports name it.
    var path: String
    var source: Source
    /// The build context folder (`nil` for standard input).
    var context: String?
    var settings: BuildSettings
    var label: BuildLabel?
    /// Stages other builds of the same file name as their target (`""`: the
    /// last stage, for a build with no target): not unreachable in the
    /// project, whatever this build's target is.
    var otherTargets: Set<String> = []
    /// The rule settings of its `.dockslim.json` and `--ignore` (`ProjectConfigs.apply`).
    var rules: RuleSettings = .none
    /// The recipe options of its `.dockslim.json`; `--option` wins over them.
    var recipeOptions: [String: String] = [:]

    /// The scan phase's facts for this build's context, with the
    /// Dockerfile's own `<name>.dockerignore` in place of the context's
    /// `.dockerignore` when there is one (BuildKit's rule).
    func facts(_ byFolder: [String: BuildContext]) -> BuildContext? {
        guard let context, let base = byFolder[context] else { return nil }
        guard case .file(let p) = source,
              let own = try? FileAccess.readRegularFile(p + ".dockerignore", limit: ReadLimits.projectFile, what: "an ignore file", followLinks: true).bytes
        else { return base }
        return base.withDockerIgnore(own)
    }

    /// The Dockerfile's bytes.
    func read(stdin: [UInt8]) -> Result<[UInt8], FileAccess.Failure> {
        switch source {
        case .file(let p): return InputFiles.read(p, stdin: stdin)
        case .inline(let text): return .success(Array(text.utf8))
        }
    }

    /// Every input file once per build that uses it (once, with the
    /// command line's settings, when no project builds it), then the
    /// inline Dockerfiles of the projects found.
    static func units(_ input: InputFiles, _ builds: ProjectBuilds, _ cli: CommandLineBuild) -> [BuildUnit] {
        var out: [BuildUnit] = []
        let given = Set(input.files.compactMap { TreeLinks.realPath($0) })
        let named = builds.ownDockerfiles.filter { !given.contains(TreeLinks.realPath($0) ?? $0) }
        for path in (input.files + named).sorted() {
            let uses = builds.uses(of: path)
            if uses.isEmpty {
                out.append(BuildUnit(path: path, source: .file(path), context: path == "-" ? nil : InputFiles.folderOf(path),
                                     settings: cli.applied(to: .none), label: nil))
            }
            let settings = uses.map { cli.applied(to: $0.settings) }
            // "" stands for the last stage: what a build with no target makes.
            let targets = settings.map { $0.target?.lowercased() ?? "" }
            for (k, use) in uses.enumerated() {
                out.append(BuildUnit(path: path, source: .file(path), context: use.context, settings: settings[k],
                                     label: use.label, otherTargets: Set(targets.filter { $0 != targets[k] })))
            }
        }
        for i in builds.inline {
            out.append(BuildUnit(path: i.name, source: .inline(i.text), context: i.use.context, settings: cli.applied(to: i.use.settings), label: i.use.label))
        }
        return out
    }
}

extension FixChecker {
    /// Audits one build of a Dockerfile: its settings, its context's facts,
    /// its label, and no unreachable-stage note for another build's target.
    func audit(_ unit: BuildUnit, bytes: [UInt8], name: String, facts: [String: BuildContext], suggest: Bool) -> AuditedFile {
        var file = audit(path: name, bytes: bytes, project: unit.facts(facts), settings: unit.settings, rules: unit.rules, build: unit.label, suggest: suggest)
        file.keepStagesOtherBuildsTarget(unit.otherTargets)
        return file
    }
}

extension AuditedFile {
    /// Without the unreachable-stage notes (DS014) for stages another build
    /// of the project targets.
    mutating func keepStagesOtherBuildsTarget(_ targets: Set<String>) {
        guard !targets.isEmpty else { return }
        result.findings.removeAll { f in
            guard f.id == "DS014", let i = f.stage else { return false }
            if i == dockerfile.stages.count - 1 && targets.contains("") { return true }
            return dockerfile.stages[i].name.map(targets.contains) ?? false
        }
    }
}

/// What `rewrite` does with one file: rewrite it for its one build, or
/// leave it alone because its builds disagree or it is inline.
struct RewriteJob: Sendable {
    var path: String
    /// The build the file is rewritten for.
    var unit: BuildUnit
    /// Why the file is left alone, when it is.
    var refusal: String?

    /// One job per file: a file built in several ways (different context,
    /// target or args) is left alone, since one rewrite must suit them all.
    static func jobs(_ units: [BuildUnit], _ builds: ProjectBuilds) -> [RewriteJob] {
        var byPath: [String: [BuildUnit]] = [:]
        var order: [String] = []
        for u in units {
            if byPath[u.path] == nil { order.append(u.path) }
            byPath[u.path, default: []].append(u)
        }
        return order.map { path in
            let all = byPath[path]!
            let first = all[0]
            if case .inline = first.source {
                return RewriteJob(path: path, unit: first, refusal: "an inline Dockerfile (dockerfile_inline) is not rewritten: the definition file holds it, edit it there")
            }
            if first.label == nil, case .file(let p) = first.source, let broken = builds.brokenProject(above: p) {
                return RewriteJob(path: path, unit: first, refusal: "the Compose or Bake file in \(ProjectDefinitions.display(broken)) has errors (above), so how it builds this file is not known")
            }
            // Context, target, args and named contexts: any difference is another build.
            struct Way: Hashable { let context: String?, settings: BuildSettings }
            let distinct = Set(all.map { Way(context: $0.context, settings: $0.settings) })
            guard distinct.count > 1 else { return RewriteJob(path: path, unit: first, refusal: nil) }
            let ways = all.compactMap(\.label).map { l in
                "\(l.summary)" + (l.arguments.isEmpty ? "" : " with " + l.arguments.map { "\($0.name)=\($0.value)" }.joined(separator: " "))
                    + (l.context == first.label?.context ? "" : " (context \(l.context))")
            }
            return RewriteJob(path: path, unit: first, refusal: "built in \(all.count) ways (\(ways.joined(separator: "; "))): a rewrite must suit every build, so the file is left alone")
        }
    }

    /// The Dockerfile's path inside its build context, as the passes name
    /// it (`Dockerfile`, `docker/api.df`).
    var pathInContext: String {
        guard case .file(let p) = unit.source, let context = unit.context,
              let real = TreeLinks.realPath(p), let root = TreeLinks.realPath(context), real.hasPrefix(root == "/" ? "/" : root + "/") else {
            return Paths.basename(path)
        }
        return String(real.dropFirst(root == "/" ? 1 : root.count + 1))
    }
}
