import DockerfileModel

extension Language {
    package static let python = Language(rawValue: "python")
}

/// Python: the `python` images (and Debian 13's python3, which distroless
/// `python3-debian13` carries), pip, poetry and uv with their manifests and
/// caches, a virtual environment as what the runtime copies, packages that
/// pip builds against system libraries, and the runtimes: the same
/// version's slim image, or distroless from a Debian 13 builder.
///
/// Sources: docker-library/python (interpreter at `/usr/local/bin`, slim
/// variants per Debian release); distroless `python3/BUILD` (Debian's
/// `/usr/bin/python3`); PEP 668 for Alpine's externally managed python3.
package struct Python: Ecosystem {
    package let language = Language.python
    package let name = "Python"
    package let recipes = ["python-slim", "python-distroless"]

    package init() {}

    package let sourceExtensions: Set<String> = ["py"]

    package func readSources(_ context: BuildContext) -> SourceFindings? { PythonSources.read(context) }

    package func role(of image: ImageReference) -> ImageRole? {
        if let d = ImageCatalog.distrolessName(image), d.hasPrefix("python") { return .runtime }
        guard let name = ImageCatalog.officialName(image), name == "python" || name == "pypy" else { return nil }
        let tag = image.tag ?? "latest"
        return tag.contains("slim") || tag.contains("alpine") ? .runtime : .toolchain
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        ["pip", "pip3", "poetry", "uv", "pipenv"].contains(words.first ?? "")
    }

    package func readBuild(_ input: StageInput) -> BuildReading {
        guard case .image(let ref) = input.stage.base else { return .notMine }
        let installsPython = input.stage.instructions.contains {
            $0.kind == .run && PackageInstalls.installedPackages($0.original.split(separator: " ").map(String.init).dropFirst().map { $0 }).contains("python3")
        }
        guard ImageCatalog.officialName(ref) == "python" || (PythonBuild.isTrixie(ref) && installsPython) else { return .notMine }
        let app: AppStage
        switch AppStage.read(input, image: ref, name: name) {
        case .success(let a): app = a
        case .failure(let stop): return stop.reading
        }
        switch PythonBuild.read(app) {
        case .success(let plan): return .plan(plan)
        case .failure(let stop): return stop.reading
        }
    }

    /// Alpine needs musllinux wheels or a compiler for every package (and a
    /// pip new enough to take them: `PythonMuslWheels` decides it from the
    /// pins and PyPI's file lists), runs no glibc browser or binary a
    /// package downloads, and its python3 refuses pip installs into the
    /// system (PEP 668).
    package func movingToAlpine(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?) -> AlpineMove {
        var asked = PythonRequirements.requested(in: [stage], project: context)
        // A virtual package installs the real one (`mysql` is mysqlclient).
        asked += asked.filter { $0.name == "mysql" }.map { (name: "mysqlclient", source: $0.source + " (through mysql)") }
        if let bad = asked.first(where: { PythonRequirements.glibcOnly.contains($0.name) }) {
            return AlpineMove(refusal: "\(bad.source) asks for \(bad.name), which has no musllinux wheels (Alpine cannot install it)")
        }
        if ImageCatalog.officialName(image) == "python", !(image.tag ?? "").contains("slim"),
           let bad = asked.first(where: { PythonRequirements.linksSystemLibraries[$0.name] != nil }) {
            return AlpineMove(refusal: "\(bad.source) asks for \(bad.name), which pip builds with \(image.original)'s compilers and \(PythonRequirements.linksSystemLibraries[bad.name]!) headers; Alpine's image has neither")
        }
        if ImageCommands.languageTools(of: image).isEmpty, let why = Self.systemPipInstall(chain) { return AlpineMove(refusal: why) }
        guard ImageCatalog.officialName(image) == "python" else { return AlpineMove() }
        // What the project's dependency lists bring that runs only on glibc (a browser Playwright downloads).
        let installs = PythonRequirements.requested(in: chain, project: context).map(\.name)
        if let need = findings(in: context)?.nativeNeeds.first(where: { $0.requirement == .glibc && installs.contains($0.dependency) }) {
            return AlpineMove(refusal: "\(need.evidence.file):\(need.evidence.line) asks for \(need.dependency), which \(need.detail): it does not run on Alpine (musl)")
        }
        let wheels = PythonMuslWheels.check(chain, image: image, project: context)
        if let why = wheels.refusal { return AlpineMove(refusal: why) }
        return AlpineMove(warnings: wheels.warnings)
    }

    /// A `pip install` into the system Python of an OS image: Alpine marks
    /// its python3 externally managed (PEP 668), so pip refuses it there.
    static func systemPipInstall(_ chain: [Stage]) -> String? {
        var venv = false
        for stage in chain {
            for i in stage.instructions {
                if i.kind == .env, i.keyValues.contains(where: { $0.name == "VIRTUAL_ENV" || $0.name == "PIP_BREAK_SYSTEM_PACKAGES" }) { venv = true }
                guard i.kind == .run else { continue }
                for words in ShellScan(run: i).commands {
                    if words.contains("venv") || words.contains("virtualenv") || words.first == "virtualenv" { venv = true }
                    let tool = words.first.map(Paths.basename) ?? ""
                    let pip = ["pip", "pip3"].contains(tool) || (["python", "python3"].contains(tool) && words.dropFirst().starts(with: ["-m", "pip"]))
                    if pip, words.contains("install"), !venv, !words.contains("--break-system-packages"), !tool.hasPrefix("/") {
                        return "\(i.keyword) on line \(i.startLine) runs pip install into the system Python, which Alpine's python3 refuses (PEP 668: externally managed); use a virtual environment first"
                    }
                }
            }
        }
        return nil
    }

    // MARK: Dependencies and caches

    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard let tool = words.first else { return .none }
        let args = Array(words.dropFirst())
        switch tool {
        case "pip", "pip3":
            return Self.readPip(args)
        case "python", "python3":
            guard args.count >= 2, args[0] == "-m", args[1] == "pip" else { return .none }
            return Self.readPip(Array(args.dropFirst(2)))
        case "uv":
            if args.first == "pip" { return Self.readPip(Array(args.dropFirst())) }
            guard args.first == "sync" else { return .none }
            guard args.contains("--no-install-project") else {
                return .refuse("uv sync also installs the project from its sources; with --no-install-project it could be hoisted")
            }
            return .install(DependencyInstall(ecosystem: "uv", required: ["pyproject.toml"], optional: ["uv.lock", ".python-version"],
                                              optionalPatterns: ["uv.loc[k]", ".python-versio[n]"]))
        case "poetry":
            guard args.first == "install" else { return .none }
            guard args.contains("--no-root") else {
                return .refuse("poetry install also installs the project from its sources; with --no-root it could be hoisted")
            }
            return .install(DependencyInstall(ecosystem: "poetry", required: ["pyproject.toml"], optional: ["poetry.lock", "poetry.toml"],
                                              optionalPatterns: ["poetry.loc[k]", "poetry.tom[l]"]))
        default:
            return .none
        }
    }

    /// `pip install -r FILE…` with flags only: nothing but requirement files.
    private static func readPip(_ args: [String]) -> DependencyInstall.Reading {
        guard args.first == "install" else { return .none }
        var files: [String] = []
        var rest = args.dropFirst()
        while let a = rest.popFirst() {
            if a == "-r" || a == "--requirement" {
                guard let f = rest.popFirst() else { return .none }
                files.append(f)
            } else if a.hasPrefix("--requirement=") {
                files.append(String(a.dropFirst("--requirement=".count)))
            } else if a.hasPrefix("-r"), a.count > 2 {
                files.append(String(a.dropFirst(2)))
            } else if a == "-e" || a == "--editable" || a == "." || !a.hasPrefix("-") {
                return .none  // installs packages or the project, not just the requirement files
            } else if ["-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--target", "-t", "--prefix", "--root"].contains(a) {
                guard let v = rest.popFirst() else { return .none }
                if a == "-c" || a == "--constraint" { files.append(v) }
            }
        }
        guard !files.isEmpty, files.allSatisfy({ !$0.contains("$") && !$0.hasPrefix("/") && !$0.contains("..") }) else { return .none }
        return .install(DependencyInstall(ecosystem: "pip", required: files, optional: [], optionalPatterns: []))
    }

    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? {
        guard install.ecosystem == "pip" else { return nil }
        for file in install.required {
            guard let text = context.text(file) else { continue }
            for line in text.textLines() {
                let l = line.trimmingCharacters(in: " \t\r")
                if l.hasPrefix("-r") || l.hasPrefix("-c") || l.hasPrefix("-e") || l.hasPrefix("--requirement") || l.hasPrefix("--constraint")
                    || l.hasPrefix("--editable") || l.hasPrefix(".") || l.hasPrefix("/") || l.contains("file:") {
                    return "\(file) refers to other files or local packages (\(l))"
                }
            }
        }
        return nil
    }

    package func cacheMounts(_ words: [String], environment e: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard let tool = words.first else { return .none }
        let sub = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
        let args = Set(words.dropFirst())
        switch tool {
        case "pip", "pip3", "python", "python3":
            var a = Array(words.dropFirst())
            if tool.hasPrefix("python") {
                guard a.count >= 2, a[0] == "-m", a[1] == "pip" else { return .none }
                a.removeFirst(2)
            }
            guard a.first(where: { !$0.hasPrefix("-") }) == "install" else { return .none }
            if a.contains("--no-cache-dir") || ["1", "true", "yes", "on", "off", "0"].contains(e["PIP_NO_CACHE_DIR"]?.lowercased() ?? "-") {
                return .skip("pip's cache is disabled (--no-cache-dir or PIP_NO_CACHE_DIR)")
            }
            if e["PIP_CACHE_DIR"] != nil { return .skip("pip's cache is moved (PIP_CACHE_DIR)") }
            return .mounts([CacheMount("/root/.cache/pip")])
        case "poetry":
            guard sub == "install" else { return .none }
            if args.contains("--no-cache") || e["POETRY_CACHE_DIR"] != nil { return .skip("poetry's cache is disabled or moved") }
            return .mounts([CacheMount("/root/.cache/pypoetry/cache"), CacheMount("/root/.cache/pypoetry/artifacts")])
        case "uv":
            guard ["sync", "pip"].contains(sub) else { return .none }
            if args.contains("--no-cache") || e["UV_NO_CACHE"] != nil || e["UV_CACHE_DIR"] != nil { return .skip("uv's cache is disabled or moved") }
            return .mounts([CacheMount("/root/.cache/uv")])
        default:
            return .none
        }
    }

    // MARK: Runtime

    /// Modules a CMD may run through the environment's python (`gunicorn …` → `python -m gunicorn …`).
    static let runnableModules: [String: String] = ["gunicorn": "gunicorn", "uvicorn": "uvicorn", "flask": "flask", "celery": "celery",
                                                    "hypercorn": "hypercorn", "daphne": "daphne", "waitress-serve": "waitress"]

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        guard let build = builds.first else { return .notApplicable("no builder") }
        let ref = build.builderImage
        let ver = AppStage.version(ref).version
        var move: RuntimeMove
        switch target {
        case .slim where PythonBuild.isTrixie(ref), .alpine where PythonBuild.isTrixie(ref), .scratch where PythonBuild.isTrixie(ref):
            return .refused("not moved to \(target.rawValue): a virtual environment built with Debian's python3 moves only to distroless python3-debian13")
        case .slim:
            if (ref.tag ?? "").contains("slim") { return .alreadyThere("the runtime stage is already on a slim Python image") }
            // Alpine has no slimmer python variant, and wheels built on musl run only on musl: the runtime keeps the builder's image.
            if ImageCatalog.libc(of: ref) == .musl {
                return .alreadyThere("the runtime stage stays on \(ref.original), the builder's own Alpine image: the virtual environment's compiled packages are built for musl, and no slimmer python image has it")
            }
            let asked = PythonRequirements.requested(in: [build.stage], project: input.context)
            // A library the runtime stage installs again (libpq-dev brings libpq) is there.
            func installedAgain(_ libraries: String) -> Bool {
                libraries.split(separator: " and ").allSatisfy { build.reinstalls(library: String($0)) }
            }
            if let bad = asked.first(where: { PythonRequirements.linksSystemLibraries[$0.name].map { !installedAgain($0) } ?? false }) {
                return .refused("not moved: \(bad.source) asks for \(bad.name), which pip builds against \(PythonRequirements.linksSystemLibraries[bad.name]!) from \(ref.original); the slim image lacks that library")
            }
            // Packages named on a RUN line (not in a manifest the sources reader sees) that load a library or start a program.
            if let bad = asked.first(where: { $0.source.hasPrefix("RUN") && (PythonDependencies.systemLibraries[$0.name] ?? PythonDependencies.programs[$0.name]) != nil }) {
                let need = PythonDependencies.systemLibraries[bad.name] ?? PythonDependencies.programs[bad.name]!
                return .refused("not moved: \(bad.source) installs \(bad.name), which needs \(need) at run time; \(ref.original) has it and the slim image does not")
            }
            let image: String
            switch RuntimeChoices.variant(of: ref, target: .slim, options: options, sameVersion: 2) {
            case .success(let i): image = i
            case .failure(let why): return .refused("not moved to slim: \(why.text)")
            }
            move = RuntimeMove(image: image, program: .interpreter, hasShell: true, users: ["root", "nobody"],
                               reason: "the python runtime stage moves to \(image): the python runtime without the build tools")
            move.tools = ImageCommands.debianSlim.union(ImageCommands.languageTools(of: ImageReference(image) ?? ref))
        case .distroless:
            guard PythonBuild.isTrixie(ref) else {
                return .refused("not moved to distroless: the virtual environment uses \(ref.original)'s interpreter (/usr/local/bin/python\(ver)); distroless python3-debian13 has Debian's /usr/bin/python3.13, so the environment would break. Build on debian:trixie with python3-venv, or use python-slim")
            }
            if input.stage.instructions.contains(where: { $0.kind == .entrypoint }) {
                return .refused("not moved to distroless: the runtime stage sets its own ENTRYPOINT")
            }
            let image = (options.image ?? "gcr.io/distroless/python3-debian13") + ":" + (options.tag ?? "nonroot")
            move = RuntimeMove(image: image, program: .interpreter, hasShell: false, users: ["root", "nonroot", "nobody"],
                               reason: "the Python runtime stage moves to \(image): the same /usr/bin/python3 the virtual environment was made with, without shell or package manager")
            move.interpreterPath = "/opt/venv/bin/python"
            return .move(move)
        case .alpine, .scratch:
            return .refused("not moved to \(target.rawValue): dockslim moves Python only to a slim image of the same version (Alpine needs musllinux wheels for every package)")
        }
        if move.image == input.stage.resolvedBase { return .alreadyThere("the runtime stage is already on \(move.image)") }
        if let why = AppStage.runsBuildTool(input.stage, tools: AppStage.buildTools) { return .refused("not moved: \(why)") }
        return .move(move)
    }

    /// On distroless, the environment's python runs the program: the image's
    /// own python3 would not see /opt/venv.
    package func command(_ argv: [String], of i: Instruction, on move: RuntimeMove, entrypointSet: Bool) -> CommandChange {
        guard !move.hasShell, i.kind == .cmd, let python = move.interpreterPath else { return .keep }
        let line = "\(i.keyword) on line \(i.startLine)"
        var args = argv
        if ["python", "python3"].contains(args.first ?? "") {
            args.removeFirst()
        } else if let tool = args.first, let module = Self.runnableModules[tool] {
            args = ["-m", module] + args.dropFirst()
        } else {
            return .refuse("not moved: \(line) runs \(args.first ?? "nothing"), which dockslim cannot start through the environment's python")
        }
        return .replace(["ENTRYPOINT " + AppStage.json([python]), "CMD " + AppStage.json(args)],
                        reason: "\(line): the environment's python runs the program, as \(move.image)'s own python3 would not see /opt/venv", note: nil)
    }
}
