import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// Translates Debian/Ubuntu and Fedora/RHEL package commands into Alpine's,
/// in every stage that runs on Alpine.
///
/// `apt-get install` / `yum install` become `apk add --no-cache` with each
/// package mapped through dockslim's table (Debian names from the 300 most
/// installed, each Alpine name backed by an aports APKBUILD; RPM names by
/// way of the Debian rows); one-to-many and "nothing on Alpine" entries are
/// handled; version pins are dropped with a note. `apt-get update`, `clean`,
/// `rm -rf /var/lib/apt/lists/*` and the like fold away; `useradd` and
/// `groupadd` become busybox `adduser -D` and `addgroup` with the same
/// options. Words are replaced in place, so comments and the layout of line
/// continuations stay. A package without a trusted mapping, a PPA or
/// repository, `dpkg`, a pipeline into a shell, or anything else it cannot
/// follow leaves the whole file as it is, with the reason; so does a
/// command that would still run apt, dpkg or yum after translation
/// (package commands behind `sudo` are translated behind it). It adds what
/// the stage needs and Alpine's image lacks to the first install before
/// the need (or as a new `RUN apk add` where it is needed): `bash` for a
/// stage that runs bash, or whose compose service (`command:` or
/// `entrypoint:` in a compose file beside the Dockerfile) does; `tzdata`
/// for `ENV TZ` or a RUN that reads /usr/share/zoneinfo. It warns about
/// what musl may break: prebuilt glibc binaries and Python wheels.
///
/// ## Before
/// ```dockerfile
/// FROM alpine:3.24
/// RUN apt-get update \
///     && apt-get install -y --no-install-recommends \
///        build-essential libssl-dev=3.0.* \
///     && rm -rf /var/lib/apt/lists/*
/// ```
///
/// ## After
/// ```dockerfile
/// FROM alpine:3.24
/// RUN apk add --no-cache \
///        build-base openssl-dev
/// ```
public struct TranslatePackages: RewritePass {
    public static let id = "translate-packages"
    public static let summary = "Translate apt-get and yum/dnf commands into apk in stages that run on Alpine."

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
    }

    /// A stage runs on Alpine when the image at the root of its FROM chain is Alpine or an `-alpine` tag.
    static func runsOnAlpine(_ stage: Stage, in file: Dockerfile) -> Bool {
        guard case .image(let ref) = file.chainRoot(of: stage).base else { return false }
        return ImageCatalog.libc(of: ref) == .musl
    }

    public func apply(to file: FileContext) -> PassResult {
        let df = file.dockerfile
        let alpine = df.stages.filter { Self.runsOnAlpine($0, in: df) }
        guard !alpine.isEmpty else { return .notApplicable("no stage runs on Alpine") }
        var editor = file.editor()
        var notes = PassNotes()
        var changed = false
        for stage in alpine {
            let label = "stage \(stage.name ?? String(stage.index))"
            let runs = stage.instructions.filter { $0.kind == .run }
            var translations: [(Instruction, RunTranslation)] = []
            for run in runs {
                switch RunTranslation.translate(run) {
                case nil: continue
                case .failure(let r)?: return .refusing("\(label): \(r.reason)")
                case .success(let t)?: translations.append((run, t))
                }
            }
            // What the stage runs that Alpine's image lacks: bash, time zone data.
            // Each goes into the first translated install before it is needed,
            // or into a new `RUN apk add` where it is needed.
            var additions: [Int: [Need]] = [:]
            var inserted: [Need] = []
            for need in needs(stage, in: df, project: file.project, file: file) where !installs(need.package, before: need.deadline, in: stage, df, translations) {
                if let k = translations.firstIndex(where: { $0.1.installs && $0.0.startLine < need.deadline }) {
                    additions[k, default: []].append(need)
                } else {
                    inserted.append(need)
                }
            }
            for (k, adding) in additions.sorted(by: { $0.key < $1.key }) {
                if case .success(let t)? = RunTranslation.translate(translations[k].0, adding: adding.map { RunTranslation.Addition(package: $0.package, why: $0.why) }) {
                    translations[k].1 = t
                } else {
                    inserted += adding
                }
            }
            // One new RUN per place, in the order the needs were found.
            var places: [(anchor: Instruction, after: Bool, needs: [Need])] = []
            for need in inserted {
                if let p = places.firstIndex(where: { $0.anchor.startLine == need.anchor.startLine && $0.after == need.after }) {
                    places[p].needs.append(need)
                } else {
                    places.append((need.anchor, need.after, [need]))
                }
            }
            for place in places {
                let packages = place.needs.map(\.package).joined(separator: " ")
                let line = "\(file.style.keyword("RUN")) apk add --no-cache \(packages)"
                let reason = "\(label): " + place.needs.map(\.why).joined(separator: "; ")
                let side = place.after ? "after" : "before"
                if place.after {
                    editor.insert([line], after: place.anchor.node, reason: reason)
                } else {
                    editor.insert([line], before: place.anchor.node, reason: reason)
                }
                for need in place.needs {
                    notes.warn("\(label): added `RUN apk add --no-cache \(packages)` \(side) line \(place.anchor.startLine): \(need.why)")
                }
                changed = true
            }
            for (run, t) in translations {
                let reason = "\(label): line \(run.startLine) translated for Alpine (apk, busybox)"
                if t.removesInstruction {
                    editor.remove(run.node, reason: reason + "; every command of the RUN folds away")
                } else {
                    for e in t.edits { editor.replace(e.range, with: e.text, reason: reason) }
                }
                for n in t.notes {
                    let said = "\(label), line \(run.startLine): \(n)"
                    if t.warnings.contains(n) { notes.warn(said) } else { notes.info(said) }
                }
                changed = true
            }
            for w in muslWarnings(stage, label: label) { notes.warn(w) }
        }
        guard changed else {
            return notes.declined.isEmpty ? .alreadyDone("no package command to translate") : .refused(notes.declined)
        }
        return .applied(edits: editor.edits, notes: notes)
    }

    /// A package a stage needs on Alpine that Alpine's image lacks.
    struct Need {
        let package: String
        let why: String
        /// It must be installed before this line (`Int.max`: anywhere in the stage).
        let deadline: Int
        /// Where a new `RUN apk add` goes: before the anchor, or after it.
        let anchor: Instruction
        let after: Bool
    }

    /// bash for what the stage runs with it (SHELL, RUN, CMD, ENTRYPOINT, a
    /// `#!/bin/bash` script from the build context that it starts, a
    /// compose file's `command:` for the stage the service runs, or the
    /// program's own sources running bash, for the last stage), tzdata
    /// for a time zone (`ENV TZ=…`, a RUN that reads /usr/share/zoneinfo).
    func needs(_ stage: Stage, in df: Dockerfile, project: BuildContext?, file: FileContext? = nil) -> [Need] {
        var out: [Need] = []
        if let user = bashUser(stage) {
            out.append(Need(package: "bash", why: "\(user.keyword) on line \(user.startLine) runs bash, which Alpine does not have",
                            deadline: user.startLine, anchor: user, after: false))
        } else if let file, let started = StartedContextFile.find(df.baseChain(of: stage), in: file), started.runsBash,
                  stage.instructions.contains(where: { $0 === started.instruction }) {
            out.append(Need(package: "bash", why: "\(started.instruction.keyword) on line \(started.instruction.startLine) runs \(started.source), a bash script (#!/bin/bash), and Alpine has no bash",
                            deadline: started.instruction.startLine, anchor: started.instruction, after: false))
        } else if let anchor = stage.instructions.last, let project,
                  let service = ComposeService.builtHere(in: project, dockerfile: file?.path ?? "Dockerfile").first(where: { composeRuns($0, stage, df) && Self.startsBash($0) }) {
            let start = stage.instructions.first { $0.kind == .cmd || $0.kind == .entrypoint }
            let key = service.entrypoint != nil ? "entrypoint" : "command"
            out.append(Need(package: "bash", why: "\(service.file) line \(service.line): service \(service.name)'s \(key) runs bash, which Alpine does not have",
                            deadline: Int.max, anchor: start ?? anchor, after: start == nil))
        } else if let project, stage.index == df.stages.count - 1, let start = stage.instructions.first(where: { $0.kind == .cmd || $0.kind == .entrypoint }),
                  let use = Self.languages(of: stage, in: df).compactMap({ $0.findings(in: project) }).flatMap(\.executes).first(where: { Paths.basename($0.program) == "bash" }) {
            // The program the stage starts runs bash itself (`exec.Command("bash", …)`, `subprocess.run(["bash", …])`).
            out.append(Need(package: "bash", why: "\(use.evidence.file) line \(use.evidence.line) runs bash (\(use.via)), which Alpine does not have",
                            deadline: Int.max, anchor: start, after: false))
        }
        if let run = stage.instructions.first(where: { $0.kind == .run && $0.original.contains("/usr/share/zoneinfo") }) {
            out.append(Need(package: "tzdata", why: "RUN on line \(run.startLine) reads /usr/share/zoneinfo, which Alpine has only with tzdata",
                            deadline: run.startLine, anchor: run, after: false))
        } else if let env = stage.instructions.first(where: { i in i.kind == .env && i.keyValues.contains { $0.name == "TZ" && Self.needsZoneData($0.valueString) } }) {
            out.append(Need(package: "tzdata", why: "ENV on line \(env.startLine) sets TZ, and without tzdata musl runs in UTC",
                            deadline: Int.max, anchor: env, after: true))
        }
        return out
    }

    /// The languages whose sources say what a stage's program does: its
    /// image's (node, python…), or every one for an operating-system image.
    static func languages(of stage: Stage, in df: Dockerfile) -> [any Ecosystem] {
        guard case .image(let ref) = df.chainRoot(of: stage).base, let e = Ecosystems.of(image: ref) else { return Ecosystems.all }
        return [e]
    }

    /// A TZ value musl cannot honour without /usr/share/zoneinfo (UTC it handles alone).
    static func needsZoneData(_ value: String?) -> Bool {
        guard let v = value?.trimmingCharacters(in: " \"'"), !v.isEmpty, !v.contains("$") else { return false }
        return !["UTC", "Etc/UTC", "GMT", "Etc/GMT", "UTC0", ":UTC", "Universal", "Zulu"].contains(v)
    }

    /// Whether a compose service runs this stage: its `build.target`, or the last stage.
    private func composeRuns(_ service: ComposeService, _ stage: Stage, _ df: Dockerfile) -> Bool {
        if let target = service.target { return stage.name == target.lowercased() }
        return stage.index == df.stages.count - 1
    }

    /// Whether a service starts bash: its entrypoint's program, or else its command's.
    static func startsBash(_ service: ComposeService) -> Bool {
        guard let start = service.entrypoint ?? service.command else { return false }
        let program: String?
        switch start {
        case .argv(let argv): program = argv.first
        case .string(let text): program = ShellScan(text).commands.first?.first
        }
        return program.map(Paths.basename) == "bash"
    }

    /// Whether a package is installed before a line: by a translated install,
    /// or by an `apk add` of this stage or a stage it builds on.
    private func installs(_ package: String, before line: Int, in stage: Stage, _ df: Dockerfile, _ translations: [(Instruction, RunTranslation)]) -> Bool {
        if translations.contains(where: { $0.1.installedNames.contains(package) && $0.0.startLine < line }) { return true }
        var s: Stage? = stage
        while let current = s {
            for run in current.instructions where run.kind == .run && (current.index != stage.index || run.startLine < line) {
                if ShellScan(run: run).commands.contains(where: { $0.starts(with: ["apk", "add"]) && $0.contains(package) }) { return true }
            }
            if case .stage(let b) = current.base, b < df.stages.count { s = df.stages[b] } else { s = nil }
        }
        return false
    }

    /// The first instruction of a stage that runs bash.
    private func bashUser(_ stage: Stage) -> Instruction? {
        for i in stage.instructions {
            switch i.kind {
            case .shell:
                if i.argumentStrings.first?.hasSuffix("bash") == true { return i }
            case .run, .cmd, .entrypoint:
                switch i.command {
                case .exec(let words): if words.first?.hasSuffix("bash") == true { return i }
                case .shell(let text):
                    if let list = ShellCommandList.parse(text), list.commands.contains(where: { ($0.texts.first ?? "").hasSuffix("bash") }) { return i }
                case nil: break
                }
            default: break
            }
        }
        return nil
    }

    /// What musl may break, as notes.
    private func muslWarnings(_ stage: Stage, label: String) -> [String] {
        var out: [String] = []
        let scripts = stage.instructions.filter { [.run, .cmd, .entrypoint].contains($0.kind) }.flatMap { i -> [String] in
            let words: [String]
            switch i.command {
            case .exec(let w): words = w
            case .shell(let t): words = ShellCommandList.parse(t)?.commands.flatMap(\.texts) ?? []
            case nil: words = []
            }
            return words.filter { $0.hasSuffix(".sh") }
        }
        if !scripts.isEmpty {
            var unique: [String] = []
            for s in scripts where !unique.contains(s) { unique.append(s) }
            out.append("\(label): runs \(unique.joined(separator: ", ")); a script that starts with #!/bin/bash needs bash, which Alpine has only when installed (apk add bash)")
        }
        for run in stage.instructions where run.kind == .run {
            let text = run.original
            if text.contains("pip install") || text.contains("pip3 install") {
                out.append("\(label), line \(run.startLine): on Alpine (musl) pip installs musllinux wheels; a package with only manylinux wheels builds from source and needs build-base and its -dev packages")
            }
            if (text.contains("curl") || text.contains("wget")) && (text.contains("linux-gnu") || text.contains("glibc") || text.contains("linux-amd64") || text.contains("linux_amd64") || text.contains("x86_64-linux")) {
                out.append("\(label), line \(run.startLine): downloads a prebuilt binary; if it is linked with glibc it will not run on musl")
            }
        }
        return out
    }
}
