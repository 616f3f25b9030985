#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileAccess {
    /// The one way dockslim reads a file from the repository (Dockerfiles,
    /// project files, recipes): only a regular file, never blocking, never
    /// more than `limit` bytes.
    ///
    /// A FIFO, socket or device is refused from `lstat`/`stat` before it is
    /// opened (opening a FIFO waits for a writer; reading `/dev/zero` never
    /// ends). The open itself is non-blocking, and the descriptor is checked
    /// again with `fstat`, in case the file was swapped in between. With
    /// `followLinks` false a symbolic link is refused (`O_NOFOLLOW`): callers
    /// resolve links first, within the tree they work on (`TreeLinks`).
    /// Returns the bytes and the file's identity when it was opened.
    static func readRegularFile(_ path: String, limit: Int, what: String,
                                followLinks: Bool) throws(Failure) -> (bytes: [UInt8], identity: FileIdentity) {
        var st = stat()
        guard (followLinks ? stat(path, &st) : lstat(path, &st)) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        if st.st_mode & S_IFMT == S_IFLNK { throw Failure(description: "a symbolic link, which is not followed here") }
        try requireReadable(st, limit: limit, what: what)
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followLinks ? 0 : O_NOFOLLOW)
        let fd = open(path, flags)
        if fd < 0 {
            if errno == ELOOP && !followLinks { throw Failure(description: "a symbolic link, which is not followed here") }
            throw Failure(description: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        try requireReadable(opened, limit: limit, what: what)
        let bytes = try readAll(fileDescriptor: fd, sizeHint: Int(opened.st_size), limit: limit, what: what)
        return (bytes, FileIdentity(opened))
    }

    private static func requireReadable(_ st: stat, limit: Int, what: String) throws(Failure) {
        guard FileKind.isRegular(st.st_mode) else {
            if st.st_mode & S_IFMT == S_IFDIR { throw Failure(description: "Is a directory") }
            throw Failure(description: "not a regular file (it is \(FileKind.name(st.st_mode))); dockslim reads only regular files")
        }
        if Int(st.st_size) > limit {
            throw Failure(description: "larger than \(ReadLimits.describe(limit)), the limit for \(what)")
        }
    }
}
