import DockerfileModel

/// How a Python stage installs its dependencies, and the builder changes that
/// make a virtual environment at `/opt/venv` all the runtime stage copies
/// (with the app folder when the sources were copied before the install).
enum PythonBuild {
    /// Debian 13 (trixie), whose `python3` is the interpreter distroless
    /// `python3-debian13` carries, at the same path.
    static func isTrixie(_ ref: ImageReference) -> Bool {
        ImageCatalog.officialName(ref) == "debian" && ["trixie", "13", "trixie-slim", "13-slim"].contains(ref.tag ?? "")
    }

    /// Files that only say how to install, never what the program reads.
    static func isManifest(_ source: String) -> Bool {
        let name = Paths.basename(source)
        let names: Set<String> = ["requirements.txt", "pyproject.toml", "poetry.lock", "uv.lock", "setup.cfg", ".python-version"]
        return names.contains(name) || (name.hasPrefix("requirements") && name.hasSuffix(".txt"))
    }

    /// A package name without its version pin.
    static func name(_ package: String) -> String { package.split(separator: "=").first.map(String.init) ?? package }

    static func read(_ app: AppStage) -> Result<BuildPlan, BuildReadingStop> {
        let runs: [AppStage.Run]
        switch app.runs() { case .success(let r): runs = r; case .failure(let w): return .failure(.refused(w.text)) }
        var firstInstall: Instruction?
        var usesUV = false
        var packages: [String] = []
        var setupFound: [(words: [String], run: AppStage.Run)] = []
        var venvMade: (path: String, line: Int)?
        for run in runs {
            let line = run.instruction.startLine
            for words in run.commands {
                guard let tool = words.first else { continue }
                var args = Array(words.dropFirst())
                var isPip = tool == "pip" || tool == "pip3"
                if tool.hasPrefix("python"), args.count >= 2, args[0] == "-m", args[1] == "pip" { isPip = true; args.removeFirst(2) }
                if isPip {
                    guard args.first(where: { !$0.hasPrefix("-") }) == "install" else { continue }
                    if args.contains("-e") || args.contains("--editable") {
                        return .failure(.refused("RUN on line \(line) installs the project in editable mode, so the environment points at the sources in the builder"))
                    }
                    if args.contains("--user") || args.contains("--target") || args.contains("-t") || args.contains("--prefix") {
                        return .failure(.refused("RUN on line \(line) installs outside the environment (\(words.joined(separator: " ")))"))
                    }
                    firstInstall = firstInstall ?? run.instruction
                } else if tool == "uv" || tool == "poetry" {
                    let sub = args.first { !$0.hasPrefix("-") } ?? ""
                    if tool == "poetry" && sub == "config" { continue }
                    guard (tool == "uv" && (sub == "sync" || (sub == "pip" && args.contains("install")))) || (tool == "poetry" && sub == "install") else {
                        return .failure(.refused("RUN on line \(line) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                    if tool == "uv" { usesUV = true }
                    if tool == "poetry", args.contains("virtualenvs.in-project") { return .failure(.refused("poetry keeps its environment in the project")) }
                    firstInstall = firstInstall ?? run.instruction
                } else if tool == "pipenv" || tool == "conda" {
                    return .failure(.refused("RUN on line \(line) installs with \(tool); dockslim builds the virtual environment with pip, poetry or uv"))
                } else if let path = venvPath(words) {
                    // The Dockerfile's own virtual environment: the one the runtime stage takes.
                    guard let p = app.input.state(before: run.index).absolutePath(path), p.certain else {
                        return .failure(.refused("RUN on line \(line) makes a virtual environment in a folder dockslim cannot name"))
                    }
                    if firstInstall == nil { venvMade = (p.text, line) }
                } else if AppSetup.isSetup(words) {
                    setupFound.append((words, run))
                } else if tool.hasPrefix("python") && args.first == "manage.py" {
                    continue  // collectstatic, compilemessages: files under the app folder
                } else if !AppStage.systemCommand(words, packages: &packages) {
                    return .failure(.refused("RUN on line \(line) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                }
            }
        }
        guard let install = firstInstall else { return .failure(.nothingToBuild("no RUN installs the dependencies with pip")) }
        if (app.image.tag ?? "").hasPrefix("2") {
            return .failure(.refused("\(app.image.original) is Python 2, which has no venv module for the environment the runtime stage would copy"))
        }
        let system = isTrixie(app.image)
        if system && !packages.contains("python3-venv") {
            return .failure(.refused("Debian's python3 needs python3-venv installed to create the virtual environment"))
        }
        let buildOnly: Set<String> = ["gcc", "g++", "make", "build-essential", "build-base", "python3-dev", "libc6-dev", "musl-dev", "git", "curl",
                                      "wget", "ca-certificates", "pkg-config", "pkgconf"]
        // curl, wget or git no build step uses were installed for run time (a probe, the program, someone exec-ing in).
        let tools = BuildPackages.runTimePackages(packages.filter { buildOnly.contains(Self.name($0)) }, runs: runs.flatMap(\.commands),
                                                  starts: StartedCommands.of(app.stage))
        if !tools.isEmpty {
            return .failure(.refused("it installs \(tools.joined(separator: ", ")), which no build step uses: the image has them for run time, and the runtime stage would not"))
        }
        let runtimeLibraries = RuntimePackages.kept(packages, commands: runs.flatMap(\.commands)).filter { p in
            let n = Self.name(p)
            if system && ["python3", "python3-venv", "python3-pip"].contains(n) { return false }
            return !buildOnly.contains(n)
        }
        // Libraries and tools the builder installs (ffmpeg, libgl1, libpq-dev) are installed again in the runtime
        // stage, with the same package manager from the same repositories; a stage without a shell cannot.
        var reinstall: String?
        switch RuntimePackages.reinstall(runtimeLibraries, runs: runs, image: app.image) {
        case .none: break
        case .line(let line): reinstall = line
        case .namedByVariable(let named):
            return .failure(.refused("it installs \(named), a package named through a variable, which the runtime stage would have to install again"))
        case .repositoriesChanged(let changed):
            return .failure(.refused("it installs \(runtimeLibraries.joined(separator: ", ")), and RUN on line \(changed.startLine) changes the package repositories, which the runtime stage would have to repeat"))
        }
        var plan = BuildPlan(language: .python, stage: app.stage, builderImage: app.image, buildIndex: app.buildIndex, artifacts: [Artifact("/opt/venv")],
                             entry: app.entry, linking: .interpreted, packages: packages)
        plan.checksOwnPackages = true
        if let reinstall {
            plan.runtimeSetupRuns.append(reinstall)
            plan.notes.append("the runtime stage installs \(runtimeLibraries.joined(separator: ", ")) again, as the builder does: the program or its packages use them at run time")
        }
        // The environment exists before the first install (pip install poetry included);
        // VIRTUAL_ENV makes poetry and `uv pip` use it, UV_PROJECT_ENVIRONMENT `uv sync`.
        let first = runs.first { r in r.commands.contains { w in
            let t = w.first ?? ""
            return ["pip", "pip3", "poetry", "uv"].contains(t) || (t.hasPrefix("python") && w.dropFirst().first == "-m" && w.dropFirst(2).first == "pip")
        } }?.instruction ?? install
        let firstIndex = app.stage.instructions.firstIndex { $0 === first } ?? 0
        let buildDir = app.workdir(before: app.buildIndex)
        if !setupFound.isEmpty {
            guard let dir = buildDir else { return .failure(.refused("the folder the setup commands prepare is not known")) }
            switch AppSetup.read(setupFound, app: app, appDir: dir) {
            case .failure(let why): return .failure(.refused(why.text))
            case .success(let setup):
                plan.runtimeSetupRuns += setup.runLine.map { [$0] } ?? []
                if setup.changesAppFolder { plan.artifacts.append(Artifact(dir)) }
            }
        }
        if let venv = venvMade, let env = existingEnvironment(venv.path, app) {
            // The environment the Dockerfile makes moves as it is: same path, same interpreter on the runtime image.
            plan.artifacts[0] = Artifact(venv.path)
            plan.runtimeEnv = [env]
            plan.notes.append("the runtime stage copies the virtual environment the Dockerfile makes at \(venv.path) (RUN on line \(venv.line)), at the same path, with the same Python")
            return withSources(plan, app, dir: buildDir)
        }
        if let user = app.input.state(before: firstIndex).effectiveUser, user != "root", user != "0" {
            return .failure(.refused("the install runs as USER \(user), who could not create the virtual environment in /opt/venv"))
        }
        plan.builderInsertions.append(BuilderInsertion(before: first, lines: [
            "RUN \(system ? "python3" : "python") -m venv /opt/venv",
            "ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"" + (usesUV ? " UV_PROJECT_ENVIRONMENT=/opt/venv" : ""),
        ]))
        plan.runtimeEnv = ["ENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\""]
        plan.notes.append("the builder installs into a virtual environment at /opt/venv, which the runtime stage copies (the same Python at the same path)")
        return withSources(plan, app, dir: buildDir)
    }

    /// The app folder too when the sources were copied before the install;
    /// an artifact inside another one is copied with it.
    private static func withSources(_ plan: BuildPlan, _ app: AppStage, dir: String?) -> Result<BuildPlan, BuildReadingStop> {
        var plan = plan
        if app.copiesSourcesBefore(app.buildIndex + 1, isManifest: isManifest) {
            guard let dir else {
                return .failure(.refused("the sources are copied before the install, to a folder dockslim cannot name"))
            }
            plan.artifacts.append(Artifact(dir))
        }
        var kept: [Artifact] = []
        for a in plan.artifacts where !kept.contains(a) { kept.append(a) }
        plan.artifacts = kept.filter { a in !kept.contains { $0 != a && Paths.covers($0.builderPath, a.builderPath) } }
        return .success(plan)
    }

    /// The folder `python -m venv P`, `virtualenv P` or `uv venv [P]` makes.
    static func venvPath(_ words: [String]) -> String? {
        guard let tool = words.first.map(Paths.basename) else { return nil }
        let rest = Array(words.dropFirst())
        let operands: [String]
        if tool.hasPrefix("python"), rest.starts(with: ["-m", "venv"]) || rest.starts(with: ["-m", "virtualenv"]) {
            operands = rest.dropFirst(2).filter { !$0.hasPrefix("-") }
        } else if tool == "virtualenv" {
            operands = rest.filter { !$0.hasPrefix("-") }
        } else if tool == "uv", rest.first == "venv" {
            operands = rest.dropFirst().filter { !$0.hasPrefix("-") }
            return operands.count <= 1 ? (operands.first ?? ".venv") : nil
        } else {
            return nil
        }
        return operands.count == 1 ? operands[0] : nil
    }

    /// The ENV line the runtime stage needs for the Dockerfile's own
    /// environment, when the stage puts it first on PATH (or names it in
    /// VIRTUAL_ENV) by the end; `nil` when the environment is not the one used.
    static func existingEnvironment(_ path: String, _ app: AppStage) -> String? {
        // The last ENV that sets PATH or VIRTUAL_ENV, as written (its variables expanded where known).
        var onPath = false
        for (k, i) in app.stage.instructions.enumerated() where i.kind == .env {
            for kv in i.keyValues where kv.name == "PATH" || kv.name == "VIRTUAL_ENV" {
                let raw = String(decoding: kv.node.childNodes(.value).first?.text ?? [], as: UTF8.self).replacing("\"", with: "")
                let value = app.input.state(before: k).expand(raw)?.text ?? raw
                onPath = kv.name == "PATH" ? value.split(separator: ":").first.map { String($0) == path + "/bin" } ?? false : value == path
            }
        }
        guard onPath else { return nil }
        return "ENV VIRTUAL_ENV=\(path) PATH=\"\(path)/bin:$PATH\""
    }
}
