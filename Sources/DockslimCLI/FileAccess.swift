#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading files with POSIX calls: fast, and with the system's own error
/// text. DockslimCLI is the only module that touches the file system.
public enum FileAccess {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Files larger than this are refused: offsets in the tree are 32-bit.
    static let maxFileSize = Int(Int32.max)

    public static func read(path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(description: "Is a directory")
        }
        return try readAll(fileDescriptor: fd, sizeHint: Int(st.st_size))
    }

    public static func readAll(fileDescriptor fd: Int32, sizeHint: Int = 0) throws(Failure) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(sizeHint, 0) + 1)
        var used = 0
        while true {
            if used == out.count { out.append(contentsOf: repeatElement(0, count: max(out.count, 1 << 16))) }
            let n = out.withUnsafeMutableBytes { p in Glibc.read(fd, p.baseAddress! + used, p.count - used) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            used += n
            if used > maxFileSize { throw Failure(description: "File too large (over 2 GiB)") }
        }
        out.removeSubrange(used...)
        return out
    }
}
