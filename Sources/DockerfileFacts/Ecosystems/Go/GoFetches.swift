import DockerfileModel

/// Builds that fetch their imports' current code from the network, with
/// nothing to pin a version: `go get` in GOPATH mode (it clones each
/// package's default branch into `$GOPATH/src`, `go help gopath-get`), and
/// `go mod init` in the image, whose requirements the next `go get`,
/// `go mod tidy` or build resolves to each module's newest version. Such an
/// image cannot be rebuilt as it was: the code fetched today may no longer
/// compile with the image's Go. A package the sources import only from the
/// standard library, the project itself or its vendor folder fetches
/// nothing.
enum GoFetches {
    static func unpinned(_ input: StageInput, image: ImageReference) -> String? {
        let stage = input.stage
        for (index, run) in stage.instructions.enumerated() where run.kind == .run {
            for words in ShellScan(run: run).commands where words.first == "go" {
                let sub = words.dropFirst().first ?? ""
                let state = input.state(before: index)
                let folder = input.workdir(before: index) ?? "/"
                let env = state.variables.mapValues(\.text)
                if sub == "mod", words.dropFirst(2).first == "init" {
                    guard let context = input.context, !context.has("go.sum"), let imp = remoteImports(context, own: nil).first else { continue }
                    return "\(run.keyword) on line \(run.startLine) runs go mod init, so the module's requirements are resolved when the image is built, at each module's newest version (\(imp.path), \(imp.file):\(imp.line)), which \(image.original)'s Go may no longer compile: the image cannot be rebuilt as it was"
                }
                guard sub == "get" else { continue }
                let site = input.context.map { context in
                    BuildSite(contextFolder: nil, placements: ContextPlacements(chain: input.file.baseChain(of: stage), file: input.file, states: input.states,
                                                                                 context: context, lastStage: 0..<index))
                }
                let outputs = GoOutputs(folder: folder, site: site, context: input.context, image: image, environment: env)
                let mode = outputs.moduleMode ?? !(input.context?.files.contains { Paths.basename($0) == "go.mod" } ?? true)
                guard !mode else { continue }
                let packages = words.dropFirst(2).filter { !$0.hasPrefix("-") }
                let why = " in GOPATH mode (\(image.original)\(env["GO111MODULE"].map { ", GO111MODULE=\($0)" } ?? "")), it fetches each package's current code, which \(image.original)'s Go may no longer compile, so the image cannot be rebuilt as it was"
                if let named = packages.first(where: { isRemote($0) && !$0.contains("@") }) {
                    return "\(run.keyword) on line \(run.startLine) runs go get \(named):\(why)"
                }
                guard packages.isEmpty || packages.contains(where: { $0.hasPrefix(".") }), let context = input.context else { continue }
                if context.has("vendor/") { continue }
                let gopathSrc = Paths.join(outputs.gopath, "src")
                let own = Paths.covers(gopathSrc, folder) && folder != gopathSrc ? String(folder.dropFirst(gopathSrc.count + 1)) : nil
                if let imp = remoteImports(context, own: own).first {
                    return "\(run.keyword) on line \(run.startLine) runs go get \(packages.joined(separator: " ")), and \(imp.file):\(imp.line) imports \(imp.path):\(why)"
                }
            }
        }
        return nil
    }

    /// An import path outside the standard library: its first element has a dot.
    static func isRemote(_ path: String) -> Bool {
        let first = path.split(separator: "/").first ?? ""
        return first.contains(".") && !first.hasPrefix(".")
    }

    /// The context's imports from outside the standard library and the
    /// project (`own`, its import path in GOPATH), first by file.
    static func remoteImports(_ context: BuildContext, own: String?) -> [(path: String, file: String, line: Int)] {
        var out: [(String, String, Int)] = []
        for file in context.contents.keys.sorted() where file.hasSuffix(".go") && !GoSources.isTestFile(file) && !SourceFiles.inFolder(file, ["vendor"]) {
            guard let text = context.text(file) else { continue }
            for (n, path) in imports(text) where isRemote(path) {
                if let own, path == own || path.hasPrefix(own + "/") { continue }
                out.append((path, file, n))
            }
        }
        return out
    }

    /// `import "x"`, `import a "x"` and `import ( … )` lines, with their line numbers.
    static func imports(_ text: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        var inBlock = false
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: " \t\r")
            if inBlock {
                if t.hasPrefix(")") { inBlock = false; continue }
            } else if t.hasPrefix("import (") || t == "import(" {
                inBlock = true
                continue
            } else if !t.hasPrefix("import ") {
                continue
            }
            if let open = t.firstIndex(of: "\""), let close = t[t.index(after: open)...].firstIndex(of: "\"") {
                out.append((k + 1, String(t[t.index(after: open)..<close])))
            }
        }
        return out
    }
}
