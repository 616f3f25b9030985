import Foundation
import XCTest

/// A `--write` run ended by SIGTERM (a CI timeout, `kill`) or SIGINT
/// (Ctrl-C) removes its temporary file before it dies, and dies of the
/// signal. The executable's test seam holds one write just before its
/// rename, so the signal always arrives while a temporary file exists.
final class SignalCleanupTests: XCTestCase {
    func testTerminatedMidWriteLeavesNoTemporaryFile() throws { try interruptAWrite(with: SIGTERM) }

    func testInterruptedMidWriteLeavesNoTemporaryFile() throws { try interruptAWrite(with: SIGINT) }

    private func interruptAWrite(with signo: Int32, file: StaticString = #filePath, line: UInt = #line) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dockslim")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("no dockslim binary beside the tests") }
        let dir = try temporaryFolder(self)
        let body = "FROM alpine\n" + String(repeating: "# padding\n", count: 200) + "CMD ./server --port 8080\n"
        let expected = body.replacingOccurrences(of: "CMD ./server --port 8080", with: "CMD [\"./server\", \"--port\", \"8080\"]")
        let count = 200, writtenFirst = 5
        for i in 0..<count { try write(body, to: dir.appendingPathComponent("f\(i).Dockerfile")) }
        let p = Process()
        p.executableURL = binary
        p.arguments = ["rewrite", "--recipe", "use-exec-form", "--write", "--jobs", "1", "-q", dir.path]
        p.environment = ProcessInfo.processInfo.environment.merging(["DOCKSLIM_TEST_PAUSE_BEFORE_RENAME": "\(writtenFirst)"]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() } }

        // Held: the first files are written and the next one's temporary file
        // exists (it is created only after the previous rename).
        func rewritten() -> Int {
            (0..<count).filter { (try? String(contentsOf: dir.appendingPathComponent("f\($0).Dockerfile"), encoding: .utf8)) == expected }.count
        }
        let deadline = Date(timeIntervalSinceNow: 30)
        while p.isRunning && !(rewritten() == writtenFirst && HostileTree.temporaries(under: dir).count == 1) && Date() < deadline { usleep(2_000) }
        guard p.isRunning else { return XCTFail("the write did not stop before its rename", file: file, line: line) }
        kill(p.processIdentifier, signo)
        let ended = Date(timeIntervalSinceNow: 10)
        while p.isRunning && Date() < ended { usleep(1_000) }
        guard !p.isRunning else { return XCTFail("the run did not end on signal \(signo)", file: file, line: line) }

        XCTAssertEqual(p.terminationReason, .uncaughtSignal, "the signal is raised again after the cleanup", file: file, line: line)
        XCTAssertEqual(p.terminationStatus, signo, file: file, line: line)
        XCTAssertEqual(HostileTree.temporaries(under: dir), [], "no temporary file remains", file: file, line: line)
        var whole = 0, untouched = 0
        for i in 0..<count {
            let text = try String(contentsOf: dir.appendingPathComponent("f\(i).Dockerfile"), encoding: .utf8)
            if text == expected { whole += 1 } else if text == body { untouched += 1 } else { XCTFail("f\(i).Dockerfile is cut short", file: file, line: line) }
        }
        XCTAssertEqual(whole, writtenFirst, file: file, line: line)
        XCTAssertEqual(untouched, count - writtenFirst, file: file, line: line)
    }
}
