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
/// program built against musl does not run on glibc). Package commands are
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
    /// Tag suffixes naming a Debian or Ubuntu release or a slim variant.
    static let releaseSuffixes = ["-slim", "-bookworm", "-bullseye", "-buster", "-trixie", "-jammy", "-noble", "-focal", "-bionic", "-stretch"]

    enum Move { case to(String), stays, refuse(String) }

    /// The Alpine reference for an image, as it will be written.
    func alpineVariant(_ ref: ImageReference) -> Move {
        let hub = ref.registry == nil || ref.registry == "docker.io" || ref.registry == "index.docker.io"
        let name = ref.repository.hasPrefix("library/") ? String(ref.repository.dropFirst(8)) : ref.repository
        if Toolchains.libc(ofImage: ref) == .musl { return .stays }
        if ref.registry == "registry.access.redhat.com" || ref.registry == "registry.redhat.io", ref.repository.hasPrefix("ubi") {
            return ref.digest == nil ? .to("alpine:\(tag)") : .refuse("\(ref.original) is pinned by digest")
        }
        guard hub, !name.contains("/") else { return .stays }
        guard Self.systems.contains(name) || Self.languages.contains(name) else { return .stays }
        if ref.digest != nil { return .refuse("\(ref.original) is pinned by digest, and the digest of its Alpine variant is not known") }
        if Self.systems.contains(name) { return .to("alpine:\(tag)") }
        let prefix = ref.original.hasSuffix(ref.repository + (ref.tag.map { ":" + $0 } ?? "")) ? String(ref.original.dropLast((ref.repository + (ref.tag.map { ":" + $0 } ?? "")).count)) : ""
        var t = ref.tag ?? "latest"
        if t == "latest" { return .to(prefix + ref.repository + ":alpine") }
        for s in Self.releaseSuffixes { t = t.replacing(s, with: "") }
        if name == "php" && (t.contains("apache") || t.contains("zts")) { return .refuse("\(ref.original) has no Alpine variant (php's Alpine images are cli and fpm)") }
        if name == "eclipse-temurin" { t = t.replacing("-ubi9-minimal", with: "").replacing("-ubi10-minimal", with: "") }
        if t.isEmpty { return .to(prefix + ref.repository + ":alpine") }
        return .to(prefix + ref.repository + ":" + t + "-alpine")
    }

    public func apply(to file: FileContext) -> PassOutcome {
        let df = file.dockerfile
        var editor = file.editor()
        var moved: Set<Int> = []
        var notes = PassNotes()
        for stage in df.stages {
            guard case .image(let ref) = stage.base else { continue }
            let label = "stage \(stage.name ?? String(stage.index))"
            switch alpineVariant(ref) {
            case .stays: continue
            case .refuse(let why): return .declined("\(label) not moved to Alpine: \(why)")
            case .to(let target):
                guard !stage.baseText.contains("$"), let word = stage.baseNode else {
                    return .declined("\(label) not moved to Alpine: FROM names its image with a variable (\(stage.baseText))")
                }
                editor.replace(word, with: target, reason: "\(label) moves from \(ref.original) to \(target): the Alpine variant of its image (musl, apk, busybox)")
                moved.insert(stage.index)
                let runs = stage.instructions.filter { $0.kind == .run }.map(\.original).joined(separator: "\n")
                if ["npm ci", "npm install", "yarn", "pnpm install"].contains(where: runs.contains), ref.name == "node", !(ref.tag ?? "").contains("slim") {
                    notes.warn("\(label): node's full image has python3, make and g++ for native addons; \(target) has not, so a package with a native addon needs `apk add --no-cache python3 make g++` in the build")
                }
                if ["gem install", "bundle install"].contains(where: runs.contains), ref.name == "ruby", !(ref.tag ?? "").contains("slim") {
                    notes.warn("\(label): ruby's full image has gcc, make and common -dev packages for native extensions; \(target) has not, so a gem with a native extension needs `apk add --no-cache build-base` and its -dev packages")
                }
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
        guard !moved.isEmpty else { return .done("no stage is on a Debian, Ubuntu or Fedora-family image dockslim can move") }
        // A stage that stays on glibc must not receive what a moved stage built.
        for edge in df.graph.edges where edge.kind != .base && !moved.contains(edge.stage) {
            guard case .stage(let source) = edge.source, moved.contains(source) else { continue }
            let target = df.stages[edge.stage]
            let root = df.baseChain(of: target)[0]
            let staysWithoutLibc: Bool
            switch root.base {
            case .scratch: staysWithoutLibc = true
            case .image(let ref): staysWithoutLibc = Toolchains.libc(ofImage: ref) == .musl || (ref.registry == "gcr.io" && ref.repository.contains("/static"))
            default: staysWithoutLibc = false
            }
            if !staysWithoutLibc {
                return .declined("not moved to Alpine: stage \(target.name ?? String(target.index)) stays on \(root.baseText) (glibc) but copies from stage \(df.stages[source].name ?? String(source)), whose programs would be built against musl")
            }
        }
        if let why = missingPrograms(df, moved: moved) ?? Self.musllessDependency(df, moved: moved, project: file.project) { return .declined(why) }
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    /// Commands translate-packages rewrites or refuses with its own reason.
    static let translated: Set<String> = ["apt-get", "apt", "aptitude", "dpkg", "yum", "dnf", "microdnf", "useradd", "groupadd",
                                          "apt-key", "add-apt-repository", "locale-gen", "bash"]
    /// Images whose files run on musl too: static programs, PHP archives.
    static let portableImages: Set<String> = ["astral-sh/uv", "composer", "library/composer"]

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

    /// A dependency that will not install on musl: a Python package with
    /// only glibc wheels, or a Node.js native addon the full image's
    /// compilers built.
    static func musllessDependency(_ df: Dockerfile, moved: Set<Int>, project: ProjectFacts?) -> String? {
        let stages = moved.sorted().map { df.stages[$0] }
        if let bad = PythonRequirements.requested(in: stages, project: project).first(where: { PythonRequirements.glibcOnly.contains($0.name) }) {
            return "\(bad.source) asks for \(bad.name), which has no musllinux wheels (Alpine cannot install it)"
        }
        for stage in stages {
            if case .image(let ref) = df.baseChain(of: stage)[0].base, ref.name == "python", !(ref.tag ?? "").contains("slim"),
               let bad = PythonRequirements.requested(in: [stage], project: project).first(where: { PythonRequirements.linksSystemLibraries[$0.name] != nil }) {
                return "\(bad.source) asks for \(bad.name), which pip builds with \(ref.original)'s compilers and \(PythonRequirements.linksSystemLibraries[bad.name]!) headers; Alpine's image has neither"
            }
            if case .image(let ref) = df.baseChain(of: stage)[0].base, ref.name == "node", !(ref.tag ?? "").contains("slim"),
               let pkg = project?.text("package.json"), let native = AppRuntime.nativeAddons.first(where: { pkg.contains("\"\($0)\"") }) {
                return "the project depends on \(native), a native addon that node's full image compiles and Alpine's lacks the compilers for"
            }
        }
        return nil
    }

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

    /// Why a moved stage would break on Alpine: a program it runs that
    /// Alpine lacks, or a program copied in from an image built on glibc.
    private func missingPrograms(_ df: Dockerfile, moved: Set<Int>) -> String? {
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
                    if !Self.portableImages.contains(ref.repository) && Toolchains.libc(ofImage: ref) != .musl {
                        return "\(label): \(at) takes files from \(ref.original), whose programs may be linked against glibc"
                    }
                case .unresolved(let text):
                    return "\(label): \(at) takes files from \(text), which dockslim cannot resolve"
                }
            }
            if ImageTools.languageTools(of: root).isEmpty, let why = Self.systemPipInstall(chain) { return "\(label): \(why)" }
            if let why = Self.unknownUser(chain, root: root) { return "\(label): \(why)" }
            let check = StagePrograms(baseline: ImageTools.alpine.union(ImageTools.languageTools(of: root)), handled: Self.translated)
            if let why = check.missing(in: chain) { return "\(label): \(why)" }
        }
        return nil
    }
}
