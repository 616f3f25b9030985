import DockerfileModel
import DockerfileSyntax

/// Replaces the runtime stage's base with distroless, Alpine or scratch,
/// and carries what that implies.
///
/// The final stage must be a runtime stage on its builder's own image (as
/// `split-stages` makes it): it builds nothing and gets its program with
/// `COPY --from` that builder, whose build tells how the program is linked.
/// A runtime stage on any other image is left alone, since that image may
/// hold tools the program runs. distroless: `static-debian13` for a static binary,
/// `base-debian13` for Go with cgo (glibc), `cc-debian13` for C, C++ and Rust
/// (glibc, libgcc, libstdc++, OpenSSL), tag `nonroot`; CMD and ENTRYPOINT
/// become exec form (there is no shell), a HEALTHCHECK that needs a shell or
/// a tool the image lacks is dropped with the reason, and any RUN left in the
/// stage stops the swap. Alpine (`alpine:3.24`): `apk add --no-cache
/// ca-certificates tzdata`, and never a glibc-linked program (build it
/// static first). scratch: a static program only, with the CA certificates
/// copied from the builder. Options `image` and `tag` pick another image or
/// tag. It leaves the stage alone, and says why, whenever the program's
/// linking, a user name, a RUN, or a command it cannot put in exec form does
/// not fit the new base.
///
/// ## Before
/// ```dockerfile
/// FROM golang:1.22 AS build
/// RUN CGO_ENABLED=0 go build -o /out/app .
///
/// FROM golang:1.22
/// COPY --from=build /out/app /out/app
/// CMD /out/app
/// ```
///
/// ## After
/// ```dockerfile
/// FROM golang:1.22 AS build
/// RUN CGO_ENABLED=0 go build -o /out/app .
///
/// FROM gcr.io/distroless/static-debian13:nonroot
/// COPY --from=build /out/app /out/app
/// CMD ["/out/app"]
/// ```
public struct SwapBaseImage: RewritePass {
    public static let id = "swap-base"
    public static let summary = "Move the runtime stage to distroless, Alpine or scratch, with the exec-form commands, packages and certificates that implies."
    public static let options = [
        PassOption(name: "to", help: "distroless, alpine, scratch, or slim (Node.js, Python and Java runtimes)."),
        PassOption(name: "image", help: "The runtime image to use instead of the one chosen for the program (e.g. gcr.io/distroless/base-debian13)."),
        PassOption(name: "languages", help: "Comma-separated languages whose runtime stages to move (go, rust, c, node, python, java); default: all."),
        PassOption(name: "tag", help: "The tag to use (default: nonroot for distroless, 3.24 for alpine)."),
    ]

    public enum Target: String, Sendable { case distroless, alpine, scratch, slim }

    let target: Target
    let image: String?
    let tag: String?
    /// The languages a recipe is for: a Python recipe must not move a Node.js runtime.
    let languages: Set<String>?

    /// Why the pass leaves a runtime of `language` alone, if it does.
    func excluded(_ language: String) -> PassOutcome? {
        guard let languages, !languages.contains(language) else { return nil }
        return .unchanged("the runtime stage runs a \(language == "c" ? "C" : language) program, and this recipe is for \(languages.sorted().joined(separator: ", "))")
    }

    /// The current Alpine release (alpine 3.24 is the base of golang:1.25-alpine
    /// in docker-library/repo-info, 2026).
    static let alpineTag = "3.24"
    /// Libraries distroless `cc` provides (glibc, libgcc, libstdc++, and OpenSSL from `base`).
    static let ccLibraries: Set<String> = ["c", "m", "pthread", "dl", "rt", "stdc++", "gcc", "gcc_s", "ssl", "crypto"]
    /// Alpine packages for libraries a musl-linked C program may use.
    static let alpineLibraries: [String: String] = ["c": "", "m": "", "pthread": "", "dl": "", "rt": "", "stdc++": "libstdc++", "gcc_s": "libgcc",
                                                    "gcc": "libgcc", "ssl": "libssl3", "crypto": "libcrypto3", "z": "zlib", "curl": "libcurl",
                                                    "sqlite3": "sqlite-libs", "pq": "libpq"]

    /// Development packages that bring no library the program links at run time.
    static let headerOnlyPackages: Set<String> = ["libc6-dev", "libc-dev", "musl-dev", "linux-headers", "linux-libc-dev"]
    /// A library's development package → the library (`-l` name).
    static let developmentPackages: [String: String] = [
        "libssl-dev": "ssl", "openssl-dev": "ssl", "libsqlite3-dev": "sqlite3", "sqlite-dev": "sqlite3", "zlib1g-dev": "z", "zlib-dev": "z",
        "libpq-dev": "pq", "postgresql-dev": "pq", "libcurl4-openssl-dev": "curl", "curl-dev": "curl", "libstdc++-dev": "stdc++",
    ]
    /// Bases that are already small runtimes: distroless, Alpine, BusyBox,
    /// Chainguard's static image, and Debian or Ubuntu `-slim`/`-minimal` tags.
    static func isSmall(_ ref: ImageReference) -> Bool {
        if ref.repository.hasPrefix("distroless/") || ["alpine", "busybox"].contains(ref.name) { return true }
        if ref.registry == "cgr.dev" && ref.name == "static" { return true }
        if ["debian", "ubuntu"].contains(ref.name), let tag = ref.tag, tag.hasSuffix("-slim") || tag.contains("minimal") { return true }
        return false
    }

    /// Tools a HEALTHCHECK may run on Alpine (busybox applets).
    static let busyboxTools: Set<String> = ["wget", "nc", "sh", "test", "[", "pgrep", "ps", "cat", "true"]

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
        guard let to = options["to"].flatMap(Target.init(rawValue:)) else {
            throw RecipeError("swap-base needs the option to=distroless, to=alpine, to=scratch or to=slim")
        }
        target = to
        image = options["image"]
        languages = options["languages"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: " ") }) }
        tag = options["tag"]
    }

    public func apply(to file: FileContext) -> PassOutcome {
        let model = file.dockerfile
        guard model.stages.count >= 2, let final = model.stages.last else {
            return .unchanged("no runtime stage: the file has one stage (split-stages makes one)")
        }
        // A runtime stage already on a small base is the authors' choice: kept
        // (unless it is the base of the stage it copies from, as a fresh split leaves it).
        let copiesFrom = model.graph.edges(of: final.index).compactMap { e -> Stage? in
            if e.kind == .copy, case .stage(let i) = e.source { return model.stages[i] } else { return nil }
        }
        let onBuilderBase = copiesFrom.contains { $0.resolvedBase == final.resolvedBase }
        switch final.base {
        case .scratch:
            return .done("the runtime stage is already on scratch")
        case .image(let ref) where Self.isSmall(ref) && !onBuilderBase:
            return .done("the runtime stage is already on \(ref.original), a small base")
        default:
            break
        }
        if case .success = BuildAnalysis.analyse(final, in: model, project: file.project) {
            return .unchanged("the final stage builds from source; split it first (split-stages)")
        }
        // The builders the runtime stage copies from, and how their programs are linked.
        var builders: [BuildAnalysis] = []
        for edge in model.graph.edges(of: final.index) where edge.kind == .copy {
            guard case .stage(let i) = edge.source else { continue }
            if case .success(let a) = BuildAnalysis.analyse(model.stages[i], in: model, project: file.project, requireEntry: false) { builders.append(a) }
        }
        if builders.isEmpty {
            for edge in model.graph.edges(of: final.index) where edge.kind == .copy {
                guard case .stage(let i) = edge.source, case .success(let app)? = AppBuild.analyse(model.stages[i], in: model, project: file.project, requireEntry: false) else { continue }
                guard onBuilderBase else {
                    return .unchanged("not moved: the runtime stage's base \(final.baseText) may provide tools or files the program uses; dockslim moves only a runtime stage that starts from its builder's own image")
                }
                if let no = excluded(app.language.rawValue) { return no }
                return AppRuntime.swap(file: file, runtime: final, builder: app, target: target, image: image, tag: tag)
            }
        }
        if target == .slim { return .unchanged("to=slim is for Node.js, Python and Java runtimes") }
        guard let builder = builders.first else {
            return .unchanged("the runtime stage copies from no stage whose build dockslim can read, so how its program is linked is not known")
        }
        if let no = builders.lazy.compactMap({ excluded($0.language.rawValue) }).first { return no }
        // Only a runtime stage on its builder's own base is known to need
        // nothing but the program: any other base may hold tools it runs.
        guard onBuilderBase else {
            return .unchanged("not moved: the runtime stage's base \(final.baseText) may provide tools or files the program uses; dockslim moves only a runtime stage that starts from its builder's own image")
        }
        let isStatic = builders.allSatisfy(\.isStatic)
        let libcs = Set(builders.compactMap(\.libc))
        var libraries = Set(builders.flatMap(\.linkedLibraries))
        // A library's -dev package in the builder: the program may link it.
        for package in Set(builders.flatMap(\.packages)) where package.hasSuffix("-dev") || package.hasSuffix("-devel") {
            if Self.headerOnlyPackages.contains(package) { continue }
            guard let lib = Self.developmentPackages[package] else {
                if isStatic { continue }
                return .unchanged("not moved to \(target.rawValue): the builder installs \(package), so the program may link a library dockslim cannot place in the new image")
            }
            if !isStatic { libraries.insert(lib) }
        }
        let stageName = builder.stage.name ?? String(builder.stage.index)

        // The new image.
        let newImage: String
        var setup: [String] = []
        let kw = file.style.keyword
        switch target {
        case .distroless:
            if !isStatic {
                guard libcs == [.glibc] else {
                    return .unchanged("not moved to distroless: the program is linked dynamically against \(libcs.first == .musl ? "musl" : "a C library dockslim does not know"); distroless is glibc (build it static first)")
                }
                if let extra = libraries.subtracting(Self.ccLibraries).sorted().first {
                    return .unchanged("not moved to distroless: the program links lib\(extra), which distroless lacks")
                }
            }
            let variant = isStatic ? "static" : (builders.allSatisfy { $0.language == .go } ? "base" : "cc")
            newImage = (image ?? "gcr.io/distroless/\(variant)-debian13") + ":" + (tag ?? "nonroot")
        case .alpine:
            if !isStatic {
                guard libcs == [.musl] else {
                    return .unchanged("not moved to Alpine: the program is linked against glibc, and a glibc-linked binary does not run on musl (build it static first)")
                }
            }
            var packages = ["ca-certificates", "tzdata"]
            if !isStatic {
                for lib in libraries.sorted() {
                    guard let p = Self.alpineLibraries[lib] else { return .unchanged("not moved to Alpine: the program links lib\(lib), and dockslim does not know its Alpine package") }
                    if !p.isEmpty && !packages.contains(p) { packages.append(p) }
                }
            }
            newImage = (image ?? "alpine") + ":" + (tag ?? Self.alpineTag)
            setup.append("\(kw("RUN")) apk add --no-cache \(packages.joined(separator: " "))")
        case .slim:
            return .unchanged("to=slim is for Node.js, Python and Java runtimes")
        case .scratch:
            guard isStatic else { return .unchanged("not moved to scratch: the program is not static (scratch has no C library)") }
            newImage = image ?? "scratch"
            setup.append("\(kw("COPY")) --from=\(stageName) /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/")
        }

        var editor = file.editor()
        let shellless = target != .alpine
        var dropped = PassNotes()
        let programs = Set(builders.flatMap { $0.artifacts.map(\.builderPath) } + final.instructions.compactMap { i -> String? in
            guard i.kind == .copy, i.flag("from") != nil else { return nil }
            return i.argumentStrings.last
        })
        for i in final.instructions {
            let line = "\(i.keyword) on line \(i.startLine)"
            switch i.kind {
            case .run where shellless:
                return .unchanged("not moved to \(target.rawValue): \(line) needs a shell, which \(newImage) lacks")
            case .user:
                let user = i.argumentStrings.first ?? ""
                let name = user.split(separator: ":").first.map(String.init) ?? user
                let numeric = !name.isEmpty && name.allSatisfy(\.isNumber)
                let known: Set<String> = target == .distroless ? ["root", "nobody", "nonroot"] : (target == .alpine ? ["root", "nobody"] : [])
                if !numeric && !known.contains(name) {
                    return .unchanged("not moved to \(target.rawValue): \(line) names the user \(name), which \(newImage) does not have")
                }
            case .cmd, .entrypoint:
                guard shellless && i.form == .shell else { continue }
                guard let words = Self.plainWords(i) else {
                    return .unchanged("not moved to \(target.rawValue): \(line) needs a shell, which \(newImage) lacks")
                }
                guard let command = i.node.firstChild(.shellCommand) else { continue }
                editor.replace(command, with: "[" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]",
                               reason: "\(line): exec form, as \(newImage) has no shell")
            case .healthcheck:
                let args = i.argumentStrings
                guard args.first?.uppercased() == "CMD" else { continue }
                let tool: String?
                if i.form == .exec { tool = args.dropFirst().first } else if let rest = args.dropFirst().first {
                    tool = ShellCommandList.parse(rest).flatMap { $0.commands.first?.texts.first }
                } else { tool = nil }
                let single = i.form == .exec || ShellCommandList.parse(args.dropFirst().first ?? "")?.commands.count == 1
                if let tool, programs.contains(tool) || programs.contains(where: { Paths.basename($0) == tool }) {
                    if !shellless || i.form == .exec { continue }
                }
                if target == .alpine, let tool, Self.busyboxTools.contains(tool), single { continue }
                let why = "\(line) dropped: it runs \(tool ?? "a shell command")\(shellless && i.form == .shell ? " through a shell" : ""), which \(newImage) does not have"
                editor.remove(i.node, reason: why)
                // The split before this pass moved the lines: name the instruction, not its line.
                dropped.warn("`\(i.original)` dropped: it runs \(tool ?? "a shell command"), which \(newImage) does not have; a probe of the orchestrator takes its place")
            default:
                break
            }
        }
        guard let baseWord = final.from.node.childNodes(.word).first else { return .unchanged("FROM has no image") }
        editor.replace(baseWord, with: newImage, reason: reason(isStatic: isStatic, libcs: libcs, newImage: newImage, builder: stageName))
        if !setup.isEmpty {
            guard Fragment.check(setup.joined(separator: "\n"), style: file.style) != nil else { return .unchanged("the new lines did not parse") }
            editor.insert(setup, after: final.from.node, reason: target == .alpine
                ? "Alpine needs CA certificates and time zone data installed for the program"
                : "scratch has no CA certificates: the builder's are copied for TLS")
        }
        return PassOutcome(edits: editor.edits, notes: dropped)
    }

    private func reason(isStatic: Bool, libcs: Set<Toolchains.Libc>, newImage: String, builder: String) -> String {
        let linking = isStatic ? "the program in stage \(builder) is static" : "the program in stage \(builder) is linked against \(libcs.first?.rawValue ?? "libc")"
        return "\(linking), so it runs on \(newImage), which holds no toolchain, package manager or shell"
    }

    /// The words of a shell-form command that means the same in exec form.
    static func plainWords(_ i: Instruction) -> [String]? {
        guard case .shell(let text)? = i.command, !i.node.tokens.dropFirst().contains(where: { $0.leadingTrivia.contains { $0.kind == .comment } }),
              let list = ShellCommandList.parse(text), list.commands.count == 1, list.commands[0].separator == nil, list.comment == nil else { return nil }
        var words = list.commands[0].words
        if words.first?.raw == "exec" { words.removeFirst() }
        guard let first = words.first, words.allSatisfy(\.isPlain), !first.raw.contains("="), !UseExecForm.builtins.contains(first.raw) else { return nil }
        return words.map(\.raw)
    }
}
