#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes. The real one writes to file descriptors;
/// tests capture the bytes.
public final class OutputStream: @unchecked Sendable {
    private let fd: Int32?
    public private(set) var captured: [UInt8] = []
    private var buffer: [UInt8] = []

    /// Writes to a file descriptor, buffered.
    public init(fileDescriptor: Int32) { self.fd = fileDescriptor }
    /// Keeps everything in `captured`.
    public init() { self.fd = nil }

    public func write(_ bytes: [UInt8]) {
        if fd == nil { captured += bytes; return }
        buffer += bytes
        if buffer.count >= 1 << 16 { flush() }
    }

    public func write(_ s: String) { write(Array(s.utf8)) }

    public func flush() {
        guard let fd, !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { p in
            var off = 0
            while off < p.count {
                let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
                off += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public var capturedText: String { String(decoding: captured, as: UTF8.self) }
}

/// Standard input, output and error for one run of the command.
public struct Console: Sendable {
    public let stdout: OutputStream
    public let stderr: OutputStream
    public let readStandardInput: @Sendable () -> [UInt8]
    /// Standard error is a terminal: progress is drawn there, and the
    /// summary line is printed even when nothing happened.
    public let stderrIsTerminal: Bool

    public init(stdout: OutputStream, stderr: OutputStream, stderrIsTerminal: Bool = false,
                readStandardInput: @escaping @Sendable () -> [UInt8]) {
        self.stdout = stdout
        self.stderr = stderr
        self.stderrIsTerminal = stderrIsTerminal
        self.readStandardInput = readStandardInput
    }

    /// The process's own streams.
    public static func process() -> Console {
        Console(stdout: OutputStream(fileDescriptor: 1), stderr: OutputStream(fileDescriptor: 2), stderrIsTerminal: isatty(2) == 1,
                readStandardInput: { (try? FileAccess.readAll(fileDescriptor: 0)) ?? [] })
    }

    /// Captures output; standard input is `input`. `stderrIsTerminal`
    /// lets a test see what a terminal would get (progress lines).
    public static func capturing(input: [UInt8] = [], stderrIsTerminal: Bool = false) -> Console {
        Console(stdout: OutputStream(), stderr: OutputStream(), stderrIsTerminal: stderrIsTerminal, readStandardInput: { input })
    }
}

/// Whether to colour output.
enum Terminal {
    /// `always`; or `auto` when `fd` is a terminal and `NO_COLOR` is unset or empty.
    static func wantsColor(_ choice: String?, env: [String: String], fd: Int32) -> Bool {
        let c = choice ?? "auto"
        return c == "always" || (c == "auto" && isatty(fd) == 1 && env["NO_COLOR"].map(\.isEmpty) != false)
    }
}
