import DockerfileModel
import DockslimRewrite

/// What one stage is, as far as the Dockerfile says: the image at the root
/// of its FROM chain, its folders, environment and user, and its files.
struct StageFacts {
    let stage: Stage
    /// The image the FROM chain starts from (`scratch` included); `nil`
    /// when a variable or an unknown stage hides it.
    let rootImage: ImageReference?
    /// WORKDIR before each instruction, and after the last (`nil`: unknown).
    let workdirs: [String?]
    /// ENV and ARG values at the end of the stage.
    let environment: [String: String]
    /// The last USER of the stage or of the stages it builds on, with the
    /// instruction that sets it.
    let user: (name: String, instruction: Instruction)?
    let files: StageFiles

    init(_ stage: Stage, base: StageFacts?, file: Dockerfile) {
        self.stage = stage
        var workdir: String?
        var env: [String: String]
        switch stage.base {
        case .stage:
            rootImage = base?.rootImage
            workdir = base?.workdirs.last ?? nil
            env = base?.environment ?? [:]
        case .image(let ref):
            rootImage = ref
            workdir = Toolchains.workdir(ofImage: ref) ?? (ImageCatalog.defaultUser(ref) == .unknown ? nil : "/")
            env = Toolchains.environment(ofImage: ref)
        case .scratch:
            rootImage = ImageReference("scratch")
            workdir = "/"
            env = [:]
        case .unresolved:
            rootImage = nil
            workdir = nil
            env = [:]
        }
        for (k, v) in file.argValues(in: stage) { env[k] = v }
        var user = base?.user
        var workdirs: [String?] = []
        for instruction in stage.instructions {
            workdirs.append(workdir)
            switch instruction.kind {
            case .workdir:
                guard let raw = instruction.argumentStrings.first else { continue }
                let e = ArgExpansion.expand(raw, env)
                if e.failed || !e.unresolved.isEmpty { workdir = nil; continue }
                workdir = e.result.hasPrefix("/") ? Paths.join("/", e.result) : workdir.map { Paths.join($0, e.result) }
            case .env:
                for kv in instruction.keyValues { env[kv.name] = ArgExpansion.expand(kv.valueString ?? "", env).result }
            case .arg:
                for kv in instruction.keyValues where kv.value != nil { env[kv.name] = ArgExpansion.expand(kv.valueString ?? "", env).result }
            case .user:
                if let name = instruction.argumentStrings.first { user = (ArgExpansion.expand(name, env).result, instruction) }
            default:
                break
            }
        }
        workdirs.append(workdir)
        self.workdirs = workdirs
        self.environment = env
        self.user = user
        self.files = StageFiles(stage, workdirs: workdirs, environment: env, file: file)
    }

    /// The user name without the group (`app:app` → `app`).
    var userName: String? { user.map { String($0.name.split(separator: ":").first ?? "") } }
}

/// Where a stage's files come from: each COPY or ADD, with its sources
/// and its destination resolved against WORKDIR.
struct StageFiles {
    enum Origin {
        /// From the build context; `whole` when the sources are the whole
        /// context (`.`, `./`, `*`).
        case context(sources: [String], whole: Bool)
        /// `--from` a stage: the paths in that stage.
        case stage(Int, sources: [String])
        /// `--from` an image.
        case image(ImageReference, sources: [String])
        /// URLs and git repositories (`ADD https://…`).
        case remote
    }

    struct Placement {
        let origin: Origin
        /// Absolute; `nil` when a variable or an unknown WORKDIR hides it.
        let destination: String?
        let instruction: Instruction
    }

    let placements: [Placement]

    init(_ stage: Stage, workdirs: [String?], environment: [String: String], file: Dockerfile) {
        var placements: [Placement] = []
        var names: [String: Int] = [:]
        for s in file.stages { if let n = s.name { names[n] = s.index } }
        for (i, instruction) in stage.instructions.enumerated() where instruction.kind == .copy || instruction.kind == .add {
            var args = instruction.argumentStrings
            guard args.count >= 2, instruction.heredocs.isEmpty else { continue }
            let rawDest = args.removeLast()
            let expanded = ArgExpansion.expand(rawDest, environment)
            var destination: String?
            if !expanded.failed && expanded.unresolved.isEmpty {
                let d = expanded.result
                destination = d.hasPrefix("/") ? Paths.join("/", d) : workdirs[i].map { Paths.join($0, d) }
            }
            let origin: Origin
            if let from = instruction.flag("from")?.value {
                let sources = args.map { Self.stageSource($0) }
                if let index = Int(from), index >= 0, index < file.stages.count {
                    origin = .stage(index, sources: sources)
                } else if let index = names[from.lowercased()] {
                    origin = .stage(index, sources: sources)
                } else if let ref = ImageReference(from) {
                    origin = .image(ref, sources: sources)
                } else {
                    continue
                }
            } else if args.contains(where: { $0.contains("://") || $0.hasPrefix("git@") }) {
                origin = .remote
            } else {
                let sources = args.map(Self.contextSource)
                origin = .context(sources: sources, whole: sources.contains(""))
            }
            placements.append(Placement(origin: origin, destination: destination, instruction: instruction))
        }
        self.placements = placements
    }

    /// A context path without `./`, leading or trailing slashes; the whole
    /// context is `""`.
    static func contextSource(_ raw: String) -> String {
        var s = Paths.join("/", raw)
        if s == "/*" || s == "/." { s = "/" }
        return String(s.dropFirst())
    }

    /// A path in another stage, absolute; `/app/*` and `/app/.` stand for `/app`.
    static func stageSource(_ raw: String) -> String {
        var s = raw
        if s.hasSuffix("/*") { s.removeLast(2) }
        return Paths.join("/", s)
    }
}
