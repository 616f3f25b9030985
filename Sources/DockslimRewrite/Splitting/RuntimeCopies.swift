import DockerfileFacts
import DockerfileModel

/// The runtime stage's copies from the builder, and why a split would leave
/// the program without something it uses: what `split-stages` writes from
/// `RuntimeFiles`.
enum RuntimeCopies {
    /// What only builds in any language: never copied into a runtime stage.
    static let commonBuildInputs = [".git"]

    /// The COPY lines: the program and its build outputs, then what it reads
    /// (exactly, or the app folder without the build inputs); `true` when a
    /// line uses `--exclude`.
    static func lines(_ plan: BuildPlan, _ files: RuntimeFiles, stageName: String, kw: (String) -> String, style: FileStyle,
                      copied: inout [String], notes: inout PassNotes, name: String) -> ([String], Bool) {
        var out: [String] = []
        // Paths the runtime stage already has (its own copies from the context) are not taken from the builder.
        let present = copied
        var usesExclude = false
        var wholeFolders: [String] = []
        var reads: [String] = []
        switch files.copies {
        case .exactly(let paths):
            reads = paths
        case .whole(let folders, let other, let excluding, let why):
            let folders = folders.filter { f in !present.contains { Paths.covers($0, f) } }
            let other = other.filter { f in !present.contains { Paths.covers($0, f) } }
            wholeFolders = folders
            reads = other
            for folder in folders {
                out.append(wholeCopy(folder, excluding: excluding, stageName: stageName, kw: kw, style: style))
                usesExclude = usesExclude || !excluding.isEmpty
                copied.append(folder)
            }
            if !folders.isEmpty || !other.isEmpty {
                notes.warn("\(name): the runtime stage takes \((folders + other).joined(separator: ", ")) from the builder, without what only builds the program, because \(why)")
            }
        }
        var programs: [String] = []
        // A whole-folder copy carries an artifact inside it, unless an exclude (matched relative to the folder, as BuildKit does) leaves it out.
        let excluded: DockerIgnore? = if case .whole(_, _, let excluding, _) = files.copies { DockerIgnore(excluding.joined(separator: "\n")) } else { nil }
        func carried(_ a: Artifact) -> Bool {
            wholeFolders.contains { folder in
                guard Paths.covers(folder, a.builderPath), a.builderPath == a.runtimePath else { return false }
                let inside = folder == "/" ? String(a.builderPath.dropFirst()) : String(a.builderPath.dropFirst(folder.count + 1))
                return !(excluded?.excludes(inside) ?? false)
            }
        }
        for a in plan.artifacts where !carried(a) {
            programs.append("\(kw("COPY")) --from=\(stageName) \(a.builderPath) \(a.runtimePath)")
            copied.append(a.runtimePath)
        }
        out.insert(contentsOf: programs, at: 0)
        for path in reads where !copied.contains(where: { Paths.covers($0, path) }) {
            out.append("\(kw("COPY")) --from=\(stageName) \(path) \(path)")
            copied.append(path)
        }
        files.notes.forEach { notes.info("\(name): \($0)") }
        return (out, usesExclude)
    }

    /// `COPY --from=STAGE --exclude=… FOLDER FOLDER`, the excludes four to a
    /// line when there are more, as the file continues lines.
    static func wholeCopy(_ folder: String, excluding: [String], stageName: String, kw: (String) -> String, style: FileStyle) -> String {
        let flags = excluding.map { "--exclude=\($0)" }
        guard flags.count > 4 else { return ([kw("COPY"), "--from=\(stageName)"] + flags + [folder, folder]).joined(separator: " ") }
        let next = " " + String(style.escape) + "\n" + style.continuationIndent
        var groups: [String] = []
        for start in stride(from: 0, to: flags.count, by: 4) { groups.append(flags[start..<min(start + 4, flags.count)].joined(separator: " ")) }
        return "\(kw("COPY")) --from=\(stageName)" + next + groups.joined(separator: next) + next + "\(folder) \(folder)"
    }

    /// Why `COPY --exclude` cannot be written: the file pins a Dockerfile
    /// syntax older than 1.19, where the flag became stable (moby/buildkit
    /// dockerfile/1.19.0 release notes), or another frontend.
    static func excludeSyntaxProblem(_ file: Dockerfile) -> String? {
        guard let syntax = file.syntax else { return nil }
        let image = syntax.split(separator: "@").first.map(String.init) ?? syntax
        guard let colon = image.lastIndex(of: ":"), image[..<colon].hasSuffix("docker/dockerfile") || image[..<colon].hasSuffix("docker/dockerfile-upstream") else {
            return "the file names the frontend \(syntax); copying the app folder without its sources needs COPY --exclude (Dockerfile syntax 1.19)"
        }
        let tag = image[image.index(after: colon)...]
        if tag == "1" || tag == "latest" || tag.hasPrefix("1-") { return nil }
        let parts = tag.split(separator: "-").first?.split(separator: ".").compactMap { Int($0) } ?? []
        if parts.count >= 2, parts[0] == 1, parts[1] >= 19 { return nil }
        if parts.first.map({ $0 > 1 }) == true { return nil }
        return "the file pins the Dockerfile syntax \(tag); copying the app folder without its sources needs COPY --exclude, stable since 1.19"
    }

    /// Why the split would leave the program without a program it runs or a
    /// library it links: what the builder installed stays in the builder.
    static func problem(_ files: RuntimeFiles, plan: BuildPlan, input: StageInput) -> String? {
        if let impossible = files.impossible { return impossible }
        let installed = installedInBuilder(plan)
        let base = ImageCommands.tools(of: plan.builderImage)
        let artifacts = Set(plan.artifacts.flatMap { [$0.builderPath, Paths.basename($0.builderPath)] })
        for use in files.executes {
            let program = Paths.basename(use.program)
            if artifacts.contains(use.program) || artifacts.contains(program) { continue }
            if use.program.contains("/") && !use.program.hasPrefix("/usr/") && !use.program.hasPrefix("/bin/") && !use.program.hasPrefix("/sbin/") {
                if case .whole = files.copies { continue }  // the app folder goes along
                return "\(use.evidence) runs \(use.program), which the runtime stage would not have (add it with --option keep=\(use.program))"
            }
            if installed.again.contains(program) { continue }  // the runtime stage installs it again
            if let run = installed.commands[program] {
                return "\(use.evidence) runs \(program), which RUN on line \(run) installs in the builder only"
            }
            if let base, !base.contains(program) {
                return "\(use.evidence) runs \(program), which \(plan.builderImage.original) does not have without the builder's installs"
            }
        }
        if let open = files.unknownProgram, !installed.packages.isEmpty {
            return "the program runs a command named at run time (\(open)), and the builder installs \(installed.packages.joined(separator: ", ")), which the runtime stage would not have"
        }
        for need in files.nativeNeeds {
            guard case .systemLibrary(let library) = need.requirement else { continue }
            let stem = library.hasPrefix("lib") ? String(library.dropFirst(3)) : library
            if let package = installed.packages.first(where: { $0.hasPrefix(library) || $0.hasPrefix("lib" + stem) }) {
                return "\(need.evidence) needs \(library) at run time (\(need.dependency)), which the builder installs with \(package); the runtime stage would not have it"
            }
        }
        return nil
    }

    /// The commands (with the RUN's line) and packages the builder's own
    /// RUNs install, but for those the runtime stage installs again
    /// (`BuildPlan.runtimeSetupRuns`).
    private static func installedInBuilder(_ plan: BuildPlan) -> (commands: [String: Int], packages: [String], again: Set<String>) {
        let (again, againCommands) = plan.reinstalled
        var commands: [String: Int] = [:]
        for run in plan.stage.instructions where run.kind == .run {
            for words in ShellScan(run: run).commands {
                for c in StagePrograms.installed(by: words) where commands[c] == nil && !againCommands.contains(c) { commands[c] = run.startLine }
            }
        }
        return (commands, plan.packages.filter { !again.contains($0.split(separator: "=").first.map(String.init) ?? $0) }, againCommands)
    }
}
