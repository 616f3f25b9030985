#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents atomically: a temporary file in the same
/// folder, the original's mode bits, `fsync`, then `rename` over the
/// original. On any failure the temporary file is removed and the original
/// is left exactly as it was.
enum AtomicWrite {
    static func replace(_ path: String, with bytes: [UInt8]) throws(FileAccess.Failure) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw FileAccess.Failure(description: String(cString: strerror(errno))) }
        try write(path, bytes, like: st)
    }

    /// Writes a new file (mode 0644 less the umask), or replaces an existing one as `replace` does.
    static func create(_ path: String, with bytes: [UInt8]) throws(FileAccess.Failure) {
        var st = stat()
        if stat(path, &st) == 0 {
            try write(path, bytes, like: st)
        } else {
            let mask = umask(0o022)
            umask(mask)
            st.st_mode = 0o644 & ~mask
            st.st_uid = getuid()
            st.st_gid = getgid()
            try write(path, bytes, like: st)
        }
    }

    private static func write(_ path: String, _ bytes: [UInt8], like st: stat) throws(FileAccess.Failure) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(folder.isEmpty ? "/" : folder)/.\(name).dockslim-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileAccess.Failure(description: "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                close(fd)
                throw FileAccess.Failure(description: why)
            }
            off += n
        }
        guard fchmod(fd, st.st_mode & 0o7777) == 0, fsync(fd) == 0 else {
            let why = String(cString: strerror(errno))
            close(fd)
            throw FileAccess.Failure(description: why)
        }
        _ = fchown(fd, st.st_uid, st.st_gid)  // best effort: keeps ownership when allowed
        close(fd)
        guard rename(temp, path) == 0 else { throw FileAccess.Failure(description: String(cString: strerror(errno))) }
        ok = true
    }
}
