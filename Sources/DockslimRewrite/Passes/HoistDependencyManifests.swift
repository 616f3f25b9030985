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
/// written; an install that starts a `&&` chain is split off. When the
/// Dockerfile's folder holds the manifests (it is then taken to be the build
/// context) it copies only the manifests that exist and refuses when the
/// project needs more than its manifests to install (lifecycle scripts,
/// workspaces, local replacements, multi-module builds); otherwise optional
/// manifests are written as patterns that may match nothing (`go.su[m]`,
/// `package*.json`), and Maven and Gradle are left alone. It leaves a stage alone, and says why, when anything between the
/// copy and the install could change the install (ENV, ARG, WORKDIR, USER,
/// another RUN), or when it does not recognise the install. Cargo is never
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

    public func apply(to file: FileContext) -> PassOutcome {
        var editor = file.editor()
        var notes: [String] = []
        for stage in file.dockerfile.stages {
            switch hoist(stage, file, &editor) {
            case .some(let note): notes.append(note)
            case .none: break
            }
        }
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    /// A RUN to take above the copy: whole, or its first command split off.
    private enum Hoisted {
        case whole(Instruction, [DependencyInstall])
        case split(Instruction, DependencyInstall, installText: String, cut: Range<Int>)
    }

    /// Hoists in one stage; returns a note when it does not (or says what it did).
    private func hoist(_ stage: Stage, _ file: FileContext, _ editor: inout TreeEditor) -> String? {
        let name = "stage \(stage.name ?? String(stage.index))"
        guard let copyIndex = stage.instructions.firstIndex(where: isBroadCopy) else {
            return "\(name): no COPY . or ADD . of the whole context"
        }
        let copy = stage.instructions[copyIndex]
        var hoisted: [Hoisted] = []
        var i = copyIndex + 1
        scan: while i < stage.instructions.count {
            let next = stage.instructions[i]
            if Self.harmless.contains(next.kind) { i += 1; continue }
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
        // The folder counts as the build context only if it holds the
        // manifests; otherwise the context is elsewhere, as if not at hand.
        let project = file.project.flatMap { p in installs.allSatisfy { $0.required.allSatisfy(p.has) } ? p : nil }
        if let project {
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
