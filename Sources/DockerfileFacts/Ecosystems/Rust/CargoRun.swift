import DockerfileModel

/// `cargo run` as the command of an image, after a `cargo build` of the
/// same profile in the same folder: cargo finds the binary up to date and
/// runs it from the current folder with the command's arguments. The
/// runtime stage runs that binary directly, only when nothing could make
/// cargo rebuild or change how it runs: no `build.rs` (its `rerun-if`
/// rules may rebuild), no sources or manifests copied after the build, only
/// options that do not choose another binary or profile, one binary (or
/// `--bin`), and no code that reads cargo's run-time variables
/// (`env::var("CARGO…")`).
///
/// Source: The Cargo Book, "cargo run" (runs the binary or example of the
/// local package, building it first if needed; arguments after `--` go to
/// the program; `--release` uses the release profile, `target/release`) and
/// "Environment variables — set for crates" (cargo sets CARGO_* variables
/// for the program it runs).
enum CargoRun {
    static func convert(_ argv: [String], entry: Instruction, artifacts: [Artifact], input: StageInput, buildIndex: Int) -> ToolchainRun? {
        guard argv.count >= 2, Paths.basename(argv[0]) == "cargo", argv[1] == "run" else { return nil }
        let line = "\(entry.keyword) on line \(entry.startLine)"
        func refuse(_ why: String) -> ToolchainRun { .refused(Why("\(line) runs cargo run, which needs the toolchain at start; \(why)")) }
        var release = false
        var bin: String?
        var forwarded: [String] = []
        var rest = argv.dropFirst(2)
        while let a = rest.popFirst() {
            if a == "--" { forwarded = Array(rest); break }
            if a.contains("$") { return refuse("\(a) is computed when the container starts") }
            switch a {
            case "--release", "-r": release = true
            case "-q", "--quiet", "-v", "--verbose", "--locked", "--frozen", "--offline": continue
            case "--color":
                guard rest.popFirst() != nil else { return refuse("--color has no value") }
            case "--bin":
                guard let v = rest.popFirst() else { return refuse("--bin has no value") }
                bin = v
            default:
                if a.hasPrefix("--color=") { continue }
                if a.hasPrefix("--bin=") { bin = String(a.dropFirst(6)); continue }
                return refuse("its option \(a) may build another binary or profile than the RUN on line \(input.stage.instructions[buildIndex].startLine)")
            }
        }
        let profile = release ? "release" : "debug"
        guard let folder = input.workdir(before: input.stage.instructions.count) else { return refuse("the folder it runs in is not known") }
        let candidates = artifacts.filter { Paths.dirname($0.builderPath) == Paths.join(folder, "target/" + profile) }
        let chosen = bin.map { b in candidates.filter { Paths.basename($0.builderPath) == b } } ?? candidates
        guard chosen.count == 1, let artifact = chosen.first, Paths.basename(artifact.builderPath) != "?" else {
            return refuse("no cargo build of the \(profile) profile in \(folder) names the binary it would run")
        }
        if let context = input.context {
            if context.has("build.rs") { return refuse("build.rs may make cargo rebuild at start") }
            if let toml = context.text("Cargo.toml"), toml.contains("[[bin]]") || context.files.contains(where: { $0.hasPrefix("src/bin/") }), bin == nil {
                return refuse("the package may have several binaries, and cargo run picks by rules dockslim does not follow")
            }
            if let read = context.files.filter({ $0.hasSuffix(".rs") }).first(where: { f in
                context.text(f).map { $0.contains("env::var(\"CARGO") || $0.contains("var_os(\"CARGO") } ?? false
            }) {
                return refuse("\(read) reads a CARGO_ variable that cargo run sets and a direct start would not")
            }
        } else {
            return refuse("the build context is not at hand, so build.rs and the sources cannot be checked")
        }
        for i in input.stage.instructions[(buildIndex + 1)...] where i.kind == .copy || i.kind == .add {
            let sources = i.argumentStrings.dropLast()
            if sources.contains(where: { s in s == "." || s == "./" || s.hasSuffix(".rs") || s.hasPrefix("src") || s.hasPrefix("./src") || s.contains("Cargo.") }) {
                return refuse("\(i.keyword) on line \(i.startLine) brings sources after the build, so cargo would rebuild at start")
            }
        }
        let note = "\(line): cargo run becomes \(artifact.builderPath), the binary the \(profile) build made, run from \(folder) as before"
        return .runs(artifact, argv: [artifact.builderPath] + forwarded, note: note)
    }
}
