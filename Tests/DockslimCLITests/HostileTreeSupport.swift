import DockslimCLI
import Foundation
import XCTest

/// Runs the command line as `Run` does, on a thread of its own, and fails
/// the test if it has not finished within `seconds`: a regression that
/// blocks (a FIFO opened for reading) fails one test instead of hanging the
/// suite. After a timeout, FIFOs under `unblocking` are opened for writing
/// once, which releases a reader stuck in `open`.
func runWithin(_ args: [String], seconds: Double = 60, unblocking folder: URL? = nil,
               file: StaticString = #filePath, line: UInt = #line) -> Run? {
    final class Box: @unchecked Sendable { var run: Run? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.run = Run(args)
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    guard done.wait(timeout: .now() + seconds) == .success else {
        XCTFail("dockslim \(args.joined(separator: " ")) did not finish within \(Int(seconds)) s", file: file, line: line)
        if let folder { HostileTree.releaseFIFOReaders(under: folder) }
        return nil
    }
    return box.run
}

/// Builds hostile trees in a temporary folder: FIFOs, links, modes, owners.
enum HostileTree {
    static func fifo(_ url: URL) throws {
        guard mkfifo(url.path, 0o644) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    static func link(_ url: URL, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// A listening Unix socket at `url` (closed again: the file stays).
    static func socketFile(_ url: URL) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(url.path.utf8CString)
        guard path.count <= MemoryLayout.size(ofValue: address.sun_path) else { throw XCTSkip("temporary path too long for a socket") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in path.withUnsafeBytes { raw.copyMemory(from: $0) } }
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard ok == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Opens every FIFO under `folder` for writing, once, without blocking.
    static func releaseFIFOReaders(under folder: URL) {
        guard let e = FileManager.default.enumerator(atPath: folder.path) else { return }
        for case let relative as String in e {
            let path = folder.path + "/" + relative
            var st = stat()
            if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFIFO {
                let fd = open(path, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
        }
    }

    /// What a file is: bytes, mode, owner, and whether it is a link.
    struct Snapshot: Equatable {
        let bytes: [UInt8]?
        let mode: mode_t
        let uid: uid_t
        let gid: gid_t
        let isLink: Bool
        let linkTarget: String?

        init(_ url: URL) {
            var st = stat()
            lstat(url.path, &st)
            isLink = st.st_mode & S_IFMT == S_IFLNK
            linkTarget = isLink ? try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) : nil
            var target = stat()
            stat(url.path, &target)
            mode = target.st_mode
            uid = target.st_uid
            gid = target.st_gid
            bytes = (try? Data(contentsOf: url)).map { Array($0) }
        }

        var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Every `.…dockslim-XXXXXX` file under `folder`.
    static func temporaries(under folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
            .filter { $0.split(separator: "/").last.map { $0.hasPrefix(".") && $0.contains(".dockslim-") } ?? false }
    }
}

/// Fails when `bytes` hold a control character a terminal would act on: C0
/// other than tab and newline (and a CR ending a CRLF line), DEL, or C1
/// (U+0080–U+009F as UTF-8).
func assertNoRawControlBytes(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    for (i, b) in bytes.enumerated() {
        let c1 = b == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1])
        let crlf = b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A
        if (b < 0x20 && b != 0x09 && b != 0x0A && !crlf) || b == 0x7F || c1 {
            let context = String(decoding: bytes[max(0, i - 30)..<min(bytes.count, i + 10)], as: UTF8.self)
            XCTFail("\(what): raw control byte 0x\(String(b, radix: 16)) at \(i), near \(context.debugDescription)", file: file, line: line)
            return
        }
    }
}

func assertNoRawControlBytes(_ s: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    assertNoRawControlBytes(Array(s.utf8), what, file: file, line: line)
}
