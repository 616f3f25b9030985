@testable import DockslimCLI
import Foundation
import XCTest

/// FIFOs, sockets and devices in a repository: never opened, never read
/// without end; a named one is an `Error:`, a walked or scanned one is skipped.
final class SpecialFileTests: XCTestCase {
    let goFile = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build -o /app .\nCMD /app\n"

    func testAFIFOGivenAsTheDockerfileIsAnErrorForEveryCommand() throws {
        let dir = try temporaryFolder(self)
        let fifo = dir.appendingPathComponent("Dockerfile")
        try HostileTree.fifo(fifo)
        let commands: [(args: [String], error: String)] = [
            (["parse"], "Error: cannot read '\(fifo.path)': "),
            (["rewrite", "--recipe", "use-exec-form"], "Error: \(fifo.path): "),
            (["rewrite", "--recipe", "use-exec-form", "-w"], "Error: \(fifo.path): "),
            (["audit"], "Error: \(fifo.path): "),
            (["graph"], "Error: \(fifo.path): "),
        ]
        for c in commands {
            guard let run = runWithin(c.args + [fifo.path], unblocking: dir) else { continue }
            XCTAssertEqual(run.code, 1, "\(c.args)")
            XCTAssertTrue(run.stderr.contains(c.error + "not a regular file (it is a FIFO); dockslim reads only regular files\n"), "\(c.args): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(c.args)")
        }
        var st = stat()
        XCTAssertEqual(lstat(fifo.path, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO, "the FIFO is left alone")
    }

    func testDevicesAndSocketsGivenByNameAreErrors() throws {
        let dir = try temporaryFolder(self)
        let socket = dir.appendingPathComponent("app.Dockerfile")
        try HostileTree.socketFile(socket)
        let cases = [("/dev/zero", "a character device"), ("/dev/urandom", "a character device"), (socket.path, "a socket")]
        for (path, kind) in cases {
            for args in [["parse", path], ["audit", path], ["graph", path], ["rewrite", "--recipe", "use-exec-form", path]] {
                guard let run = runWithin(args, seconds: 5) else { continue }
                XCTAssertEqual(run.code, 1, "\(args)")
                XCTAssertTrue(run.stderr.contains("not a regular file (it is \(kind)); dockslim reads only regular files\n"), "\(args): \(run.stderr)")
            }
        }
    }

    /// FIFOs named like the project files the scan phase reads, beside a
    /// Dockerfile given explicitly or found by a walk: nothing blocks.
    func testFIFOsNamedAsProjectFilesAreNotOpened() throws {
        let dir = try temporaryFolder(self)
        let dockerfile = dir.appendingPathComponent("Dockerfile")
        try write(goFile, to: dockerfile)
        for name in ["package.json", "go.mod", ".dockerignore", "requirements.txt", "Cargo.toml"] {
            try HostileTree.fifo(dir.appendingPathComponent(name))
        }
        let commands: [([String], Int32)] = [
            (["rewrite", "--recipe", "hoist-manifests", dir.path], 0),
            (["rewrite", "--recipe", "hoist-manifests", dockerfile.path], 0),
            (["audit", "--fail-on", "never", dir.path], 0),
            (["audit", "--fail-on", "never", dockerfile.path], 0),
            (["graph", dockerfile.path], 0),
            (["parse", dockerfile.path], 0),
            (["rewrite", "--recipe", "go-distroless", "-w", dockerfile.path], 0),
        ]
        for (args, code) in commands {
            guard let run = runWithin(args, unblocking: dir) else { continue }
            XCTAssertEqual(run.code, code, "\(args): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("Error:"), "\(args): \(run.stderr)")
            if args[0] != "rewrite" { XCTAssertFalse(run.stdout.isEmpty, "\(args) printed its output") }
        }
    }

    /// Links to endless devices named as manifests: the probe's 2.6 GB. The
    /// scan lists them and reads nothing through them.
    func testLinksToDevicesNamedAsManifestsAreNotRead() throws {
        let dir = try temporaryFolder(self)
        let dockerfile = dir.appendingPathComponent("Dockerfile")
        try write(goFile, to: dockerfile)
        let devices = ["package.json": "/dev/zero", "go.mod": "/dev/urandom", ".dockerignore": "/dev/zero",
                       "requirements.txt": "/dev/urandom", "pyproject.toml": "/dev/zero", "Cargo.toml": "/dev/urandom"]
        for (name, device) in devices { try HostileTree.link(dir.appendingPathComponent(name), to: device) }
        let facts = ProjectScanner.facts(forFolder: dir.path)
        for name in devices.keys {
            XCTAssertTrue(facts.has(name), "\(name) is listed")
            XCTAssertNil(facts.contents[name], "\(name) is not read")
        }
        // runWithin fails a command that hangs (reading a link to /dev/zero would never end).
        for args in [["rewrite", "--recipe", "hoist-manifests", dir.path], ["rewrite", "--recipe", "hoist-manifests", "-w", dockerfile.path],
                     ["audit", "--fail-on", "never", dir.path], ["graph", dockerfile.path], ["parse", dockerfile.path]] {
            guard let run = runWithin(args) else { continue }
            XCTAssertEqual(run.code, 0, "\(args): \(run.stderr)")
        }
    }

    /// A walk never opens a special file: a FIFO, a socket, and links to a
    /// device or to an in-tree FIFO, all named like Dockerfiles, are skipped.
    func testAWalkSkipsSpecialFilesNamedLikeDockerfiles() throws {
        let dir = try temporaryFolder(self)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try write("FROM alpine\nCMD ./run\n", to: dir.appendingPathComponent("sub/Dockerfile"))
        try HostileTree.fifo(dir.appendingPathComponent("Dockerfile"))
        try HostileTree.socketFile(dir.appendingPathComponent("a.Dockerfile"))
        try HostileTree.link(dir.appendingPathComponent("b.Dockerfile"), to: "/dev/zero")
        try HostileTree.link(dir.appendingPathComponent("c.Dockerfile"), to: dir.appendingPathComponent("Dockerfile").path)
        XCTAssertEqual(FileWalker(excludes: []).walk(dir.path), [dir.path + "/sub/Dockerfile"])
        for args in [["rewrite", "--recipe", "use-exec-form", "-w", dir.path], ["audit", "--fail-on", "never", dir.path]] {
            guard let run = runWithin(args, unblocking: dir) else { continue }
            XCTAssertEqual(run.code, 0, "\(args): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("Error:"), "\(args): \(run.stderr)")
        }
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("sub/Dockerfile"), encoding: .utf8), "FROM alpine\nCMD [\"./run\"]\n")
    }

    func testADockerfileOverTheLimitIsRefusedWithoutBeingRead() throws {
        let dir = try temporaryFolder(self)
        let big = dir.appendingPathComponent("Dockerfile")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(ReadLimits.dockerfile + 1))  // sparse: nothing is really written
        try handle.close()
        for args in [["parse", big.path], ["audit", big.path], ["graph", big.path], ["rewrite", "--recipe", "use-exec-form", dir.path]] {
            guard let run = runWithin(args) else { continue }
            XCTAssertEqual(run.code, 1, "\(args)")
            XCTAssertTrue(run.stderr.contains("larger than 16 MiB, the limit for a Dockerfile\n"), "\(args): \(run.stderr)")
        }
    }

    /// Each project file is read up to 1 MiB, and a context up to 16 MiB in
    /// all, in path order; what is not read is still listed, and the
    /// context is marked incomplete.
    func testTheScanPhaseReadsWithinItsLimits() throws {
        let dir = try temporaryFolder(self)
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        for i in 0..<20 { try chunk.write(to: dir.appendingPathComponent("requirements-\(String(format: "%02d", i)).txt")) }
        try Data(repeating: UInt8(ascii: "b"), count: ReadLimits.projectFile + 1).write(to: dir.appendingPathComponent("package.json"))
        let facts = ProjectScanner.facts(forFolder: dir.path)
        XCTAssertNil(facts.contents["package.json"], "over 1 MiB")
        XCTAssertTrue(facts.has("package.json"))
        XCTAssertEqual(facts.contents.keys.sorted(), (0..<16).map { "requirements-\(String(format: "%02d", $0)).txt" }, "16 MiB in path order")
        XCTAssertTrue(facts.has("requirements-19.txt"))
        XCTAssertFalse(facts.complete)
    }

    /// The whole context is listed, shallow folders first, and its sources
    /// are read at any depth; installed dependencies are listed, not entered.
    func testTheScanPhaseReadsTheWholeContext() throws {
        let dir = try temporaryFolder(self)
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("cmd/server/internal"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("node_modules/x"), withIntermediateDirectories: true)
        try Data("package main\n".utf8).write(to: dir.appendingPathComponent("cmd/server/internal/main.go"))
        try Data("module x\n".utf8).write(to: dir.appendingPathComponent("go.mod"))
        try Data("{}".utf8).write(to: dir.appendingPathComponent("node_modules/x/package.json"))
        let facts = ProjectScanner.facts(forFolder: dir.path)
        XCTAssertEqual(facts.text("cmd/server/internal/main.go"), "package main\n")
        XCTAssertEqual(facts.text("go.mod"), "module x\n")
        XCTAssertTrue(facts.has("node_modules/"))
        XCTAssertFalse(facts.has("node_modules/x/package.json"))
        XCTAssertTrue(facts.complete)
    }

    /// The one reader: regular files only, capped, links only when asked.
    func testTheRegularFileReaderRefusesWhatItMust() throws {
        let dir = try temporaryFolder(self)
        let file = dir.appendingPathComponent("f")
        try write("0123456789", to: file)
        XCTAssertEqual(try FileAccess.readRegularFile(file.path, limit: 10, what: "x", followLinks: false).bytes.count, 10)
        XCTAssertThrowsError(try FileAccess.readRegularFile(file.path, limit: 9, what: "a thing", followLinks: false)) {
            XCTAssertEqual("\($0)", "larger than 9 bytes, the limit for a thing")
        }
        try HostileTree.link(dir.appendingPathComponent("l"), to: file.path)
        XCTAssertThrowsError(try FileAccess.readRegularFile(dir.appendingPathComponent("l").path, limit: 10, what: "x", followLinks: false)) {
            XCTAssertEqual("\($0)", "a symbolic link, which is not followed here")
        }
        XCTAssertEqual(try FileAccess.readRegularFile(dir.appendingPathComponent("l").path, limit: 10, what: "x", followLinks: true).bytes.count, 10)
        XCTAssertThrowsError(try FileAccess.readRegularFile("/dev/zero", limit: 10, what: "x", followLinks: true)) {
            XCTAssertEqual("\($0)", "not a regular file (it is a character device); dockslim reads only regular files")
        }
    }
}
