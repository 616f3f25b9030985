import BuildDefinitions
import DockerfileFacts
import DockslimReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gathers the `BuildContext` of the folder a Dockerfile builds: every name
/// in it, shallow folders first, and the contents of the files facts read
/// (manifests, build files, sources), within `ReadLimits`. This is the scan
/// phase that runs before any pass. A context cut short by a limit is
/// marked incomplete, so that questions about "all the sources" are not
/// answered from part of them.
enum ProjectScanner {
    /// Folders listed as entries but not descended into: version control,
    /// installed dependencies and build output, which no fact reads.
    static let opaqueFolders: Set<String> = [".git", "node_modules", "vendor", "target", "__pycache__", ".venv", "venv", ".tox",
                                             ".gradle", ".next"]

    /// `-v`: the build contexts the scan read only in part, whose facts
    /// about "all the sources" are then unknown rather than guessed.
    static func notes(_ facts: [String: BuildContext]) -> [String] {
        facts.keys.sorted().filter { facts[$0]?.complete == false }.map { folder in
            TerminalText.escaped("note: \(folder): the scan stopped at a read limit (\(ReadLimits.projectEntries) entries, "
                + "\(ReadLimits.projectDepth) folders deep, \(ReadLimits.describe(ReadLimits.projectFolder)) read): "
                + "what needs all the sources is taken as unknown", singleLine: true)
        }
    }

    static func facts(forFolder folder: String) -> BuildContext {
        let root = folder.isEmpty ? "." : folder
        var files: Set<String> = []
        var contents: [String: [UInt8]] = [:]
        var reader = ProjectFileReader(folder: root)
        var complete = true
        // Breadth first: the manifests at the top are read before deep sources use up the budget.
        var queue: [(path: String, relative: String, depth: Int)] = [(root, "", 0)]
        var next = 0
        while next < queue.count {
            let (dir, prefix, depth) = queue[next]
            next += 1
            guard let d = opendir(dir) else { continue }
            var names: [String] = []
            while let e = readdir(d) {
                names.append(withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) })
            }
            closedir(d)
            for name in names.sorted() where name != "." && name != ".." {
                guard files.count < ReadLimits.projectEntries else { complete = false; break }
                let path = dir + "/" + name
                let relative = prefix + name
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    files.insert(relative + "/")
                    if opaqueFolders.contains(name) { continue }
                    if depth + 1 < ReadLimits.projectDepth { queue.append((path, relative + "/", depth + 1)) } else { complete = false }
                } else {
                    files.insert(relative)
                    guard BuildContext.isInteresting(relative) else { continue }
                    if let bytes = reader.contents(of: path) { contents[relative] = bytes } else if (st.st_mode & S_IFMT) == S_IFREG { complete = false }
                }
            }
        }
        return BuildContext(files: files, contents: contents, complete: complete, surroundings: surroundings(of: root))
    }

    /// How many folders above the context are read, at most.
    static let ancestorLevels = 6

    /// The Compose files (and their `.env`) of the folders above `folder`,
    /// up to the top of its Git repository. Outside a repository (no `.git`
    /// within `ancestorLevels`), nothing: a folder above may belong to
    /// someone else's project.
    static func surroundings(of folder: String) -> BuildContext.Surroundings {
        guard let real = TreeLinks.realPath(folder) else { return BuildContext.Surroundings() }
        var names = [Paths.basename(real)]
        var folders: [String] = []
        var current = real
        var top: Int?
        for level in 0...ancestorLevels {
            if exists(current + "/.git") { top = level; break }
            guard level < ancestorLevels, current != "/" else { break }
            current = Paths.dirname(current)
            guard current != "/" else { break }
            folders.append(current)
            names.insert(Paths.basename(current), at: 0)
        }
        guard let top, top > 0 else { return BuildContext.Surroundings(folderNames: top == 0 ? names : []) }
        var files: [String: [UInt8]] = [:]
        for (k, folder) in folders.prefix(top).enumerated() {
            var reader = ProjectFileReader(folder: folder)
            let up = String(repeating: "../", count: k + 1)
            for name in ComposeFileNames.main + ComposeFileNames.override + [".env"] {
                if let bytes = reader.contents(of: folder + "/" + name) { files[up + name] = bytes }
            }
        }
        return BuildContext.Surroundings(folderNames: Array(names.suffix(top + 1)), files: files)
    }

    private static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}
