#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the project files of one folder (the build context) for the scan
/// phase, safely: only regular files (a FIFO or device named `package.json`
/// is never opened), at most `ReadLimits.projectFile` each and
/// `ReadLimits.projectFolder` in all, and through a symbolic link only when
/// its target stays inside the folder (`TreeLinks`).
///
/// A file it does not read is treated as a file over the size limit always
/// was: its name is listed, its contents are absent, and passes that need
/// them do nothing. For a link out of the folder that is also what Docker
/// does: it copies the link, not the target, so the build never sees the
/// target's contents either. Nothing is printed: the scan is best effort.
struct ProjectFileReader {
    let folder: String
    private let folderReal: String?
    private(set) var remaining = ReadLimits.projectFolder

    init(folder: String) {
        self.folder = folder
        folderReal = TreeLinks.realPath(folder)
    }

    /// The contents of `path` (a file in the folder, as listed), or `nil`.
    mutating func contents(of path: String) -> [UInt8]? {
        guard remaining > 0, let readable = resolved(path) else { return nil }
        guard let (bytes, _) = try? FileAccess.readRegularFile(readable, limit: min(ReadLimits.projectFile, remaining),
                                                              what: "a project file", followLinks: false) else { return nil }
        remaining -= bytes.count
        return bytes
    }

    /// The path itself, or for a link its target inside the folder.
    private func resolved(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        guard st.st_mode & S_IFMT == S_IFLNK else { return path }
        guard let folderReal, let target = TreeLinks.realPath(path) else { return nil }
        return TreeLinks.name(target, under: folder, rootReal: folderReal)
    }
}
