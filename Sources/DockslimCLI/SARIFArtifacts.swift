import DockslimReport

/// Where SARIF says each file is. GitHub code scanning reads a relative URI
/// as relative to the repository it annotates, so the root is the nearest
/// folder above the file holding `.git` (a folder, or the file a worktree or
/// submodule has), else the current folder. A file outside both — an
/// absolute path elsewhere — gets an absolute `file://` URI, never a path
/// that `%SRCROOT%` would make mean another file.
struct SARIFArtifacts {
    /// The current folder's real path.
    let currentFolder: String?
    private var roots = RepositoryRoots()

    init() { currentFolder = TreeLinks.realPath(".") }

    /// The location for a path as printed (relative to the current folder, or absolute).
    mutating func artifact(_ printed: String) -> SARIFLog.Artifact {
        let name = printed.split(separator: "/").last.map(String.init) ?? printed
        guard let folder = TreeLinks.realPath(InputFiles.folderOf(printed)) else {
            return printed.hasPrefix("/") ? .absolute(printed) : .underSourceRoot(printed)
        }
        let file = folder == "/" ? "/" + name : folder + "/" + name
        if let root = roots.repositoryTop(of: folder), let relative = RepositoryRoots.relative(file, to: root) { return .underSourceRoot(relative) }
        if let cwd = currentFolder, let relative = RepositoryRoots.relative(file, to: cwd) { return .underSourceRoot(relative) }
        return .absolute(file)
    }
}
