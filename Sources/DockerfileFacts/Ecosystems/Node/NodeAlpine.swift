import DockerfileModel

/// What moving a Node.js stage to the node image's Alpine variant means
/// beyond the direct native addons `Node.nativeAddons` names: packages the
/// source reader finds that run only on glibc (puppeteer's and
/// playwright's browsers, libtensorflow) or have no musl build, node-gyp
/// builds that need python3, make and g++, and packages that bring a
/// native addon with them.
enum NodeAlpine {
    /// Packages (production or development: the build installs both) that
    /// bring a native addon through their own dependencies, by the oldest
    /// major version that no longer does (nil: every version does).
    static let bringsAddon: [String: (addon: String, until: Int?, evidence: String)] = [
        // gulp-sass 3.1.0 depends on node-sass ^4.2.0 (its package.json, as npmdoc/node-npmdoc-gulp-sass quotes it);
        // gulp-sass 5 takes the Sass compiler from the project instead.
        "gulp-sass": ("node-sass", 5, "gulp-sass before 5 depends on node-sass"),
    ]

    /// Packages whose optional native addons npm skips when it cannot build or download them, with what is lost.
    static let optionalAddons: [String: String] = [
        // instana/nodejs packages/collector/package.json@0661457ab5a4: optionalDependencies @instana/autoprofile.
        "@instana/collector": "its optional native addons (@instana/autoprofile, the event-loop and GC metrics) are built when installing; without python3, make and g++, or a musl prebuild for this Node.js version, npm skips them and auto-profiling and those metrics stay off",
    ]

    static func move(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?, findings: SourceFindings?) -> AlpineMove {
        guard ImageCatalog.officialName(image) == "node", let context, let pkg = context.text("package.json") else { return AlpineMove() }
        let full = !(image.tag ?? "").contains("slim")
        let installs = chain.flatMap { $0.instructions.filter { $0.kind == .run } }.flatMap { ShellScan(run: $0).commands }
            .contains { ["npm", "yarn", "pnpm"].contains($0.first ?? "") && ($0.count == 1 || ["ci", "install", "i", "add"].contains($0[1])) }
        guard installs else { return AlpineMove() }
        let tools = AlpineInstalls.packages(in: chain)
        let compilers = tools.contains("python3") && tools.contains("make") && tools.contains("g++")
        for need in findings?.nativeNeeds ?? [] {
            let at = "\(need.dependency) (\(need.evidence.file):\(need.evidence.line))"
            switch need.requirement {
            case .glibc:
                return AlpineMove(refusal: "\(at) \(need.detail): it does not run on Alpine (musl)")
            case .compiledExtension(.glibcOnly), .compiledExtension(.none):
                if full && !compilers {
                    return AlpineMove(refusal: "\(at) is a native addon with no musl build (\(need.detail)); node's full image compiles it, and Alpine's lacks python3, make and g++")
                }
            case .program(let program) where need.phase == .build && program.contains("C++"):
                if full && !compilers {
                    return AlpineMove(refusal: "\(at) \(need.detail) with \(program); node's full image has them, Alpine's has not")
                }
            default:
                continue
            }
        }
        var move = AlpineMove()
        for (name, brought) in bringsAddon.sorted(by: { $0.key < $1.key }) where full && !compilers {
            guard let spec = dependencySpec(name, in: pkg) else { continue }
            if let until = brought.until, let major = Int(spec.drop { !$0.isNumber }.prefix { $0.isNumber }), major >= until { continue }
            return AlpineMove(refusal: "package.json depends on \(name) \(spec), and \(brought.evidence), a native addon that node's full image compiles and Alpine's lacks the compilers for")
        }
        for (name, lost) in optionalAddons.sorted(by: { $0.key < $1.key }) where full && !compilers && dependencySpec(name, in: pkg) != nil {
            move.warnings.append("package.json depends on \(name): \(lost)")
        }
        return move
    }

    /// The version spec of `"name": "spec"` in package.json (any dependency section).
    static func dependencySpec(_ name: String, in pkg: String) -> String? {
        guard let r = pkg.range(of: "\"\(name)\"") else { return nil }
        let after = pkg[r.upperBound...].drop { $0 == " " || $0 == "\t" }
        guard after.first == ":" else { return nil }
        let value = after.dropFirst().drop { $0 == " " || $0 == "\t" }
        guard value.first == "\"" else { return nil }
        return String(value.dropFirst().prefix { $0 != "\"" })
    }
}
