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
        var notes: [String] = []
        for stage in df.stages {
            guard case .image(let ref) = stage.base else { continue }
            let label = "stage \(stage.name ?? String(stage.index))"
            switch alpineVariant(ref) {
            case .stays: continue
            case .refuse(let why): return .unchanged("\(label) not moved to Alpine: \(why)")
            case .to(let target):
                guard !stage.baseText.contains("$"), let word = stage.baseNode else {
                    return .unchanged("\(label) not moved to Alpine: FROM names its image with a variable (\(stage.baseText))")
                }
                editor.replace(word, with: target, reason: "\(label) moves from \(ref.original) to \(target): the Alpine variant of its image (musl, apk, busybox)")
                moved.insert(stage.index)
                let runs = stage.instructions.filter { $0.kind == .run }.map(\.original).joined(separator: "\n")
                if ["npm ci", "npm install", "yarn", "pnpm install"].contains(where: runs.contains), ref.name == "node", !(ref.tag ?? "").contains("slim") {
                    notes.append("\(label): node's full image has python3, make and g++ for native addons; \(target) has not, so a package with a native addon needs `apk add --no-cache python3 make g++` in the build")
                }
                if runs.contains("pip install") || runs.contains("pip3 install") || runs.contains("poetry install") || runs.contains("uv sync") {
                    notes.append("\(label): on Alpine (musl) pip installs musllinux wheels; a package with only manylinux wheels builds from source and needs build-base and its -dev packages")
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
            var root = target
            while case .stage(let b) = root.base { root = df.stages[b] }
            let staysWithoutLibc: Bool
            switch root.base {
            case .scratch: staysWithoutLibc = true
            case .image(let ref): staysWithoutLibc = Toolchains.libc(ofImage: ref) == .musl || (ref.registry == "gcr.io" && ref.repository.contains("/static"))
            default: staysWithoutLibc = false
            }
            if !staysWithoutLibc {
                return .unchanged("not moved to Alpine: stage \(target.name ?? String(target.index)) stays on \(root.baseText) (glibc) but copies from stage \(df.stages[source].name ?? String(source)), whose programs would be built against musl")
            }
        }
        return PassOutcome(edits: editor.edits, notes: notes)
    }
}
