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
/// follow leaves the whole file as it is, with the reason. It adds `bash`
/// to the first install of a stage that runs bash, and warns about what
/// musl may break: prebuilt glibc binaries and Python wheels.
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
        guard case .image(let ref) = file.baseChain(of: stage)[0].base else { return false }
        return Toolchains.libc(ofImage: ref) == .musl
    }

    public func apply(to file: FileContext) -> PassOutcome {
        let df = file.dockerfile
        let alpine = df.stages.filter { Self.runsOnAlpine($0, in: df) }
        guard !alpine.isEmpty else { return .unchanged("no stage runs on Alpine") }
        var editor = file.editor()
        var notes = PassNotes()
        var changed = false
        for stage in alpine {
            let label = "stage \(stage.name ?? String(stage.index))"
            let runs = stage.instructions.filter { $0.kind == .run }
            var translations: [(Instruction, RunTranslation)] = []
            for run in runs {
                switch RunTranslation.translate(run, addBash: false) {
                case nil: continue
                case .failure(let r)?: return .declined("\(label): \(r.reason)")
                case .success(let t)?: translations.append((run, t))
                }
            }
            // bash: the stage (or its CMD) runs it, and Alpine has none.
            if let user = bashUser(stage), !installsBash(before: user, in: stage, df, translations) {
                if let k = translations.firstIndex(where: { $0.1.installs && $0.0.startLine < user.startLine }),
                   case .success(let t)? = RunTranslation.translate(translations[k].0, addBash: true) {
                    translations[k].1 = t
                } else {
                    let line = "\(file.style.keyword("RUN")) apk add --no-cache bash"
                    editor.insert([line], before: user.node, reason: "\(label): \(user.keyword) on line \(user.startLine) runs bash, which Alpine does not have")
                    notes.warn("\(label): added `RUN apk add --no-cache bash` before line \(user.startLine), which runs bash")
                    changed = true
                }
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
            var done = PassNotes(["no package command to translate"])
            done.append(notes)
            return PassOutcome(notes: done, alreadyDone: true)
        }
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    /// Whether bash is installed before `user` runs: by a translated install,
    /// or by an `apk add … bash` of this stage or a stage it builds on.
    private func installsBash(before user: Instruction, in stage: Stage, _ df: Dockerfile, _ translations: [(Instruction, RunTranslation)]) -> Bool {
        if translations.contains(where: { $0.1.installedNames.contains("bash") && $0.0.startLine < user.startLine }) { return true }
        var s: Stage? = stage
        while let current = s {
            for run in current.instructions where run.kind == .run && run.startLine < user.startLine {
                if case .shell(let text)? = run.command, let list = ShellCommandList.parse(text), list.commands.contains(where: { $0.texts.starts(with: ["apk", "add"]) && $0.texts.contains("bash") }) { return true }
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
