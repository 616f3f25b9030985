/// How much a source reader reads before it stops and says so: sources can
/// be huge, generated or hostile, and a reader must answer in bounded time.
package struct SourceBudget: Sendable {
    /// Source files of one language.
    package var maxFiles = 5_000
    /// Bytes read from one file; the rest of a larger file is not read.
    package var maxFileBytes = 1 << 20
    /// Bytes read over all files of one reader.
    package var maxTotalBytes = 32 << 20
    /// Bytes read from one manifest or lockfile.
    package var maxManifestBytes = 8 << 20

    package init() {}
    package static let standard = SourceBudget()
}

/// The source files of one language under the app's folder, and what could
/// not be read.
package struct SourceFileSet {
    package var files: [(path: String, bytes: [UInt8])] = []
    package var unknowns: [Unknown] = []
}

package enum SourceFiles {
    /// Folders no reader looks into: installed dependencies, caches, version control.
    package static let dependencyFolders: Set<String> = [
        "node_modules", "vendor", ".git", "venv", ".venv", "__pycache__", "site-packages", "bower_components", ".tox", ".mypy_cache",
    ]

    /// `"app"` or `"app/"` → `"app/"`; `""` stays.
    package static func folderPrefix(_ root: String) -> String {
        root.isEmpty || root == "." || root == "./" ? "" : (root.hasSuffix("/") ? root : root + "/")
    }

    /// The files under `root` whose extension is one of `extensions`, in path
    /// order, minus those `skip` rejects (given the path relative to `root`),
    /// within the budget. An incomplete context scan, a file the scan did not
    /// read, a file cut short and a budget run out each become an unknown.
    package static func select(_ context: BuildContext, root: String, extensions: Set<String>, language: String,
                               skip: (String) -> Bool, budget: SourceBudget = .standard) -> SourceFileSet {
        var set = SourceFileSet()
        let prefix = folderPrefix(root)
        if !context.complete {
            set.unknowns.append(Unknown(kind: .sourcesNotAllRead, reason: "the build context was not completely scanned: \(language) sources may be missing", evidence: nil))
        }
        let wanted = context.files(under: prefix).filter { path in
            let relative = String(path.dropFirst(prefix.count))
            guard let dot = relative.lastIndex(of: "."), extensions.contains(String(relative[relative.index(after: dot)...])) else { return false }
            return !inFolder(relative, dependencyFolders) && !skip(relative)
        }
        var total = 0
        for (n, path) in wanted.enumerated() {
            guard n < budget.maxFiles, total < budget.maxTotalBytes else {
                set.unknowns.append(Unknown(kind: .sourcesNotAllRead, reason: "\(language) sources not all read: \(n) of \(wanted.count) files within the reader's budget", evidence: nil))
                break
            }
            guard let bytes = context.contents[path] else {
                set.unknowns.append(Unknown(kind: .sourcesNotAllRead, reason: "\(path) was not read by the context scan", evidence: nil))
                continue
            }
            let limit = min(budget.maxFileBytes, budget.maxTotalBytes - total)
            if bytes.count > limit {
                set.unknowns.append(Unknown(kind: .sourcesNotAllRead, reason: "\(path): only the first \(limit) of \(bytes.count) bytes read", evidence: nil))
                set.files.append((path, Array(bytes.prefix(limit))))
            } else {
                set.files.append((path, bytes))
            }
            total += min(bytes.count, limit)
        }
        return set
    }


    /// Whether a folder of the path (not its file name) is one of `names`.
    package static func inFolder(_ path: String, _ names: Set<String>) -> Bool {
        path.split(separator: "/").dropLast().contains { names.contains(String($0)) }
    }

    /// The file name of a path.
    package static func name(_ path: String) -> String { Paths.basename(path) }
}

/// A path found in a source and what it is relative to.
package struct PathValue: Equatable {
    package var path: String
    package var base: PathBase

    package init(_ path: String, base: PathBase) {
        self.path = path
        self.base = path.hasPrefix("/") ? .absolute : base
    }

    /// `path` relative to a context folder, with leading `..` moved into the
    /// folder (`app/` + `../public` → `""` + `public`); above the context's top, the `..` stay.
    package static func inFolder(_ folder: String, _ path: String) -> PathValue {
        if path.hasPrefix("/") { return PathValue(path, base: .absolute) }
        var parts = folder.split(separator: "/").map(String.init)
        var rest = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while let first = rest.first, first == "." || (first == ".." && !parts.isEmpty) {
            if first == ".." { parts.removeLast() }
            rest.removeFirst()
        }
        let trailing = path.hasSuffix("/") && !rest.isEmpty ? "/" : ""
        let joined = rest.joined(separator: "/") + trailing
        return PathValue(joined.isEmpty ? "." : joined, base: .sourceFolder(parts.isEmpty ? "" : parts.joined(separator: "/") + "/"))
    }

    /// Joined parts (`"a", "b"` → `a/b`); an absolute part restarts the path.
    package static func join(_ parts: [String]) -> String {
        var out = ""
        for p in parts where !p.isEmpty {
            if p.hasPrefix("/") || out.isEmpty { out = p } else { out += (out.hasSuffix("/") ? "" : "/") + p }
        }
        return out
    }
}

extension SourceFindings {
    package enum Effect { case read, write, readWrite, generated }

    /// Records a path use (both lists for `readWrite`).
    package mutating func add(_ effect: Effect, _ value: PathValue, shape: PathUse.Shape, necessity: PathUse.Necessity = .required,
                              via: String, evidence: Evidence) {
        let use = PathUse(path: value.path, shape: SourceNames.shape(of: value.path, fallback: shape), base: value.base,
                          necessity: necessity, via: via, evidence: evidence)
        switch effect {
        case .read: reads.append(use)
        case .write: writes.append(use)
        case .readWrite: reads.append(use); writes.append(use)
        case .generated: generated.append(use)
        }
    }

    /// A manifest's bytes (go.mod, package.json, Cargo.lock…), cut at the
    /// budget. A manifest the context lists but the scan did not read, or
    /// one cut short, is an unknown: what it says is not known.
    package mutating func manifest(_ context: BuildContext, _ path: String, budget: SourceBudget = .standard) -> [UInt8]? {
        guard let bytes = context.contents[path] else {
            if context.has(path) { unknowns.append(Unknown(kind: .sourcesNotAllRead, reason: "\(path) was not read by the context scan", evidence: nil)) }
            return nil
        }
        guard bytes.count > budget.maxManifestBytes else { return bytes }
        unknowns.append(Unknown(kind: .sourcesNotAllRead, reason: "\(path): only the first \(budget.maxManifestBytes) bytes read", evidence: nil))
        return Array(bytes.prefix(budget.maxManifestBytes))
    }

    package mutating func unknownPath(_ via: String, evidence: Evidence) {
        unknowns.append(Unknown(kind: .computedPath, reason: "\(via) with a path computed at run time", evidence: evidence))
    }

    package mutating func unknownProgram(_ via: String, evidence: Evidence) {
        unknowns.append(Unknown(kind: .computedProgram, reason: "\(via) runs a program named at run time", evidence: evidence))
    }

    package mutating func execute(_ program: String, via: String, evidence: Evidence) {
        executes.append(ProgramUse(program: program, via: via, evidence: evidence))
    }
}
