import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// Copies the dependency manifests and runs the install before `COPY . .`,
/// so that a change to the sources no longer re-runs the install.
///
/// It applies to a stage that copies the whole build context (`COPY . DIR`
/// or `ADD . DIR`, no `--from`) and whose next RUNs install dependencies:
/// Go (`go mod download`), npm, yarn, pnpm, pip (`-r` files), poetry
/// (`--no-root`), uv (`--no-install-project`), Bundler, Composer
/// (`--no-scripts --no-autoloader`), Maven (`dependency:go-offline`) and
/// Gradle (`dependencies`). A RUN that only installs moves above the copy as
/// written; an install that starts a `&&` chain is split off.
///
/// With the Dockerfile's folder at hand, it is the build context: the copy
/// names only manifests that exist there, so every hoisted COPY names at
/// least one file that surely exists (a COPY whose sources all match
/// nothing fails on the classic builder, "no source files were specified",
/// and a missing plain name fails everywhere; BuildKit accepts a pattern
/// that matches nothing). It refuses, with the reason, when a manifest the
/// install needs is not in the folder (the COPY would stop the build), when
/// the project needs more than its manifests to install (lifecycle scripts,
/// workspaces, local replacements, multi-module builds), when
/// `.dockerignore` excludes a manifest, and, for npm, yarn and pnpm, when
/// `.dockerignore` does not exclude `node_modules`: after the hoist
/// `COPY . .` comes after the install and would lay the context's
/// node_modules over the installed one. Without the folder, optional manifests are
/// written as patterns that may match nothing (`go.su[m]`,
/// `package*.json`), the node_modules check becomes a warning, and Maven
/// and Gradle are left alone. A generated Dockerfile ("DO NOT EDIT") is
/// left alone. WORKDIR, ENV, ARG and USER between the copy and the install
/// stay where they are, above the install, and the whole-context copy moves
/// below it instead, when the copy names no variable, no ENV or ARG value
/// is a path or names vendored code, and, past a WORKDIR, its destination is absolute (what those instructions set cannot change
/// where it copies; COPY ignores USER). It leaves a stage alone, and says why, when anything
/// else between the copy and the install could change the install (another
/// RUN), or when it does not recognise the install. Cargo is never
/// hoisted: cargo cannot read a manifest without the crate's sources.
///
/// ## Before
/// ```dockerfile
/// FROM golang:1.22
/// WORKDIR /src
/// COPY . .
/// RUN go mod download && go build -o /out/app ./cmd/app
/// ```
///
/// ## After
/// ```dockerfile
/// FROM golang:1.22
/// WORKDIR /src
/// COPY go.mod go.su[m] ./
/// RUN go mod download
/// COPY . .
/// RUN go build -o /out/app ./cmd/app
/// ```
public struct HoistDependencyManifests: RewritePass {
    public static let id = "hoist-manifests"
    public static let summary = "Copy dependency manifests and install before COPY . ., so code changes keep the install cached."

    /// Instructions that may sit between the copy and the install: none of
    /// them changes what an install does.
    static let harmless: Set<InstructionKind> = [.expose, .label, .maintainer, .stopsignal, .healthcheck, .cmd, .entrypoint]
    /// Flags of the broad copy that the manifest copy carries over.
    static let carriedCopyFlags: Set<String> = ["chown", "chmod", "link"]

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
    }

    public func apply(to file: FileContext) -> PassResult {
        var editor = file.editor()
        var notes: [String] = []
        var warnings: [String] = []
        for stage in file.dockerfile.stages {
            switch hoist(stage, file, &editor, &warnings) {
            case .some(let note): notes.append(note)
            case .none: break
            }
        }
        if !editor.edits.isEmpty, let header = BuilderEvidence.generatedHeader(file.tree.source) {
            return .refusing("not hoisted: the Dockerfile is generated (`\(header)`): an edit here would be lost; change what generates it")
        }
        var classed = PassNotes()
        for n in notes { if n.contains("not hoisted") { classed.decline(n) } else { classed.info(n) } }
        for w in warnings { classed.warn(w) }
        return .from(editor.edits, classed, nothing: "no stage copies the whole context before an install")
    }

    /// A RUN to take above the copy: whole, or its first command split off.
    private enum Hoisted {
        case whole(Instruction, [DependencyInstall])
        case split(Instruction, DependencyInstall, installText: String, cut: Range<Int>)
    }

    /// Hoists in one stage; returns a note when it does not (or says what it did).
    private func hoist(_ stage: Stage, _ file: FileContext, _ editor: inout TreeEditor, _ warnings: inout [String]) -> String? {
        let name = "stage \(stage.name ?? String(stage.index))"
        guard let copyIndex = stage.instructions.firstIndex(where: isBroadCopy) else {
            return "\(name): no COPY . or ADD . of the whole context"
        }
        let copy = stage.instructions[copyIndex]
        var hoisted: [Hoisted] = []
        // WORKDIR, ENV, ARG or USER before the install: they stay, and the copy moves down.
        var settingsBetween = false
        var i = copyIndex + 1
        scan: while i < stage.instructions.count {
            let next = stage.instructions[i]
            if Self.harmless.contains(next.kind) { i += 1; continue }
            if hoisted.isEmpty, Self.settings.contains(next.kind), Self.staysPut(copy, past: next.kind), !Self.mayPointIntoContext(next) {
                settingsBetween = true
                i += 1
                continue
            }
            guard next.kind == .run else {
                if hoisted.isEmpty { return "\(name): \(next.keyword) on line \(next.startLine) comes between the copy and any install, and could change it" }
                break
            }
            switch readRun(next) {
            case .failure(let why):
                if hoisted.isEmpty { return "\(name): RUN on line \(next.startLine) \(why.text)" }
                break scan
            case .success(let h):
                hoisted.append(h)
                if case .split = h { break scan }
                i += 1
            }
        }
        guard !hoisted.isEmpty else { return "\(name): no dependency install after the copy" }

        // The manifests to copy.
        let installs = hoisted.flatMap { h -> [DependencyInstall] in
            switch h {
            case .whole(_, let list): return list
            case .split(_, let install, _, _): return [install]
            }
        }
        var sources: [String] = []
        func add(_ s: String) { if !sources.contains(s) { sources.append(s) } }
        // With the folder at hand, every manifest the COPY names must be in it:
        // a COPY source that matches nothing stops the build.
        if let project = file.project {
            for install in installs {
                if let missing = install.required.first(where: { !project.has($0) }) {
                    return "\(name): not hoisted: the build context (the Dockerfile's folder) has no \(missing), so a COPY naming it would stop the build"
                }
            }
        }
        if let project = file.project {
            for install in installs {
                if let why = install.obstacle(in: project) { return "\(name): not hoisted: \(why)" }
                install.required.forEach(add)
                for f in install.optional where project.has(f) { add(f) }
            }
            if let ignored = sources.first(where: { DockerIgnore(project.text(".dockerignore") ?? "").excludes($0) }) {
                return "\(name): not hoisted: .dockerignore excludes \(ignored)"
            }
        } else {
            for install in installs {
                if install.needsProject {
                    return "\(name): not hoisted: a \(install.ecosystem) install can be hoisted only when the Dockerfile's folder holds its build files (its build may span modules)"
                }
                // A required name an optional pattern already matches (package.json, package*.json) is left to the pattern.
                for f in install.required where !install.optionalPatterns.contains(where: { DockerIgnore($0).excludes(f) }) { add(f) }
                install.optionalPatterns.forEach(add)
            }
        }
        guard !sources.isEmpty else { return "\(name): no manifest to copy" }
        if let project = file.project, !sources.contains(where: { project.has($0) && !$0.contains(where: { "*?[".contains($0) }) }) {
            return "\(name): not hoisted: no manifest the COPY would name is surely in the build context"
        }

        // COPY [flags] manifests… DEST/
        let style = editor.style
        let dest = destination(copy)
        let flags = copy.flags.filter { Self.carriedCopyFlags.contains($0.name) }.map { String(decoding: $0.node.text, as: UTF8.self) }
        let copyLine = ([style.keyword("COPY")] + flags + sources + [dest]).joined(separator: " ")
        var lines = [copyLine]
        for h in hoisted {
            if case .split(let run, _, let installText, _) = h {
                let runFlags = run.flags.map { String(decoding: $0.node.text, as: UTF8.self) }
                lines.append(([style.keyword("RUN")] + runFlags + [installText]).joined(separator: " "))
            }
        }
        guard let kinds = Fragment.check(lines.joined(separator: "\n"), style: style),
              kinds == [.copyInstruction] + Array(repeating: .runInstruction, count: lines.count - 1) else {
            return "\(name): not hoisted: the new lines did not parse"
        }
        let ecosystems = Array(Set(installs.map(\.ecosystem))).sorted().joined(separator: ", ")
        let reason = "\(name): copying \(sources.joined(separator: " ")) and installing (\(ecosystems)) before `\(copy.original)` on line \(copy.startLine) keeps the install cached when only the sources change"
        if file.project == nil, let node = installs.first(where: { ["npm", "yarn", "pnpm"].contains($0.ecosystem) }) {
            warnings.append("\(name): the build context is not at hand: check that its .dockerignore excludes node_modules, or COPY . . after `\(node.ecosystem)` installs would lay a host node_modules over the installed one")
        }
        if settingsBetween {
            moveCopyBelow(hoisted, copy: copy, copyLine: copyLine, lines: Array(lines.dropFirst()), in: stage, &editor, reason: reason)
            return nil
        }
        editor.insert(lines, before: copy.node, reason: reason)
        for h in hoisted {
            switch h {
            case .whole(let run, _):
                editor.move(run.node, before: copy.node, reason: reason)
            case .split(_, _, _, let cut):
                editor.remove(cut, reason: reason)
            }
        }
        return nil
    }

    /// Instructions that set what a RUN sees but not where an absolute COPY goes.
    static let settings: Set<InstructionKind> = [.workdir, .env, .arg, .user]

    /// An ENV or ARG whose value is a path or names vendored code
    /// (`PIP_CONFIG_FILE=/app/pip.conf`, `GOFLAGS=-mod=vendor`) may make the
    /// install read context files the hoisted copy no longer brings.
    static func mayPointIntoContext(_ i: Instruction) -> Bool {
        guard i.kind == .env || i.kind == .arg else { return false }
        let text = i.argumentStrings.joined(separator: " ")
        return text.contains("/") || text.contains("vendor") || text.contains("~")
    }

    /// Whether moving the copy below `kind` leaves where it copies unchanged:
    /// no variables in it (ENV, ARG), and past a WORKDIR an absolute destination.
    static func staysPut(_ copy: Instruction, past kind: InstructionKind) -> Bool {
        let args = copy.argumentStrings
        guard args.count == 2, !String(decoding: copy.node.text, as: UTF8.self).contains("$") else { return false }
        return kind != .workdir || args[1].hasPrefix("/")
    }

    /// The manifests copy where the whole-context copy was, the settings and
    /// installs stay in order, and the whole-context copy goes below the
    /// installs (before the rest of a split RUN).
    private func moveCopyBelow(_ hoisted: [Hoisted], copy: Instruction, copyLine: String, lines installLines: [String], in stage: Stage,
                               _ editor: inout TreeEditor, reason: String) {
        editor.insert([copyLine], before: copy.node, reason: reason)
        var copyText = editor.text(of: copy.node)
        while copyText.hasSuffix("\n") || copyText.hasSuffix("\r") { copyText.removeLast() }
        editor.remove(copy.node, reason: reason)
        if case .split(let run, _, _, let cut)? = hoisted.last {
            editor.insert(installLines + [copyText], before: run.node, reason: reason)
            editor.remove(cut, reason: reason)
        } else if case .whole(let run, _)? = hoisted.last {
            editor.insert([copyText], after: run.node, reason: reason)
        }
    }

    /// `COPY . DIR` / `ADD . DIR` of the whole context, with no flag that
    /// would make a manifest copy differ.
    private func isBroadCopy(_ i: Instruction) -> Bool {
        guard i.kind == .copy || i.kind == .add, i.form != .exec, i.heredocs.isEmpty else { return false }
        guard i.flags.allSatisfy({ Self.carriedCopyFlags.contains($0.name) }) else { return false }
        let args = i.argumentStrings
        return args.count == 2 && (args[0] == "." || args[0] == "./")
    }

    /// Where the manifests go: the broad copy's destination, as a folder.
    private func destination(_ copy: Instruction) -> String {
        let d = copy.argumentStrings[1]
        if d == "." || d == "./" { return "./" }
        return d.hasSuffix("/") ? d : d + "/"
    }

    private struct Refusal: Error { let text: String }

    /// Reads a RUN after the copy: all installs (taken whole), an install
    /// starting an `&&` chain (split), or why it is neither.
    private func readRun(_ run: Instruction) -> Result<Hoisted, Refusal> {
        guard run.form == .shell, case .shell(let text)? = run.command else { return .failure(.init(text: "is not in shell form")) }
        guard run.heredocs.isEmpty else { return .failure(.init(text: "has a here-document")) }
        guard let list = ShellCommandList.parse(text) else { return .failure(.init(text: "is a command this pass does not follow")) }
        var installs: [DependencyInstall] = []
        for (k, command) in list.commands.enumerated() {
            switch DependencyInstall.read(command.texts) {
            case .refuse(let why):
                return .failure(.init(text: "is not hoisted: \(why)"))
            case .none:
                if k == 0 { return .failure(.init(text: "does not start with a dependency install this pass knows")) }
                // An install followed by other commands: split it off.
                guard k == 1, list.commands[0].separator == "&&", list.commands[0].words.allSatisfy(\.isPlain) else {
                    return .failure(.init(text: "mixes the install with other commands in a way this pass does not split"))
                }
                guard let cut = cutRange(run, from: list.commands[0].range.lowerBound, to: command.range.lowerBound) else {
                    return .failure(.init(text: "has comments inside the install, which splitting would drop"))
                }
                let installText = list.commands[0].texts.joined(separator: " ")
                return .success(.split(run, installs[0], installText: installText, cut: cut))
            case .install(let install):
                guard k == list.commands.count - 1 || list.commands[k].separator == "&&" else {
                    return .failure(.init(text: "joins the install with `\(list.commands[k].separator ?? "")`"))
                }
                installs.append(install)
            }
        }
        return .success(.whole(run, installs))
    }

    /// The source range of the shell text `[from, to)` of a RUN, or `nil`
    /// when it holds a comment.
    private func cutRange(_ run: Instruction, from: Int, to: Int) -> Range<Int>? {
        guard let reading = InstructionReading(run.node), case .shell(let r) = reading.layout.arguments else { return nil }
        let start = reading.sourceOffset(r.lowerBound + from)
        let end = reading.sourceOffset(r.lowerBound + to)
        for token in run.node.tokens.dropFirst() {
            let t = token.leadingTriviaRange
            if t.lowerBound < end, t.upperBound > start, token.leadingTrivia.contains(where: { $0.kind == .comment }) { return nil }
        }
        return start..<end
    }
}
