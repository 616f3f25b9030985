import DockerfileModel

/// How a Node.js stage installs and builds, and what its runtime stage needs:
/// production `node_modules`, `package.json` and the build output the
/// program runs from (or the app folder when it runs from its sources), the
/// program `node FILE` (from CMD or package.json's start script), and
/// Next.js standalone output.
enum NodeBuild {
    static func read(_ app: AppStage) -> Result<BuildPlan, BuildReadingStop> {
        let runs: [AppStage.Run]
        switch app.runs() { case .success(let r): runs = r; case .failure(let w): return .failure(.refused(w.text)) }
        var manager: String?
        var installIndex: Int?
        var pruned = false
        var builds: [(script: String, index: Int)] = []
        var packages: [String] = []
        var setupFound: [(words: [String], run: AppStage.Run)] = []
        var globals: [[String]] = []
        var inSubfolder = false
        let scripts = app.context?.text("package.json").flatMap(JSONDocument.parse)?["scripts"]?.stringMembers.map(\.0) ?? []
        for run in runs {
            inSubfolder = false
            for words in run.commands {
                guard let tool = words.first else { continue }
                let sub = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
                if tool == "cd" {
                    // A part of the app (a client) built in its own folder: it stays in the builder, the runtime takes the app folder.
                    guard words.count == 2, !words[1].hasPrefix("/"), !words[1].contains(".."), !words[1].contains("$") else {
                        return .failure(.refused("RUN on line \(run.instruction.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                    inSubfolder = true
                    continue
                }
                if inSubfolder {
                    guard ["npm", "yarn", "pnpm", "npx"].contains(tool) else {
                        return .failure(.refused("RUN on line \(run.instruction.startLine) runs `\(words.joined(separator: " "))` in a subfolder, which dockslim does not follow"))
                    }
                    builds.append(("subfolder", run.index))
                    continue
                }
                if tool == "npx" || tool.hasPrefix("node_modules/.bin/") || tool.hasPrefix("./node_modules/.bin/") {
                    let program = tool == "npx" ? words.dropFirst().first { !$0.hasPrefix("-") } ?? "" : Paths.basename(tool)
                    guard buildPrograms.contains(program) else {
                        return .failure(.refused("RUN on line \(run.instruction.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                    builds.append((program, run.index))
                    continue
                }
                if tool == "yarn", scripts.contains(sub), !["install", "add", "remove", "cache", "global", "start"].contains(sub) {
                    builds.append((sub, run.index))
                    continue
                }
                if tool == "npm", ["ls", "list", "version", "config", "audit"].contains(sub) { continue }  // reads or settings only
                if AppSetup.isSetup(words) {
                    setupFound.append((words, run))
                    continue
                }
                switch (tool, sub) {
                case ("npm", "ci"), ("npm", "install"), ("npm", "i"):
                    guard words.dropFirst(2).allSatisfy({ $0.hasPrefix("-") }) else {
                        if words.contains("-g") || words.contains("--global") { globals.append(words); continue }
                        return .failure(.refused("RUN on line \(run.instruction.startLine) installs named packages (\(words.joined(separator: " ")))"))
                    }
                    manager = "npm"; installIndex = installIndex ?? run.index
                    if words.contains("--omit=dev") || words.contains("--production") || words.contains("--only=production") { pruned = true }
                case ("yarn", ""), ("yarn", "install"):
                    manager = "yarn"; installIndex = installIndex ?? run.index
                    if words.contains("--production") { pruned = true }
                case ("pnpm", "install"), ("pnpm", "i"):
                    manager = "pnpm"; installIndex = installIndex ?? run.index
                    if words.contains("--prod") || words.contains("-P") { pruned = true }
                case ("npm", "run"), ("npm", "run-script"), ("yarn", "run"), ("pnpm", "run"):
                    guard let script = words.dropFirst(2).first else { return .failure(.refused("`\(words.joined(separator: " "))` names no script")) }
                    builds.append((script, run.index))
                case ("yarn", "build"), ("pnpm", "build"):
                    builds.append(("build", run.index))
                case ("npm", "prune"), ("yarn", "cache"), ("npm", "cache"), ("pnpm", "prune"), ("corepack", _):
                    if sub == "prune" { pruned = true }
                default:
                    if !AppStage.systemCommand(words, packages: &packages) {
                        return .failure(.refused("RUN on line \(run.instruction.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                }
            }
        }
        guard let manager, let installIndex else {
            return .failure(.nothingToBuild("no RUN installs the dependencies (npm ci, yarn install, pnpm install)"))
        }
        guard let appDir = app.workdir(before: installIndex) else { return .failure(.refused("the folder the dependencies are installed in is not known")) }
        if let context = app.context, context.has(".yarnrc.yml") || context.has(".pnp.cjs") {
            return .failure(.refused("the project uses Yarn Plug'n'Play or Yarn 2+, whose installs dockslim does not split"))
        }
        var plan = BuildPlan(language: .node, stage: app.stage, builderImage: app.image, buildIndex: app.buildIndex,
                             artifacts: [Artifact(Paths.join(appDir, "node_modules")), Artifact(Paths.join(appDir, "package.json"))],
                             entry: app.entry, linking: .interpreted, packages: packages)
        var changesAppFolder = builds.contains { $0.script == "subfolder" }
        if !setupFound.isEmpty {
            switch AppSetup.read(setupFound, app: app, appDir: appDir) {
            case .failure(let why): return .failure(.refused(why.text))
            case .success(let setup):
                plan.runtimeSetupRuns += setup.runLine.map { [$0] } ?? []
                changesAppFolder = changesAppFolder || setup.changesAppFolder
            }
        }
        if !pruned {
            let prune: String
            switch manager {
            // npm 6 (node 14 and older) knows only --production.
            case "npm": prune = Node.major(app.image).map { $0 < 16 } == true ? "RUN npm prune --production" : "RUN npm prune --omit=dev"
            case "pnpm": prune = "RUN pnpm prune --prod"
            default: prune = "RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline"
            }
            plan.builderAppend.append(prune)
            plan.notes.append("the builder drops development dependencies after the build (\(prune)), so the runtime stage gets production node_modules")
        }
        guard let entry = app.entry else { return .success(plan) }
        return program(app, entry: entry, appDir: appDir, builds: builds.filter { $0.script != "subfolder" }, globals: globals,
                       changesAppFolder: changesAppFolder, addsPrune: !pruned, plan: plan)
    }

    /// Programs `npx` or `node_modules/.bin` runs that only build: they write the build output into the app folder.
    static let buildPrograms: Set<String> = ["tsc", "nest", "webpack", "vite", "babel", "next", "tsup", "esbuild", "rollup", "parcel", "gulp", "grunt",
                                             "prisma", "ng", "swc"]

    /// Development servers and watchers a start script may run: they need
    /// devDependencies and the sources, which a runtime stage leaves out.
    static let developmentTools: [String: String] = [
        "nodemon": "nodemon, a watcher that restarts on source changes", "ts-node": "ts-node, which compiles TypeScript when it starts",
        "ts-node-dev": "ts-node-dev, a development watcher", "tsx": "tsx, which compiles TypeScript when it starts",
        "react-scripts": "react-scripts, the Create React App development server", "ng": "the Angular CLI's development server",
        "vite": "Vite, a development or preview server that needs the project and its devDependencies",
        "vue-cli-service": "vue-cli-service, a development server", "webpack-dev-server": "webpack-dev-server",
        "webpack": "webpack", "tsc": "tsc, the TypeScript compiler", "nuxt": "Nuxt's development server", "gatsby": "Gatsby's development server",
    ]

    /// The program: `node FILE` (CMD, or the start script of package.json),
    /// and the build output or sources it runs from.
    private static func program(_ app: AppStage, entry: Instruction, appDir: String, builds: [(script: String, index: Int)],
                                globals: [[String]], changesAppFolder: Bool, addsPrune: Bool, plan: BuildPlan) -> Result<BuildPlan, BuildReadingStop> {
        var plan = plan
        var argv: [String]
        switch entry.command {
        case .exec(let w): argv = w
        case .shell(let t):
            guard let list = ShellCommandList.parse(t), list.commands.count == 1 else {
                return .failure(.refused("\(entry.keyword) on line \(entry.startLine) is not one command"))
            }
            argv = list.commands[0].texts
            if argv.first == "exec" { argv.removeFirst() }
        case nil: return .failure(.refused("\(entry.keyword) on line \(entry.startLine) has no command"))
        }
        if ["npm", "yarn", "pnpm"].contains(argv.first ?? ""), argv.contains("start") {
            guard let context = app.context, let pkg = context.text("package.json") else {
                return .failure(.refused("\(entry.keyword) runs `\(argv.joined(separator: " "))`, and package.json is not at hand to read the start script"))
            }
            if let start = startScript(pkg), start.hasPrefix("next start") {
                return nextStandalone(app, plan: plan, context: context, appDir: appDir, builds: builds)
            }
            // npm runs `node server.js` when package.json has no start script and server.js exists (npm docs, npm-start).
            let start = startScript(pkg) ?? (JSONDocument.parse(pkg)?["scripts"]?.stringMembers.contains { $0.0 == "start" } == true || !context.has("server.js") ? nil : "node server.js")
            guard let start else {
                return .failure(.refused("\(entry.keyword) runs `\(argv.joined(separator: " "))`, and package.json has no start script dockslim can read"))
            }
            guard let list = ShellCommandList.parse(start), list.commands.count == 1,
                  list.commands[0].texts.first == "node", list.commands[0].words.allSatisfy(\.isPlain) else {
                let first = ShellScan(start).commands.first.map(NodeStartCommand.unwrapped)?.first.map(Paths.basename) ?? ""
                if let dev = developmentTools[first] {
                    return .failure(.refused("the start script of package.json (`\(start)`) runs \(dev); the runtime stage has production node_modules and no sources to build"))
                }
                return .failure(.refused("the start script of package.json (`\(start)`) is not a plain `node FILE` command"))
            }
            argv = list.commands[0].texts
            plan.notes.append("`\(entry.original)` becomes `\(argv.joined(separator: " "))` from package.json's start script, so the runtime needs no package manager")
        }
        // A process manager installed globally in the builder (`npm install -g pm2`, then `pm2-runtime index.js`): the runtime stage installs it again.
        if let program = argv.first, program != "node", let install = globals.first(where: { g in
            g.dropFirst().filter { !$0.hasPrefix("-") && !["install", "i"].contains($0) }.contains { p in
                let name = p.split(separator: "@", omittingEmptySubsequences: false).first.map(String.init) ?? p
                return !name.isEmpty && (program == name || program.hasPrefix(name + "-"))
            }
        }), ["pm2", "pm2-runtime", "forever"].contains(program), let file = argv.dropFirst().last, !file.hasPrefix("-"), argv.count == 2 {
            guard install.allSatisfy(AppSetup.isPlainWord) else { return .failure(.refused("\(entry.keyword) on line \(entry.startLine) runs \(program), installed with arguments dockslim cannot repeat")) }
            plan.runtimeSetupRuns.append("RUN " + install.joined(separator: " "))
            plan.notes.append("\(program) is installed globally in the builder (\(install.joined(separator: " "))); the runtime stage installs it again")
            return sourcesOrOutput(app, entry: entry, file: file, appDir: appDir, builds: builds, changesAppFolder: changesAppFolder, addsPrune: addsPrune, plan: plan)
        }
        if let program = argv.first, let dev = developmentTools[Paths.basename(program)] {
            return .failure(.refused("\(entry.keyword) on line \(entry.startLine) runs \(dev); the runtime stage has production node_modules and no sources to build"))
        }
        guard argv.first == "node", let file = argv.dropFirst().first(where: { !$0.hasPrefix("-") }) else {
            return .failure(.refused("\(entry.keyword) on line \(entry.startLine) runs `\(argv.joined(separator: " "))`, not `node FILE` (directly or through package.json's start script)"))
        }
        if case .exec(let w)? = entry.command, w == argv {} else {
            plan.entryReplacement = EntryReplacement(entry, "\(entry.keyword) " + AppStage.json(argv))
        }
        return sourcesOrOutput(app, entry: entry, file: file, appDir: appDir, builds: builds, changesAppFolder: changesAppFolder, addsPrune: addsPrune, plan: plan)
    }

    /// A devDependency the start file loads by name (`require('errorhandler')`):
    /// the prune dockslim adds would remove it. Only the start file itself is
    /// read, where the context placed it; a build's output (not in the context) is not.
    static func devDependencyLoaded(by file: String, app: AppStage, appDir: String) -> String? {
        guard let context = app.context, let manifest = context.contents["package.json"] else { return nil }
        let placements = ContextPlacements(chain: app.input.file.baseChain(of: app.stage), file: app.input.file, states: app.input.states, context: context)
        guard let path = placements.contextPath(of: Paths.join(appDir, file)), let source = context.text(path) else { return nil }
        let dependencies = NodePackages.dependencies(ScannedSource(path: "package.json", bytes: manifest, syntax: .javaScript))
        let runtime = Set(dependencies.filter { !$0.dev }.map(\.name))
        for name in dependencies.filter(\.dev).map(\.name).sorted() where !runtime.contains(name) && !name.hasPrefix("@types/") {
            for q in ["'", "\"", "`"] {
                let forms = ["require(\(q)\(name)\(q)", "require(\(q)\(name)/", "from \(q)\(name)\(q)", "from \(q)\(name)/", "import(\(q)\(name)\(q)", "import \(q)\(name)\(q)"]
                if forms.contains(where: source.contains) { return name }
            }
        }
        return nil
    }

    /// The build output the program runs from, or the app folder with its sources.
    private static func sourcesOrOutput(_ app: AppStage, entry: Instruction, file: String, appDir: String, builds: [(script: String, index: Int)],
                                        changesAppFolder: Bool, addsPrune: Bool, plan: BuildPlan) -> Result<BuildPlan, BuildReadingStop> {
        var plan = plan
        if addsPrune, let dev = devDependencyLoaded(by: file, app: app, appDir: appDir) {
            return .failure(.refused("\(file) loads \(dev), a devDependency in package.json: the production node_modules the split gives the runtime stage would not have it"))
        }
        // The build output the program runs from, or the sources themselves.
        let entryDir = file.split(separator: "/").first.map(String.init) ?? file
        if let last = builds.last, file.contains("/"), entryDir != "node_modules" {
            guard let dir = app.workdir(before: last.index) else { return .failure(.refused("the folder the build runs in is not known")) }
            plan.artifacts.append(Artifact(Paths.join(dir, entryDir)))
        } else if changesAppFolder || app.copiesSourcesBefore(app.buildIndex + 1, isManifest: { Node.manifests.contains(Paths.basename($0)) }) {
            // Sources copied before the split, or the app folder changed by the build: the runtime copies the app folder from the builder.
            plan.artifacts = [Artifact(appDir)]
            plan.notes.append("the runtime stage copies \(appDir) from the builder: the program runs from its sources")
        }
        return .success(plan)
    }

    /// Next.js with `output: 'standalone'`: the server, its static files and
    /// `public`, without node_modules (the standalone output carries its own).
    private static func nextStandalone(_ app: AppStage, plan: BuildPlan, context: BuildContext, appDir: String,
                                       builds: [(script: String, index: Int)]) -> Result<BuildPlan, BuildReadingStop> {
        guard !builds.isEmpty else { return .failure(.refused("next start without a build")) }
        guard let config = ["next.config.js", "next.config.mjs", "next.config.ts"].compactMap({ context.text($0) }).first else {
            return .failure(.refused("next.config is not at hand, so whether the build writes standalone output is not known"))
        }
        guard config.contains("standalone") else {
            return .failure(.refused("next.config does not set output: 'standalone'; next start needs the whole project and its node_modules"))
        }
        var plan = plan
        plan.builderAppend = []
        plan.notes = ["Next.js standalone output: the runtime stage gets .next/standalone (with its own node_modules), .next/static and public, and runs node server.js"]
        plan.artifacts = [Artifact(builderPath: Paths.join(appDir, ".next/standalone"), runtimePath: appDir),
                          Artifact(Paths.join(appDir, ".next/static"))]
        if context.has("public/") { plan.artifacts.append(Artifact(Paths.join(appDir, "public"))) }
        if let entry = app.entry { plan.entryReplacement = EntryReplacement(entry, "\(entry.keyword) [\"node\", \"server.js\"]") }
        return .success(plan)
    }

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
}
