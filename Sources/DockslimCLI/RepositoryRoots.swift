#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each file's patch applies. A codemod engine (multi-gitter,
/// Batch Changes, a CI job) runs `git apply` or `patch -p1` at the top of
/// each repository, so a file inside a repository (the nearest folder above
/// it holding `.git`, a folder or a worktree's file) is named relative to
/// that repository's top, and its repository is what shards and per-repository
/// patch files are made of. A file in no repository keeps today's name when
/// it is under the current folder; otherwise (an absolute path, `../x`) it is
/// named relative to the folder argument it was found under, never
/// `a//tmp/...`.
struct RepositoryRoots {
    struct Root: Hashable, Sendable {
        /// The root's real path.
        let real: String
        /// The root as the user would write it: relative to the current
        /// folder (`.`, `repos/api`, `..`) or absolute when outside it.
        let display: String
        /// A folder holding `.git`, rather than the current folder or an argument.
        let isRepository: Bool
        /// A stable name for shards and `--patch-dir` files: the root's path
        /// under the argument it was found through, or its folder's name.
        let name: String
    }

    struct Placement: Sendable {
        let root: Root
        /// The file's path from the root, as the patch names it.
        let path: String
    }

    private let currentReal: String
    /// Real folder → real path of its repository's top (or `nil`: none).
    private var repositoryOf: [String: String?] = [:]

    init() {
        currentReal = TreeLinks.realPath(".") ?? "."
    }

    /// The placement of `path` (as printed), found through `argument` (the
    /// folder argument it was walked from, or its own folder).
    mutating func place(_ path: String, argument: String) -> Placement? {
        guard path != "-", let fileReal = TreeLinks.realPath(path) else { return nil }
        let folderReal = InputFiles.folderOf(fileReal)
        let argumentReal = TreeLinks.realPath(argument) ?? folderReal
        return place(path, fileReal: fileReal, folderReal: folderReal, argumentReal: argumentReal)
    }

    /// The repository that holds the folder `folder` (itself, when it holds
    /// `.git`), named as `place` names it; `nil` outside any repository.
    mutating func repository(ofFolder folder: String, argument: String) -> Root? {
        guard let real = TreeLinks.realPath(folder), let top = repositoryTop(of: real) else { return nil }
        return Root(real: top, display: display(top), isRepository: true, name: name(top, argumentReal: TreeLinks.realPath(argument) ?? real))
    }

    private mutating func place(_ path: String, fileReal: String, folderReal: String, argumentReal: String) -> Placement {
        if let top = repositoryTop(of: folderReal) {
            let root = Root(real: top, display: display(top), isRepository: true, name: name(top, argumentReal: argumentReal))
            return Placement(root: root, path: Self.relative(fileReal, to: top) ?? path)
        }
        if !path.hasPrefix("/") && !path.hasPrefix("../") && path != ".." {
            let root = Root(real: currentReal, display: ".", isRepository: false, name: Self.baseName(currentReal))
            return Placement(root: root, path: path)
        }
        let top = Self.relative(fileReal, to: argumentReal) != nil ? argumentReal : folderReal
        let root = Root(real: top, display: display(top), isRepository: false, name: Self.baseName(top))
        return Placement(root: root, path: Self.relative(fileReal, to: top) ?? path)
    }

    /// The nearest folder at or above `folderReal` (a real path) that holds
    /// `.git` (a folder, or the file a worktree or submodule has).
    mutating func repositoryTop(of folderReal: String) -> String? {
        if let known = repositoryOf[folderReal] { return known }
        var st = stat()
        let top: String?
        if lstat(folderReal == "/" ? "/.git" : folderReal + "/.git", &st) == 0 {
            top = folderReal
        } else if folderReal == "/" || !folderReal.hasPrefix("/") {
            top = nil
        } else {
            top = repositoryTop(of: InputFiles.folderOf(folderReal))
        }
        repositoryOf[folderReal] = top
        return top
    }

    private func display(_ real: String) -> String {
        if real == currentReal { return "." }
        if let under = Self.relative(real, to: currentReal) { return under }
        if Self.relative(currentReal, to: real) != nil {
            // Above the current folder: `..`, `../..`.
            let depth = currentReal.dropFirst(real == "/" ? 0 : real.count).split(separator: "/").count
            return Array(repeating: "..", count: depth).joined(separator: "/")
        }
        return real
    }

    private func name(_ top: String, argumentReal: String) -> String {
        Self.relative(top, to: argumentReal) ?? Self.baseName(top)
    }

    /// `path` under `folder` (both real paths), or `nil` when it is not below it.
    static func relative(_ path: String, to folder: String) -> String? {
        let prefix = folder == "/" ? "/" : folder + "/"
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    static func baseName(_ real: String) -> String {
        let last = real.split(separator: "/").last.map(String.init) ?? ""
        return last.isEmpty ? "root" : last
    }
}
