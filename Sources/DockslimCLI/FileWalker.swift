#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds Dockerfiles under the paths given on the command line.
///
/// Names: `Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`,
/// `Containerfile*`, `*.containerfile` (any case), but not
/// `Dockerfile.dockerignore`, `*.md`, templates (`*.j2`, `*.tmpl`,
/// `*.template`) or leftovers (`*.orig`, `*.bak`). Folders `.git`, `node_modules` and `vendor`
/// are skipped, and what `--exclude` patterns match (`PathGlobs`: as
/// `.gitignore` reads them, against the path as printed). Symbolic links are
/// not followed out of the walked tree, and a link inside it is named by its
/// target (`TreeLinks`); linked folders are not entered. Nothing but a
/// regular file is ever returned: a FIFO, socket or device named like a
/// Dockerfile is skipped without being opened.
struct FileWalker {
    let excludes: PathGlobs

    init(excludes: [String]) {
        self.excludes = PathGlobs(excludes)
    }
    static let skippedFolders: Set<String> = [".git", "node_modules", "vendor"]

    struct Found: Hashable {
        /// As it will be printed: relative to the current folder when under it.
        let path: String
    }

    /// Names that are not Dockerfiles even when they start like one:
    /// ignore files, documentation, templates and editor leftovers.
    static let notDockerfileSuffixes = [".dockerignore", ".md", ".j2", ".tmpl", ".template", ".orig", ".bak", ".swp", "~"]

    static func isDockerfileName(_ name: String) -> Bool {
        let n = name.lowercased()
        if notDockerfileSuffixes.contains(where: { n.hasSuffix($0) }) { return false }
        return n == "dockerfile" || n.hasPrefix("dockerfile.") || n.hasPrefix("dockerfile-") || n.hasPrefix("dockerfile_")
            || n.hasSuffix(".dockerfile") || n.hasPrefix("containerfile") || n.hasSuffix(".containerfile")
    }

    /// `path` as printed: a matched folder is not entered, and a file is
    /// skipped when its path or a folder in it (the walked one included) matches.
    func excluded(_ path: String, isFolder: Bool) -> Bool {
        isFolder ? excludes.matches(path, isFolder: true) : excludes.matchesFileOrFolderAbove(path)
    }

    /// Every Dockerfile under `root` (a folder), sorted by path.
    func walk(_ root: String) -> [String] {
        var folders: [String] = []
        return walk(root, definitionFolders: &folders)
    }

    /// Every Dockerfile under `root`, and the folders that hold a Compose or
    /// Bake file (`ProjectDefinitions`), both sorted by path.
    func walk(_ root: String, definitionFolders: inout [String]) -> [String] {
        var out: [String] = []
        var projects: Set<String> = []
        let base = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        let rootReal = TreeLinks.realPath(base)
        var stack: [(String, String)] = [(base, "")]
        while let (dir, rel) = stack.popLast() {
            guard let d = opendir(dir) else { continue }
            var names: [String] = []
            while let e = readdir(d) {
                let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(d)
            for name in names.sorted() {
                let path = dir == "." ? name : dir + "/" + name
                let relative = rel.isEmpty ? name : rel + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                let type = st.st_mode & S_IFMT
                if type == S_IFDIR {
                    if Self.skippedFolders.contains(name) || excluded(path, isFolder: true) { continue }
                    stack.append((path, relative))
                } else if ProjectDefinitions.isDefinitionName(name), !excluded(path, isFolder: false), type == S_IFREG || type == S_IFLNK {
                    projects.insert(dir)
                } else if Self.isDockerfileName(name), !excluded(path, isFolder: false) {
                    if type == S_IFLNK {
                        // Followed only to a regular file inside the walked tree, and named by that file.
                        guard let rootReal, let target = TreeLinks.realPath(path),
                              let named = TreeLinks.name(target, under: base, rootReal: rootReal),
                              stat(target, &st) == 0, FileKind.isRegular(st.st_mode) else { continue }
                        if excludes.matchesFileOrFolderAbove(named) { continue }
                        out.append(named)
                    } else if type == S_IFREG {
                        out.append(path)
                    }
                }
            }
        }
        definitionFolders = projects.sorted()
        return Array(Set(out)).sorted()
    }
}

/// What is at a path: a folder, something else, or nothing.
enum PathKind {
    case folder, file, missing

    init(_ path: String) {
        var st = stat()
        if stat(path, &st) != 0 { self = .missing } else { self = (st.st_mode & S_IFMT) == S_IFDIR ? .folder : .file }
    }
}
