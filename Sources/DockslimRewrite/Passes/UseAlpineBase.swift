import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// Moves every stage built on a Debian, Ubuntu or Fedora-family image to
/// the Alpine variant of that image.
///
/// Operating-system images (`debian`, `ubuntu`, `fedora`, `centos`,
/// `rockylinux`, `almalinux`, `amazonlinux`, Red Hat UBI) become `alpine`;
/// the official language and server images that publish Alpine variants
/// (`node`, `python`, `golang`, `rust`, `ruby`, `php` (CLI and FPM),
/// `nginx`, `httpd`, `eclipse-temurin`) keep their version and take the
/// `-alpine` tag. It leaves the file alone, and says why, when a FROM uses
/// a variable or a digest, when an image has no Alpine variant it knows,
/// or when a stage that stays on glibc copies from a stage that moves (a
/// program built against musl does not run on glibc). It also leaves it
/// alone when a moved stage runs a program Alpine lacks, starts a file from
/// the build context it cannot read (a `#!/bin/bash` script, a glibc
/// binary), or when a language says its native code will not build or run
/// on musl (`movingToAlpine`: cgo without a compiler, crates that link
/// system libraries, Python pins without musllinux wheels, glibc-only
/// browsers). Package commands are
/// `translate-packages`'s job: the `alpine` recipe runs both, and changes a
/// file only when both succeed.
///
/// ## Before
/// ```dockerfile
/// FROM python:3.12-slim-bookworm
/// RUN pip install --no-cache-dir flask
/// ```
///
/// ## After
/// ```dockerfile
/// FROM python:3.12-alpine
/// RUN pip install --no-cache-dir flask
/// ```
public struct UseAlpineBase: RewritePass {
    public static let id = "use-alpine-base"
    public static let summary = "Move stages on Debian, Ubuntu or Fedora-family images to the Alpine variant of their image."
    public static let options = [PassOption(name: "tag", help: "The alpine tag for operating-system images (default: \(SwapBaseImage.alpineTag)).")]

    let tag: String

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
        tag = options["tag"] ?? SwapBaseImage.alpineTag
    }

    static let systems: Set<String> = ["debian", "ubuntu", "fedora", "centos", "rockylinux", "almalinux", "amazonlinux", "oraclelinux"]
    static let languages: Set<String> = ["node", "python", "golang", "rust", "ruby", "php", "nginx", "httpd", "eclipse-temurin"]

    enum Move { case to(String), stays, refuse(String) }

    /// The Alpine reference for an image, as it will be written.
    func alpineVariant(_ ref: ImageReference) -> Move {
        let hub = ref.registry == nil || ref.registry == "docker.io" || ref.registry == "index.docker.io"
        let name = ref.repository.hasPrefix("library/") ? String(ref.repository.dropFirst(8)) : ref.repository
        if ImageCatalog.libc(of: ref) == .musl { return .stays }
        if ref.registry == "registry.access.redhat.com" || ref.registry == "registry.redhat.io", ref.repository.hasPrefix("ubi") {
            return ref.digest == nil ? .to("alpine:\(tag)") : .refuse("\(ref.original) is pinned by digest")
        }
        guard hub, !name.contains("/") else { return .stays }
        guard Self.systems.contains(name) || Self.languages.contains(name) else { return .stays }
        if ref.digest != nil { return .refuse("\(ref.original) is pinned by digest, and the digest of its Alpine variant is not known") }
        if Self.systems.contains(name) { return .to("alpine:\(tag)") }
        // The official image's own Alpine variant, as published for this version.
        switch ImageCatalog.alpineVariant(of: ref) {
        case .exists(let image): return .to(image)
        case .missing(let why): return .refuse(why)
        case .unknown: return .refuse("whether \(ref.original) has an Alpine variant is not known to dockslim's image catalogue")
        }
    }

    public func apply(to file: FileContext) -> PassResult {
        let df = file.dockerfile
        var editor = file.editor()
        var moved: Set<Int> = []
        var notes = PassNotes()
        for stage in df.stages {
            guard case .image(let ref) = stage.base else { continue }
            let label = "stage \(stage.name ?? String(stage.index))"
            switch alpineVariant(ref) {
            case .stays: continue
            case .refuse(let why): return .refusing("\(label) not moved to Alpine: \(why)")
            case .to(let target):
                guard !stage.baseText.contains("$"), let word = stage.baseNode else {
                    return .refusing("\(label) not moved to Alpine: FROM names its image with a variable (\(stage.baseText))")
                }
                editor.replace(word, with: target, reason: "\(label) moves from \(ref.original) to \(target): the Alpine variant of its image (musl, apk, busybox)")
                moved.insert(stage.index)
            }
        }
        // Stages built on moved stages move with them.
        var changed = true
        while changed {
            changed = false
            for s in df.stages where !moved.contains(s.index) {
                if case .stage(let b) = s.base, moved.contains(b) { moved.insert(s.index); changed = true }
            }
        }
        guard !moved.isEmpty else { return .alreadyDone("no stage is on a Debian, Ubuntu or Fedora-family image dockslim can move") }
        // A stage that stays on glibc must not receive what a moved stage built.
        for edge in df.graph.edges where edge.kind != .base && !moved.contains(edge.stage) {
            guard case .stage(let source) = edge.source, moved.contains(source) else { continue }
            let target = df.stages[edge.stage]
            let root = df.chainRoot(of: target)
            let staysWithoutLibc: Bool
            switch root.base {
            case .scratch: staysWithoutLibc = true
            case .image(let ref): staysWithoutLibc = ImageCatalog.libc(of: ref) == .musl || (ref.registry == "gcr.io" && ref.repository.contains("/static"))
            default: staysWithoutLibc = false
            }
            if !staysWithoutLibc {
                return .refusing("not moved to Alpine: stage \(target.name ?? String(target.index)) stays on \(root.baseText) (glibc) but copies from stage \(df.stages[source].name ?? String(source)), whose programs would be built against musl")
            }
        }
        if let why = compilesC(df, moved: moved) { return .refusing(why) }
        if let why = missingPrograms(df, moved: moved, file) { return .refusing(why) }
        if let why = unreadProgram(file, moved: moved) { return .refusing(why) }
        // A program that runs commands it names at run time would find busybox on Alpine, not bash or GNU tools: which it needs is not known.
        let languages = Set(moved.flatMap { TranslatePackages.languages(of: df.stages[$0], in: df).map(\.language) })
        if let project = file.project,
           let computed = Ecosystems.all.filter({ languages.contains($0.language) }).compactMap({ $0.findings(in: project) }).flatMap(\.unknowns)
            .first(where: { $0.kind == .computedProgram && $0.evidence != nil }),
           let at = computed.evidence {
            return .refusing("not moved to Alpine: the program runs commands it names at run time (\(at.file):\(at.line)); on Alpine they would find busybox sh and its applets, not the old image's bash and GNU tools")
        }
        // What each language says of the move: a dependency with no musl build, or what to check.
        for index in moved.sorted() {
            let chain = df.baseChain(of: df.stages[index])
            guard case .image(let root) = chain[0].base else { continue }
            let label = "stage \(df.stages[index].name ?? String(index))"
            for e in Ecosystems.all {
                let verdict = e.movingToAlpine(df.stages[index], from: root, chain: chain, context: file.project)
                if let why = verdict.refusal { return .refusing(why) }
                verdict.warnings.forEach { notes.warn("\(label): \($0)") }
            }
        }
        return .applied(edits: editor.edits, notes: notes)
    }

    /// Commands translate-packages rewrites or refuses with its own reason.
    static let translated: Set<String> = ["apt-get", "apt", "aptitude", "dpkg", "yum", "dnf", "microdnf", "useradd", "groupadd",
                                          "apt-key", "add-apt-repository", "locale-gen", "bash"]
    /// Images whose files run on musl too: static programs, PHP archives.
    static let portableImages: Set<String> = ["astral-sh/uv", "composer", "library/composer"]

    /// Users the Alpine variants of the official images create (the Debian ones have them too).
    static let imageUsers: [String: Set<String>] = ["node": ["node"], "nginx": ["nginx"], "php": ["www-data"], "httpd": ["www-data"]]

    /// A USER or `--chown` naming a user or group Alpine's image may lack
    /// (Debian has www-data, daemon, bin… with other ids, or not at all there).
    static func unknownUser(_ chain: [Stage], root: ImageReference) -> String? {
        var known = Set(["root", "nobody"]).union(imageUsers[root.name] ?? [])
        for stage in chain {
            for i in stage.instructions {
                var names: [String] = []
                switch i.kind {
                case .run:
                    for words in ShellScan(run: i).commands where ["useradd", "adduser", "groupadd", "addgroup"].contains(words.first ?? "") {
                        if let name = words.last, !name.hasPrefix("-") { known.insert(name) }
                    }
                    continue
                case .user: names = (i.argumentStrings.first ?? "").split(separator: ":").map(String.init)
                case .copy, .add: names = (i.flag("chown")?.value ?? "").split(separator: ":").map(String.init)
                default: continue
                }
                for n in names where !n.isEmpty && !n.allSatisfy(\.isNumber) && !known.contains(n) {
                    return "\(i.keyword) on line \(i.startLine) names \(n), a user or group Alpine's image may not have"
                }
            }
        }
        return nil
    }

    /// The program a moved stage starts when it is a file copied from the
    /// build context that dockslim cannot read (a script without an
    /// extension it reads, a prebuilt binary): it may start with
    /// `#!/bin/bash`, which Alpine lacks, or be linked against glibc.
    /// (Scripts named `*.sh` are `StagePrograms`' to refuse; a readable one
    /// that starts with `#!/bin/bash` gets bash from translate-packages.)
    private func unreadProgram(_ file: FileContext, moved: Set<Int>) -> String? {
        let df = file.dockerfile
        for index in moved.sorted() {
            guard let started = StartedContextFile.find(df.baseChain(of: df.stages[index]), in: file), started.text == nil else { continue }
            return "stage \(df.stages[index].name ?? String(index)) not moved to Alpine: \(started.instruction.keyword) on line \(started.instruction.startLine) runs \(started.program), copied from the build context (\(started.source)), which dockslim does not read: a script may need bash (#!/bin/bash), which Alpine lacks, and a program may be linked against glibc"
        }
        return nil
    }

    /// A moved stage that compiles C or C++ itself: Alpine's GCC is newer
    /// than most glibc images' and musl's headers declare less by default
    /// (`struct tcphdr`'s BSD names need `_GNU_SOURCE`), so code that builds
    /// on the old image may not build, or behave the same, on the new one.
    private func compilesC(_ df: Dockerfile, moved: Set<Int>) -> String? {
        for index in moved.sorted() {
            for run in df.stages[index].instructions where run.kind == .run {
                guard let words = ShellScan(run: run).commands.first(where: StagePrograms.isCCompile) else { continue }
                return "stage \(df.stages[index].name ?? String(index)) not moved to Alpine: RUN on line \(run.startLine) compiles C or C++ (\(Paths.basename(words[0]))), and Alpine's compiler and C library (musl) differ from \(df.stages[index].baseText)'s: code that builds there may not build or behave the same here"
            }
        }
        return nil
    }

    /// Why a moved stage would break on Alpine: a program it runs that
    /// Alpine lacks, or a program copied in from an image built on glibc.
    private func missingPrograms(_ df: Dockerfile, moved: Set<Int>, _ file: FileContext) -> String? {
        for index in moved.sorted() {
            let chain = df.baseChain(of: df.stages[index])
            guard case .image(let root) = chain[0].base else { continue }
            let label = "stage \(df.stages[index].name ?? String(index)) not moved to Alpine"
            for edge in df.graph.edges(of: index) where edge.kind == .copy {
                let at = "\(edge.instruction.keyword) on line \(edge.instruction.startLine)"
                switch edge.source {
                case .stage(let n):
                    if !moved.contains(n) && !TranslatePackages.runsOnAlpine(df.stages[n], in: df) {
                        return "\(label): \(at) takes files from stage \(df.stages[n].name ?? String(n)), which stays on glibc"
                    }
                case .image(let ref):
                    if !Self.portableImages.contains(ref.repository) && ImageCatalog.libc(of: ref) != .musl {
                        return "\(label): \(at) takes files from \(ref.original), whose programs may be linked against glibc"
                    }
                case .unresolved(let text):
                    return "\(label): \(at) takes files from \(text), which dockslim cannot resolve"
                }
            }
            if let why = Self.unknownUser(chain, root: root) { return "\(label): \(why)" }
            let check = StagePrograms(baseline: ImageCommands.alpine.union(ImageCommands.languageTools(of: root)), handled: Self.translated)
            let outside = index == df.stages.count - 1 ? ProjectConventions.composeRuns(file.project, dockerfile: file.path) : []
            if let why = check.missing(in: chain, alsoRuns: outside) { return "\(label): \(why)" }
        }
        return nil
    }
}
