#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `--write` checks before it replaces a file. A rename goes around
/// the file's own mode and owner, so both are checked here: a read-only
/// file, or one that belongs to another user, is someone's decision that
/// dockslim does not overrule without `--force`. And the file must still be
/// what was read, or an edit saved meanwhile would be lost.
enum WriteGuard {
    /// Refuses a read-only file and one owned by another user.
    static func requireOwnWritable(_ st: stat) throws(FileAccess.Failure) {
        if st.st_uid != geteuid() {
            throw FileAccess.Failure(description: "it belongs to another user (uid \(st.st_uid)); --force rewrites it anyway, keeping its owner")
        }
        if st.st_mode & S_IWUSR == 0 {
            throw FileAccess.Failure(description: "it is read-only (mode \(octal(st.st_mode & 0o7777))); --force rewrites it anyway, keeping its mode")
        }
    }

    /// Refuses a file that is no longer the one read: another inode (saved
    /// by rename), another size, or another modification time.
    static func requireUnchanged(_ path: String, since identity: FileIdentity) throws(FileAccess.Failure) {
        var st = stat()
        guard lstat(path, &st) == 0, FileKind.isRegular(st.st_mode), FileIdentity(st) == identity else {
            throw changed
        }
    }

    static let changed = FileAccess.Failure(description: "it changed while dockslim ran, so it is left as it was; run dockslim again")

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
