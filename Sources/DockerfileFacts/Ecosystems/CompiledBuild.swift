import DockerfileModel

/// A compiled language's ecosystem: it reads its own build commands, and
/// `CompiledBuild` walks the stage around them.
package protocol CompiledEcosystem: Ecosystem {
    /// One simple command of a RUN: `nil` when it is not this language's
    /// build, the failure when it builds in a way dockslim cannot follow.
    func readBuildCommand(_ words: [String], in folder: String?, environment: [String: String],
                          context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>?
    /// The same, knowing where the build context lies in the image (`site`,
    /// when the context is at hand and the folder known); by default the above.
    func readBuildCommand(_ words: [String], in folder: String?, site: BuildSite?, environment: [String: String],
                          context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>?
    /// A command after the build that only reads or checks (`go vet`,
    /// `go test`), which can stay in the builder.
    func isCheckCommand(_ words: [String]) -> Bool
    /// Folders its installs put programs in that the toolchain image's PATH searches.
    var installFolders: [String] { get }
    /// Whether its builds come out static on an image with this C library.
    func linking(of build: BuildStep, libc: ImageCatalog.Libc?) -> Bool
    /// How one build command becomes static, for `build-static`.
    func staticBuild(_ command: StaticBuildCommand) -> StaticBuildChange
    /// Why a stage on this toolchain's image stays dynamic, said once per stage.
    func staysDynamic(on image: ImageReference) -> String?
    /// Development servers that rebuild the program with the toolchain at run time (`air`).
    var developmentServers: Set<String> { get }
    /// A command that runs the build's program through the toolchain
    /// (`cargo run`), as the program itself; `nil` when it is not one.
    func toolchainRun(_ argv: [String], entry: Instruction, artifacts: [Artifact], input: StageInput, buildIndex: Int) -> ToolchainRun?
    /// Why a build command cannot work on this build context (a package
    /// folder it names that the context lacks, no module file), when the
    /// context is at hand; `contextFolder` is the context path the build
    /// runs in (`""`: the context's top), `nil` when `buildFolder` is not a
    /// folder of the context (`contextBelow`: the context was copied below it).
    func contextProblem(_ words: [String], contextFolder: String?, buildFolder: String, contextBelow: Bool, context: BuildContext, image: ImageReference,
                        environment: [String: String]) -> Why?
    /// The same, knowing every placement of the context (a manifest copied
    /// on its own into the folder); by default the above.
    func contextProblem(_ words: [String], site: BuildSite, buildFolder: String, contextBelow: Bool, context: BuildContext, image: ImageReference,
                        environment: [String: String]) -> Why?
}

extension CompiledEcosystem {
    package var installFolders: [String] { [] }
    package func readBuildCommand(_ words: [String], in folder: String?, site: BuildSite?, environment: [String: String],
                                  context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>? {
        readBuildCommand(words, in: folder, environment: environment, context: context, image: image)
    }
    package func isCheckCommand(_ words: [String]) -> Bool { false }
    package func linking(of build: BuildStep, libc: ImageCatalog.Libc?) -> Bool { build.isStatic }
    package func staticBuild(_ command: StaticBuildCommand) -> StaticBuildChange { .notMine }
    package func staysDynamic(on image: ImageReference) -> String? { nil }
    package var developmentServers: Set<String> { [] }
    package func toolchainRun(_ argv: [String], entry: Instruction, artifacts: [Artifact], input: StageInput, buildIndex: Int) -> ToolchainRun? { nil }
    package func startWrites(_ argv: [String], context: BuildContext?) -> String? {
        guard let program = argv.first.map(Paths.basename), developmentServers.contains(program) else { return nil }
        return "it runs \(program), a development server that rebuilds the program into the project when it starts"
    }
    package func contextProblem(_ words: [String], contextFolder: String?, buildFolder: String, contextBelow: Bool, context: BuildContext, image: ImageReference,
                                environment: [String: String]) -> Why? { nil }
    package func contextProblem(_ words: [String], site: BuildSite, buildFolder: String, contextBelow: Bool, context: BuildContext, image: ImageReference,
                                environment: [String: String]) -> Why? {
        contextProblem(words, contextFolder: site.contextFolder, buildFolder: buildFolder, contextBelow: contextBelow, context: context, image: image,
                       environment: environment)
    }

    package func readBuild(_ input: StageInput) -> BuildReading {
        CompiledBuild.read(input, for: language)
    }
}

/// Where a build command runs, as the build context lies in the image.
package struct BuildSite {
    /// The context folder the image folder is a copy of (`""`: the context's
    /// top), when a copy of a context folder covers it.
    package let contextFolder: String?
    package let placements: ContextPlacements
}

/// One simple command of a RUN, as `build-static` asks about it.
package struct StaticBuildCommand {
    /// The words after `VAR=value` prefixes.
    package let words: [String]
    /// The prefixes' values, for this command only.
    package let prefix: [String: String]
    /// The stage's ENV before the RUN.
    package let environment: [String: String]
    /// Packages the stage installed so far.
    package let packages: [String]
    package let image: ImageReference?
    package let context: BuildContext?

    package init(words: [String], prefix: [String: String], environment: [String: String], packages: [String], image: ImageReference?, context: BuildContext?) {
        self.words = words
        self.prefix = prefix
        self.environment = environment
        self.packages = packages
        self.image = image
        self.context = context
    }
}

/// How a build command becomes static.
package enum StaticBuildChange: Equatable {
    case notMine
    /// It is static already, or its linking is set on purpose; with a note when there is one.
    case leave(String?)
    /// Insert `text` before word `word` of the command.
    case insert(word: Int, text: String, reason: String)
}

/// What one build command makes.
package struct BuildStep: Sendable {
    package let language: Language
    package let artifacts: [Artifact]
    package let isStatic: Bool
    /// Libraries it links (`-l` names).
    package let links: [String]
    /// Why it may use cgo (Go).
    package let cgo: [String]
    /// The output's name is known only from the command that runs it (`make`).
    package var byEvidence = false

    package init(language: Language, artifacts: [Artifact], isStatic: Bool, links: [String] = [], cgo: [String] = [], byEvidence: Bool = false) {
        self.language = language
        self.artifacts = artifacts
        self.isStatic = isStatic
        self.links = links
        self.cgo = cgo
        self.byEvidence = byEvidence
    }
}

/// Reads what a stage compiles, as far as the Dockerfile (and the build
/// context, when at hand) proves it: the RUN that builds, the files it
/// makes, the command that runs them (the evidence of which file is the
/// program), the linking, and the packages the stage installs. Where it
/// cannot be sure it says why, and the passes change nothing.
package enum CompiledBuild {
    /// The compiled ecosystems, which read each other's commands in one stage.
    static var ecosystems: [any CompiledEcosystem] { Ecosystems.all.compactMap { $0 as? any CompiledEcosystem } }

    /// The stage's build, if it is `language`'s; `.notMine` when it builds another language or nothing compiled.
    package static func read(_ input: StageInput, for language: Language) -> BuildReading {
        let stage = input.stage
        guard case .image(let base) = stage.base else {
            let owns = stageLanguage(input) == language
            return owns ? .refused("its base is not an image dockslim can name (\(stage.baseText))") : .notMine
        }
        switch scan(input, image: base) {
        case .failure(let failure):
            guard (failure.language ?? stageLanguage(input)) == language else { return .notMine }
            if failure.nothingBuilt { return .nothingToBuild(failure.why.text) }
            return .refused(failure.why.text)
        case .success(let found):
            guard found.language == language else { return .notMine }
            switch plan(input, image: base, found) {
            case .success(let p): return .plan(p)
            case .failure(let why): return .refused(why.text)
            }
        }
    }

    /// The language of a stage that builds nothing recognised: its toolchain image's.
    private static func stageLanguage(_ input: StageInput) -> Language? {
        input.rootImage.flatMap { Ecosystems.toolchain(of: $0) }.flatMap { $0 as? any CompiledEcosystem }?.language
    }

    private struct Found {
        let run: Instruction
        let index: Int
        let language: Language
        let artifacts: [Artifact]
        let isStatic: Bool
        let links: [String]
        let cgoSigns: [String]
        let packages: [String]
    }

    private struct Failure: Error {
        let why: Why
        let language: Language?
        var nothingBuilt = false
    }

    /// The last RUN that builds, with what every build RUN made.
    private static func scan(_ input: StageInput, image base: ImageReference) -> Result<Found, Failure> {
        let stage = input.stage
        var packages: [String] = []
        var found: Found?
        var cgoSigns: [String] = []
        for (index, instruction) in stage.instructions.enumerated() {
            let state = input.state(before: index)
            if instruction.kind == .env || instruction.kind == .arg {
                let after = input.state(before: index + 1)
                if after.variables["CGO_ENABLED"]?.text == "1" { cgoSigns.append("ENV CGO_ENABLED=1 on line \(instruction.startLine)") }
                continue
            }
            guard instruction.kind == .run, instruction.form == .shell, case .shell(let text)? = instruction.command else { continue }
            guard let list = ShellCommandList.parse(text) else {
                if mentionsBuild(text) {
                    return .failure(Failure(why: Why("RUN on line \(instruction.startLine) builds in a way dockslim cannot follow"), language: nil))
                }
                continue
            }
            var cwd = input.workdir(before: index)
            var env = state.variables.mapValues(\.text)
            var built: [Artifact] = []
            var language: Language?
            var isStatic = false
            var links: [String] = []
            var runCgo: [String] = []
            var runPlacements: ContextPlacements?
            for command in list.commands {
                var words = command.texts
                while let w = words.first, let eq = w.firstIndex(of: "="), !w.hasPrefix("-") {
                    env[String(w[..<eq])] = String(w[w.index(after: eq)...])
                    words.removeFirst()
                }
                guard let tool = words.first else { continue }
                if tool == "cd" {
                    guard words.count == 2, let c = cwd, !words[1].contains("$") else { cwd = nil; continue }
                    cwd = Paths.join(c, words[1])
                    continue
                }
                packages += PackageInstalls.installedPackages(words)
                var result: Result<BuildStep, Why>?
                // Where the context lies in the image, for the build commands (and their context's problems).
                func buildSite() -> BuildSite? {
                    guard let context = input.context, context.complete, let cwd else { return nil }
                    let placements = runPlacements ?? ContextPlacements(chain: input.file.baseChain(of: stage), file: input.file, states: input.states,
                                                                        context: context, lastStage: 0..<index)
                    runPlacements = placements
                    // A folder of the context (a file copied to the folder's path says nothing of it).
                    let folder = placements.contextPath(of: cwd).flatMap { $0.isEmpty || context.has($0 + "/") ? $0 : nil }
                    return BuildSite(contextFolder: folder, placements: placements)
                }
                var site = ecosystems.contains(where: { $0.isBuildCommand(words) }) ? buildSite() : nil
                for e in ecosystems {
                    result = e.readBuildCommand(words, in: cwd, site: site, environment: env, context: input.context, image: base)
                    guard result != nil else { continue }
                    // The build as the context holds it: a missing package folder or module file fails the original build too.
                    if case .success? = result, site == nil { site = buildSite() }
                    if case .success? = result, let context = input.context, let site, let cwd {
                        let folder = site.contextFolder
                        // Outside the context's files: only when the context was copied below the build's folder.
                        let below = folder == nil && site.placements.folderDestinations.contains { $0 != cwd && Paths.covers(cwd, $0) }
                        if let why = e.contextProblem(words, site: site, buildFolder: cwd, contextBelow: below, context: context,
                                                      image: base, environment: env) {
                            result = .failure(why)
                        }
                    }
                    break
                }
                // Prefix assignments hold for one command only.
                env = state.variables.mapValues(\.text)
                guard let result else { continue }
                switch result {
                case .failure(let why):
                    let l = Ecosystems.of(command: words)?.language
                    return .failure(Failure(why: Why("RUN on line \(instruction.startLine): \(why.text)"), language: l))
                case .success(let step):
                    if let l = language, l != step.language {
                        return .failure(Failure(why: Why("RUN on line \(instruction.startLine) builds with two toolchains"), language: l))
                    }
                    language = step.language
                    built += step.artifacts
                    isStatic = isStatic || step.isStatic
                    links += step.links
                    runCgo += step.cgo
                    if step.byEvidence { built.append(Artifact(builderPath: "", runtimePath: "")) }
                }
            }
            if let language {
                let previous = found?.artifacts ?? []
                found = Found(run: instruction, index: index, language: language, artifacts: previous + built, isStatic: isStatic,
                              links: links, cgoSigns: [], packages: [])
                cgoSigns += runCgo
            }
        }
        guard let f = found else {
            return .failure(Failure(why: Why("no RUN builds a program dockslim recognises (go build, go install, cargo build, gcc/g++ -o, make)"),
                                    language: nil, nothingBuilt: true))
        }
        // RUNs right after the build that only look (ls, go vet, go test) stay in the builder.
        var end = f.index
        while end + 1 < stage.instructions.count, isCheckOnly(stage.instructions[end + 1]) { end += 1 }
        return .success(Found(run: f.run, index: end, language: f.language, artifacts: f.artifacts, isStatic: f.isStatic,
                              links: f.links, cgoSigns: cgoSigns, packages: packages))
    }

    /// The plan: the linking, and the artifact the CMD or ENTRYPOINT runs.
    private static func plan(_ input: StageInput, image base: ImageReference, _ build: Found) -> Result<BuildPlan, Why> {
        let stage = input.stage
        let libc = ImageCatalog.libc(of: base)
        let ecosystem = ecosystems.first { $0.language == build.language }!
        let step = BuildStep(language: build.language, artifacts: build.artifacts, isStatic: build.isStatic, links: build.links)
        let isStatic = ecosystem.linking(of: step, libc: libc)
        let compilerPackages: Set<String> = ["gcc", "g++", "build-base", "musl-dev", "libc6-dev", "libc-dev", "clang"]
        let signs = build.cgoSigns + build.packages.filter(compilerPackages.contains).map { "the stage installs \($0)" }
        func made(_ artifacts: [Artifact], entry: Instruction?) -> BuildPlan {
            var p = BuildPlan(language: build.language, stage: stage, builderImage: base, buildIndex: build.index, artifacts: artifacts,
                              entry: entry, linking: isStatic ? .staticBinary : .dynamicBinary(libc: libc, libraries: build.links),
                              packages: build.packages)
            p.cgoSigns = signs
            return p
        }
        if !input.requireEntry {
            return .success(made(build.artifacts.filter { !$0.builderPath.isEmpty && Paths.basename($0.builderPath) != "?" }, entry: nil))
        }
        guard let entry = stage.instructions.last(where: { $0.kind == .entrypoint }) ?? stage.instructions.last(where: { $0.kind == .cmd }) else {
            return .failure(Why("no CMD or ENTRYPOINT names the program, so the runtime stage would not know what to run"))
        }
        // The command that starts the program is the evidence of which file is the artifact.
        guard let program = programWord(entry) else {
            if case .shell(let text)? = entry.command, ShellCommandList.parse(text) == nil {
                return .failure(Why("\(entry.keyword) on line \(entry.startLine) is shell text dockslim cannot read (\(text.trimmingCharacters(in: " \t\r\n"))), so which program it starts is not known"))
            }
            return .failure(Why("\(entry.keyword) on line \(entry.startLine) does not name a program"))
        }
        if ["sh", "bash", "ash", "dash"].contains(Paths.basename(program)) {
            return .failure(Why("\(entry.keyword) on line \(entry.startLine) runs \(program), and which program the shell command starts is not read"))
        }
        if let argv = AppStage.argv(entry), let run = ecosystem.toolchainRun(argv, entry: entry, artifacts: build.artifacts, input: input, buildIndex: build.index) {
            switch run {
            case .refused(let why): return .failure(why)
            case .runs(let artifact, let newArgv, let note):
                var plan = made([artifact], entry: entry)
                plan.entryReplacement = EntryReplacement(entry, "\(entry.keyword) " + AppStage.json(newArgv))
                plan.notes.append(note)
                return .success(plan)
            }
        }
        if ecosystem.developmentServers.contains(Paths.basename(program)) {
            return .failure(Why("\(entry.keyword) on line \(entry.startLine) runs \(Paths.basename(program)), a development server that rebuilds the program with the toolchain at run time, so the image needs its builder"))
        }
        let buildDir = input.workdir(before: build.index)
        let finalWorkdir = input.workdir(before: stage.instructions.count)
        var artifacts = build.artifacts.filter { !$0.builderPath.isEmpty }
        let evidenceOnly = build.artifacts.contains { $0.builderPath.isEmpty }
        let pathDirs = Paths.standardPATH + ecosystem.installFolders
        let entryPath: String?
        if program.hasPrefix("/") {
            entryPath = Paths.join("/", program)
        } else if program.contains("/") {
            entryPath = finalWorkdir.map { Paths.join($0, program) }
        } else {
            entryPath = nil
        }
        var matched = false
        for (k, a) in artifacts.enumerated() {
            if let p = entryPath, a.builderPath == p { matched = true }
            if entryPath == nil, Paths.basename(a.builderPath) == program, pathDirs.contains(Paths.dirname(a.builderPath)) {
                matched = true
                artifacts[k].runtimePath = "/usr/local/bin/" + program
            }
        }
        // A build whose output name is not known (make, cmake, `go build` of
        // an unnamed module): the command's path is taken as the artifact
        // when it lies under the folder the build ran in.
        if !matched, let p = entryPath, let w = buildDir,
           evidenceOnly || artifacts.contains(where: { Paths.basename($0.builderPath) == "?" && Paths.dirname($0.builderPath) == Paths.dirname(p) }),
           p.hasPrefix(w == "/" ? "/" : w + "/") {
            // The build files name what they make (CMake's add_executable, a Makefile's -o $@): the command must run one of them.
            let products = (ecosystem.findings(in: input.context)?.products ?? []).map(\.name)
            if evidenceOnly, !products.isEmpty, !products.map(Paths.basename).contains(Paths.basename(p)) {
                return .failure(Why("\(entry.keyword) on line \(entry.startLine) runs \(Paths.basename(p)), but the build files make \(products.joined(separator: ", "))"))
            }
            artifacts.removeAll { Paths.basename($0.builderPath) == "?" }
            artifacts.append(Artifact(p))
            matched = true
        }
        artifacts.removeAll { Paths.basename($0.builderPath) == "?" }
        guard matched else {
            let made = artifacts.map(\.builderPath).joined(separator: ", ")
            return .failure(Why("\(entry.keyword) on line \(entry.startLine) runs \(program), which is not what the build makes\(made.isEmpty ? "" : " (\(made))")"))
        }
        return .success(made(artifacts, entry: entry))
    }

    /// Programs that only print or inspect.
    static let lookingCommands: Set<String> = ["ls", "echo", "pwd", "cat", "true", "env", "printenv", "whoami", "id", "uname", "date", "stat",
                                               "file", "du", "df", "tree", "wc", "head", "tail", "which", "ldd", "sleep", "set"]

    /// A RUN whose every command only prints or checks, writing no file (a
    /// redirection only to /dev/null or the standard streams).
    static func isCheckOnly(_ run: Instruction) -> Bool {
        guard run.kind == .run, run.flags.isEmpty, case .shell(let text)? = run.command, let list = ShellCommandList.parse(text) else { return false }
        return list.commands.allSatisfy { command in
            let words = command.texts
            guard let tool = words.first else { return true }
            if words.contains(where: { w in w.contains(">") && !["/dev/null", "/dev/stderr", "/dev/stdout"].contains { w.hasSuffix($0) } }) { return false }
            if tool == "set" { return words.dropFirst().allSatisfy { $0.hasPrefix("-") || $0.hasPrefix("+") } }
            if lookingCommands.contains(tool) { return true }
            return ecosystems.contains { $0.isCheckCommand(words) }
        }
    }

    private static func mentionsBuild(_ text: String) -> Bool {
        ["go build", "go install", "cargo build", "cargo install", "gcc ", "g++ ", "make", "cmake"].contains { text.contains($0) }
    }

    /// The program an ENTRYPOINT or CMD starts: its first word.
    package static func programWord(_ i: Instruction) -> String? {
        switch i.command {
        case .exec(let words): return words.first
        case .shell(let text):
            guard let list = ShellCommandList.parse(text), let first = list.commands.first else { return nil }
            var words = first.texts
            if words.first == "exec" { words.removeFirst() }
            return words.first
        case nil: return nil
        }
    }
}

/// What a toolchain's run command (`cargo run`) amounts to.
package enum ToolchainRun: Sendable {
    /// It runs this artifact with these arguments instead.
    case runs(Artifact, argv: [String], note: String)
    case refused(Why)
}
