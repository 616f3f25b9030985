import DockerfileFacts
import DockerfileModel

/// The program a stage chain starts (its ENTRYPOINT, or else its CMD) when
/// that program is a file the chain copies from the build context, with the
/// context path it comes from and, when the scan read it, its text. A
/// moved stage that starts such a file depends on what the file is: a
/// `#!/bin/bash` script needs bash, a prebuilt binary glibc. A chain that
/// compiles is not asked: what it starts may be what it built.
struct StartedContextFile {
    let instruction: Instruction
    let program: String
    let source: String
    let text: String?

    /// Whether the text is a script for bash.
    var runsBash: Bool {
        guard let text else { return false }
        let first = text.prefix { !$0.isNewline }.replacing(" ", with: "")
        return first.hasPrefix("#!/bin/bash") || first.hasPrefix("#!/usr/bin/bash") || first.hasPrefix("#!/usr/bin/envbash")
    }

    static func find(_ chain: [Stage], in file: FileContext) -> StartedContextFile? {
        guard let context = file.project else { return nil }
        let df = file.dockerfile
        let starts = chain.flatMap { $0.instructions.filter { [.entrypoint, .cmd].contains($0.kind) } }
        guard let start = starts.last(where: { $0.kind == .entrypoint }) ?? starts.last(where: { $0.kind == .cmd }) else { return nil }
        if chain.contains(where: { $0.instructions.contains { $0.kind == .run && ShellScan(run: $0).commands.contains(where: compiles) } }) { return nil }
        let words: [String]
        switch start.command {
        case .exec(let w)?: words = w
        case .shell(let text)?: words = ShellScan(text).commands.first ?? []
        case nil: return nil
        }
        guard let program = words.first, program.contains("/"), !program.hasSuffix(".sh"),
              let owner = chain.last(where: { $0.instructions.contains { $0 === start } }),
              let path = file.states.before(start, in: owner).absolutePath(program)?.text else { return nil }
        for stage in chain {
            for placement in StageFiles(stage, file: df, states: file.states).placements {
                guard case .context(let sources, _) = placement.origin, let destination = placement.destination,
                      let source = contextPath(of: path, copiedFrom: sources, to: destination, in: context) else { continue }
                return StartedContextFile(instruction: start, program: program, source: source, text: context.text(source))
            }
        }
        return nil
    }

    /// The context file a COPY or ADD of `sources` to `destination` puts at `path`, if any.
    static func contextPath(of path: String, copiedFrom sources: [String], to destination: String, in context: BuildContext) -> String? {
        for source in sources {
            var candidates: [String] = []
            // COPY file /dest/file, or COPY file /dest/ (the file keeps its name).
            if path == destination || path == Paths.join(destination, Paths.basename(source)) { candidates.append(source) }
            // A folder's contents (the whole context: "") go under the destination.
            if path.hasPrefix(destination == "/" ? "/" : destination + "/") {
                let rest = String(path.dropFirst(destination == "/" ? 1 : destination.count + 1))
                candidates.append(source.isEmpty ? rest : source + "/" + rest)
            }
            if let found = candidates.first(where: { !$0.isEmpty && !$0.hasSuffix("/") && context.has($0) }) { return found }
        }
        return nil
    }

    /// A command that compiles programs in the stage.
    static func compiles(_ words: [String]) -> Bool {
        guard let tool = words.first.map(Paths.basename) else { return false }
        let rest = Set(words.dropFirst())
        switch tool {
        case "make", "cmake", "ninja", "meson", "gcc", "cc", "g++", "c++", "clang", "configure", "./configure": return true
        case "go", "cargo": return rest.contains("build") || rest.contains("install")
        default: return false
        }
    }
}
