import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// One Dockerfile under audit, with the analyses rules share, computed
/// once: what each stage builds on, its folders and user, where files come
/// from (`StageFiles`), and what a source change re-runs (`CacheTimeline`).
final class AuditContext {
    let file: Dockerfile
    /// The folder around the Dockerfile, when at hand.
    let project: BuildContext?
    /// The stage BuildKit builds by default.
    let final: Stage?
    /// The stages the final one needs, itself included.
    let needed: Set<Int>
    /// The final stage and the stages it builds on through FROM: their
    /// layers are the final image's.
    let finalChain: [Int]
    let stages: [StageFacts]
    /// The state before each instruction of every stage.
    let states: StageStates
    private(set) lazy var timeline = CacheTimeline(self)
    private(set) lazy var dockerIgnore: DockerIgnore? = project?.text(".dockerignore").map(DockerIgnore.init)

    init(file: Dockerfile, project: BuildContext?) {
        self.file = file
        self.project = project
        self.final = file.finalStage
        var facts: [StageFacts] = []
        let states = StageStates.standard(file)
        self.states = states
        for stage in file.stages {
            var base: StageFacts?
            if case .stage(let b) = stage.base, b < facts.count { base = facts[b] }
            facts.append(StageFacts(stage, base: base, file: file, states: states))
        }
        self.stages = facts
        if let final = file.finalStage {
            needed = Set(file.graph.stagesNeeded(by: final.index))
            var chain = [final.index]
            while true {
                let stage = file.stages[chain.last!]
                var next: Int?
                if case .stage(let b) = stage.base { next = b }
                // `FROM scratch` + `COPY --from=X / /` squashes X into one layer: X's files are the image's.
                if stage.base == .scratch, let i = stage.instructions.first, Self.isSquash(i),
                   let p = facts[stage.index].files.placements.first, case .stage(let x, _) = p.origin { next = x }
                guard let n = next, !chain.contains(n) else { break }
                chain.append(n)
            }
            finalChain = chain
        } else {
            needed = []
            finalChain = []
        }
    }

    /// `COPY --from=X / /`: the whole filesystem of X, at the root.
    static func isSquash(_ i: Instruction) -> Bool {
        guard i.kind == .copy, i.flag("from") != nil else { return false }
        let args = i.argumentStrings
        return args.count == 2 && StageFiles.stageSource(args[0]) == "/" && Paths.join("/", args[1]) == "/"
    }

    /// The image at the root of the final stage's FROM chain.
    var finalImage: ImageReference? { final.flatMap { stages[$0.index].rootImage } }

    /// The language the build uses: from the images of the stages the final
    /// one needs (toolchain images first), or else from the commands their
    /// RUNs start (`go build`, `cargo`, `gcc`, `npm`…).
    private(set) lazy var language: String? = {
        let images = needed.sorted().compactMap { stages[$0].rootImage }
        if let l = images.lazy.compactMap(ImageCatalog.toolchainLanguage).first ?? images.lazy.compactMap(ImageCatalog.language).first {
            return l
        }
        for index in needed.sorted() {
            for run in stages[index].stage.instructions where run.kind == .run {
                for words in ShellScan(run: run).commands {
                    if let l = ImageCatalog.language(ofCommand: words) { return l }
                }
            }
        }
        return nil
    }()

    // MARK: Transfer chains

    /// A context copy whose content reaches a stage, and how.
    struct ContextReach {
        let placement: StageFiles.Placement
        /// The instructions that carry it, from the copy out of the context
        /// to the last `COPY --from`.
        let chain: [Instruction]
        /// The whole placement arrives (not just a file inside it).
        let whole: Bool
    }

    /// The context copies whose content ends up under `path` in `stage`,
    /// following FROM and `COPY --from` through every stage.
    func contextReaching(_ stage: Int, under path: String = "/") -> [ContextReach] {
        var visiting: Set<String> = []
        return reach(stage, path, &visiting)
    }

    private func reach(_ s: Int, _ path: String, _ visiting: inout Set<String>) -> [ContextReach] {
        let key = "\(s)\u{0}\(path)"
        guard s < stages.count, visiting.insert(key).inserted, visiting.count < 256 else { return [] }
        defer { visiting.remove(key) }
        var out: [ContextReach] = []
        if case .stage(let b) = stages[s].stage.base { out += reach(b, path, &visiting) }
        for p in stages[s].files.placements {
            // Everything selected: where the files land does not matter.
            let all = path == "/" || p.destination.map { Paths.covers(path, $0) } == true
            let inside = !all && p.destination.map { Paths.covers($0, path) } == true
            guard all || inside else { continue }
            switch p.origin {
            case .context:
                out.append(ContextReach(placement: p, chain: [p.instruction], whole: all))
            case .stage(let t, let sources):
                for source in sources {
                    let selected: String
                    if all {
                        selected = source
                    } else if sources.count == 1, let dest = p.destination {
                        selected = Paths.join(source, String(path.dropFirst(dest.count).drop { $0 == "/" }))
                    } else {
                        continue
                    }
                    for r in reach(t, selected, &visiting) {
                        out.append(ContextReach(placement: r.placement, chain: r.chain + [p.instruction], whole: r.whole && all))
                    }
                }
            case .image, .remote:
                break
            }
        }
        return out
    }
}
