import DockerfileModel

extension Language {
    package static let node = Language(rawValue: "node")
}

/// Node.js: the `node` images (full ones carry python3, make and g++ for
/// native addons; slim and Alpine ones do not), npm, yarn and pnpm with
/// their manifests, lockfiles and caches, builds with `npm run`, the
/// program a CMD or `npm start` runs, Next.js standalone output, and the
/// runtimes: distroless `nodejs<major>` (which runs `node` itself), and the
/// node image's Alpine and slim variants.
///
/// Sources: docker-library/node (images, user `node`, no ENTRYPOINT change
/// to CMD); GoogleContainerTools/distroless `nodejs/BUILD` (entrypoint
/// `/nodejs/bin/node`, majors 20, 22, 24); npm docs for `prune --omit=dev`
/// (npm 7+; `--production` before), Next.js docs for `output: 'standalone'`.
package struct Node: Ecosystem {
    package let language = Language.node
    package let name = "Node.js"
    package let recipes = ["node-distroless", "node-alpine"]

    package init() {}

    package let sourceExtensions: Set<String> = ["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx"]

    package func readSources(_ context: BuildContext) -> SourceFindings? { NodeSources.read(context) }

    package func role(of image: ImageReference) -> ImageRole? {
        if let d = ImageCatalog.distrolessName(image), d.hasPrefix("nodejs") { return .runtime }
        guard ImageCatalog.officialName(image) == "node" else { return nil }
        let tag = image.tag ?? "latest"
        return tag.contains("slim") || tag.contains("alpine") ? .runtime : .toolchain
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        ["npm", "yarn", "pnpm"].contains(words.first ?? "")
    }

    /// Packages whose install builds a native addon.
    package static let nativeAddons = ["bcrypt", "sharp", "sqlite3", "better-sqlite3", "node-sass", "canvas", "argon2", "grpc", "re2", "bufferutil",
                               "utf-8-validate", "cpu-features"]

    /// Files that only say how to install, never what the program reads.
    static let manifests: Set<String> = ["package.json", "package-lock.json", "package*.json", "npm-shrinkwrap.json", "yarn.lock",
                                         "pnpm-lock.yaml", ".npmrc", ".yarnrc", ".yarnrc.yml"]

    /// The major version of a node image's tag (`20` for `node:20.11-alpine`), if it names one.
    static func major(_ ref: ImageReference) -> Int? {
        guard ref.name == "node", let tag = ref.tag else { return nil }
        return Int(tag.prefix { $0.isNumber })
    }

    // MARK: Build

    package func readBuild(_ input: StageInput) -> BuildReading {
        guard case .image(let ref) = input.stage.base, role(of: ref) != nil, ImageCatalog.officialName(ref) == "node" else { return .notMine }
        let app: AppStage
        switch AppStage.read(input, image: ref, name: name) {
        case .success(let a): app = a
        case .failure(let stop): return stop.reading
        }
        switch NodeBuild.read(app) {
        case .success(let plan): return .plan(plan)
        case .failure(let stop): return stop.reading
        }
    }

    /// Node's full image has python3, make and g++ for native addons; its
    /// Alpine variant has not. Packages that run only on glibc (a downloaded
    /// browser) or bring a native addon with them are checked by `NodeAlpine`.
    package func movingToAlpine(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?) -> AlpineMove {
        guard ImageCatalog.officialName(image) == "node" else { return AlpineMove() }
        var move = NodeAlpine.move(stage, from: image, chain: chain, context: context, findings: findings(in: context))
        guard move.refusal == nil, !(image.tag ?? "").contains("slim") else { return move }
        if let pkg = context?.text("package.json"), let native = Self.nativeAddons.first(where: { pkg.contains("\"\($0)\"") }) {
            move.refusal = "the project depends on \(native), a native addon that node's full image compiles and Alpine's lacks the compilers for"
        }
        let runs = stage.instructions.filter { $0.kind == .run }.map(\.original).joined(separator: "\n")
        if ["npm ci", "npm install", "yarn", "pnpm install"].contains(where: runs.contains), let why = Self.installScriptsWarning(context) {
            move.warnings.append("node's full image has python3, make and g++ for native addons; the Alpine image has not, so \(why) needs `apk add --no-cache python3 make g++` in the build")
        }
        return move
    }

    // MARK: Dependencies and caches

    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard let tool = words.first else { return .none }
        let args = Array(words.dropFirst())
        let flagsOnly = { (a: ArraySlice<String>) in a.allSatisfy { $0.hasPrefix("-") } }
        switch tool {
        case "npm":
            guard let sub = args.first, ["ci", "install", "i"].contains(sub), flagsOnly(args.dropFirst()) else { return .none }
            return .install(DependencyInstall(ecosystem: "npm", required: ["package.json"],
                                              optional: ["package-lock.json", "npm-shrinkwrap.json", ".npmrc"],
                                              optionalPatterns: ["package*.json", "npm-shrinkwra[p].json", ".npmr[c]"]))
        case "yarn":
            guard args.isEmpty || args.first == "install" || flagsOnly(args[...]) else { return .none }
            guard flagsOnly(args.drop { $0 == "install" }) else { return .none }
            return .install(DependencyInstall(ecosystem: "yarn", required: ["package.json"], optional: ["yarn.lock", ".yarnrc", ".yarnrc.yml", ".npmrc"],
                                              optionalPatterns: ["yarn.loc[k]", ".yarnr[c]", ".yarnrc.ym[l]", ".npmr[c]"]))
        case "pnpm":
            guard let sub = args.first, ["install", "i"].contains(sub), flagsOnly(args.dropFirst()) else { return .none }
            return .install(DependencyInstall(ecosystem: "pnpm", required: ["package.json"], optional: ["pnpm-lock.yaml", ".npmrc"],
                                              optionalPatterns: ["pnpm-lock.yam[l]", ".npmr[c]"]))
        default:
            return .none
        }
    }

    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? {
        guard let pkg = context.text("package.json") else { return nil }
        for script in ["\"preinstall\"", "\"install\"", "\"postinstall\"", "\"prepare\"", "\"prepublish\""] where pkg.contains(script) {
            return "package.json has a \(script) script, which may need the sources"
        }
        if pkg.contains("\"workspaces\"") { return "package.json declares workspaces, whose manifests the install needs" }
        if pkg.contains("\"file:") || pkg.contains("\"link:") { return "package.json depends on local folders" }
        if context.has("pnpm-workspace.yaml") { return "pnpm-workspace.yaml declares workspaces" }
        if let rc = context.text(".yarnrc.yml"), rc.contains("yarnPath") { return ".yarnrc.yml points at a yarn release inside the project" }
        // After the hoist, COPY . . comes after the install: a node_modules of the context would land on the installed one.
        if ["npm", "yarn", "pnpm"].contains(install.ecosystem), !DockerIgnore(context.text(".dockerignore") ?? "").excludes("node_modules/x") {
            return "no .dockerignore excludes node_modules: COPY . . after the install would lay the context's node_modules (a developer's, built for their machine) over the one \(install.ecosystem) installs"
        }
        return nil
    }

    package func cacheMounts(_ words: [String], environment e: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard let tool = words.first else { return .none }
        let sub = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
        let args = Set(words.dropFirst())
        switch tool {
        case "npm":
            guard ["ci", "install", "i", "add", "update"].contains(sub) else { return .none }
            if args.contains(where: { $0.hasPrefix("--cache") }) || e["npm_config_cache"] != nil || e["NPM_CONFIG_CACHE"] != nil { return .skip("npm's cache is moved") }
            return .mounts([CacheMount("/root/.npm")])
        case "yarn":
            guard sub.isEmpty || ["install", "add"].contains(sub) else { return .none }
            if args.contains(where: { $0.hasPrefix("--cache-folder") }) || e["YARN_CACHE_FOLDER"] != nil { return .skip("yarn's cache is moved") }
            return .mounts([CacheMount("/usr/local/share/.cache/yarn")])
        case "pnpm":
            guard ["install", "i", "add", "fetch"].contains(sub) else { return .none }
            if args.contains(where: { $0.hasPrefix("--store-dir") }) || e["npm_config_store_dir"] != nil { return .skip("pnpm's store is moved") }
            return .mounts([CacheMount(e["PNPM_HOME"].map { Paths.join($0, "store") } ?? "/root/.local/share/pnpm/store")])
        default:
            return .none
        }
    }

    // MARK: Runtime

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        guard let build = builds.first else { return .notApplicable("no builder") }
        let ref = build.builderImage
        let ver = AppStage.version(ref).version
        var move: RuntimeMove
        switch target {
        case .distroless:
            let image: String
            switch RuntimeChoices.languageImage("node", version: String(ver.prefix { $0.isNumber }), builder: ref, family: .distroless, options: options) {
            case .success(let i): image = i
            case .failure(let why): return .refused("not moved to distroless: \(why.text)")
            }
            move = RuntimeMove(image: image, program: .interpreter, hasShell: false, users: ["root", "nonroot", "nobody"],
                               reason: "the node runtime stage moves to \(image): the node runtime without the build tools, shell or package manager")
            move.entryPrefix = ["node"]
            move.interpreterPath = "/nodejs/bin/node"
        case .alpine, .slim:
            let image: String
            switch RuntimeChoices.variant(of: ref, target: target, options: options) {
            case .success(let i): image = i
            case .failure(let why): return .refused("not moved to \(target.rawValue): \(why.text)")
            }
            move = RuntimeMove(image: image, program: .interpreter, hasShell: true, users: ["root", "node", "nobody"],
                               reason: "the node runtime stage moves to \(image): the node runtime without the build tools")
            let os = target == .alpine || image.contains("alpine") ? ImageCommands.alpine : ImageCommands.debianSlim
            move.tools = os.union(ImageCommands.languageTools(of: ImageReference(image) ?? ref))
        case .scratch:
            return .notApplicable("not moved to scratch: a node program needs its runtime")
        }
        if move.image == input.stage.resolvedBase { return .alreadyThere("the runtime stage is already on \(move.image)") }
        if let why = AppStage.runsBuildTool(input.stage, tools: AppStage.buildTools.subtracting(["npm", "yarn", "pnpm"])) { return .refused("not moved: \(why)") }
        if ImageCatalog.libc(of: ref) == .musl, !move.image.contains("alpine") {
            return .refused("not moved to \(move.image): node_modules is installed on \(ref.original) (musl), and a native addon built there does not run on glibc")
        }
        if target == .distroless { move.userReplacements["node"] = "nonroot" }
        // Alpine: node_modules with native addons must be built on musl too.
        if target == .alpine, !(ref.tag ?? "").contains("alpine") {
            if !build.packages.isEmpty {
                return .refused("not moved to Alpine: the builder installs system packages (\(build.packages.joined(separator: ", "))), which would need translating; run the alpine recipe first")
            }
            if let pkg = input.context?.text("package.json"), let native = Self.nativeAddons.first(where: { pkg.contains("\"\($0)\"") }) {
                return .refused("not moved to Alpine: \(native) has a native addon, which needs python3, make and g++ to build on musl")
            }
            move.builderImage = move.image
            move.builderReason = "the builder moves to \(move.image) too, so node_modules is built for musl"
            if let why = Self.installScriptsWarning(input.context) {
                move.warnings.append("stage \(build.stage.name ?? String(build.stage.index)): \(why) would need python3, make and g++ (apk add) to build on Alpine")
            }
        }
        return .move(move)
    }

    package func startWrites(_ argv: [String], context: BuildContext?) -> String? {
        NodeStartCommand.whyWrites(argv, context: context)
    }

    /// What may build a native addon when installing: the packages the
    /// lockfile says run an install script, or any package when there is
    /// no package-lock.json to say; `nil` when the lock shows none.
    static func installScriptsWarning(_ context: BuildContext?) -> String? {
        guard let scripts = NodePackages.installScripts(context) else { return "a package with a native addon" }
        guard !scripts.isEmpty else { return nil }
        return "\(scripts.prefix(3).joined(separator: ", ")) (install scripts in package-lock.json)"
    }

    package func command(_ argv: [String], of instruction: Instruction, on move: RuntimeMove, entrypointSet: Bool) -> CommandChange {
        InterpreterCommand.stripPrefix(argv, of: instruction, on: move, entrypointSet: entrypointSet)
    }
}
