import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// Makes a build produce a static binary where that is safe, so that it can
/// run on distroless `static`, `scratch` or Alpine.
///
/// For Go it sets `CGO_ENABLED=0` on each `go build` and `go install` the
/// final image needs, unless something in the stage needs cgo:
/// `CGO_ENABLED=1`, a C toolchain or `-dev` package installed there, build
/// tags other than the pure-Go ones (`netgo`, `osusergo`, …), or external
/// linking. For C it adds `-static` only on a musl builder (Alpine), where
/// static linking is sound, and only when the program links nothing but the
/// C library. Rust is left on glibc (it pairs with distroless `cc`).
///
/// ## Before
/// ```dockerfile
/// FROM golang:1.22
/// COPY . .
/// RUN go build -o /out/app .
/// CMD ["/out/app"]
/// ```
///
/// ## After
/// ```dockerfile
/// FROM golang:1.22
/// COPY . .
/// RUN CGO_ENABLED=0 go build -o /out/app .
/// CMD ["/out/app"]
/// ```
public struct BuildStaticBinary: RewritePass {
    public static let id = "build-static"
    public static let summary = "Build a static binary where that is safe: CGO_ENABLED=0 for Go without cgo, -static for C on musl."

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
    }

    public func apply(to file: FileContext) -> PassResult {
        let model = file.dockerfile
        guard let final = model.finalStage else { return .notApplicable("no FROM") }
        let ecosystems = Ecosystems.all.compactMap { $0 as? any CompiledEcosystem }
        var editor = file.editor()
        var notes: [String] = []
        for index in model.graph.stagesNeeded(by: final.index) {
            let stage = model.stages[index]
            let name = "stage \(stage.name ?? String(stage.index))"
            let image: ImageReference? = if case .image(let ref) = stage.base { ref } else { nil }
            var packages: [String] = []
            for (k, instruction) in stage.instructions.enumerated() {
                guard instruction.kind == .run, instruction.form == .shell, case .shell(let text)? = instruction.command,
                      let list = ShellCommandList.parse(text) else { continue }
                let stageEnv = file.states.before(k, in: stage).environment.mapValues(\.text)
                for command in list.commands {
                    var words = command.words
                    var prefix: [String: String] = [:]
                    while let w = words.first?.raw, let eq = w.firstIndex(of: "="), !w.hasPrefix("-") {
                        prefix[String(w[..<eq])] = String(w[w.index(after: eq)...])
                        words.removeFirst()
                    }
                    packages += PackageInstalls.installedPackages(words.map(\.raw))
                    let asked = StaticBuildCommand(words: words.map(\.raw), prefix: prefix, environment: stageEnv, packages: packages,
                                                   image: image, context: file.project)
                    let line = "\(name), RUN on line \(instruction.startLine)"
                    for e in ecosystems {
                        switch e.staticBuild(asked) {
                        case .notMine: continue
                        case .leave(let note): if let note { notes.append("\(line): \(note)") }
                        case .insert(let word, let text, let reason):
                            if let at = offset(of: words[word], in: instruction) { editor.insert(at: at, text, reason: "\(line): \(reason)") }
                        }
                        break
                    }
                }
            }
            if let image, let note = ecosystems.lazy.compactMap({ $0.staysDynamic(on: image) }).first { notes.append("\(name): \(note)") }
        }
        return .from(editor.edits, PassNotes(notes), nothing: "no go build, go install or C compile to make static")
    }

    /// The source offset where a word of a RUN's shell command starts.
    private func offset(of word: ShellCommandList.Word, in run: Instruction) -> Int? {
        guard let reading = InstructionReading(run.node), case .shell(let r) = reading.layout.arguments else { return nil }
        return reading.sourceOffset(r.lowerBound + word.range.lowerBound)
    }
}
