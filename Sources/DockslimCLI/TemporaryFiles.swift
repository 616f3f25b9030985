#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files `--write` renames over the files it replaces:
/// `.<name>.dockslim-XXXXXX` in the same folder (a rename stays on one file
/// system). Each is registered with `InterruptCleanup` before it exists, so
/// a signal never leaves one behind, and a later write removes the ones a
/// SIGKILL or a crash left (`removeStale`).
enum TemporaryFiles {
    struct Created {
        let fileDescriptor: Int32
        let path: String
        fileprivate let slot: Int
    }

    /// Creates an empty temporary file beside `path`, mode 0600, registered for removal on a signal.
    static func create(beside path: String) throws(FileAccess.Failure) -> Created {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let prefix = "\(folder.isEmpty ? "" : folder)/.\(name)\(marker)"
        for _ in 0..<100 {
            let temp = prefix + randomSuffix()
            // Registered first: a signal between the two removes nothing, or the new file.
            guard let slot = InterruptCleanup.register(temp) else {
                throw FileAccess.Failure(description: "cannot create a temporary file: the path is too long")
            }
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if fd >= 0 { return Created(fileDescriptor: fd, path: temp, slot: slot) }
            let error = errno
            InterruptCleanup.release(slot)
            if error != EEXIST {
                throw FileAccess.Failure(description: "cannot create a temporary file: \(String(cString: strerror(error)))")
            }
        }
        throw FileAccess.Failure(description: "cannot create a temporary file: every name tried exists")
    }

    /// The temporary file is gone (renamed into place or removed).
    static func release(_ file: Created) { InterruptCleanup.release(file.slot) }

    static let marker = ".dockslim-"
    private static let suffixLength = 6
    private static let suffixCharacters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    private static func randomSuffix() -> String {
        var rng = SystemRandomNumberGenerator()
        return String(decoding: (0..<suffixLength).map { _ in suffixCharacters.randomElement(using: &rng)! }, as: UTF8.self)
    }

    /// Whether `name` is one of ours: `.<name>.dockslim-XXXXXX`.
    static func isTemporaryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8), mark = Array(marker.utf8)
        let suffixStart = bytes.count - suffixLength, markStart = suffixStart - mark.count
        guard markStart >= 2, bytes[0] == UInt8(ascii: "."), Array(bytes[markStart..<suffixStart]) == mark else { return false }
        return bytes[suffixStart...].allSatisfy { suffixCharacters.contains($0) }
    }

    /// Removes temporary files of ours that a killed run left in `folder`:
    /// regular files named as ours, owned by this user, untouched for a
    /// minute (a running dockslim finishes a file much sooner).
    static func removeStale(inFolder folder: String, olderThan seconds: Int = 60) {
        guard let d = opendir(folder) else { return }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if isTemporaryName(name) { names.append(name) }
        }
        closedir(d)
        let now = time(nil)
        for name in names {
            let path = folder == "/" ? "/" + name : folder + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0, FileKind.isRegular(st.st_mode), st.st_uid == geteuid(),
                  Int(now) - Int(FileIdentity(st).modifiedSeconds) > seconds else { continue }
            unlink(path)
        }
    }
}
