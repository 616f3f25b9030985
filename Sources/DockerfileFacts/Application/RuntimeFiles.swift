import DockerfileModel

/// What a program needs from its builder at run time, and what it writes,
/// from what its sources say (`SourceFindings`) and where the Dockerfile
/// put the build context. The split asks it which paths the runtime stage
/// copies; the moves ask it what the program writes (so a non-root user is
/// added only where it can), runs and links.
///
/// When the sources cannot answer (no build context at hand, no reader for
/// the language, a path computed at run time, sources not all read), the
/// answer is not a guess: the runtime stage takes the app folder from the
/// builder, without what only builds the program.
package struct RuntimeFiles: Sendable {
    /// How the runtime stage gets the files the program reads.
    package enum Copies: Sendable, Equatable {
        /// Exactly these absolute paths of the builder (besides the program).
        case exactly([String])
        /// These folders of the builder whole, without the build inputs
        /// (`COPY --exclude`), and these files, because the sources cannot
        /// say what the program reads.
        case whole(folders: [String], files: [String], excluding: [String], why: String)
    }

    /// What the program writes at run time.
    package enum Writes: Sendable, Equatable {
        case nothing
        /// Absolute paths it creates or changes, with the evidence of the first.
        case paths([String], evidence: String)
        /// The sources cannot say (a computed path, sources not read), and why.
        case unknown(String)
        /// It reads a file dockslim cannot see (Git ignores it), whose owner
        /// and mode are not known: only root is sure to read it. The evidence.
        case readsUnseen(String)
    }

    package let copies: Copies
    package let writes: Writes
    /// Programs the application runs, by name or path.
    package let executes: [ProgramUse]
    /// Native code the application needs at run time.
    package let nativeNeeds: [NativeNeed]
    /// A question the sources leave open about programs (a command named at run time).
    package let unknownProgram: String?
    package let notes: [String]
    /// Why no runtime stage can hold what the program needs, when none can
    /// (a file dockslim cannot see, in a context copied to `/`: the runtime
    /// can take `/`'s entries only one by one, as the scan listed them).
    package var impossible: String?

    /// Folders no copy or check is about: the kernel's, the image's own, temporary files.
    static let systemFolders = ["/proc", "/sys", "/dev", "/tmp", "/run", "/var/run", "/etc/ssl", "/etc/ca-certificates",
                                "/usr/share/zoneinfo", "/usr/share/ca-certificates", "/etc/localtime", "/etc/hosts",
                                "/etc/resolv.conf", "/etc/passwd", "/etc/group", "/etc/mime.types", "/var/tmp"]

    static func isSystemPath(_ path: String) -> Bool { systemFolders.contains { Paths.covers($0, path) } }

    /// Resolves the findings for a program built in `plan`, whose runtime
    /// runs in `workdir`. `findings` is `nil` when the context is not at
    /// hand or the language has no reader.
    /// `unnamedData`: whether context files no finding names send the runtime
    /// the app folder (a split, which decides what the runtime holds); a
    /// question about an existing runtime stage leaves it out.
    package static func resolve(_ findings: SourceFindings?, plan: BuildPlan, input: StageInput, workdir: String?,
                                buildInputs: [String], unnamedData: Bool = true) -> RuntimeFiles {
        let chain = input.file.baseChain(of: plan.stage)
        // The builder's files end at its build; what the runtime copies from the context after it, it has already.
        let builderRange = 0..<(plan.buildIndex + 1)
        let placements = input.context.map { ContextPlacements(chain: chain, file: input.file, states: input.states, context: $0, lastStage: builderRange) }
        let everywhere = input.context.map { ContextPlacements(chain: chain, file: input.file, states: input.states, context: $0) }
        let runtimeCopies = input.context.map {
            ContextPlacements(chain: [plan.stage], file: input.file, states: input.states, context: $0, lastStage: (plan.buildIndex + 1)..<plan.stage.instructions.count)
        }
        guard let findings, let placements, let context = input.context else {
            let why = input.context == nil ? "the build context is not at hand, so what the program reads is not known"
                                           : "dockslim has no source reader for \(plan.language.rawValue)"
            return fallback(plan: plan, input: input, placements: placements, workdir: workdir, buildInputs: buildInputs, why: why,
                            findings: findings)
        }
        if let open = findings.unknowns.first(where: { $0.kind != .computedProgram }) {
            let at = open.evidence.map { " (\($0))" } ?? ""
            return fallback(plan: plan, input: input, placements: placements, workdir: workdir, buildInputs: buildInputs,
                            why: open.reason + at, findings: findings)
        }
        var copies: [String] = []
        var notes: [String] = []
        let artifacts = Set(plan.artifacts.map(\.builderPath))
        let runText = plan.stage.instructions.filter { $0.kind == .run }.map(\.original).joined(separator: "\n")
        for use in findings.reads + findings.generated + findings.writes.filter({ $0.necessity == .required }) {
            guard let paths = imagePaths(of: use, placements: everywhere ?? placements, workdir: workdir) else {
                return fallback(plan: plan, input: input, placements: placements, workdir: workdir, buildInputs: buildInputs,
                                why: "\(use.evidence) uses \(use.path), which dockslim cannot place in the image", findings: findings)
            }
            for path in paths where !isSystemPath(path) && !artifacts.contains(path) {
                if runtimeCopies?.contextPath(of: path) != nil { continue }  // the runtime stage copies it from the context itself
                let generated = findings.generated.contains(use)
                if generated || placements.contextPath(of: path) != nil || createdByRun(path, runText) {
                    copies.append(path)
                } else if use.necessity == .required && findings.reads.contains(use) {
                    // Inside a folder the whole context was copied to, the file may be one Git does not track
                    // (a local .env, certificates) but the build context has when the image is built.
                    // A file the program also writes (a SQLite database) it creates itself.
                    let creates = findings.writes.contains { $0.path == use.path && $0.base == use.base }
                    if !creates && placements.coversWholeContextCopy(path) && !placements.dockerignoreExcludes(path) {
                        if placements.folderDestinations.filter({ Paths.covers($0, path) }).allSatisfy({ $0 == "/" }) {
                            var files = fallback(plan: plan, input: input, placements: placements, workdir: workdir, buildInputs: buildInputs,
                                                 why: "", findings: findings)
                            files.impossible = "\(use.evidence) reads \(use.path), which the build context dockslim sees does not have (a file Git ignores may be there when the image is built), and the context is copied to /, which a runtime stage cannot take whole"
                            return files
                        }
                        return fallback(plan: plan, input: input, placements: placements, workdir: workdir, buildInputs: buildInputs,
                                        why: "\(use.evidence) reads \(use.path), which the build context dockslim sees does not have (a file Git ignores may be there when the image is built)",
                                        findings: findings,
                                        writes: .readsUnseen("\(use.evidence) reads \(use.path)"))
                    }
                    notes.append("\(use.evidence): \(use.path) is not in the image the Dockerfile builds; the program must get it at run time (a volume, a mount), as before")
                }
            }
        }
        // Files of the context the builder holds that no finding names: a library may read them
        // (a config loader, a migrator, a framework's templates), so the runtime takes the folder.
        // (An interpreted program's ecosystem decides what its runtime takes: the app folder, or a build's output.)
        let unnamed = plan.linking == .interpreted || !unnamedData ? [] : unnamedDataFiles(context, placements: placements, runtimeCopies: runtimeCopies,
                                                                           covered: copies + Array(artifacts), buildInputs: buildInputs)
        if !unnamed.isEmpty {
            let list = unnamed.prefix(4).joined(separator: ", ") + (unnamed.count > 4 ? "…" : "")
            return fallback(plan: plan, input: input, placements: placements, workdir: workdir, buildInputs: buildInputs,
                            why: "the build context holds \(list), which the sources do not name (a library may read \(unnamed.count == 1 ? "it" : "them") at run time)",
                            findings: findings)
        }
        return RuntimeFiles(copies: .exactly(outermost(copies)), writes: writes(of: findings, placements: placements, workdir: workdir),
                            executes: findings.executes, nativeNeeds: findings.nativeNeeds.filter { $0.phase == .run },
                            unknownProgram: findings.unknowns.first { $0.kind == .computedProgram }.map { u in u.reason + (u.evidence.map { " (\($0))" } ?? "") },
                            notes: notes)
    }

    /// What a repository holds besides the program's data: documents,
    /// licences, CI and editor settings, container and Compose files, tests.
    /// Deployment files (Kubernetes, Helm, Compose, Cloud Build, App Engine)
    /// are read by the tools that deploy the image, not by the program.
    static let projectMetadata = DockerIgnore([
        "README*", "**/README*", "readme*", "LICENSE*", "LICENCE*", "license*", "COPYING*", "NOTICE*", "AUTHORS*", "CHANGELOG*",
        "CONTRIBUTING*", "CODEOWNERS", "SECURITY*", "**/*.md", "**/*.rst",
        "Dockerfile*", "**/Dockerfile*", "dockerfile*", "**/dockerfile*", "**/*.Dockerfile", "**/*.dockerfile", "Containerfile*",
        "docker-compose*", "compose.y*ml", "compose.*.y*ml", "docker-stack*.y*ml", "Makefile", "makefile", "GNUmakefile", "Procfile",
        "Taskfile*", "Justfile", "justfile", "Vagrantfile", "Jenkinsfile", ".*", "!.env",
        "**/testdata", "**/*_test.*", "test", "tests", "**/__tests__", "*.iml",
        "docs", "doc", "screenshots", "k8s", "kubernetes", "kube", "helm", "charts", "chart", "deploy", "deployment", "deployments",
        "manifests", "terraform", "infra", "skaffold.y*ml", "cloudbuild.y*ml", "cloudbuild.json", "app.yaml", "heroku.yml", "fly.toml",
        "render.yaml", "railway.json", "vercel.json", "netlify.toml", "azure-pipelines.yml", "sonar-project.properties",
        "renovate.json", "codecov.yml", "*.code-workspace",
    ].joined(separator: "\n"))

    /// Context files the builder holds that the runtime would not get and
    /// no finding names, by their top-level names in the context.
    static func unnamedDataFiles(_ context: BuildContext, placements: ContextPlacements, runtimeCopies: ContextPlacements?,
                                 covered: [String], buildInputs: [String]) -> [String] {
        let inputs = DockerIgnore(buildInputs.joined(separator: "\n"))
        var names: Set<String> = []
        for file in context.files where !file.hasSuffix("/") {
            guard !inputs.excludes(file), !projectMetadata.excludes(file), placements.contextHas(file) else { continue }
            let landed = placements.imagePaths(of: file)
            guard !landed.isEmpty, !landed.contains(where: { p in isSystemPath(p) || covered.contains { Paths.covers($0, p) } }) else { continue }
            if let runtimeCopies, !runtimeCopies.imagePaths(of: file).isEmpty { continue }
            names.insert(file.split(separator: "/").count > 1 ? String(file.prefix { $0 != "/" }) + "/" : file)
        }
        return names.sorted()
    }

    /// The absolute image paths a use resolves to; `nil` when it cannot be placed.
    static func imagePaths(of use: PathUse, placements: ContextPlacements, workdir: String?) -> [String]? {
        var path = use.path
        // A glob: the folder it lists.
        if use.shape == .glob || path.contains("*") {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            path = parts.prefix { !$0.contains("*") && !$0.contains("?") && !$0.contains("[") }.joined(separator: "/")
            if path.isEmpty { path = "." }
        }
        switch use.base {
        case .absolute:
            return [Paths.join("/", path)]
        case .workingDirectory:
            if path.hasPrefix("/") { return [Paths.join("/", path)] }
            guard let workdir else { return nil }
            return [Paths.join(workdir, path)]
        case .sourceFolder(let folder), .builderPathOf(let folder):
            let contextPath = String(Paths.join("/", folder + "/" + path).dropFirst())
            return placements.imagePaths(of: contextPath)
        }
    }

    /// Whether a RUN of the stage plausibly creates the file (`echo … > .env`, `touch`, `cp`, `mkdir`).
    static func createdByRun(_ path: String, _ runText: String) -> Bool {
        let name = Paths.basename(path)
        guard !name.isEmpty, runText.contains(name) else { return false }
        return [">", "touch ", "cp ", "mv ", "mkdir ", "tee ", "install ", "ln ", "wget ", "curl "].contains { runText.contains($0) }
    }

    package static func writes(of findings: SourceFindings, placements: ContextPlacements, workdir: String?) -> Writes {
        var paths: [String] = []
        for use in findings.writes {
            guard let resolved = imagePaths(of: use, placements: placements, workdir: workdir) else {
                return .unknown("\(use.evidence) writes \(use.path), which dockslim cannot place")
            }
            paths += resolved.filter { !isSystemPath($0) }
        }
        if let w = findings.writes.first(where: { use in imagePaths(of: use, placements: placements, workdir: workdir)?.contains { !isSystemPath($0) } == true }) {
            return .paths(outermost(paths), evidence: "\(w.evidence)")
        }
        return .nothing
    }

    /// The app folder and the other context copies of the builder, whole
    /// but for the build inputs: what the original image had of the context.
    static func fallback(plan: BuildPlan, input: StageInput, placements: ContextPlacements?, workdir: String?, buildInputs: [String],
                         why: String, findings: SourceFindings?, writes: Writes? = nil) -> RuntimeFiles {
        let ignore = DockerIgnore(buildInputs.joined(separator: "\n"))
        let artifacts = Set(plan.artifacts.map(\.builderPath))
        var folders: [String] = placements?.folderDestinations ?? []
        // The runtime's WORKDIR, when the builder has that folder (a WORKDIR set after the build is the runtime's own).
        let builderWorkdir = input.states.before(min(plan.buildIndex + 1, plan.stage.instructions.count), in: plan.stage).workdir
        if let workdir, builderWorkdir?.certain == true && builderWorkdir?.text == workdir || folders.contains(where: { Paths.covers($0, workdir) }) {
            folders.append(workdir)
        }
        // Single files the Dockerfile placed, unless they only build the program.
        var files = (placements?.fileDestinations ?? []).filter { !ignore.excludes($0.source) }.map(\.destination)
        // The context copied to the root: its entries, one by one (the root itself is the whole image).
        if folders.contains("/"), let placements, placements.wholeContextDestination == "/", let context = input.context {
            for entry in context.entries(in: "") {
                let name = entry.hasSuffix("/") ? String(entry.dropLast()) : entry
                guard placements.contextHas(name), !ignore.excludes(name) else { continue }
                // A folder of build inputs only (src/ of .rs files) would arrive empty.
                if entry.hasSuffix("/"), context.files(under: name).allSatisfy({ ignore.excludes($0) }) { continue }
                if entry.hasSuffix("/") { folders.append("/" + name) } else { files.append("/" + name) }
            }
        }
        // What the runtime stage copies from the context itself (a `COPY . .` after the build) it need not take from the builder.
        let tail = plan.afterBuild
        let recopied = StageFiles(plan.stage, file: input.file, states: input.states).placements.compactMap { p -> String? in
            guard tail.contains(where: { $0 === p.instruction }), case .context(_, let whole) = p.origin, whole else { return nil }
            return p.destination
        }
        folders = outermost(folders.filter { $0 != "/" }).filter { f in !artifacts.contains(f) && !recopied.contains { Paths.covers($0, f) } }
        files = files.filter { f in !artifacts.contains(f) && !folders.contains { Paths.covers($0, f) } }
        return RuntimeFiles(copies: .whole(folders: folders, files: outermost(files), excluding: buildInputs, why: why), writes: writes ?? .unknown(why),
                            executes: findings?.executes ?? [], nativeNeeds: findings?.nativeNeeds.filter { $0.phase == .run } ?? [],
                            unknownProgram: findings?.unknowns.first { $0.kind == .computedProgram }.map(\.reason), notes: [])
    }

    /// The paths without those inside another, in order, each once.
    static func outermost(_ paths: [String]) -> [String] {
        var out: [String] = []
        for p in paths where !out.contains(p) && !paths.contains(where: { $0 != p && Paths.covers($0, p) }) { out.append(p) }
        return out
    }
}
