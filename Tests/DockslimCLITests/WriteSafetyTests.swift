@testable import DockslimCLI
import Foundation
import XCTest

/// What `--write` refuses, and how a refused file is left: bytes, mode and
/// owner as they were, and no temporary file.
final class WriteSafetyTests: XCTestCase {
    let before = "FROM alpine\nCMD ./run\n", after = "FROM alpine\nCMD [\"./run\"]\n"

    override func tearDown() {
        AtomicWrite.beforeRename = nil
        super.tearDown()
    }

    private func project(_ names: [String] = ["Dockerfile"]) throws -> URL {
        let dir = try temporaryFolder(self)
        for n in names { try write(before, to: dir.appendingPathComponent(n)) }
        return dir
    }

    private func rewrite(_ extra: [String], _ paths: [URL]) -> Run? {
        runWithin(["rewrite", "--recipe", "use-exec-form", "-w"] + extra + paths.map(\.path))
    }

    func testAReadOnlyFileIsRefusedUnlessForced() throws {
        let dir = try project()
        let file = dir.appendingPathComponent("Dockerfile")
        XCTAssertEqual(chmod(file.path, 0o444), 0)
        let original = HostileTree.Snapshot(file)
        guard let run = rewrite([], [file]) else { return }
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("Error: \(file.path): cannot write: it is read-only (mode 0444); --force rewrites it anyway, keeping its mode\n"), run.stderr)
        XCTAssertTrue(run.stderr.contains("0 rewritten, 0 unchanged, 0 skipped, 1 failed"), run.stderr)
        XCTAssertEqual(HostileTree.Snapshot(file), original)
        XCTAssertEqual(HostileTree.temporaries(under: dir), [])

        guard let forced = rewrite(["--force"], [file]) else { return }
        XCTAssertEqual(forced.code, 0, forced.stderr)
        let now = HostileTree.Snapshot(file)
        XCTAssertEqual(now.text, after)
        XCTAssertEqual(now.mode & 0o7777, 0o444, "the mode is kept")
    }

    func testAFileOwnedByAnotherUserIsRefusedUnlessForced() throws {
        guard geteuid() == 0 else { throw XCTSkip("giving a file to another user needs root") }
        let dir = try project()
        let file = dir.appendingPathComponent("Dockerfile")
        XCTAssertEqual(chown(file.path, 12345, 12345), 0)
        let original = HostileTree.Snapshot(file)
        guard let run = rewrite([], [dir]) else { return }
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("cannot write: it belongs to another user (uid 12345); --force rewrites it anyway, keeping its owner\n"), run.stderr)
        XCTAssertEqual(HostileTree.Snapshot(file), original, "bytes, mode and owner untouched")

        guard let forced = rewrite(["--force"], [dir]) else { return }
        XCTAssertEqual(forced.code, 0, forced.stderr)
        let now = HostileTree.Snapshot(file)
        XCTAssertEqual(now.text, after)
        XCTAssertEqual(now.uid, 12345, "the owner is kept")
        XCTAssertEqual(now.gid, 12345, "the group is kept")
        XCTAssertEqual(now.mode, original.mode)
        XCTAssertEqual(HostileTree.temporaries(under: dir), [])
    }

    /// As a user who may not give files away: --force still refuses a file
    /// whose owner or group it cannot keep, instead of silently taking it.
    func testAnOwnerThatCannotBeKeptIsAnError() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dockslim")
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
              FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("needs root, setpriv and the dockslim binary") }
        let dir = try project(["group.Dockerfile", "root.Dockerfile", "readonly.Dockerfile"])
        let user: uid_t = 12345
        XCTAssertEqual(chown(dir.path, user, user), 0)
        XCTAssertEqual(chown(dir.appendingPathComponent("group.Dockerfile").path, user, 12346), 0)  // a group the user is not in
        XCTAssertEqual(chown(dir.appendingPathComponent("readonly.Dockerfile").path, user, user), 0)
        XCTAssertEqual(chmod(dir.appendingPathComponent("readonly.Dockerfile").path, 0o444), 0)
        let originals = ["group.Dockerfile", "root.Dockerfile"].map { HostileTree.Snapshot(dir.appendingPathComponent($0)) }
        func runAsUser(_ extra: [String]) throws -> (code: Int32, stderr: String) {
            let p = Process(), err = Pipe()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", binary.path, "rewrite", "--recipe", "use-exec-form", "-w"] + extra + [dir.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = err
            try p.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (p.terminationStatus, text)
        }
        let plain = try runAsUser([])
        XCTAssertEqual(plain.code, 1)
        XCTAssertTrue(plain.stderr.contains("root.Dockerfile: cannot write: it belongs to another user (uid 0)"), plain.stderr)
        XCTAssertTrue(plain.stderr.contains("readonly.Dockerfile: cannot write: it is read-only (mode 0444)"), plain.stderr)
        let forced = try runAsUser(["--force"])
        XCTAssertEqual(forced.code, 1)
        XCTAssertTrue(forced.stderr.contains("group.Dockerfile: cannot write: cannot keep its owner (uid 12345, gid 12346): Operation not permitted\n"), forced.stderr)
        XCTAssertTrue(forced.stderr.contains("root.Dockerfile: cannot write: cannot keep its owner (uid 0, gid 0): Operation not permitted\n"), forced.stderr)
        XCTAssertEqual(["group.Dockerfile", "root.Dockerfile"].map { HostileTree.Snapshot(dir.appendingPathComponent($0)) }, originals)
        let readonly = HostileTree.Snapshot(dir.appendingPathComponent("readonly.Dockerfile"))
        XCTAssertEqual(readonly.text, after, "its own read-only file is rewritten with --force")
        XCTAssertEqual(readonly.mode & 0o7777, 0o444)
        XCTAssertEqual(HostileTree.temporaries(under: dir), [])
    }

    func testForceIsOnlyForWrite() {
        let run = Run(["rewrite", "--recipe", "use-exec-form", "--force", "."])
        XCTAssertEqual(run.code, 64)
        XCTAssertTrue(run.stderr.hasPrefix("Error: '--force' is only valid with '--write'\n"), run.stderr)
    }

    /// The lost update: an editor saves between dockslim's read and its
    /// rename. The hook runs exactly there, so the test does not race.
    func testAFileChangedWhileDockslimRanIsLeftAsItWas() throws {
        let dir = try project(["a.Dockerfile", "b.Dockerfile", "c.Dockerfile"])
        let appended = dir.appendingPathComponent("a.Dockerfile"), replaced = dir.appendingPathComponent("b.Dockerfile")
        let untouched = dir.appendingPathComponent("c.Dockerfile")
        let edited = before + "# saved by an editor\n"
        AtomicWrite.beforeRename = { path in
            if path == appended.path {  // written in place, as `echo >>` does
                let h = FileHandle(forWritingAtPath: path)!
                h.seekToEndOfFile()
                h.write(Data("# saved by an editor\n".utf8))
                h.closeFile()
            } else if path == replaced.path {  // saved by rename, as most editors do: a new inode
                try? Data(edited.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        }
        guard let run = rewrite([], [dir]) else { return }
        AtomicWrite.beforeRename = nil
        XCTAssertEqual(run.code, 1)
        for f in [appended, replaced] {
            XCTAssertTrue(run.stderr.contains("Error: \(f.path): cannot write: it changed while dockslim ran, so it is left as it was; run dockslim again\n"), run.stderr)
            XCTAssertEqual(HostileTree.Snapshot(f).text, edited, "the edit is kept")
        }
        XCTAssertEqual(HostileTree.Snapshot(untouched).text, after)
        XCTAssertTrue(run.stderr.contains("1 rewritten, 0 unchanged, 0 skipped, 2 failed"), run.stderr)
        XCTAssertEqual(HostileTree.temporaries(under: dir), [])
    }

    /// Swapped for a FIFO or a link after the read: also "changed".
    func testAFileSwappedForSomethingElseIsLeftAlone() throws {
        let dir = try project(["a.Dockerfile", "b.Dockerfile"])
        let fifo = dir.appendingPathComponent("a.Dockerfile"), link = dir.appendingPathComponent("b.Dockerfile")
        let outside = try temporaryFolder(self).appendingPathComponent("victim")
        try write("precious\n", to: outside)
        AtomicWrite.beforeRename = { path in
            unlink(path)
            if path == fifo.path { _ = try? HostileTree.fifo(fifo) } else { _ = try? HostileTree.link(link, to: outside.path) }
        }
        guard let run = rewrite([], [dir]) else { return }
        AtomicWrite.beforeRename = nil
        XCTAssertEqual(run.code, 1)
        XCTAssertEqual(run.stderr.components(separatedBy: "it changed while dockslim ran").count, 3, run.stderr)
        XCTAssertTrue(HostileTree.Snapshot(link).isLink)
        XCTAssertEqual(HostileTree.Snapshot(outside).text, "precious\n")
        var st = stat()
        XCTAssertEqual(lstat(fifo.path, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)
    }

    /// What a SIGKILL left: removed by the next write in that folder when it
    /// is ours (name, owner) and over a minute old; anything else stays.
    func testStaleTemporaryFilesAreRemovedByTheNextWrite() throws {
        let dir = try project()
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try write(after, to: other.appendingPathComponent("Dockerfile"))  // nothing to write there
        let old = Date(timeIntervalSinceNow: -120)
        func leave(_ name: String, in folder: URL, modified: Date = old, owner: uid_t? = nil) throws {
            let url = folder.appendingPathComponent(name)
            try write("half", to: url)
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
            if let owner { XCTAssertEqual(chown(url.path, owner, owner), 0) }
        }
        try leave(".Dockerfile.dockslim-Ab3xYz", in: dir)
        try leave(".Dockerfile.dockslim-fresh1", in: dir, modified: Date())
        try leave(".Dockerfile.dockslim-toolong7", in: dir)
        try leave(".notes.txt", in: dir)
        try leave(".Dockerfile.dockslim-Ab3xYz", in: other)
        if geteuid() == 0 { try leave(".Dockerfile.dockslim-theirs", in: dir, owner: 12345) }
        guard let run = rewrite([], [dir]) else { return }
        XCTAssertEqual(run.code, 0, run.stderr)
        var expected = [".Dockerfile.dockslim-fresh1", ".Dockerfile.dockslim-toolong7", ".notes.txt", "Dockerfile", "other"]
        if geteuid() == 0 { expected.append(".Dockerfile.dockslim-theirs") }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), expected.sorted())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: other.path).sorted(), [".Dockerfile.dockslim-Ab3xYz", "Dockerfile"],
                       "a folder dockslim does not write is left alone")
    }

    func testTemporaryNames() {
        XCTAssertTrue(TemporaryFiles.isTemporaryName(".Dockerfile.dockslim-Ab3xYz"))
        XCTAssertTrue(TemporaryFiles.isTemporaryName(".a.dockslim-000000"))
        for name in [".dockslim-Ab3xYz", "Dockerfile.dockslim-Ab3xYz", ".Dockerfile.dockslim-Ab3xY", ".Dockerfile.dockslim-Ab3x_z", ".x", ""] {
            XCTAssertFalse(TemporaryFiles.isTemporaryName(name), name)
        }
    }
}
