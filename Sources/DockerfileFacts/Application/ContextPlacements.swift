import DockerfileModel

/// Where the build context's files land in a stage's image, and where an
/// image path came from: the COPY and ADD instructions of the stage and of
/// the stages it builds on, read as BuildKit copies (a folder's contents go
/// into the destination; a file goes into a destination ending in `/`, or
/// becomes it), with `.dockerignore` applied.
package struct ContextPlacements {
    private struct Placement {
        /// Context paths (`""`: the whole context), as written, without `./`.
        let sources: [String]
        /// Absolute destination.
        let destination: String
        /// Several sources, or a destination ending in `/`: each goes inside it.
        let intoFolder: Bool
    }

    private let placements: [Placement]
    private let context: BuildContext
    private let ignore: DockerIgnore?
    /// A context copy whose sources or destination are not known (a variable, a glob).
    package let hasUnknown: Bool

    /// `lastStage`: only the instructions of the chain's last stage in this
    /// range count (a builder ends at its build; a runtime starts after it).
    package init(chain: [Stage], file: Dockerfile, states: StageStates, context: BuildContext, lastStage: Range<Int>? = nil) {
        var placements: [Placement] = []
        var unknown = false
        for stage in chain {
            for p in StageFiles(stage, file: file, states: states).placements {
                if let range = lastStage, stage.index == chain.last?.index,
                   let k = stage.instructions.firstIndex(where: { $0 === p.instruction }), !range.contains(k) { continue }
                guard case .context(let sources, _) = p.origin else { continue }
                guard let d = p.destination, !sources.contains(where: { $0.contains("*") || $0.contains("?") || $0.contains("[") || $0.contains("$") }) else {
                    unknown = true
                    continue
                }
                // A destination ending in `/`, or an existing folder (`.`, the WORKDIR), takes the files inside it.
                let rawDest = p.instruction.argumentStrings.last ?? ""
                let index = stage.instructions.firstIndex { $0 === p.instruction } ?? 0
                let workdir = states.before(index, in: stage).workdir?.text
                let intoFolder = sources.count > 1 || rawDest.hasSuffix("/") || rawDest == "." || d == workdir
                placements.append(Placement(sources: sources, destination: d, intoFolder: intoFolder))
            }
        }
        self.placements = placements
        self.context = context
        self.ignore = context.text(".dockerignore").map(DockerIgnore.init)
        self.hasUnknown = unknown
    }

    /// Whether the context has this path (a file, or a folder), and
    /// `.dockerignore` lets it into the build.
    package func contextHas(_ path: String) -> Bool {
        if path.isEmpty { return true }
        guard context.has(path) || context.has(path + "/") else { return false }
        return !(ignore?.excludes(path) ?? false)
    }

    /// The context path a path of the image came from (later copies win), if it came from the context.
    package func contextPath(of imagePath: String) -> String? {
        for p in placements.reversed() {
            for source in p.sources {
                let isFolder = source.isEmpty || context.has(source + "/")
                var candidate: String?
                if isFolder {
                    if imagePath == p.destination { candidate = source }
                    else if Paths.covers(p.destination, imagePath) {
                        let rest = String(imagePath.dropFirst(p.destination == "/" ? 1 : p.destination.count + 1))
                        candidate = source.isEmpty ? rest : source + "/" + rest
                    }
                } else {
                    let landed = p.intoFolder || context.has(p.destination + "/") ? Paths.join(p.destination, Paths.basename(source)) : p.destination
                    if imagePath == landed { candidate = source }
                }
                if let c = candidate, contextHas(c) { return c }
            }
        }
        return nil
    }

    /// The image paths a context path lands at.
    package func imagePaths(of contextPath: String) -> [String] {
        var out: [String] = []
        for p in placements {
            for source in p.sources {
                let isFolder = source.isEmpty || context.has(source + "/")
                if isFolder {
                    if source.isEmpty { out.append(Paths.join(p.destination, contextPath)) }
                    else if contextPath == source || contextPath.hasPrefix(source + "/") {
                        out.append(Paths.join(p.destination, String(contextPath.dropFirst(source.count))))
                    }
                } else if contextPath == source {
                    out.append(p.intoFolder ? Paths.join(p.destination, Paths.basename(source)) : p.destination)
                }
            }
        }
        var seen: Set<String> = []
        return out.filter { seen.insert($0).inserted }
    }

    /// Where context folders were copied to, and folders files were copied into (absolute), in order.
    package var folderDestinations: [String] {
        placements.filter { p in p.intoFolder || p.sources.contains { $0.isEmpty || context.has($0 + "/") } }.map(\.destination)
    }

    /// Single files copied to a path of their own (`COPY config.yaml /etc/app.yaml`).
    package var fileDestinations: [(source: String, destination: String)] {
        placements.filter { p in !p.intoFolder && p.sources.count == 1 && !p.sources[0].isEmpty && !context.has(p.sources[0] + "/") }
            .map { ($0.sources[0], $0.destination) }
    }

    /// Whether a path lies where a copy of the whole context (or a folder of it) lands.
    package func coversWholeContextCopy(_ imagePath: String) -> Bool {
        placements.contains { p in p.sources.contains { $0.isEmpty || context.has($0 + "/") } && Paths.covers(p.destination, imagePath) }
    }

    /// Whether `.dockerignore` keeps the context path that would land at
    /// `imagePath` (through a folder copy) out of the build: a local file
    /// Git ignores never reaches the image then.
    package func dockerignoreExcludes(_ imagePath: String) -> Bool {
        guard let ignore else { return false }
        for p in placements.reversed() {
            for source in p.sources where source.isEmpty || context.has(source + "/") {
                guard Paths.covers(p.destination, imagePath), imagePath != p.destination else { continue }
                let rest = String(imagePath.dropFirst(p.destination == "/" ? 1 : p.destination.count + 1))
                return ignore.excludes(source.isEmpty ? rest : source + "/" + rest)
            }
        }
        return false
    }

    /// The destination of a copy of the whole context (`COPY . /app`), if there is one.
    package var wholeContextDestination: String? {
        placements.last { $0.sources.contains("") }?.destination
    }
}
