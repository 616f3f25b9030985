import DockerfileFacts
import DockerfileModel

/// What a change to the project's source files re-runs. BuildKit reuses an
/// instruction's cached result only while everything before it in the stage
/// is unchanged and its own inputs are the same; so the first instruction
/// that reads source files (a broad COPY or ADD, a bind mount of the
/// context, a COPY from a stage that changed) busts the cache, and every
/// later instruction of the stage re-runs, as does every stage built on it.
/// Dependency manifests are not source files here: copying only them is
/// what keeps an install cached.
struct CacheTimeline {
    typealias State = CacheState

    /// Per stage, one state per instruction (the FROM not included).
    let states: [[State]]
    /// Per stage, the index of the instruction where the cache busts.
    let bustAt: [Int?]
    /// Per stage: whether its result changes with the sources.
    let changes: [Bool]

    init(_ context: AuditContext) {
        var states: [[State]] = []
        var bustAt: [Int?] = []
        var changes: [Bool] = []
        for facts in context.stages {
            let stage = facts.stage
            var baseChanged = false
            if case .stage(let b) = stage.base, b < changes.count { baseChanged = changes[b] }
            var row: [State] = []
            var bust: Int?
            var changed = baseChanged
            for (i, instruction) in stage.instructions.enumerated() {
                if changed {
                    row.append(.reruns)
                    continue
                }
                if Self.readsSources(instruction, in: facts, graph: context.file.graph, changedStages: changes) {
                    row.append(.busts)
                    bust = i
                    changed = true
                } else {
                    row.append(.cached)
                }
            }
            states.append(row)
            bustAt.append(bust)
            changes.append(changed)
        }
        self.states = states
        self.bustAt = bustAt
        self.changes = changes
    }

    private static func readsSources(_ instruction: Instruction, in facts: StageFacts, graph: StageGraph, changedStages: [Bool]) -> Bool {
        switch instruction.kind {
        case .copy, .add:
            guard let p = facts.files.placements.first(where: { $0.instruction === instruction }) else { return false }
            switch p.origin {
            case .context(let sources, _): return !sources.allSatisfy(Manifests.isManifest)
            case .stage(let t, _): return t < changedStages.count && changedStages[t]
            case .image, .remote: return false
            }
        case .run:
            for edge in graph.edges where edge.kind == .mount && edge.instruction === instruction {
                if case .stage(let t) = edge.source, t < changedStages.count, changedStages[t] { return true }
            }
            for flag in instruction.flags {
                guard let mount = flag.mount, mount["type"] == "bind", (mount["from"] ?? "").isEmpty else { continue }
                if !Manifests.isManifest(StageFiles.contextSource(mount["source"] ?? ".")) { return true }
            }
            return false
        default:
            return false
        }
    }
}

/// Dependency manifests and lock files, by name.
enum Manifests {
    static let names: Set<String> = [
        "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc",
        ".yarnrc", ".yarnrc.yml", "go.mod", "go.sum", "go.work", "go.work.sum", "Cargo.toml", "Cargo.lock", "pom.xml",
        "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties", "gradlew",
        "Gemfile", "Gemfile.lock", "composer.json", "composer.lock", "pyproject.toml", "poetry.lock", "uv.lock", "Pipfile",
        "Pipfile.lock", "setup.cfg", "requirements.txt", "constraints.txt", ".python-version", "mix.exs", "mix.lock",
        "Package.swift", "Package.resolved", "pubspec.yaml", "pubspec.lock", "packages.lock.json", "global.json",
    ]

    /// A context path that names only a manifest (`package*.json`,
    /// `requirements/prod.txt` and `*.csproj` count).
    static func isManifest(_ path: String) -> Bool {
        // `go.su[m]`, `.npmr[c]`: a one-character class matches that file or nothing (hoist-manifests writes these).
        var plain = ""
        var rest = Substring(path)
        while let c = rest.first {
            if c == "[", rest.count >= 3, rest.dropFirst(2).first == "]" {
                plain.append(rest.dropFirst().first!)
                rest = rest.dropFirst(3)
            } else {
                plain.append(c)
                rest = rest.dropFirst()
            }
        }
        let path = plain
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if names.contains(name) { return true }
        if name.hasPrefix("requirements") && (name.hasSuffix(".txt") || name.hasSuffix(".in")) { return true }
        if path == "requirements" || (path.hasPrefix("requirements/") && name.hasSuffix(".txt")) { return true }
        if name.hasSuffix(".csproj") || name.hasSuffix(".fsproj") || name.hasSuffix(".sln") || name.hasSuffix(".gemspec") { return true }
        if name == "package*.json" || name == "*.lock" || name == "go.*" || name == "Cargo.*" { return true }
        return false
    }
}

/// What a change to the source files does to one instruction's cache.
public enum CacheState: String, Sendable {
    /// Cached across source changes.
    case cached
    /// Its inputs change with the sources: the cache busts here.
    case busts
    /// Re-runs because something before it changed.
    case reruns
}
