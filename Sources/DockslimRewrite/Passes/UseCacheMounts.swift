import DockerfileModel
import DockerfileSyntax

/// Gives each package-manager RUN a BuildKit cache mount for its download
/// cache, so a rebuild fetches only what changed and the cache stays out of
/// the image.
///
/// Covered: go (`/go/pkg/mod` or `$HOME/go/pkg/mod`, and
/// `/root/.cache/go-build`), npm (`/root/.npm`), yarn 1
/// (`/usr/local/share/.cache/yarn`), pnpm (its store), pip
/// (`/root/.cache/pip`), poetry (its `cache` and `artifacts` folders, not
/// its virtualenvs), uv (`/root/.cache/uv`), cargo (the registry and git
/// folders of `CARGO_HOME`, never `target`), maven (`/root/.m2/repository`),
/// gradle (`/root/.gradle/caches`), apt (`/var/cache/apt` and
/// `/var/lib/apt`, only for a RUN that runs `apt-get update` itself) and
/// apk (`/var/cache/apk`); apt and apk with `sharing=locked`. Skipped, with
/// the reason: here-documents and exec form, commands that disable their
/// cache (`--no-cache-dir`, `--no-cache`, `PIP_NO_CACHE_DIR`), RUNs after a
/// non-root USER, stages that move `HOME`, `GOPATH`, `CARGO_HOME` or the
/// tool's cache, and caches another stage copies from. Adds
/// `# syntax=docker/dockerfile:1` when the file names no syntax.
///
/// ## Before
/// ```dockerfile
/// FROM node:22
/// WORKDIR /app
/// COPY package*.json ./
/// RUN npm ci
/// ```
///
/// ## After
/// ```dockerfile
/// # syntax=docker/dockerfile:1
/// FROM node:22
/// WORKDIR /app
/// COPY package*.json ./
/// RUN --mount=type=cache,target=/root/.npm npm ci
/// ```
public struct UseCacheMounts: RewritePass {
    public static let id = "use-cache-mounts"
    public static let summary = "Add BuildKit cache mounts to package-manager RUNs (go, npm, yarn, pnpm, pip, poetry, uv, cargo, maven, gradle, apt, apk)."

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
    }

    struct CacheMount: Equatable {
        let target: String
        let locked: Bool
        var flag: String { "--mount=type=cache,target=\(target)" + (locked ? ",sharing=locked" : "") }
    }

    public func apply(to file: FileContext) -> PassOutcome {
        let df = file.dockerfile
        var editor = file.editor()
        var notes = PassNotes()
        var added = 0, present = 0
        // Paths other stages copy out of each stage.
        var copiedOut: [Int: [String]] = [:]
        for e in df.graph.edges where e.kind == .copy {
            if case .stage(let s) = e.source {
                let args = e.instruction.argumentStrings
                copiedOut[s, default: []] += args.dropLast().map { Paths.join("/", $0) }
            }
        }
        for stage in df.stages {
            let label = "stage \(stage.name ?? String(stage.index))"
            var env = inheritedEnvironment(stage, df)
            var nonRootUser: String?
            for i in stage.instructions {
                switch i.kind {
                case .env, .arg:
                    for kv in i.keyValues where kv.value != nil || i.kind == .env { env[kv.name] = kv.valueString ?? "" }
                    continue
                case .user:
                    let name = i.argumentStrings.first.map { String($0.split(separator: ":").first ?? "") } ?? ""
                    nonRootUser = (name == "root" || name == "0") ? nil : name
                    continue
                case .run:
                    break
                default:
                    continue
                }
                let wanted: [CacheMount]
                switch mounts(for: i, env: env, image: rootImage(stage, df)) {
                case .none: continue
                case .skip(let why): notes.decline("\(label), line \(i.startLine): no cache mount: \(why)"); continue
                case .mounts(let m): wanted = m
                }
                if let user = nonRootUser {
                    notes.decline("\(label), line \(i.startLine): no cache mount: it runs as \(user), whose cache folders dockslim does not know")
                    continue
                }
                if env["HOME"] != nil {
                    notes.decline("\(label), line \(i.startLine): no cache mount: the stage sets HOME")
                    continue
                }
                if let hidden = wanted.first(where: { m in (copiedOut[stage.index] ?? []).contains { Paths.covers(m.target, $0) || Paths.covers($0, m.target) } }) {
                    notes.decline("\(label), line \(i.startLine): no cache mount: another stage copies \(hidden.target), which a cache mount would keep out of this stage")
                    continue
                }
                let existing = Set(i.flags.compactMap { $0.mount }.filter { $0["type"] == "cache" }.compactMap { $0["target"] }.map { Paths.join("/", $0) })
                let missing = wanted.filter { !existing.contains($0.target) }
                present += wanted.count - missing.count
                guard !missing.isEmpty else { continue }
                guard let keyword = i.node.firstToken as SyntaxToken? else { continue }
                let text = " " + missing.map(\.flag).joined(separator: " ")
                editor.insert(after: keyword, text, reason: "\(label): \(missing.map(\.target).joined(separator: ", ")) kept in a BuildKit cache across builds and out of the image")
                added += missing.count
                if missing.contains(where: { $0.target == "/var/cache/apt" }) {
                    notes.warn("\(label), line \(i.startLine): Debian and Ubuntu images delete downloaded packages (/etc/apt/apt.conf.d/docker-clean), so the /var/cache/apt mount helps only where that file is removed; /var/lib/apt keeps the package lists")
                }
                if missing.contains(where: { $0.target.hasSuffix("/uv") }) {
                    notes.warn("\(label), line \(i.startLine): uv links from its cache; across a cache mount it copies instead (set UV_LINK_MODE=copy to silence its warning)")
                }
            }
        }
        guard added > 0 else {
            if present > 0 {
                notes.info("every package-manager RUN already has its cache mounts")
                return PassOutcome(notes: notes, alreadyDone: true)
            }
            if notes.isEmpty { notes.info("no RUN uses a package manager whose cache dockslim knows") }
            return PassOutcome(notes: notes)
        }
        if df.syntax == nil {
            let source = file.tree.source
            let at = source.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            editor.insert(at: at, "# syntax=docker/dockerfile:1" + file.style.newline, reason: "RUN --mount needs the Dockerfile 1.2 syntax or later; naming docker/dockerfile:1 pins the frontend that supports it")
        }
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    enum Wanted { case none, skip(String), mounts([CacheMount]) }

    /// The cache mounts a RUN needs, from the commands it runs.
    func mounts(for run: Instruction, env: [String: String], image: ImageReference?) -> Wanted {
        guard run.heredocs.isEmpty else { return .skip("it runs a here-document") }
        guard run.form == .shell, case .shell(let text)? = run.command else { return .none }
        guard let list = ShellCommandList.parse(text) else {
            let tools = ["go ", "npm ", "yarn", "pnpm", "pip", "poetry", "uv ", "cargo", "mvn", "gradle", "apt-get", "apk "]
            return tools.contains(where: text.contains) ? .skip("its command uses shell constructs dockslim does not follow") : .none
        }
        var out: [CacheMount] = []
        var skipped: [String] = []
        func add(_ target: String, locked: Bool = false) {
            let m = CacheMount(target: target, locked: locked)
            if !out.contains(m) { out.append(m) }
        }
        let imageName = image?.name
        let aptUpdates = list.commands.contains { c in ["apt-get", "apt"].contains(c.texts.first ?? "") && c.texts.dropFirst().first == "update" }
        for c in list.commands {
            var words = c.texts
            var prefix: [String: String] = [:]
            while let w = words.first, let eq = w.firstIndex(of: "="), !w.hasPrefix("-") {
                prefix[String(w[..<eq])] = String(w[w.index(after: eq)...])
                words.removeFirst()
            }
            let e = env.merging(prefix) { $1 }
            guard let tool = words.first else { continue }
            let sub = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
            let args = Set(words.dropFirst())
            switch tool {
            case "go":
                guard ["build", "install", "mod", "test", "get", "run", "vet", "generate"].contains(sub) else { continue }
                let movedGOPATH = e["GOPATH"].map { !(imageName == "golang" && $0 == "/go") } ?? false
                if movedGOPATH || e["GOMODCACHE"] != nil || e["GOCACHE"] != nil { skipped.append("the stage moves GOPATH, GOMODCACHE or GOCACHE"); continue }
                add(imageName == "golang" ? "/go/pkg/mod" : "/root/go/pkg/mod")
                add("/root/.cache/go-build")
            case "npm":
                guard ["ci", "install", "i", "add", "update"].contains(sub) else { continue }
                if args.contains(where: { $0.hasPrefix("--cache") }) || e["npm_config_cache"] != nil || e["NPM_CONFIG_CACHE"] != nil { skipped.append("npm's cache is moved"); continue }
                add("/root/.npm")
            case "yarn":
                guard sub.isEmpty || ["install", "add"].contains(sub) else { continue }
                if args.contains(where: { $0.hasPrefix("--cache-folder") }) || e["YARN_CACHE_FOLDER"] != nil { skipped.append("yarn's cache is moved"); continue }
                add("/usr/local/share/.cache/yarn")
            case "pnpm":
                guard ["install", "i", "add", "fetch"].contains(sub) else { continue }
                if args.contains(where: { $0.hasPrefix("--store-dir") }) || e["npm_config_store_dir"] != nil { skipped.append("pnpm's store is moved"); continue }
                add(e["PNPM_HOME"].map { Paths.join($0, "store") } ?? "/root/.local/share/pnpm/store")
            case "pip", "pip3", "python", "python3":
                var a = Array(words.dropFirst())
                if tool.hasPrefix("python") {
                    guard a.count >= 2, a[0] == "-m", a[1] == "pip" else { continue }
                    a.removeFirst(2)
                }
                guard a.first(where: { !$0.hasPrefix("-") }) == "install" else { continue }
                if a.contains("--no-cache-dir") || ["1", "true", "yes", "on", "off", "0"].contains(e["PIP_NO_CACHE_DIR"]?.lowercased() ?? "-") {
                    skipped.append("pip's cache is disabled (--no-cache-dir or PIP_NO_CACHE_DIR)"); continue
                }
                if e["PIP_CACHE_DIR"] != nil { skipped.append("pip's cache is moved (PIP_CACHE_DIR)"); continue }
                add("/root/.cache/pip")
            case "poetry":
                guard sub == "install" else { continue }
                if args.contains("--no-cache") || e["POETRY_CACHE_DIR"] != nil { skipped.append("poetry's cache is disabled or moved"); continue }
                add("/root/.cache/pypoetry/cache")
                add("/root/.cache/pypoetry/artifacts")
            case "uv":
                guard ["sync", "pip"].contains(sub) else { continue }
                if args.contains("--no-cache") || e["UV_NO_CACHE"] != nil || e["UV_CACHE_DIR"] != nil { skipped.append("uv's cache is disabled or moved"); continue }
                add("/root/.cache/uv")
            case "cargo":
                guard ["build", "install", "fetch", "test"].contains(sub) else { continue }
                if env["CARGO_HOME"] != nil && !(imageName == "rust" && env["CARGO_HOME"] == "/usr/local/cargo") { skipped.append("the stage moves CARGO_HOME"); continue }
                let home = imageName == "rust" ? "/usr/local/cargo" : "/root/.cargo"
                add(home + "/registry")
                add(home + "/git/db")
            case "mvn", "./mvnw":
                if args.contains(where: { $0.hasPrefix("-Dmaven.repo.local") }) { skipped.append("maven's repository is moved"); continue }
                add("/root/.m2/repository")
            case "gradle", "./gradlew":
                if imageName == "gradle" { skipped.append("the gradle image's GRADLE_USER_HOME is not known to dockslim"); continue }
                if e["GRADLE_USER_HOME"] != nil || args.contains("-g") || args.contains(where: { $0.hasPrefix("--gradle-user-home") }) { skipped.append("gradle's user home is moved"); continue }
                add("/root/.gradle/caches")
            case "apt-get", "apt":
                guard ["install", "upgrade", "dist-upgrade"].contains(sub) else { continue }
                guard aptUpdates else { skipped.append("apt-get install without apt-get update in the same RUN would find no package lists in an empty cache"); continue }
                add("/var/cache/apt", locked: true)
                add("/var/lib/apt", locked: true)
            case "apk":
                guard ["add", "update", "upgrade"].contains(sub) else { continue }
                if args.contains("--no-cache") { skipped.append("apk --no-cache keeps no cache"); continue }
                add("/var/cache/apk", locked: true)
            default:
                continue
            }
        }
        if out.isEmpty && !skipped.isEmpty { return .skip(skipped.joined(separator: "; ")) }
        return out.isEmpty ? .none : .mounts(out)
    }

    /// ENV and ARG values the stage inherits from the stages it builds on.
    private func inheritedEnvironment(_ stage: Stage, _ df: Dockerfile) -> [String: String] {
        let chain = df.baseChain(of: stage)
        var env: [String: String] = [:]
        for st in chain.dropLast() {
            for i in st.instructions where i.kind == .env { for kv in i.keyValues { env[kv.name] = kv.valueString ?? "" } }
        }
        if case .image(let ref) = chain[0].base { env.merge(Toolchains.environment(ofImage: ref)) { $1 } }
        return env
    }

    private func rootImage(_ stage: Stage, _ df: Dockerfile) -> ImageReference? {
        if case .image(let ref) = df.baseChain(of: stage)[0].base { return ref }
        return nil
    }
}
