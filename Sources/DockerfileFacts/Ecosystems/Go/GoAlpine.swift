import DockerfileModel

/// What moving a Go build from the `golang` image (buildpack-deps, with
/// gcc and libc6-dev) to `golang:*-alpine` means: that image has no C
/// compiler (docker-library/golang 1.25/alpine3.24/Dockerfile@34bfa3703c98
/// adds only ca-certificates), and `go build` then turns cgo off without a
/// word, so a module that needs cgo (`github.com/mattn/go-sqlite3`) builds
/// into a program whose driver fails when used ("requires cgo"). The move
/// is refused unless the stage installs a C compiler with musl's headers
/// (build-base, or gcc and musl-dev) or builds with `CGO_ENABLED=0` anyway;
/// a module that needs glibc (a downloaded browser, Oracle's client) or a
/// system library through cgo is refused either way.
enum GoAlpine {
    static func move(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?, findings: SourceFindings?) -> AlpineMove {
        guard ImageCatalog.officialName(image) == "golang", let build = goBuild(chain) else { return AlpineMove() }
        let label = "\(build.run.keyword) on line \(build.run.startLine)"
        let installed = AlpineInstalls.packages(in: chain, before: nil)
        for need in findings?.nativeNeeds ?? [] {
            let at = "\(need.dependency) (\(need.evidence.file):\(need.evidence.line))"
            switch need.requirement {
            case .glibc:
                return AlpineMove(refusal: "\(at) \(need.detail): it does not run on Alpine (musl)")
            case .systemLibrary(let library):
                if build.cgoOff { continue }
                return AlpineMove(refusal: "\(at) links \(library) through cgo (\(need.detail)); golang's Alpine image has neither a C compiler nor \(library), and dockslim does not know its Alpine packages")
            case .cgo:
                if build.cgoOff || AlpineInstalls.hasCToolchain(installed) { continue }
                return AlpineMove(refusal: "\(at) needs cgo (\(need.detail)); \(image.original)'s Alpine variant has no C compiler, so \(label) would turn cgo off and the program fail where it uses it. Installing build-base (or gcc and musl-dev) before the build would keep cgo on")
            default:
                continue
            }
        }
        return AlpineMove()
    }

    /// The chain's first `go build`/`go install`/`go run`, and whether it
    /// builds with `CGO_ENABLED=0` (on the command or in an ENV before it).
    static func goBuild(_ chain: [Stage]) -> (run: Instruction, cgoOff: Bool)? {
        var cgoOff = false
        for stage in chain {
            for i in stage.instructions {
                if i.kind == .env || i.kind == .arg, let kv = i.keyValues.first(where: { $0.name == "CGO_ENABLED" }) {
                    cgoOff = kv.valueString == "0"
                }
                guard i.kind == .run else { continue }
                let commands: [[String]]
                switch i.command {
                case .shell(let text)?: commands = ShellCommandList.parse(text)?.commands.map(\.texts) ?? ShellScan(run: i).commands
                case .exec(let words)?: commands = [words]
                case nil: commands = []
                }
                for words in commands {
                    let prefix = words.prefix { $0.contains("=") && !$0.hasPrefix("-") }
                    let rest = words.dropFirst(prefix.count)
                    if rest.first == "export", rest.contains("CGO_ENABLED=0") { cgoOff = true }
                    if rest.first == "go", ["build", "install", "run"].contains(rest.dropFirst().first ?? "") {
                        return (i, cgoOff || prefix.contains("CGO_ENABLED=0"))
                    }
                }
            }
        }
        return nil
    }
}
