import BuildDefinitions
import DockerfileFacts
import DockerfileModel

/// What a runtime stage's program needs of its new image, checked before
/// `swap-base` moves it: the programs it runs, the libraries it links, the
/// folders it writes, and whether it must run as root.
enum RuntimeMoveChecks {
    /// Libraries a distroless glibc image carries (`base`: glibc, OpenSSL;
    /// `cc`: libgcc and libstdc++ besides; GoogleContainerTools/distroless `base/README.md`, `cc/BUILD`).
    static let distrolessLibraries = ["libc", "libm", "libpthread", "libdl", "librt", "libssl", "libcrypto", "libgcc", "libstdc++"]

    /// Why the program would break on the new image, if it would.
    static func problem(_ files: RuntimeFiles, move: RuntimeMove, target: RuntimeTarget, plan: BuildPlan) -> String? {
        let artifacts = Set(plan.artifacts.flatMap { [$0.builderPath, Paths.basename($0.builderPath)] })
        let image = move.image
        // What the runtime stage installs itself (when the new image has the shell to run it).
        let reinstalled = move.hasShell ? plan.reinstalled.commands : []
        for use in files.executes {
            let program = Paths.basename(use.program)
            if artifacts.contains(use.program) || artifacts.contains(program) || reinstalled.contains(program) { continue }
            guard move.hasShell, let tools = move.tools ?? (target == .alpine ? ImageCommands.alpine : nil) else {
                return "not moved to \(image): \(use.evidence) runs \(use.program), and \(image) has no shell or tools"
            }
            if !use.program.contains("/") || use.program.hasPrefix("/usr/") || use.program.hasPrefix("/bin/") {
                if !tools.contains(program) { return "not moved to \(image): \(use.evidence) runs \(program), which \(image) does not have" }
            }
        }
        // The old image had every program of its toolchain image; the new one has a few. Which one is asked for is not known.
        if let open = files.unknownProgram {
            let has = move.hasShell ? "has only a few of the old image's programs" : "has no shell or tools"
            return "not moved to \(image): the program runs a command named at run time (\(open)), and \(image) \(has)"
        }
        for need in files.nativeNeeds {
            switch need.requirement {
            case .glibc where target == .alpine || target == .scratch || plan.isStatic:
                return "not moved to \(image): \(need.evidence) needs glibc (\(need.dependency): \(need.detail))"
            case .systemLibrary(let library):
                if move.hasShell && plan.reinstalls(library: library) { continue }
                let known = move.libraries ?? (target == .distroless ? Set(distrolessLibraries) : [])
                if !known.contains(where: { library.hasPrefix($0) || $0.hasPrefix(library) }) {
                    return "not moved to \(image): \(need.evidence) needs \(library) at run time (\(need.dependency)), which \(image) does not have"
                }
            case .compiledExtension(let prebuilt) where target == .alpine && prebuilt != .glibcAndMusl:
                return "not moved to \(image): \(need.dependency) is compiled for the builder's C library (\(need.evidence))"
            default:
                continue
            }
        }
        if target == .scratch, case .paths(let paths, let evidence) = files.writes, paths.contains(where: { $0.hasPrefix("/tmp") }) {
            return "not moved to scratch: the program writes under /tmp (\(evidence)), which scratch does not have"
        }
        return nil
    }

    /// Why a Compose service that runs the image would break on the new one:
    /// its `command` or `entrypoint` meets an image whose ENTRYPOINT runs the
    /// interpreter, or it (or its `healthcheck`) needs a shell or a program the image lacks.
    static func composeProblem(_ builds: [ProjectConventions.ComposeBuild], move: RuntimeMove) -> String? {
        for build in builds {
            let service = build.runtime
            let at = "compose service \(service.name) (\(build.file)\(build.location.map { " line \($0.line)" } ?? ""))"
            let overrides = service.command != nil || service.entrypoint != nil
            if overrides && (!move.entryPrefix.isEmpty || move.interpreterPath != nil) {
                return "not moved to \(move.image): \(at) sets its own command, which \(move.image)'s ENTRYPOINT would run as arguments of its interpreter"
            }
            for (key, command) in [("entrypoint", service.entrypoint), ("command", service.command), ("healthcheck", service.healthcheck)] {
                guard let command else { continue }
                let commands: [[String]]
                switch command {
                case .shell(let text):
                    guard move.hasShell else { return "not moved to \(move.image): the \(key) of \(at) runs `\(text)` through a shell, which \(move.image) lacks" }
                    commands = ShellScan(text).commands
                case .exec(let w): commands = [w]
                }
                for words in commands {
                    guard let program = words.first.map(Paths.basename), !program.isEmpty, !ProjectConventions.shellBuiltins.contains(program) else { continue }
                    if case .binary(let programs) = move.program, programs.contains(where: { Paths.basename($0) == program }) { continue }
                    if let tools = move.tools, !tools.contains(program) {
                        return "not moved to \(move.image): the \(key) of \(at) runs \(program), which \(move.image) does not have"
                    }
                    if move.tools == nil && !move.hasShell {
                        return "not moved to \(move.image): the \(key) of \(at) runs \(program), and \(move.image) has no tools"
                    }
                }
            }
        }
        return nil
    }

    /// Why the program must keep running as root, if it must: it writes
    /// folders a non-root user cannot, the sources cannot say what it writes,
    /// or it is a GitHub Docker action (which GitHub runs as root).
    static func mustStayRoot(_ files: RuntimeFiles, context: BuildContext?) -> String? {
        if let action = ProjectConventions.gitHubDockerAction(context) { return action }
        switch files.writes {
        case .nothing: return nil
        case .paths(let paths, let evidence): return "the program writes \(paths.joined(separator: ", ")) (\(evidence))"
        case .unknown(let why): return "what the program writes is not known (\(why))"
        case .readsUnseen(let evidence): return "the program reads a file dockslim cannot see (\(evidence)), whose mode may let only root read it (a private key is often 600)"
        }
    }
}
