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
    /// (Standard input is read up to this; files have `ReadLimits`.)
    static let maxFileSize = Int(Int32.max)

    /// A Dockerfile, read as `readRegularFile` does (links followed, at most
    /// `ReadLimits.dockerfile`).
    public static func read(path: String) throws(Failure) -> [UInt8] {
        try readRegularFile(path, limit: ReadLimits.dockerfile, what: "a Dockerfile", followLinks: true).bytes
    }

    public static func readAll(fileDescriptor fd: Int32, sizeHint: Int = 0) throws(Failure) -> [UInt8] {
        try readAll(fileDescriptor: fd, sizeHint: sizeHint, limit: maxFileSize, what: "standard input")
    }

    /// Reads to the end, refusing more than `limit` bytes; the buffer never
    /// grows past `limit + 1`, whatever the file claims or streams.
    static func readAll(fileDescriptor fd: Int32, sizeHint: Int, limit: Int, what: String) throws(Failure) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: min(max(sizeHint, 0), limit) + 1)
        var used = 0
        while true {
            if used == out.count {
                let grown = min(limit + 1, out.count + max(out.count, 1 << 16))
                out.append(contentsOf: repeatElement(0, count: grown - out.count))
            }
            let n = out.withUnsafeMutableBytes { p in Glibc.read(fd, p.baseAddress! + used, p.count - used) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            used += n
            if used > limit { throw Failure(description: "larger than \(ReadLimits.describe(limit)), the limit for \(what)") }
        }
        out.removeSubrange(used...)
        return out
    }
}
