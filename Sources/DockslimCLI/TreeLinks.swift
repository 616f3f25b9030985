#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Symbolic links in the tree dockslim works on (the folder given, or an
/// explicit file's folder, which is its build context) are followed only
/// when their target stays inside that tree. Docker copies a link into the
/// image as a link, so a target outside the context is not part of the
/// build either, and following it would read (and with `--write`, replace)
/// a file the user never pointed at.
///
/// A file reached through a link is named by its target's path under the
/// tree, as given: the link and its target are then one file (read once,
/// patched once, written once), the patch names the file git tracks, and a
/// write replaces the target and leaves the link a link.
enum TreeLinks {
    /// For a file or folder given on the command line: the path itself, or
    /// for a link the target's path under the link's folder; a failure when
    /// the link leads out of that folder or to nothing. (A shell glob over an
    /// untrusted repository passes its links as arguments: a link to `~`
    /// must not be walked and written.) Trailing slashes do not hide a link.
    static func resolveExplicit(_ given: String) -> Result<String, FileAccess.Failure> {
        var path = given
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return .success(given) }
        let folder = InputFiles.folderOf(path)
        guard let folderReal = realPath(folder), let target = realPath(path) else {
            return .failure(FileAccess.Failure(description: "a symbolic link to nothing (\(String(cString: strerror(errno))))"))
        }
        guard let named = name(target, under: folder, rootReal: folderReal) else {
            return .failure(FileAccess.Failure(description:
                "a symbolic link to \(target), outside its folder; links are followed only within the folder, so it is not read"))
        }
        return .success(named)
    }

    /// `target` (a real path) named under `root` as given, when it is inside
    /// `rootReal` (the real path of `root`); `nil` when it is outside.
    static func name(_ target: String, under root: String, rootReal: String) -> String? {
        let prefix = rootReal == "/" ? "/" : rootReal + "/"
        guard target.hasPrefix(prefix), target.count > prefix.count else { return nil }
        let relative = String(target.dropFirst(prefix.count))
        if root == "." { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
