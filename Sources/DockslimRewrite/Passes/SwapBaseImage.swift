import DockerfileFacts
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
        PassOption(name: "languages", help: "Comma-separated languages whose runtime stages to move (" + Ecosystems.all.map(\.language.rawValue).joined(separator: ", ") + "); default: all."),
        PassOption(name: "tag", help: "The tag to use (default: nonroot for distroless, 3.24 for alpine)."),
        PassOption(name: "same-libc", help: "true: keep the builder's C library: to=slim from an Alpine builder means its Alpine variant, and to=alpine does not apply to a glibc builder."),
        PassOption(name: "family", help: "Whose images to=distroless means: distroless (Google's, the default), chainguard, dhi (Docker Hardened Images) or microsoft (chiseled .NET); alpine and slim mean to=alpine and to=slim."),
    ]

    let target: RuntimeTarget
    let options: RuntimeOptions
    /// Compiled wheels, gems and addons are built for the builder's C library: keep it.
    let sameLibc: Bool
    /// The languages a recipe is for: a Python recipe must not move a Node.js runtime.
    let languages: Set<Language>?

    /// The current Alpine release, for the passes that write `alpine` images.
    static var alpineTag: String { CompiledRuntime.alpineTag }

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
        guard var to = options["to"].flatMap(RuntimeTarget.init(rawValue:)) else {
            throw RecipeError("swap-base needs the option to=distroless, to=alpine, to=scratch or to=slim")
        }
        var family = RuntimeFamily.distroless
        if let name = options["family"] {
            switch name {
            case "alpine": to = .alpine
            case "slim": to = .slim
            default:
                guard let f = RuntimeFamily(rawValue: name), [.distroless, .chainguard, .dhi, .microsoft].contains(f) else {
                    throw RecipeError("swap-base: unknown family '\(name)' (distroless, chainguard, dhi, microsoft, alpine, slim)")
                }
                if to == .alpine || to == .slim { to = .distroless }
                family = f
            }
        }
        target = to
        sameLibc = options["same-libc"] == "true"
        if let v = options["same-libc"], v != "true", v != "false" { throw RecipeError("swap-base: same-libc is true or false, not '\(v)'") }
        self.options = RuntimeOptions(image: options["image"], tag: options["tag"], family: family)
        switch options["languages"].map(Ecosystems.parse) {
        case .failure(let why)?: throw RecipeError("swap-base: \(why.text)")
        case .success(let set)?: languages = set
        case nil: languages = nil
        }
    }

    public func apply(to file: FileContext) -> PassResult {
        let model = file.dockerfile
        guard model.stages.count >= 2, let final = model.finalStage else {
            return .notApplicable("no runtime stage: the file has one stage (split-stages makes one)")
        }
        // A runtime stage already on a small base is the authors' choice: kept
        // (unless it is the base of the stage it copies from, as a fresh split leaves it).
        let copiesFrom = model.graph.edges(of: final.index).compactMap { e -> Stage? in
            if e.kind == .copy, case .stage(let i) = e.source { return model.stages[i] } else { return nil }
        }
        let onBuilderBase = copiesFrom.contains { $0.resolvedBase == final.resolvedBase }
        switch final.base {
        case .scratch:
            return .alreadyDone("the runtime stage is already on scratch")
        case .image(let ref) where ImageCatalog.isSmall(ref) && !onBuilderBase:
            return .alreadyDone("the runtime stage is already on \(ref.original), a small base")
        default:
            break
        }
        let input = StageInput(stage: final, file: model, states: file.states, context: file.project)
        if Ecosystems.all.contains(where: { e in e is any CompiledEcosystem && { if case .plan = e.readBuild(input) { return true } else { return false } }() }) {
            return .notApplicable("the final stage builds from source; split it first (split-stages)")
        }
        // The builders the runtime stage copies from, and how their programs are made.
        var builds: [BuildPlan] = []
        for stage in copiesFrom where !builds.contains(where: { $0.stage.index == stage.index }) {
            let reading = input.reading(stage, requireEntry: false)
            for e in Ecosystems.all { if case .plan(let p) = e.readBuild(reading) { builds.append(p); break } }
        }
        // Compiled builders first: their linking decides; else the first app's runtime.
        let compiled = builds.filter { !$0.isApp }
        let chosen = compiled.isEmpty ? Array(builds.prefix(1)) : compiled
        guard let first = chosen.first else {
            if target == .slim { return .notApplicable("to=slim is for Node.js, Python and Java runtimes") }
            return .notApplicable("the runtime stage copies from no stage whose build dockslim can read, so how its program is linked is not known")
        }
        if first.isApp == false, target == .slim { return .notApplicable("to=slim is for Node.js, Python and Java runtimes") }
        if let languages, let outside = chosen.first(where: { !languages.contains($0.language) }) {
            let l = outside.language
            return .notApplicable("the runtime stage runs a \(l == .c ? "C" : l.rawValue) program, and this recipe is for \(languages.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        // Only a runtime stage on its builder's own base is known to need
        // nothing but the program: any other base may hold tools it runs.
        guard onBuilderBase else {
            return .refusing("not moved: the runtime stage's base \(final.baseText) may provide tools or files the program uses; dockslim moves only a runtime stage that starts from its builder's own image")
        }
        guard let ecosystem = Ecosystems.named(first.language) else { return .notApplicable("no ecosystem for \(first.language)") }
        var target = self.target
        if sameLibc, first.isApp {
            let onMusl = ImageCatalog.libc(of: first.builderImage) == .musl
            if target == .alpine && !onMusl {
                return .notApplicable("the builder \(first.builderImage.original) is not Alpine, and this recipe keeps the builder's C library")
            }
            if target == .slim && onMusl { target = .alpine }
        }
        switch ecosystem.runtime(for: chosen, in: input, target: target, options: options) {
        case .alreadyThere(let why): return .alreadyDone(why)
        case .notApplicable(let why): return .notApplicable(why)
        case .refused(let why): return .refusing(why)
        case .move(var move):
            // An interpreter's version must follow the builder's: a builder image
            // chosen by an ARG gets a runtime picked for one value of it only.
            if move.program == .interpreter || first.language == .dotnet, options.image == nil,
               let chooser = file.dockerfile.baseChain(of: first.stage).first(where: { $0.baseText.contains("$") }) {
                return .refusing("not moved: the builder's image (\(chooser.baseText), line \(chooser.from.startLine)) is chosen by a build argument, and \(move.image) suits only the value read here (\(first.builderImage.original)); another value would run the program on a different \(first.language.rawValue) version")
            }
            // A pinned base stays pinned: the new image's digest is not known here.
            if case .image(let ref) = final.base, ref.digest != nil, options.image == nil {
                return .refusing("not moved: \(ref.original) is pinned by digest, and the digest of the new base is not known, so the pin would be lost")
            }
            // What the program writes, runs and links decides whether it can move, and as whom.
            let workdir = file.states.end(of: final).workdir.flatMap { $0.certain ? $0.text : nil }
            let files = RuntimeFiles.resolve(ecosystem.findings(in: file.project), plan: first, input: input, workdir: workdir,
                                             buildInputs: ecosystem.buildInputs)
            if let why = RuntimeMoveChecks.problem(files, move: move, target: target, plan: first) { return .refusing(why) }
            let services = ProjectConventions.composeBuilds(file.project, dockerfile: file.path)
            if let why = RuntimeMoveChecks.composeProblem(services, move: move) { return .refusing(why) }
            let mustStayRoot = { RuntimeMoveChecks.mustStayRoot(files, context: file.project) ?? NonRootChecks.privilegedPort(file.dockerfile.baseChain(of: final)) }
            if let user = move.runsAs, let why = mustStayRoot() {
                return .refusing("not moved to \(move.image): it runs as \(user.name) (uid \(user.uid)), and the program must run as root because \(why) (family=distroless keeps root)")
            }
            if options.tag == nil, move.image.hasSuffix(":nonroot"), let why = mustStayRoot() {
                move.image = String(move.image.dropLast("nonroot".count)) + "latest"
                move.reason = move.reason.replacing(":nonroot", with: ":latest")
                move.warnings.append("\(move.image) runs as root, the image's default, because \(why); under the :nonroot tag it might fail")
            }
            return edit(final, to: move, target: target, ecosystem: ecosystem, builds: chosen, file)
        }
    }

    /// The runtime stage on its new image: every instruction checked against
    /// it (a shell, users, the commands it has), CMD and ENTRYPOINT as the
    /// image runs them, then the FROM and the lines the image needs first.
    private func edit(_ final: Stage, to move: RuntimeMove, target: RuntimeTarget, ecosystem: any Ecosystem, builds: [BuildPlan], _ file: FileContext) -> PassResult {
        var editor = file.editor()
        let kw = file.style.keyword
        var notes = PassNotes()
        move.info.forEach { notes.info($0) }
        let isBinary = if case .binary = move.program { true } else { false }
        let refusedPrefix = isBinary ? "not moved to \(target.rawValue)" : "not moved"
        if move.hasShell, let tools = move.tools {
            if let why = StagePrograms(baseline: tools).missing(in: [final], assumeLanguageInstalls: true) {
                return .refusing("not moved to \(move.image): \(why)")
            }
        }
        let hasEntrypoint = final.instructions.contains { $0.kind == .entrypoint }
        for i in final.instructions {
            let line = "\(i.keyword) on line \(i.startLine)"
            switch i.kind {
            case .run where !move.hasShell:
                return .refusing("not moved to \(target.rawValue): \(line) needs a shell, which \(move.image) lacks")
            case .copy where i.flag("chown") != nil && !isBinary:
                let owner = i.flag("chown")?.value?.split(separator: ":").first.map(String.init) ?? ""
                if !owner.allSatisfy(\.isNumber), !move.users.contains(owner) {
                    return .refusing("not moved: \(line) gives files to \(owner), a user \(move.image) does not have")
                }
            case .user:
                let name = (i.argumentStrings.first ?? "").split(separator: ":").first.map(String.init) ?? ""
                if (!name.isEmpty && name.allSatisfy(\.isNumber)) || move.users.contains(name) { continue }
                // A user the runtime stage itself creates (split-stages runs the builder's useradd again).
                if move.hasShell, final.instructions.contains(where: { r in
                    r.kind == .run && r.startLine < i.startLine && ShellScan(run: r).commands.contains { ["useradd", "adduser"].contains($0.first ?? "") && $0.last == name }
                }) { continue }
                if let other = move.userReplacements[name] {
                    editor.replace(i.node, with: "\(kw("USER")) \(other)", reason: "\(line): \(move.image) has no user \(name); \(other) is its unprivileged user")
                    continue
                }
                return .refusing("\(refusedPrefix): \(line) names the user \(name), which \(move.image) does not have")
            case .cmd, .entrypoint:
                if isBinary {
                    guard !move.hasShell && i.form == .shell else { continue }
                    guard let words = ExecForm.plainWords(i) else {
                        return .refusing("not moved to \(target.rawValue): \(line) needs a shell, which \(move.image) lacks")
                    }
                    guard let command = i.node.firstChild(.shellCommand) else { continue }
                    editor.replace(command, with: AppStage.json(words), reason: "\(line): exec form, as \(move.image) has no shell")
                    continue
                }
                guard !move.entryPrefix.isEmpty || !move.hasShell else { continue }
                guard let argv = ExecForm.words(i) else { return .refusing("not moved: \(line) needs a shell, which \(move.image) lacks") }
                switch ecosystem.command(argv, of: i, on: move, entrypointSet: hasEntrypoint) {
                case .keep: continue
                case .refuse(let why): return .refusing(why)
                case .replace(let lines, let reason, let note):
                    let text = lines.map { kw(String($0.prefix { $0 != " " })) + $0.drop { $0 != " " } }.joined(separator: file.style.newline)
                    editor.replace(i.node, with: text, reason: reason)
                    if let note { notes.info(note) }
                }
            case .healthcheck:
                if let why = droppedHealthcheck(i, move) {
                    editor.remove(i.node, reason: "\(line) dropped: \(why.reason)")
                    notes.warn("`\(i.original)` dropped: \(why.warning)")
                }
            default:
                break
            }
        }
        guard let baseWord = final.baseNode else { return .refusing("FROM has no image") }
        editor.replace(baseWord, with: move.image, reason: move.reason)
        if !move.setup.isEmpty {
            let setup = move.setup.map { kw(String($0.prefix { $0 != " " })) + $0.drop { $0 != " " } }
            guard Fragment.check(setup.joined(separator: "\n"), style: file.style) != nil else { return .refusing("the new lines did not parse") }
            editor.insert(setup, after: final.from.node, reason: move.setupReason ?? "the new image needs them")
        }
        if let builderImage = move.builderImage {
            for b in builds {
                guard let word = b.stage.baseNode else { return .refusing("the builder's FROM has no image") }
                editor.replace(word, with: builderImage, reason: move.builderReason ?? "the builder moves with the runtime")
            }
        }
        move.warnings.forEach { notes.warn($0) }
        if move.image.hasSuffix(":nonroot") || move.runsAs != nil {
            for expose in final.instructions where expose.kind == .expose {
                for port in expose.argumentStrings where (Int(port.split(separator: "/").first ?? "") ?? 1024) < 1024 {
                    notes.warn("EXPOSE \(port) on line \(expose.startLine): \(move.image) runs as a non-root user, who binds ports below 1024 only where the runtime allows it (Docker does by default; Kubernetes may not)")
                }
            }
        }
        return .applied(edits: editor.edits, notes: notes)
    }

    /// Why a HEALTHCHECK cannot run on the new image, if it cannot: a
    /// binary's own health probe stays (in exec form where there is no
    /// shell); busybox applets stay on Alpine; anything else goes.
    private func droppedHealthcheck(_ i: Instruction, _ move: RuntimeMove) -> (reason: String, warning: String)? {
        guard case .binary(let programs) = move.program else {
            guard !move.hasShell else { return nil }
            let why = "\(move.image) has no shell or tools to run it"
            return (why, why + "; a probe of the orchestrator (or a health endpoint it polls) takes its place")
        }
        let args = i.argumentStrings
        guard args.first?.uppercased() == "CMD" else { return nil }
        let tool: String?
        if i.form == .exec { tool = args.dropFirst().first } else if let rest = args.dropFirst().first {
            tool = ShellCommandList.parse(rest).flatMap { $0.commands.first?.texts.first }
        } else { tool = nil }
        let single = i.form == .exec || ShellCommandList.parse(args.dropFirst().first ?? "")?.commands.count == 1
        if let tool, programs.contains(tool) || programs.contains(where: { Paths.basename($0) == tool }) {
            if move.hasShell || i.form == .exec { return nil }
        }
        if let tool, move.healthcheckTools.contains(tool), single { return nil }
        let shellNote = !move.hasShell && i.form == .shell ? " through a shell" : ""
        return ("it runs \(tool ?? "a shell command")\(shellNote), which \(move.image) does not have",
                "it runs \(tool ?? "a shell command"), which \(move.image) does not have; a probe of the orchestrator takes its place")
    }
}
