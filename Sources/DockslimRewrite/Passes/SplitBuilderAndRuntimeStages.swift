import DockerfileFacts
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
        PassOption(name: "languages", help: "Comma-separated languages whose builds to split (" + Ecosystems.all.map(\.language.rawValue).joined(separator: ", ") + "); default: all."),
    ]

    let keep: [String]
    /// The languages a recipe is for: a Go recipe must not split a Node.js build.
    let languages: Set<Language>?

    /// Images whose files only build (uv, composer): copied into the builder, not needed at run time.
    static let buildToolImages: Set<String> = ["astral-sh/uv", "composer", "library/composer", "composer/composer"]

    /// Instructions that only describe the image: they move to the runtime stage.
    static let configKinds: Set<InstructionKind> = [.expose, .label, .volume, .stopsignal, .healthcheck, .cmd, .entrypoint, .maintainer]

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
        keep = (options["keep"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        switch options["languages"].map(Ecosystems.parse) {
        case .failure(let why)?: throw RecipeError("split-stages: \(why.text)")
        case .success(let set)?: languages = set
        case nil: languages = nil
        }
        if let bad = keep.first(where: { $0.contains("..") || $0.contains("$") }) {
            throw RecipeError("split-stages: keep path '\(bad)' must not contain '..' or variables")
        }
    }

    public func apply(to file: FileContext) -> PassResult {
        guard let final = file.dockerfile.finalStage else { return .notApplicable("no FROM") }
        let name = "stage \(final.name ?? String(final.index))"
        if file.dockerfile.stages.count > 1, !final.instructions.contains(where: { $0.kind == .run }) {
            return .alreadyDone("the final stage does not build from source: the file is already split")
        }
        let input = StageInput(stage: final, file: file.dockerfile, states: file.states, context: file.project)
        let plan: BuildPlan
        switch read(input, name: name) {
        case .stop(let result): return result
        case .plan(let p): plan = p
        }
        if let why = check(plan, input: input, name: name) { return .refusing(why) }
        // What the program reads, writes, runs and links at run time, from its sources.
        guard let ecosystem = Ecosystems.named(plan.language) else { return .notApplicable("\(name) not split") }
        let workdir = file.states.end(of: final).workdir.flatMap { $0.certain ? $0.text : nil }
        let files = RuntimeFiles.resolve(ecosystem.findings(in: file.project), plan: plan, input: input, workdir: workdir,
                                         buildInputs: ecosystem.buildInputs + RuntimeCopies.commonBuildInputs)
        if let why = RuntimeCopies.problem(files, plan: plan, input: input) { return .refusing("\(name) not split: \(why)") }
        return split(plan, files, file, name: name)
    }

    /// The final stage's build as the ecosystems read it: the first plan
    /// (compiled languages first), else the reason of the language that
    /// owns the stage.
    private enum Reading {
        case plan(BuildPlan)
        case stop(PassResult)
    }

    private func read(_ input: StageInput, name: String) -> Reading {
        var compiled: BuildReading = .notMine
        var app: (language: Language, reading: BuildReading)?
        for e in Ecosystems.all {
            let r = e.readBuild(input)
            if case .plan(let p) = r {
                if let languages, !languages.contains(p.language) {
                    return .stop(.notApplicable("\(name) not split: it builds \(p.language == .c ? "C" : p.language.rawValue), and this recipe is for \(Self.list(languages))"))
                }
                return .plan(p)
            }
            if case .notMine = r { continue }
            if e is any CompiledEcosystem {
                if case .notMine = compiled { compiled = r }
            } else if app == nil {
                app = (e.language, r)
            }
        }
        let multiStage = input.file.stages.count > 1
        if multiStage, case .nothingToBuild = compiled { return .stop(.alreadyDone("the final stage does not build from source: the file is already split")) }
        if multiStage, case .notMine = compiled { return .stop(.alreadyDone("the final stage does not build from source: the file is already split")) }
        if let app {
            // Another language's build: say that first, not why its build would not split.
            if let languages, !languages.contains(app.language) {
                return .stop(.notApplicable("\(name) not split: it builds \(app.language.rawValue), and this recipe is for \(Self.list(languages))"))
            }
            return .stop(Self.result(app.reading, name: name))
        }
        // For a Node.js, Python or Java recipe, the compiled-language reason would mislead.
        if let languages, languages.allSatisfy({ l in !(Ecosystems.named(l) is any CompiledEcosystem) }) {
            return .stop(.notApplicable("\(name) not split: its base \(input.stage.baseText) is not a Node.js, Python or Java image dockslim knows (node, python, eclipse-temurin, maven, gradle…)"))
        }
        if case .notMine = compiled {
            return .stop(.notApplicable("\(name) not split: no RUN builds a program dockslim recognises (go build, go install, cargo build, gcc/g++ -o, make)"))
        }
        // Another compiled language's toolchain image: why its build would not split is not this recipe's to say.
        if let languages, let root = input.rootImage, let owner = Ecosystems.toolchain(of: root)?.language, !languages.contains(owner) {
            return .stop(.notApplicable("\(name) not split: it builds \(owner == .c ? "C" : owner.rawValue), and this recipe is for \(Self.list(languages))"))
        }
        return .stop(Self.result(compiled, name: name))
    }

    private static func result(_ r: BuildReading, name: String) -> PassResult {
        switch r {
        case .nothingToBuild(let why): return .notApplicable("\(name) not split: \(why)")
        case .refused(let why): return .refusing("\(name) not split: \(why)")
        case .notMine, .plan: return .notApplicable("\(name) not split")
        }
    }

    private static func list(_ languages: Set<Language>) -> String { languages.map(\.rawValue).sorted().joined(separator: ", ") }

    /// Why the plan cannot be carried out as a split, if it cannot.
    private func check(_ plan: BuildPlan, input: StageInput, name: String) -> String? {
        let final = plan.stage
        if !plan.checksOwnPackages {
            let chain = input.file.baseChain(of: final)
            let runs = chain.flatMap(\.instructions).filter { $0.kind == .run }.flatMap { ShellScan(run: $0).commands }
            let starts = StartedCommands.of(final)
            let runtimePackages = BuildPackages.runTimePackages(plan.packages, runs: runs, starts: starts)
            if !runtimePackages.isEmpty {
                return "\(name) not split: it installs \(runtimePackages.joined(separator: ", ")), which the program may need at run time"
            }
        }
        if plan.isApp, let why = AppStage.runsBuildTool(final, tools: plan.language == .node ? AppStage.buildTools.subtracting(["npm", "yarn", "pnpm"]) : AppStage.buildTools) {
            return "\(name) not split: \(why)"
        }
        // The runtime stage gets the folder as a literal path: a variable must resolve.
        for (k, i) in final.instructions.enumerated() where i.kind == .workdir && input.workdir(before: k + 1) == nil {
            return "\(name) not split: WORKDIR on line \(i.startLine) names its folder with a variable whose value is not known"
        }
        // Files brought in from another image or stage may be what the program runs (a launcher, a library).
        let buildTool = { (i: Instruction) in i.flag("from")?.value.flatMap(ImageReference.init).map { Self.buildToolImages.contains($0.repository) } ?? false }
        let after = plan.afterBuild
        if let c = final.instructions.first(where: { i in (i.kind == .copy || i.kind == .add) && i.flag("from") != nil && !buildTool(i) && !after.contains { $0 === i } }) {
            return "\(name) not split: \(c.keyword) on line \(c.startLine) brings in files from \(c.flag("from")?.value ?? "another image"), which the program may need at run time"
        }
        if final.from.flag("platform") != nil {
            return "\(name) not split: FROM --platform makes it a cross-platform build, whose runtime stage needs another platform"
        }
        for i in after where !Self.configKinds.contains(i.kind) && ![.env, .user, .workdir, .arg, .copy].contains(i.kind) && !plan.runtimeRuns.contains(where: { $0 === i }) {
            return "\(name) not split: \(i.keyword) on line \(i.startLine) comes after the build and would have to run in the runtime image"
        }
        for user in final.instructions where user.kind == .user {
            let userName = user.argumentStrings.first.map { String($0.split(separator: ":").first ?? "") } ?? ""
            if userName.allSatisfy(\.isNumber) || userName == "root" || userName == "nobody" { continue }
            if plan.isApp && ImageCatalog.users(of: plan.builderImage).contains(userName) { continue }
            let makesUsers = { (i: Instruction) in i.kind == .run && ["useradd", "adduser", "groupadd", "addgroup"].contains { i.original.contains($0) } }
            if let made = final.instructions.first(where: makesUsers), !plan.runtimeSetupRuns.contains(where: { $0.contains(userName) }) {
                return "\(name) not split: USER \(userName) is created by RUN on line \(made.startLine), which stays in the builder"
            }
        }
        for i in after where i.kind == .copy && (i.flag("from") != nil || i.form == .exec || !i.heredocs.isEmpty) {
            return "\(name) not split: \(i.keyword) on line \(i.startLine) after the build is not a plain copy from the context"
        }
        return nil
    }

    /// The edits: the builder named, the runtime stage written above the
    /// first instruction after the build, configuration moved.
    private func split(_ plan: BuildPlan, _ files: RuntimeFiles, _ file: FileContext, name: String) -> PassResult {
        let final = plan.stage
        var editor = file.editor()
        let style = editor.style
        let kw = style.keyword
        // The builder gets a name.
        let stageName: String
        if let n = final.name {
            stageName = n
        } else {
            stageName = file.dockerfile.stages.contains { $0.name == "build" } ? "builder" : "build"
            guard let lastWord = final.from.node.childNodes(.word).last else { return .refusing("\(name) not split: FROM has no image") }
            editor.insert(after: lastWord.lastToken, " \(kw("AS")) \(stageName)", reason: "the build stage is named so that the runtime stage can copy from it")
        }

        // The runtime stage: a header (FROM, WORKDIR, the copies, and what the
        // builder set before the build), then the instructions after the
        // build, which stay where they are and now belong to it.
        var lines: [String] = []
        lines.append("\(kw("FROM")) \(final.baseText)")
        // What the ecosystem says the runtime image needs again (PHP's extensions), as written.
        lines += plan.runtimeSetup.map { blockText($0, editor) }
        // The folder the program runs in, always written: the new image's own WORKDIR may differ (distroless :nonroot runs in /home/nonroot).
        guard let w = workdirAtBuild(plan, file) else { return .refusing("\(name) not split: the folder the program runs in is not known") }
        if setupWorkdir(plan, file) != w { lines.append("\(kw("WORKDIR")) \(w)") }
        lines += plan.runtimeEnv.map { kw("ENV") + $0.dropFirst(3) }
        var notes = PassNotes(plan.notes)
        // What the program reads at run time, from its sources (or the app folder when they cannot say).
        var copied: [String] = plan.runtimeSetupPaths
        let (copyLines, needsExclude) = RuntimeCopies.lines(plan, files, stageName: stageName, kw: kw, style: style, copied: &copied, notes: &notes, name: name)
        lines += copyLines
        // The paths asked for.
        let buildDir = buildFolder(plan, file)
        var extra: [String] = []
        for k in keep {
            guard let base = buildDir ?? (k.hasPrefix("/") ? "/" : nil) else {
                return .refusing("\(name) not split: keep=\(k) is relative, but the folder the sources were copied to is not known")
            }
            extra.append(Paths.join(base, k))
        }
        for p in extra where !copied.contains(where: { Paths.covers($0, p) }) {
            lines.append("\(kw("COPY")) --from=\(stageName) \(p) \(p)")
            copied.append(p)
        }
        if needsExclude, let why = RuntimeCopies.excludeSyntaxProblem(file.dockerfile) { return .refusing("\(name) not split: \(why)") }
        // Before the build: ENV (the program's, not the toolchain's) and USER
        // are copied; configuration moves.
        let tail = plan.afterBuild
        let tailLines = Set(tail.map(\.startLine))
        func programEnv(_ i: Instruction) -> String? {
            let kept = i.keyValues.filter { !Self.isToolchainVariable($0.name, plan) }
            if kept.count == i.keyValues.count { return blockText(i, editor) }
            if kept.isEmpty { return nil }
            return "\(kw("ENV")) " + kept.map { "\($0.name)=\(String(decoding: $0.node.childNodes(.value).first?.text ?? [], as: UTF8.self))" }.joined(separator: " ")
        }
        // The builder's setup of users and folders, done again as root before the first USER.
        var setupRuns = plan.runtimeSetupRuns.map { kw("RUN") + $0.dropFirst(3) }
        for i in final.instructions where !tailLines.contains(i.startLine) && !plan.runtimeSetup.contains(where: { $0 === i }) {
            switch i.kind {
            case .env: if let text = programEnv(i) { lines.append(text) }
            // An ARG is scoped to its stage: the runtime stage declares it again for what expands it there.
            case .arg: lines.append(blockText(i, editor))
            case .user:
                lines += setupRuns
                setupRuns = []
                lines.append(blockText(i, editor))
            default:
                if Self.configKinds.contains(i.kind) {
                    lines.append(blockText(i, editor))
                    editor.remove(i.node, reason: "moved to the runtime stage")
                }
            }
        }
        lines += setupRuns
        // After the build: the toolchain's variables leave the runtime stage.
        for i in tail where i.kind == .env {
            let kept = programEnv(i)
            if kept == nil { editor.remove(i.node, reason: "the toolchain's variables stay in the builder") }
            else if kept != blockText(i, editor) {
                editor.replace(i.node, with: kept!, reason: "the toolchain's variables stay in the builder")
            }
        }
        // The builder's own changes: a virtual environment, pruned dependencies.
        for insertion in plan.builderInsertions {
            let (anchor, added) = (insertion.before, insertion.lines)
            editor.insert(added.map { kw(String($0.prefix { $0 != " " })) + $0.drop { $0 != " " } }, before: anchor.node, reason: "\(name): the builder installs into what the runtime stage copies")
        }
        if !plan.builderAppend.isEmpty {
            editor.insert(plan.builderAppend.map { kw(String($0.prefix { $0 != " " })) + $0.drop { $0 != " " } }, after: plan.stage.instructions[plan.buildIndex].node,
                          reason: "\(name): the builder keeps only what the program needs at run time")
        }
        if let r = plan.entryReplacement {
            let (entry, replacement) = (r.instruction, r.text)
            editor.replace(entry.node, with: replacement, reason: "\(name): the runtime runs the program directly")
        }
        let listing = copied.filter { !plan.runtimeSetupPaths.contains($0) }.joined(separator: ", ")
        let reason = "\(name) split: the runtime stage holds only \(listing) from the build, and the image's configuration; the toolchain, caches and sources stay in stage \(stageName). Add files the program reads at run time with --option keep=PATH"
        let tailText = tail.map { i in plan.entryReplacement.flatMap { $0.instruction === i ? $0.text : nil } ?? blockText(i, editor) }
        let text = (lines + tailText).joined(separator: "\n")
        guard let kinds = Fragment.check(text, style: style), kinds.first == .fromInstruction, kinds.count == lines.count + tail.count else {
            return .refusing("\(name) not split: the runtime stage did not parse")
        }
        let header = lines.map { $0.replacingNewlines(with: style.newline) }
        if let first = tail.first {
            // Above the first instruction after the build: a blank line
            // separates the stages, and the header from a commented block.
            let start = editor.block(of: first.node).lowerBound
            let blankBefore = start >= 2 && editor.tree.source[start - 1] == 0x0A && (editor.tree.source[start - 2] == 0x0A || editor.tree.source[start - 2] == 0x0D && start >= 3 && editor.tree.source[start - 3] == 0x0A)
            editor.insert(blankBefore ? header + [""] : [""] + header, before: first.node, reason: reason)
        } else {
            guard let last = file.dockerfile.instructions.last else { return .notApplicable("no instructions") }
            editor.insert([""] + header, after: last.node, reason: reason)
        }
        if needsExclude && file.dockerfile.syntax == nil {
            let at = file.tree.source.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            editor.insert(at: at, "# syntax=docker/dockerfile:1" + style.newline, reason: "COPY --exclude needs the Dockerfile syntax 1.19 or later; docker/dockerfile:1 is the current 1.x")
        }
        return .applied(edits: editor.edits, notes: notes)
    }

    /// The WORKDIR in effect at the build (the tail may change it further).
    private func workdirAtBuild(_ plan: BuildPlan, _ file: FileContext) -> String? {
        guard let w = file.states.before(plan.buildIndex + 1, in: plan.stage).workdir, w.certain else { return nil }
        return w.text
    }

    /// The WORKDIR the runtime's setup instructions leave, when they set one.
    private func setupWorkdir(_ plan: BuildPlan, _ file: FileContext) -> String? {
        guard plan.runtimeSetup.contains(where: { $0.kind == .workdir }), let last = plan.runtimeSetup.last,
              let k = plan.stage.instructions.firstIndex(where: { $0 === last }),
              let w = file.states.before(k + 1, in: plan.stage).workdir, w.certain else { return nil }
        return w.text
    }

    /// Where `COPY . DIR` put the sources, if the stage has such a copy.
    private func buildFolder(_ plan: BuildPlan, _ file: FileContext) -> String? {
        for (k, i) in plan.stage.instructions.enumerated() {
            guard i.kind == .copy || i.kind == .add, i.flag("from") == nil, i.argumentStrings.count == 2, [".", "./"].contains(i.argumentStrings[0]) else { continue }
            guard let dest = file.states.before(k, in: plan.stage).absolutePath(i.argumentStrings[1]), dest.certain else { return nil }
            return dest.text
        }
        return nil
    }

    /// An ENV the toolchain sets for the build, not the program.
    private static func isToolchainVariable(_ name: String, _ plan: BuildPlan) -> Bool {
        name == "DEBIAN_FRONTEND" || name == "PATH" || Ecosystems.all.contains { $0.isToolchainVariable(name) }
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
