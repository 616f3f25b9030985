import DockerfileModel
import DockerfileSyntax

/// What a Node.js, Python or Java stage builds and what its runtime stage
/// needs, as far as the Dockerfile (and the folder, when at hand) proves it:
/// the dependency installs and builds it runs, the files the program runs
/// from, and the edits the builder needs so that those files are all the
/// runtime stage must copy (`npm prune --omit=dev`, a virtual environment).
/// Anything it does not recognise makes it say why instead.
struct AppBuild {
    enum Language: String { case node, python, java }

    let language: Language
    let stage: Stage
    let image: ImageReference
    /// The last RUN: the builder ends here; what follows describes the runtime.
    let buildIndex: Int
    /// Absolute paths in the builder the runtime stage copies, to the same place.
    var copies: [String]
    /// Copies to another place (Next.js standalone output).
    var movedCopies: [(from: String, to: String)] = []
    /// Lines the builder gets before an instruction.
    var builderInsertions: [(before: Instruction, lines: [String])] = []
    /// Lines the builder gets after its last RUN.
    var builderAppend: [String] = []
    /// ENV lines the runtime stage needs before anything else.
    var runtimeEnv: [String] = []
    /// Packages the stage installs with apt/apk/yum.
    var packages: [String] = []
    var notes: [String] = []
    let entry: Instruction?

    var afterBuild: [Instruction] { Array(stage.instructions[(buildIndex + 1)...]) }

    typealias Why = BuildAnalysis.Why

    /// The language of a stage's image (`node`, `python`, a JDK or a JVM build tool).
    static func language(of ref: ImageReference) -> Language? {
        switch ref.name {
        case "node": return .node
        case "python": return .python
        case "maven", "gradle", "eclipse-temurin", "openjdk", "amazoncorretto", "sapmachine", "ibm-semeru-runtimes": return .java
        default: return nil
        }
    }

    /// Debian 13 (trixie), whose `python3` is the interpreter distroless
    /// `python3-debian13` carries, at the same path.
    static func isTrixie(_ ref: ImageReference) -> Bool {
        ref.name == "debian" && ImageCatalogLite.isOfficial(ref) && ["trixie", "13", "trixie-slim", "13-slim"].contains(ref.tag ?? "")
    }

    /// `nil` when the stage is not on a Node, Python or Java image (or Debian 13 installing python3).
    static func analyse(_ stage: Stage, in file: Dockerfile, project: ProjectFacts?, requireEntry: Bool = true) -> Result<AppBuild, Why>? {
        guard case .image(let ref) = stage.base else { return nil }
        let installsPython = stage.instructions.contains { $0.kind == .run && BuildAnalysis.installedPackages(Array($0.original.split(separator: " ").map(String.init).dropFirst())).contains("python3") }
        guard let language = language(of: ref) ?? (isTrixie(ref) && installsPython ? .python : nil) else { return nil }
        let name = "\(language == .node ? "Node.js" : language == .python ? "Python" : "Java") stage"
        guard let buildIndex = stage.instructions.lastIndex(where: { $0.kind == .run }) else {
            return .failure(Why("the \(name) runs no install or build"))
        }
        let entry = stage.instructions.last(where: { $0.kind == .entrypoint }) ?? stage.instructions.last(where: { $0.kind == .cmd })
        if requireEntry && entry == nil { return .failure(Why("no CMD or ENTRYPOINT says what the \(name) runs")) }
        if let e = entry, e.startLine < stage.instructions[buildIndex].startLine {
            return .failure(Why("\(e.keyword) on line \(e.startLine) comes before the last RUN"))
        }
        // WORKDIR at each instruction.
        var tracker = WorkdirTracker(image: ref, start: Toolchains.workdir(ofImage: ref) ?? "/")
        var workdirs: [String?] = []
        for i in stage.instructions {
            workdirs.append(tracker.current)
            tracker.step(i)
        }
        var app = AppBuild(language: language, stage: stage, image: ref, buildIndex: buildIndex, copies: [], entry: entry)
        let result: Result<Void, Why>
        switch language {
        case .node: result = app.readNode(workdirs: workdirs, project: project, requireEntry: requireEntry)
        case .python: result = app.readPython(workdirs: workdirs, project: project)
        case .java: result = app.readJava(workdirs: workdirs, project: project, requireEntry: requireEntry)
        }
        if case .failure(let why) = result { return .failure(why) }
        return .success(app)
    }

    /// The RUNs before the split, each as its simple commands; `nil` with
    /// the reason when one cannot be read.
    private func runCommands() -> Result<[(Instruction, Int, [[String]])], Why> {
        var out: [(Instruction, Int, [[String]])] = []
        for (k, i) in stage.instructions.enumerated() where i.kind == .run {
            guard i.heredocs.isEmpty, i.form == .shell, case .shell(let text)? = i.command, let list = ShellCommandList.parse(text) else {
                return .failure(Why("RUN on line \(i.startLine) is a command dockslim does not follow"))
            }
            // After `set -e`, `;` stops at a failure as `&&` does.
            let stopsOnError = list.commands.first.map { $0.texts.first == "set" && $0.texts.dropFirst().contains { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("e") } } ?? false
            guard list.commands.dropLast().allSatisfy({ $0.separator == "&&" || (stopsOnError && $0.separator == ";") }) else {
                return .failure(Why("RUN on line \(i.startLine) joins commands with something other than &&"))
            }
            out.append((i, k, list.commands.map { c in Array(c.texts.drop { $0.contains("=") && !$0.hasPrefix("-") }) }))
        }
        return .success(out)
    }

    /// The major version of a node image's tag (`20` for `node:20.11-alpine`), if it names one.
    static func nodeMajor(_ ref: ImageReference) -> Int? {
        guard ref.name == "node", let tag = ref.tag else { return nil }
        return Int(tag.prefix { $0.isNumber })
    }

    /// Why the stage's CMD or ENTRYPOINT cannot run in a runtime stage: it
    /// starts a build tool (uv from its image, poetry from pip) that stays in
    /// the builder. Node's package managers are handled by the start script.
    static func runsBuildTool(_ stage: Stage, language: Language) -> String? {
        let tools: Set<String> = ["uv", "uvx", "poetry", "pipenv", "pdm", "hatch", "rye", "npm", "npx", "yarn", "pnpm", "mvn", "gradle", "gradlew", "mvnw"]
        for i in stage.instructions where i.kind == .cmd || i.kind == .entrypoint {
            let program: String?
            switch i.command {
            case .exec(let w): program = w.first
            case .shell(let t): program = ShellScan(t).commands.first?.first
            case nil: program = nil
            }
            guard let program = program.map(Paths.basename), tools.contains(program) else { continue }
            if language == .node && ["npm", "yarn", "pnpm"].contains(program) { continue }
            return "\(i.keyword) on line \(i.startLine) runs \(program), a build tool the runtime stage does not have"
        }
        return nil
    }

    /// Whether a copy from the context that precedes `index` takes more than manifests.
    private func copiesSourcesBefore(_ index: Int) -> Bool {
        stage.instructions[..<index].contains { i in
            (i.kind == .copy || i.kind == .add) && i.flag("from") == nil && i.argumentStrings.dropLast().contains { !Self.isManifest($0) }
        }
    }

    static func isManifest(_ source: String) -> Bool {
        let name = Paths.basename(source)
        let names: Set<String> = ["package.json", "package-lock.json", "package*.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", ".npmrc",
                                  ".yarnrc", ".yarnrc.yml", "requirements.txt", "pyproject.toml", "poetry.lock", "uv.lock", "setup.cfg", "pom.xml",
                                  "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties", "gradlew", "mvnw"]
        return names.contains(name) || (name.hasPrefix("requirements") && name.hasSuffix(".txt")) || source.hasPrefix("gradle") || source.hasPrefix(".mvn")
    }

    /// apt/apk/yum packages; the other commands a builder may run anywhere.
    private mutating func readSystemCommand(_ words: [String], line: Int) -> Bool {
        guard let tool = words.first else { return true }
        if ["apt-get", "apt", "apk", "yum", "dnf", "microdnf"].contains(tool) {
            packages += BuildAnalysis.installedPackages(words)
            return true
        }
        if tool == "rm", words.dropFirst().filter({ !$0.hasPrefix("-") }).allSatisfy({ $0.hasPrefix("/var/lib/apt/lists") || $0.hasPrefix("/var/cache/apk") || $0.hasPrefix("/tmp/") }) { return true }
        return ["set", "true", "echo"].contains(tool)
    }

    // MARK: Node.js

    private mutating func readNode(workdirs: [String?], project: ProjectFacts?, requireEntry: Bool) -> Result<Void, Why> {
        let runs: [(Instruction, Int, [[String]])]
        switch runCommands() { case .success(let r): runs = r; case .failure(let w): return .failure(w) }
        var manager: String?
        var installIndex: Int?
        var pruned = false
        var builds: [(script: String, index: Int)] = []
        for (run, k, commands) in runs {
            for words in commands {
                guard let tool = words.first else { continue }
                let sub = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
                switch (tool, sub) {
                case ("npm", "ci"), ("npm", "install"), ("npm", "i"):
                    guard words.dropFirst(2).allSatisfy({ $0.hasPrefix("-") }) else {
                        if words.contains("-g") || words.contains("--global") { continue }
                        return .failure(Why("RUN on line \(run.startLine) installs named packages (\(words.joined(separator: " ")))"))
                    }
                    manager = "npm"; installIndex = installIndex ?? k
                    if words.contains("--omit=dev") || words.contains("--production") || words.contains("--only=production") { pruned = true }
                case ("yarn", ""), ("yarn", "install"):
                    manager = "yarn"; installIndex = installIndex ?? k
                    if words.contains("--production") { pruned = true }
                case ("pnpm", "install"), ("pnpm", "i"):
                    manager = "pnpm"; installIndex = installIndex ?? k
                    if words.contains("--prod") || words.contains("-P") { pruned = true }
                case ("npm", "run"), ("npm", "run-script"), ("yarn", "run"), ("pnpm", "run"):
                    guard let script = words.dropFirst(2).first else { return .failure(Why("`\(words.joined(separator: " "))` names no script")) }
                    builds.append((script, k))
                case ("yarn", "build"), ("pnpm", "build"):
                    builds.append(("build", k))
                case ("npm", "prune"), ("yarn", "cache"), ("npm", "cache"), ("pnpm", "prune"), ("corepack", _):
                    if sub == "prune" { pruned = true }
                default:
                    if !readSystemCommand(words, line: run.startLine) {
                        return .failure(Why("RUN on line \(run.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                }
            }
        }
        guard let manager, let installIndex else { return .failure(Why("no RUN installs the dependencies (npm ci, yarn install, pnpm install)")) }
        guard let appDir = workdirs[installIndex] else { return .failure(Why("the folder the dependencies are installed in is not known")) }
        if let project, project.has(".yarnrc.yml") || project.has(".pnp.cjs") {
            return .failure(Why("the project uses Yarn Plug'n'Play or Yarn 2+, whose installs dockslim does not split"))
        }
        copies = [Paths.join(appDir, "node_modules"), Paths.join(appDir, "package.json")]
        if !pruned {
            switch manager {
            // npm 6 (node 14 and older) knows only --production.
            case "npm": builderAppend.append(Self.nodeMajor(image).map { $0 < 16 } == true ? "RUN npm prune --production" : "RUN npm prune --omit=dev")
            case "pnpm": builderAppend.append("RUN pnpm prune --prod")
            default: builderAppend.append("RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline")
            }
            notes.append("the builder drops development dependencies after the build (\(builderAppend.last!)), so the runtime stage gets production node_modules")
        }
        // The program: `node FILE` (CMD, or the start script of package.json).
        guard let entry else { return .success(()) }
        var argv: [String]
        switch entry.command {
        case .exec(let w): argv = w
        case .shell(let t):
            guard let list = ShellCommandList.parse(t), list.commands.count == 1 else { return .failure(Why("\(entry.keyword) on line \(entry.startLine) is not one command")) }
            argv = list.commands[0].texts
            if argv.first == "exec" { argv.removeFirst() }
        case nil: return .failure(Why("\(entry.keyword) on line \(entry.startLine) has no command"))
        }
        if ["npm", "yarn", "pnpm"].contains(argv.first ?? ""), argv.contains("start") {
            guard let project, let pkg = project.text("package.json") else {
                return .failure(Why("\(entry.keyword) runs `\(argv.joined(separator: " "))`, and package.json is not at hand to read the start script"))
            }
            if let start = Self.startScript(pkg), start.hasPrefix("next start") {
                return nextStandalone(project: project, appDir: appDir, builds: builds)
            }
            guard let start = Self.startScript(pkg), let list = ShellCommandList.parse(start), list.commands.count == 1,
                  list.commands[0].texts.first == "node", list.commands[0].words.allSatisfy(\.isPlain) else {
                return .failure(Why("the start script of package.json is not a plain `node FILE` command"))
            }
            argv = list.commands[0].texts
            notes.append("`\(entry.original)` becomes `\(argv.joined(separator: " "))` from package.json's start script, so the runtime needs no package manager")
        }
        guard argv.first == "node", let file = argv.dropFirst().first(where: { !$0.hasPrefix("-") }) else {
            return .failure(Why("\(entry.keyword) on line \(entry.startLine) does not run `node FILE`"))
        }
        // The build output the program runs from, or the sources themselves.
        let entryDir = file.split(separator: "/").first.map(String.init) ?? file
        if !builds.isEmpty, file.contains("/"), entryDir != "node_modules" {
            guard let dir = workdirs[builds.last!.index] else { return .failure(Why("the folder the build runs in is not known")) }
            copies.append(Paths.join(dir, entryDir))
        } else if copiesSourcesBefore(buildIndex + 1) {
            // Sources copied before the split: the runtime copies the app folder from the builder.
            copies = [appDir]
            notes.append("the runtime stage copies \(appDir) from the builder: the program runs from its sources")
        }
        let newArgv = argv
        if newArgv != (entry.command.flatMap { if case .exec(let w) = $0 { return w } else { return nil } } ?? []) {
            entryReplacement = (entry, "\(entry.keyword) [" + newArgv.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        }
        return .success(())
    }

    /// Next.js with `output: 'standalone'`: the server, its static files and
    /// `public`, without node_modules (the standalone output carries its own).
    private mutating func nextStandalone(project: ProjectFacts, appDir: String, builds: [(script: String, index: Int)]) -> Result<Void, Why> {
        guard !builds.isEmpty else { return .failure(Why("next start without a build")) }
        let configs = ["next.config.js", "next.config.mjs", "next.config.ts"]
        guard let config = configs.compactMap({ project.text($0) }).first else {
            return .failure(Why("next.config is not at hand, so whether the build writes standalone output is not known"))
        }
        guard config.contains("standalone") else {
            return .failure(Why("next.config does not set output: 'standalone'; next start needs the whole project and its node_modules"))
        }
        copies = []
        builderAppend = []
        notes = ["Next.js standalone output: the runtime stage gets .next/standalone (with its own node_modules), .next/static and public, and runs node server.js"]
        movedCopies = [(Paths.join(appDir, ".next/standalone"), appDir), (Paths.join(appDir, ".next/static"), Paths.join(appDir, ".next/static"))]
        if project.has("public/") { movedCopies.append((Paths.join(appDir, "public"), Paths.join(appDir, "public"))) }
        if let entry { entryReplacement = (entry, "\(entry.keyword) [\"node\", \"server.js\"]") }
        return .success(())
    }

    /// An entry rewritten (`npm start` → `node server.js`), with its new text.
    var entryReplacement: (Instruction, String)?

    /// `scripts.start` of a package.json, read without a JSON parser for the one string.
    static func startScript(_ json: String) -> String? {
        guard let scripts = json.range(of: "\"scripts\"") else { return nil }
        let rest = json[scripts.upperBound...]
        guard let start = rest.range(of: "\"start\"") else { return nil }
        var after = rest[start.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard after.first == ":" else { return nil }
        after = after.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard after.first == "\"" else { return nil }
        let body = after.dropFirst()
        guard let end = body.firstIndex(of: "\""), !body[..<end].contains("\\") else { return nil }
        return String(body[..<end])
    }

    // MARK: Python

    private mutating func readPython(workdirs: [String?], project: ProjectFacts?) -> Result<Void, Why> {
        let runs: [(Instruction, Int, [[String]])]
        switch runCommands() { case .success(let r): runs = r; case .failure(let w): return .failure(w) }
        var firstInstall: Instruction?
        var usesUV = false
        for (run, _, commands) in runs {
            for words in commands {
                guard let tool = words.first else { continue }
                var args = Array(words.dropFirst())
                var isPip = tool == "pip" || tool == "pip3"
                if tool.hasPrefix("python"), args.count >= 2, args[0] == "-m", args[1] == "pip" { isPip = true; args.removeFirst(2) }
                if isPip {
                    guard args.first(where: { !$0.hasPrefix("-") }) == "install" else { continue }
                    if args.contains("-e") || args.contains("--editable") {
                        return .failure(Why("RUN on line \(run.startLine) installs the project in editable mode, so the environment points at the sources in the builder"))
                    }
                    if args.contains("--user") || args.contains("--target") || args.contains("-t") || args.contains("--prefix") {
                        return .failure(Why("RUN on line \(run.startLine) installs outside the environment (\(words.joined(separator: " ")))"))
                    }
                    firstInstall = firstInstall ?? run
                } else if tool == "uv" || tool == "poetry" {
                    let sub = args.first { !$0.hasPrefix("-") } ?? ""
                    if tool == "poetry" && sub == "config" { continue }
                    guard (tool == "uv" && (sub == "sync" || (sub == "pip" && args.contains("install")))) || (tool == "poetry" && sub == "install") else {
                        return .failure(Why("RUN on line \(run.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                    if tool == "uv" { usesUV = true }
                    if tool == "poetry", args.contains("virtualenvs.in-project") { return .failure(Why("poetry keeps its environment in the project")) }
                    firstInstall = firstInstall ?? run
                } else if tool == "pipenv" || tool == "conda" {
                    return .failure(Why("RUN on line \(run.startLine) installs with \(tool); dockslim builds the virtual environment with pip, poetry or uv"))
                } else if tool.hasPrefix("python") && args.first == "-m" && args.dropFirst().first == "venv" {
                    continue  // the virtual environment (as split-stages writes it)
                } else if tool.hasPrefix("python") && args.first == "manage.py" {
                    continue  // collectstatic, compilemessages: files under the app folder
                } else if !readSystemCommand(words, line: run.startLine) {
                    return .failure(Why("RUN on line \(run.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                }
            }
        }
        guard let install = firstInstall else { return .failure(Why("no RUN installs the dependencies with pip")) }
        let system = Self.isTrixie(image)
        if system && !packages.contains("python3-venv") {
            return .failure(Why("Debian's python3 needs python3-venv installed to create the virtual environment"))
        }
        let runtimeLibraries = packages.filter { p in
            let n = p.split(separator: "=").first.map(String.init) ?? p
            if system && ["python3", "python3-venv", "python3-pip"].contains(n) { return false }
            return !["gcc", "g++", "make", "build-essential", "build-base", "python3-dev", "libc6-dev", "musl-dev", "git", "curl", "wget", "ca-certificates", "pkg-config", "pkgconf"].contains(n)
        }
        if !runtimeLibraries.isEmpty {
            return .failure(Why("it installs \(runtimeLibraries.joined(separator: ", ")); a package built against them needs their runtime libraries, which dockslim does not map"))
        }
        // The environment exists before the first install (pip install poetry included);
        // VIRTUAL_ENV makes poetry and `uv pip` use it, UV_PROJECT_ENVIRONMENT `uv sync`.
        let first = runs.first { r in r.2.contains { w in
            let t = w.first ?? ""
            return ["pip", "pip3", "poetry", "uv"].contains(t) || (t.hasPrefix("python") && w.dropFirst().first == "-m" && w.dropFirst(2).first == "pip")
        } }?.0 ?? install
        builderInsertions.append((first, ["RUN \(system ? "python3" : "python") -m venv /opt/venv",
                                          "ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"" + (usesUV ? " UV_PROJECT_ENVIRONMENT=/opt/venv" : "")]))
        runtimeEnv = ["ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\""]
        copies = ["/opt/venv"]
        notes.append("the builder installs into a virtual environment at /opt/venv, which the runtime stage copies (the same Python at the same path)")
        if copiesSourcesBefore(buildIndex + 1) {
            guard let dir = workdirs[buildIndex] else { return .failure(Why("the sources are copied before the install, to a folder dockslim cannot name")) }
            copies.append(dir)
        }
        return .success(())
    }

    // MARK: Java

    private mutating func readJava(workdirs: [String?], project: ProjectFacts?, requireEntry: Bool) -> Result<Void, Why> {
        let runs: [(Instruction, Int, [[String]])]
        switch runCommands() { case .success(let r): runs = r; case .failure(let w): return .failure(w) }
        var built = false
        var fatJarTask = false
        for (run, _, commands) in runs {
            for words in commands {
                guard let tool = words.first else { continue }
                switch tool {
                case "mvn", "./mvnw", "gradle", "./gradlew":
                    let goals = words.dropFirst().filter { !$0.hasPrefix("-") }
                    if goals.contains(where: { ["package", "install", "verify", "build", "bootJar", "jar", "shadowJar", "assemble"].contains($0) }) { built = true }
                    if goals.contains(where: { ["bootJar", "shadowJar", "spring-boot:repackage"].contains($0) }) { fatJarTask = true }
                case "chmod":
                    continue
                default:
                    if !readSystemCommand(words, line: run.startLine) {
                        return .failure(Why("RUN on line \(run.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                }
            }
        }
        guard built else { return .failure(Why("no RUN builds a jar (mvn package, gradle build, bootJar)")) }
        guard requireEntry else { return .success(()) }
        guard let entry, let argv = Self.javaArgv(entry) else {
            if let e = entry, e.original.contains("-jar"), e.original.contains("*") {
                return .failure(Why("\(e.keyword) on line \(e.startLine) names the jar by a pattern; name it exactly so the runtime stage copies exactly it"))
            }
            return .failure(Why("no CMD or ENTRYPOINT runs `java -jar FILE`"))
        }
        guard let jarIndex = argv.firstIndex(of: "-jar"), jarIndex + 1 < argv.count else { return .failure(Why("the command does not run `java -jar`")) }
        let jar = argv[jarIndex + 1]
        guard !jar.contains("*"), !jar.contains("$") else {
            return .failure(Why("the jar is named by a pattern (\(jar)); name it in CMD so the runtime stage can copy exactly it"))
        }
        // A jar run alone must carry its dependencies: Spring Boot, shaded or -all jars.
        let buildFiles = ["pom.xml", "build.gradle", "build.gradle.kts"].compactMap { project?.text($0) }.joined(separator: "\n")
        let fatByBuild = ["spring-boot-maven-plugin", "org.springframework.boot", "maven-shade-plugin", "jar-with-dependencies", "com.github.johnrengelman.shadow", "com.gradleup.shadow"].contains { buildFiles.contains($0) }
        let fatByName = ["-all.jar", "-jar-with-dependencies.jar", "-shaded.jar", "-fat.jar"].contains { jar.hasSuffix($0) }
        guard fatJarTask || fatByBuild || fatByName else {
            return .failure(Why("\(jar) may load other jars from the build folder at run time (a Class-Path in its manifest); dockslim copies a jar alone only when it is a Spring Boot, shaded or -all jar, which the build file or task shows"))
        }
        guard let dir = workdirs[stage.instructions.firstIndex { $0 === entry }!] else { return .failure(Why("the folder the jar is in is not known")) }
        copies = [jar.hasPrefix("/") ? Paths.join("/", jar) : Paths.join(dir, jar)]
        return .success(())
    }

    /// `java [options] -jar FILE [args]` of an exec- or plain shell-form command.
    static func javaArgv(_ i: Instruction) -> [String]? {
        var argv: [String]
        switch i.command {
        case .exec(let w): argv = w
        case .shell(let t):
            guard let list = ShellCommandList.parse(t), list.commands.count == 1, list.commands[0].words.allSatisfy(\.isPlain) else { return nil }
            argv = list.commands[0].texts
            if argv.first == "exec" { argv.removeFirst() }
        case nil: return nil
        }
        guard let first = argv.first, first == "java" || first.hasSuffix("/java") else { return nil }
        return argv
    }
}

extension StringProtocol {
    /// The first occurrence of `needle` (Foundation's `range(of:)`, which this module does without).
    func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}
