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

    /// Libraries a musl `-static` link needs nothing more for.
    static let libcParts: Set<String> = ["c", "m", "pthread", "dl", "rt"]

    public func apply(to file: FileContext) -> PassOutcome {
        let model = file.dockerfile
        guard let final = model.stages.last else { return .unchanged("no FROM") }
        var editor = file.editor()
        var notes: [String] = []
        for index in model.graph.stagesNeeded(by: final.index) {
            let stage = model.stages[index]
            let name = "stage \(stage.name ?? String(stage.index))"
            var stageEnv: [String: String] = [:]
            var packages: [String] = []
            for instruction in stage.instructions {
                if instruction.kind == .env { for kv in instruction.keyValues { stageEnv[kv.name] = kv.valueString ?? "" } }
                guard instruction.kind == .run, instruction.form == .shell, case .shell(let text)? = instruction.command,
                      let list = ShellCommandList.parse(text) else { continue }
                for command in list.commands {
                    var words = command.words
                    var prefix: [String: String] = [:]
                    while let w = words.first?.raw, let eq = w.firstIndex(of: "="), !w.hasPrefix("-") {
                        prefix[String(w[..<eq])] = String(w[w.index(after: eq)...])
                        words.removeFirst()
                    }
                    packages += BuildAnalysis.installedPackages(words.map(\.raw))
                    guard let tool = words.first else { continue }
                    let line = "\(name), RUN on line \(instruction.startLine)"
                    if tool.raw == "go", let sub = words.dropFirst().first?.raw, sub == "build" || sub == "install" {
                        if prefix["CGO_ENABLED"] != nil || stageEnv["CGO_ENABLED"] != nil {
                            if (prefix["CGO_ENABLED"] ?? stageEnv["CGO_ENABLED"]) == "1" { notes.append("\(line): CGO_ENABLED=1 is set, so the binary links libc") }
                            continue
                        }
                        let args = words.dropFirst().map(\.raw)
                        if let why = cgoNeed(args, packages: packages, env: stageEnv) {
                            notes.append("\(line): left dynamic: \(why)")
                            continue
                        }
                        guard let at = offset(of: tool, in: instruction) else { continue }
                        editor.insert(at: at, "CGO_ENABLED=0 ", reason: "\(line): CGO_ENABLED=0 makes go \(sub) produce a static binary, which needs no C library at run time")
                    } else if ["gcc", "g++", "cc", "c++", "clang", "clang++"].contains(tool.raw), words.contains(where: { $0.raw == "-o" }) {
                        let args = words.dropFirst().map(\.raw)
                        if args.contains("-static") || args.contains("-c") { continue }
                        guard case .image(let ref) = stage.base, Toolchains.libc(ofImage: ref) == .musl else {
                            notes.append("\(line): left dynamic: static linking is done only against musl (on an Alpine builder); glibc's static NSS breaks name lookups")
                            continue
                        }
                        if tool.raw.hasSuffix("++") {
                            notes.append("\(line): left dynamic: a static C++ program needs static libstdc++, which the builder may lack")
                            continue
                        }
                        let libs = args.filter { $0.hasPrefix("-l") }.map { String($0.dropFirst(2)) }.filter { !Self.libcParts.contains($0) }
                        if !libs.isEmpty {
                            notes.append("\(line): left dynamic: it links \(libs.joined(separator: ", ")), whose static archives may be missing")
                            continue
                        }
                        guard let o = words.first(where: { $0.raw == "-o" }), let at = offset(of: o, in: instruction) else { continue }
                        editor.insert(at: at, "-static ", reason: "\(line): -static links musl into the program, so it needs no C library at run time")
                    }
                }
            }
            if case .image(let ref) = stage.base, Toolchains.language(ofImage: ref) == .rust {
                notes.append("\(name): Rust stays linked to glibc; it pairs with distroless cc")
            }
        }
        if editor.isEmpty && notes.isEmpty { notes.append("no go build, go install or C compile to make static") }
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    /// Why a Go build may need cgo, or `nil`.
    private func cgoNeed(_ args: [String], packages: [String], env: [String: String]) -> String? {
        if let c = packages.first(where: { ["gcc", "g++", "build-base", "musl-dev", "libc6-dev", "libc-dev", "clang"].contains($0) || $0.hasSuffix("-dev") }) {
            return "the stage installs \(c), a sign that the build uses cgo"
        }
        var i = 0
        while i < args.count {
            let a = args[i]
            var value: String?
            if a == "-tags" || a == "--tags", i + 1 < args.count { value = args[i + 1] } else if a.hasPrefix("-tags=") { value = String(a.dropFirst(6)) }
            if let value {
                let unknown = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !BuildAnalysis.pureGoTags.contains($0) }
                if !unknown.isEmpty { return "build tags \(unknown.joined(separator: ",")) may need cgo" }
            }
            if a.contains("linkmode") && args.dropFirst(i).contains(where: { $0.contains("external") }) { return "it links externally" }
            i += 1
        }
        return nil
    }

    /// The source offset where a word of a RUN's shell command starts.
    private func offset(of word: ShellCommandList.Word, in run: Instruction) -> Int? {
        guard let reading = InstructionReading(run.node), case .shell(let r) = reading.layout.arguments else { return nil }
        return reading.sourceOffset(r.lowerBound + word.range.lowerBound)
    }
}
