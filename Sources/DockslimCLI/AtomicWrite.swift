#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents atomically: a temporary file in the same
/// folder (`TemporaryFiles`), the original's owner and mode bits, `fsync`,
/// then `rename` over the original. On any failure the temporary file is
/// removed and the original is left exactly as it was.
enum AtomicWrite {
    /// Called between the read and the rename, for tests that change the
    /// file there; `nil` otherwise.
    nonisolated(unsafe) static var beforeRename: ((String) -> Void)?

    /// Replaces the regular file at `path`, which must still be what was read
    /// (`identity`), and, unless `force`, be the user's own and writable.
    /// `path` is never a link here: links are resolved within the tree first.
    static func replace(_ path: String, with bytes: [UInt8], readAs identity: FileIdentity?, force: Bool = false) throws(FileAccess.Failure) {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw FileAccess.Failure(description: String(cString: strerror(errno))) }
        guard FileKind.isRegular(st.st_mode) else {
            if identity != nil { throw WriteGuard.changed }
            throw FileAccess.Failure(description: "not a regular file (it is \(FileKind.name(st.st_mode)))")
        }
        if let identity, FileIdentity(st) != identity { throw WriteGuard.changed }
        if !force { try WriteGuard.requireOwnWritable(st) }
        try write(path, bytes, like: st, unchangedSince: identity ?? FileIdentity(st))
    }

    /// Writes a new file (mode 0644 less the umask), or replaces an existing
    /// one, keeping its mode and owner. A link is followed to a target inside
    /// its folder, and refused when it leads out of it (`TreeLinks`).
    static func create(_ path: String, with bytes: [UInt8]) throws(FileAccess.Failure) {
        let target = try TreeLinks.resolveExplicit(path).get()
        var st = stat()
        if lstat(target, &st) == 0 {
            guard FileKind.isRegular(st.st_mode) else {
                throw FileAccess.Failure(description: "not a regular file (it is \(FileKind.name(st.st_mode)))")
            }
            try write(target, bytes, like: st, unchangedSince: FileIdentity(st))
        } else {
            let mask = umask(0o022)
            umask(mask)
            st.st_mode = 0o644 & ~mask
            st.st_uid = geteuid()
            st.st_gid = getegid()
            try write(target, bytes, like: st, unchangedSince: nil)
        }
    }

    private static func write(_ path: String, _ bytes: [UInt8], like st: stat, unchangedSince identity: FileIdentity?) throws(FileAccess.Failure) {
        let temp = try TemporaryFiles.create(beside: path)
        let fd = temp.fileDescriptor
        var renamed = false
        var open = true
        defer {
            if open { close(fd) }
            if !renamed { unlink(temp.path) }
            TemporaryFiles.release(temp)
        }
        func failure(_ what: String = "") -> FileAccess.Failure {
            FileAccess.Failure(description: what + String(cString: strerror(errno)))
        }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            off += n
        }
        // Owner first: chown clears the set-user-ID and set-group-ID bits.
        if st.st_uid != geteuid() || st.st_gid != getegid() {
            guard fchown(fd, st.st_uid, st.st_gid) == 0 else { throw failure("cannot keep its owner (uid \(st.st_uid), gid \(st.st_gid)): ") }
        }
        guard fchmod(fd, st.st_mode & 0o7777) == 0, fsync(fd) == 0 else { throw failure() }
        close(fd)
        open = false
        beforeRename?(path)
        if let identity { try WriteGuard.requireUnchanged(path, since: identity) }
        guard rename(temp.path, path) == 0 else { throw failure() }
        renamed = true
    }
}
