import DockerfileModel
import DockerfileSyntax

/// Splits the stage that builds from source into a builder stage and a
/// runtime stage that receives only the program and its configuration.
///
/// It finds the RUN that builds (`go build`, `go install`, `cargo build`,
/// `gcc … -o`, `make`, `cmake --build`) and the file it makes; the CMD or
/// ENTRYPOINT that runs it is the evidence, and the two must agree. The
/// runtime stage starts from the builder's own base, so the program finds
/// the same libraries (`swap-base` then makes it small), and gets: `COPY
/// --from=` of the program, the folders it may read at run time when the
/// Dockerfile's folder has them (`templates`, `static`, …) and the paths of
/// the `keep` option, files copied from the context after the build, the
/// ENV the program needs (not the toolchain's), WORKDIR, USER, and, moved
/// from the builder, EXPOSE, LABEL, VOLUME, STOPSIGNAL, HEALTHCHECK, CMD and
/// ENTRYPOINT. It leaves the file alone, and says why, when the final stage
/// does not build (already split), when the program cannot be identified,
/// when a RUN follows the build (it would have to run in the runtime image),
/// or when the stage installs packages the program may need at run time.
///
/// ## Before
/// ```dockerfile
/// FROM golang:1.22
/// WORKDIR /src
/// COPY . .
/// RUN go build -o /out/server ./cmd/server
/// EXPOSE 8080
/// CMD ["/out/server"]
/// ```
///
/// ## After
/// ```dockerfile
/// FROM golang:1.22 AS build
/// WORKDIR /src
/// COPY . .
/// RUN go build -o /out/server ./cmd/server
///
/// FROM golang:1.22
/// WORKDIR /src
/// COPY --from=build /out/server /out/server
/// EXPOSE 8080
/// CMD ["/out/server"]
/// ```
public struct SplitBuilderAndRuntimeStages: RewritePass {
    public static let id = "split-stages"
    public static let summary = "Split a stage that builds from source into a builder stage and a runtime stage with only the program."
    public static let options = [
        PassOption(name: "keep", help: "Comma-separated paths (relative to the build folder, or absolute) to copy into the runtime stage as well."),
        PassOption(name: "languages", help: "Comma-separated languages whose builds to split (go, rust, c, node, python, java); default: all."),
    ]

    let keep: [String]
    /// The languages a recipe is for: a Go recipe must not split a Node.js build.
    let languages: Set<String>?

    /// Users the official images create (node's `node`), which a runtime stage on the same image has.
    static let imageUsers: [String: Set<String>] = ["node": ["node"]]

    /// Images whose files only build (uv, composer): copied into the builder, not needed at run time.
    static let buildToolImages: Set<String> = ["astral-sh/uv", "composer", "library/composer"]

    /// Instructions that only describe the image: they move to the runtime stage.
    static let configKinds: Set<InstructionKind> = [.expose, .label, .volume, .stopsignal, .healthcheck, .cmd, .entrypoint, .maintainer]

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
        keep = (options["keep"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        languages = options["languages"].map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: " ") }) }
        let known: Set<String> = ["go", "rust", "c", "node", "python", "java"]
        if let bad = languages?.first(where: { !known.contains($0) }) {
            throw RecipeError("split-stages: unknown language '\(bad)' (go, rust, c, node, python, java)")
        }
        if let bad = keep.first(where: { $0.contains("..") || $0.contains("$") }) {
            throw RecipeError("split-stages: keep path '\(bad)' must not contain '..' or variables")
        }
    }

    public func apply(to file: FileContext) -> PassOutcome {
        guard let final = file.dockerfile.stages.last else { return .unchanged("no FROM") }
        let name = "stage \(final.name ?? String(final.index))"
        if file.dockerfile.stages.count > 1, !final.instructions.contains(where: { $0.kind == .run }) {
            return .done("the final stage does not build from source: the file is already split")
        }
        var plan: SplitPlan
        switch BuildAnalysis.analyse(final, in: file.dockerfile, project: file.project) {
        case .failure(let why):
            if file.dockerfile.stages.count > 1, why.text.hasPrefix("no RUN builds") {
                return .done("the final stage does not build from source: the file is already split")
            }
            switch AppBuild.analyse(final, in: file.dockerfile, project: file.project) {
            case .success(let app)?: plan = SplitPlan(app)
            case .failure(let appWhy)?:
                // Another language's build: say that first, not why its build would not split.
                if let languages, case .image(let ref) = final.base, let language = AppBuild.language(of: ref), !languages.contains(language.rawValue) {
                    return .unchanged("\(name) not split: it builds \(language.rawValue), and this recipe is for \(languages.sorted().joined(separator: ", "))")
                }
                return .unchanged("\(name) not split: \(appWhy.text)")
            case nil:
                // For a Node.js, Python or Java recipe, the compiled-language reason would mislead.
                if let languages, languages.isDisjoint(with: ["go", "rust", "c"]) {
                    return .unchanged("\(name) not split: its base \(final.baseText) is not a Node.js, Python or Java image dockslim knows (node, python, eclipse-temurin, maven, gradle…)")
                }
                return .unchanged("\(name) not split: \(why.text)")
            }
        case .success(let a):
            plan = SplitPlan(a)
            let runtimePackages = a.packages.filter { !Toolchains.isBuildOnlyPackage($0) }
            if !runtimePackages.isEmpty {
                return .unchanged("\(name) not split: it installs \(runtimePackages.joined(separator: ", ")), which the program may need at run time")
            }
        }
        if plan.isApp, let language = AppBuild.Language(rawValue: plan.language), let why = AppBuild.runsBuildTool(final, language: language) {
            return .unchanged("\(name) not split: \(why)")
        }
        if let languages, !languages.contains(plan.language) {
            return .unchanged("\(name) not split: it builds \(plan.language == "c" ? "C" : plan.language), and this recipe is for \(languages.sorted().joined(separator: ", "))")
        }
        // The runtime stage gets the folder as a literal path: a variable must resolve.
        var tracker = WorkdirTracker(image: plan.builderImage, start: Toolchains.workdir(ofImage: plan.builderImage) ?? "/")
        for i in final.instructions {
            tracker.step(i)
            if i.kind == .workdir && tracker.current == nil {
                return .unchanged("\(name) not split: WORKDIR on line \(i.startLine) names its folder with a variable whose value is not known")
            }
        }
        // Files brought in from another image or stage may be what the program runs (a launcher, a library).
        let buildTool = { (i: Instruction) in i.flag("from")?.value.flatMap(ImageReference.init).map { Self.buildToolImages.contains($0.repository) } ?? false }
        if let c = final.instructions.first(where: { i in (i.kind == .copy || i.kind == .add) && i.flag("from") != nil && !buildTool(i) && !plan.afterBuild.contains { $0 === i } }) {
            return .unchanged("\(name) not split: \(c.keyword) on line \(c.startLine) brings in files from \(c.flag("from")?.value ?? "another image"), which the program may need at run time")
        }
        if final.from.flag("platform") != nil {
            return .unchanged("\(name) not split: FROM --platform makes it a cross-platform build, whose runtime stage needs another platform")
        }
        if plan.isApp && !plan.checksOwnPackages {
            let runtimePackages = plan.packages.filter { !Toolchains.isBuildOnlyPackage($0) }
            if !runtimePackages.isEmpty {
                return .unchanged("\(name) not split: it installs \(runtimePackages.joined(separator: ", ")), which the program may need at run time")
            }
        }
        for i in plan.afterBuild where !Self.configKinds.contains(i.kind) && ![.env, .user, .workdir, .arg, .copy].contains(i.kind) {
            return .unchanged("\(name) not split: \(i.keyword) on line \(i.startLine) comes after the build and would have to run in the runtime image")
        }
        for user in final.instructions where user.kind == .user {
            let name = user.argumentStrings.first.map { String($0.split(separator: ":").first ?? "") } ?? ""
            if name.allSatisfy(\.isNumber) || name == "root" || name == "nobody" { continue }
            if plan.isApp && Self.imageUsers[plan.builderImage.name]?.contains(name) == true { continue }
            let makesUsers = { (i: Instruction) in i.kind == .run && ["useradd", "adduser", "groupadd", "addgroup"].contains { i.original.contains($0) } }
            if let made = final.instructions.first(where: makesUsers) {
                return .unchanged("stage \(final.name ?? String(final.index)) not split: USER \(name) is created by RUN on line \(made.startLine), which stays in the builder")
            }
        }
        for i in plan.afterBuild where i.kind == .copy && (i.flag("from") != nil || i.form == .exec || !i.heredocs.isEmpty) {
            return .unchanged("\(name) not split: \(i.keyword) on line \(i.startLine) after the build is not a plain copy from the context")
        }

        var editor = file.editor()
        let style = editor.style
        let kw = style.keyword
        // The builder gets a name.
        let stageName: String
        if let n = final.name {
            stageName = n
        } else {
            stageName = file.dockerfile.stages.contains { $0.name == "build" } ? "builder" : "build"
            guard let lastWord = final.from.node.childNodes(.word).last else { return .unchanged("\(name) not split: FROM has no image") }
            editor.insert(after: lastWord.lastToken, " \(kw("AS")) \(stageName)", reason: "the build stage is named so that the runtime stage can copy from it")
        }

        // The runtime stage: a header (FROM, WORKDIR, the copies, and what the
        // builder set before the build), then the instructions after the
        // build, which stay where they are and now belong to it.
        var lines: [String] = []
        lines.append("\(kw("FROM")) \(final.baseText)")
        if let w = workdirAtBuild(plan), w != "/" { lines.append("\(kw("WORKDIR")) \(w)") }
        var copied: [String] = []
        lines += plan.runtimeEnv.map { kw("ENV") + $0.dropFirst(3) }
        for a in plan.artifacts {
            lines.append("\(kw("COPY")) --from=\(stageName) \(a.builderPath) \(a.runtimePath)")
            copied.append(a.runtimePath)
        }
        // Folders the program may read, and the paths asked for.
        let buildDir = buildFolder(plan)
        var extra: [String] = []
        if !plan.isApp, let project = file.project, let dir = buildDir {
            for f in Toolchains.runtimeFolders where project.has(f + "/") { extra.append(Paths.join(dir, f)) }
        }
        for k in keep {
            guard let base = buildDir ?? (k.hasPrefix("/") ? "/" : nil) else {
                return .unchanged("\(name) not split: keep=\(k) is relative, but the folder the sources were copied to is not known")
            }
            extra.append(Paths.join(base, k))
        }
        for p in extra where !copied.contains(p) {
            lines.append("\(kw("COPY")) --from=\(stageName) \(p) \(p)")
            copied.append(p)
        }
        // Before the build: ENV (the program's, not the toolchain's) and USER
        // are copied; configuration moves.
        let tail = plan.afterBuild
        let tailLines = Set(tail.map(\.startLine))
        func programEnv(_ i: Instruction) -> String? {
            let kept = i.keyValues.filter { !Toolchains.isToolchainEnv($0.name) }
            if kept.count == i.keyValues.count { return blockText(i, editor) }
            if kept.isEmpty { return nil }
            return "\(kw("ENV")) " + kept.map { "\($0.name)=\(String(decoding: $0.node.childNodes(.value).first?.text ?? [], as: UTF8.self))" }.joined(separator: " ")
        }
        for i in final.instructions where !tailLines.contains(i.startLine) {
            switch i.kind {
            case .env: if let text = programEnv(i) { lines.append(text) }
            case .user: lines.append(blockText(i, editor))
            default:
                if Self.configKinds.contains(i.kind) {
                    lines.append(blockText(i, editor))
                    editor.remove(i.node, reason: "moved to the runtime stage")
                }
            }
        }
        // After the build: the toolchain's variables leave the runtime stage.
        for i in tail where i.kind == .env {
            let kept = programEnv(i)
            if kept == nil { editor.remove(i.node, reason: "the toolchain's variables stay in the builder") }
            else if kept != blockText(i, editor) {
                editor.replace(i.node, with: kept!, reason: "the toolchain's variables stay in the builder")
            }
        }
        // The builder's own changes: a virtual environment, pruned dependencies.
        for (anchor, added) in plan.builderInsertions {
            editor.insert(added.map { kw(String($0.prefix { $0 != " " })) + $0.drop { $0 != " " } }, before: anchor.node, reason: "\(name): the builder installs into what the runtime stage copies")
        }
        if !plan.builderAppend.isEmpty {
            editor.insert(plan.builderAppend.map { kw(String($0.prefix { $0 != " " })) + $0.drop { $0 != " " } }, after: plan.stage.instructions[plan.buildIndex].node,
                          reason: "\(name): the builder keeps only what the program needs at run time")
        }
        if let (entry, replacement) = plan.entryReplacement {
            editor.replace(entry.node, with: replacement, reason: "\(name): the runtime runs the program directly")
        }
        let listing = copied.joined(separator: ", ")
        let reason = "\(name) split: the runtime stage holds only \(listing) from the build, and the image's configuration; the toolchain, caches and sources stay in stage \(stageName). Add files the program reads at run time with --option keep=PATH"
        let tailText = tail.map { i in plan.entryReplacement.flatMap { $0.0 === i ? $0.1 : nil } ?? blockText(i, editor) }
        let text = (lines + tailText).joined(separator: "\n")
        guard let kinds = Fragment.check(text, style: style), kinds.first == .fromInstruction, kinds.count == lines.count + tail.count else {
            return .unchanged("\(name) not split: the runtime stage did not parse")
        }
        let header = lines.map { $0.replacingNewlines(with: style.newline) }
        if let first = tail.first {
            // Above the first instruction after the build: a blank line
            // separates the stages, and the header from a commented block.
            let start = editor.block(of: first.node).lowerBound
            let blankBefore = start >= 2 && editor.tree.source[start - 1] == 0x0A && (editor.tree.source[start - 2] == 0x0A || editor.tree.source[start - 2] == 0x0D && start >= 3 && editor.tree.source[start - 3] == 0x0A)
            editor.insert(blankBefore ? header + [""] : [""] + header, before: first.node, reason: reason)
        } else {
            guard let last = file.dockerfile.instructions.last else { return .unchanged("no instructions") }
            editor.insert([""] + header, after: last.node, reason: reason)
        }
        var notes = PassNotes(plan.notes)
        if !extra.isEmpty { notes.warn("\(name): also copied \(extra.joined(separator: ", ")), which the program may read at run time") }
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    /// The WORKDIR in effect at the build (the tail may change it further).
    private func workdirAtBuild(_ a: SplitPlan) -> String? {
        var w = WorkdirTracker(image: a.builderImage, start: Toolchains.workdir(ofImage: a.builderImage) ?? (a.isApp ? "/" : nil))
        for i in a.stage.instructions[...a.buildIndex] { w.step(i) }
        return w.current
    }

    /// Where `COPY . DIR` put the sources, if the stage has such a copy.
    private func buildFolder(_ a: SplitPlan) -> String? {
        var w = WorkdirTracker(image: a.builderImage, start: Toolchains.workdir(ofImage: a.builderImage))
        for i in a.stage.instructions {
            w.step(i)
            if (i.kind == .copy || i.kind == .add), i.flag("from") == nil, i.argumentStrings.count == 2, [".", "./"].contains(i.argumentStrings[0]) {
                guard let dest = w.resolve(i.argumentStrings[1]) else { return nil }
                return dest.hasPrefix("/") ? Paths.join("/", dest) : w.current.map { Paths.join($0, dest) }
            }
        }
        return nil
    }

    /// An instruction as written, with its attached comments, without its final line ending.
    private func blockText(_ i: Instruction, _ editor: TreeEditor) -> String {
        var t = editor.text(of: i.node).unicodeScalars
        while let last = t.last, last == "\n" || last == "\r" { t.removeLast() }
        return String(t)
    }
}

extension String {
    /// Normalises `\r\n` and `\n` to the file's line ending.
    func replacingNewlines(with newline: String) -> String {
        var out = ""
        var lastWasCR = false
        for c in unicodeScalars {
            if c == "\n" {
                out += newline
                lastWasCR = false
            } else if c == "\r" {
                lastWasCR = true
            } else {
                if lastWasCR { out += "\r" }
                lastWasCR = false
                out.unicodeScalars.append(c)
            }
        }
        if lastWasCR { out += "\r" }
        return out
    }
}
