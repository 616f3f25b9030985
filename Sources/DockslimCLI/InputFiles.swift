import DockerfileFacts
import DockslimRewrite

/// The files a command works on: PATH arguments expanded (folders walked,
/// `-` for standard input), deduplicated and sorted, so output never
/// depends on the order of arguments or of the file system; and the scan
/// phase's facts for each folder that holds one.
struct InputFiles {
    var files: [String] = []
    /// Arguments that name nothing.
    var failures: [(path: String, reason: String)] = []
    /// Folders under the walked ones that hold a Compose or Bake file.
    var definitionFolders: [String] = []
    /// The folder argument each file (and each definition folder) was found
    /// under (a file argument's own folder), for naming it inside its
    /// repository (`RepositoryRoots`).
    var argumentFolder: [String: String] = [:]

    init(_ positionals: [String], excludes: [String]) {
        let paths = (positionals.isEmpty ? ["."] : positionals).map { $0 == "-" ? $0 : Self.normalized($0) }
        let walker = FileWalker(excludes: excludes)
        for p in paths {
            if p == "-" { files.append("-"); continue }
            switch PathKind(p) {
            case .folder:
                switch TreeLinks.resolveExplicit(p) {
                case .success(let folder):
                    var found: [String] = []
                    let walked = walker.walk(folder, definitionFolders: &found)
                    for f in walked + found { noteArgument(folder, for: f) }
                    files += walked
                    definitionFolders += found
                case .failure(let why): failures.append((p, why.description))
                }
            case .file:
                switch TreeLinks.resolveExplicit(p) {
                case .success(let file):
                    files.append(file)
                    noteArgument(Self.folderOf(p), for: file)
                case .failure(let why): failures.append((p, why.description))
                }
            case .missing: failures.append((p, "No such file or directory"))
            }
        }
        files = Self.oncePerFile(Array(Set(files)).sorted())
        definitionFolders = Array(Set(definitionFolders)).sorted()
    }

    /// Of the arguments that reach one file, the outermost folder counts,
    /// whatever their order.
    private mutating func noteArgument(_ folder: String, for file: String) {
        if let known = argumentFolder[file], known.count <= folder.count { return }
        argumentFolder[file] = folder
    }

    /// The Compose and Bake projects that build the inputs: those under the
    /// walked folders and those above the inputs (`ProjectDefinitions`).
    func projectBuilds(environment: [String: String], arguments: [String]) -> ProjectBuilds {
        let walked = Set(definitionFolders.compactMap { TreeLinks.realPath($0).map(ProjectDefinitions.display) })
        let folders = ProjectDefinitions.folders(walked: definitionFolders, inputs: arguments.isEmpty ? ["."] : arguments)
        return ProjectBuilds.read(folders: folders, walked: walked, environment: environment)
    }

    /// The first (in path order) of the names that reach one file, so two
    /// spellings of a path (`a/../a/Dockerfile`) are read, patched and
    /// written once.
    static func oncePerFile(_ sorted: [String]) -> [String] {
        var seen: Set<String> = []
        return sorted.filter { $0 == "-" || seen.insert(TreeLinks.realPath($0) ?? $0).inserted }
    }

    /// The scan phase: facts about each folder that holds a file, and the
    /// `extra` build contexts (from Compose and Bake), each read once.
    func projectFacts(jobs: Int, extra: [String] = []) -> [String: BuildContext] {
        let folders = Array(Set(files.filter { $0 != "-" }.map(Self.folderOf) + extra)).sorted()
        var facts: [String: BuildContext] = [:]
        for (folder, f) in zip(folders, Batch.map(folders, chunk: 4, jobs: jobs) { ProjectScanner.facts(forFolder: $0) }) {
            facts[folder] = f
        }
        return facts
    }

    static func normalized(_ p: String) -> String {
        var s = p
        while s.hasPrefix("./") && s.count > 2 { s.removeFirst(2) }
        return s
    }

    static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let f = String(path[..<slash])
        return f.isEmpty ? "/" : f
    }

    /// FNV-1a: a stable hash, the same on every machine, for `--shard`.
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in s.utf8 { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h
    }

    /// Reads one input: a file, or standard input for `-`. Binary files are refused.
    static func read(_ path: String, stdin: [UInt8]) -> Result<[UInt8], FileAccess.Failure> {
        readKeepingIdentity(path, stdin: stdin).map(\.bytes)
    }

    /// `read`, with what the file was when read (`nil` for standard input),
    /// for `--write` to check before replacing it. Paths here are already
    /// resolved within their tree (`TreeLinks`), so a link is not followed.
    static func readKeepingIdentity(_ path: String, stdin: [UInt8]) -> Result<(bytes: [UInt8], identity: FileIdentity?), FileAccess.Failure> {
        let bytes: [UInt8]
        var identity: FileIdentity?
        if path == "-" {
            bytes = stdin
        } else {
            do throws(FileAccess.Failure) {
                (bytes, identity) = try FileAccess.readRegularFile(path, limit: ReadLimits.dockerfile, what: "a Dockerfile", followLinks: false)
            } catch { return .failure(error) }
        }
        if bytes.prefix(8000).contains(0) { return .failure(FileAccess.Failure(description: "not a text file")) }
        return .success((bytes, identity))
    }
}
