import DockerfileFacts
import DockerfileModel

/// Why a final stage must keep running as root, for `use-nonroot`: a user
/// who cannot write what the program writes breaks it.
enum NonRootChecks {
    /// Servers that start as root and drop privileges themselves, and
    /// programs that switch users (they need root to do it).
    static let rootStarters: Set<String> = ["nginx", "httpd", "apache2", "apache2ctl", "apachectl", "sshd", "php-fpm", "supervisord", "cron",
                                            "crond", "gosu", "su-exec", "su", "sudo", "runuser", "setpriv", "chroot", "tini-static"]

    static func mustStayRoot(_ final: Stage, _ file: FileContext) -> String? {
        if let action = ProjectConventions.gitHubDockerAction(file.project) { return action }
        let chain = file.dockerfile.baseChain(of: final)
        if let port = privilegedPort(chain) { return port }
        for service in ProjectConventions.composeServices(file.project, dockerfile: file.path) {
            if let bind = service.volumes.first(where: { $0.kind == .bind && !$0.readOnly }) {
                return "compose service \(service.name) mounts \(bind.source ?? "a host folder") at \(bind.target), whose files belong to the host's user"
            }
            if let user = service.user { return "compose service \(service.name) sets its own user (\(user))" }
        }
        if let volume = chain.flatMap(\.instructions).first(where: { $0.kind == .volume }) {
            return "VOLUME on line \(volume.startLine) makes a folder the program may write, owned by root in the image"
        }
        let ecosystem = program(of: final, file)?.0
        for i in final.instructions where i.kind == .cmd || i.kind == .entrypoint {
            let commands: [[String]]
            switch i.command {
            case .exec(let w): commands = [w]
            case .shell(let t): commands = ShellScan(t).commands
            case nil: continue
            }
            let words = commands.flatMap { $0 }
            for command in commands {
                if let why = ecosystem?.startWrites(command, context: file.project) { return "\(i.keyword) on line \(i.startLine): \(why)" }
            }
            if let program = words.map(Paths.basename).first(where: rootStarters.contains) {
                return "\(i.keyword) on line \(i.startLine) runs \(program), which starts as root"
            }
            if let script = words.first(where: { $0.hasSuffix(".sh") }) {
                return "\(i.keyword) on line \(i.startLine) runs \(script), which dockslim does not read (it may need root)"
            }
        }
        return writes(final, chain: chain, file)
    }

    /// A port below 1024 the image exposes: a non-root process may bind it
    /// only where the runtime lowers `net.ipv4.ip_unprivileged_port_start`
    /// (Docker and Podman do; Kubernetes does not by default: containerd/nerdctl#4595).
    static func privilegedPort(_ chain: [Stage]) -> String? {
        for expose in chain.flatMap(\.instructions) where expose.kind == .expose {
            for port in expose.argumentStrings {
                guard let n = Int(port.split(separator: "/").first ?? ""), n < 1024 else { continue }
                return "EXPOSE on line \(expose.startLine) names port \(port): a non-root user binds a port below 1024 only where the runtime allows it (Docker does; Kubernetes does not by default)"
            }
        }
        return nil
    }

    /// Why the program's writes keep it root: what its sources say it writes, or that they cannot say.
    static func writes(_ final: Stage, chain: [Stage], _ file: FileContext) -> String? {
        guard let (ecosystem, plan) = program(of: final, file) else {
            return "what the program writes is not known: dockslim reads the sources of the languages it has an ecosystem for"
        }
        guard let context = file.project else { return "the build context is not at hand, so what the program writes is not known" }
        guard let findings = ecosystem.findings(in: context) else { return "dockslim cannot read \(ecosystem.name) sources, so what the program writes is not known" }
        if let open = findings.unknowns.first(where: { $0.kind != .computedProgram }) {
            return "what the program writes is not known: \(open.reason)" + (open.evidence.map { " (\($0))" } ?? "")
        }
        let workdir = file.states.end(of: final).workdir.flatMap { $0.certain ? $0.text : nil }
        if let plan {
            // The same reading swap-base makes of the program's files, so the two passes agree.
            // Context files nobody names count only when the runtime holds them: it copies a folder, not just the program.
            let input = StageInput(stage: final, file: file.dockerfile, states: file.states, context: context)
            let artifacts = Set(plan.artifacts.map(\.builderPath))
            let holdsData = plan.stage.index != final.index && final.instructions.contains { i in
                i.kind == .copy && i.flag("from") != nil && i.argumentStrings.dropLast().contains { !$0.hasPrefix("--") && !artifacts.contains($0) }
            }
            return RuntimeMoveChecks.mustStayRoot(RuntimeFiles.resolve(findings, plan: plan, input: input, workdir: workdir,
                                                                       buildInputs: ecosystem.buildInputs, unnamedData: holdsData), context: context)
        }
        let placements = ContextPlacements(chain: plan.map { file.dockerfile.baseChain(of: $0.stage) } ?? chain, file: file.dockerfile,
                                           states: file.states, context: context)
        switch RuntimeFiles.writes(of: findings, placements: placements, workdir: workdir) {
        case .nothing: return nil
        case .paths(let paths, let evidence): return "the program writes \(paths.joined(separator: ", ")) (\(evidence)), which a new user could not"
        case .unknown(let why), .readsUnseen(let why): return why
        }
    }

    /// The ecosystem of the program the final stage runs, with its build when one is read.
    static func program(of final: Stage, _ file: FileContext) -> (any Ecosystem, BuildPlan?)? {
        let input = StageInput(stage: final, file: file.dockerfile, states: file.states, context: file.project)
        var stages = [final]
        for edge in file.dockerfile.graph.edges(of: final.index) where edge.kind == .copy {
            if case .stage(let i) = edge.source { stages.append(file.dockerfile.stages[i]) }
        }
        for stage in stages {
            let reading = input.reading(stage, requireEntry: stage.index == final.index)
            for e in Ecosystems.all { if case .plan(let p) = e.readBuild(reading) { return (e, p) } }
        }
        if let image = input.rootImage, let e = Ecosystems.of(image: image) { return (e, nil) }
        return nil
    }
}
