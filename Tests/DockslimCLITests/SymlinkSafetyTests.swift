import DockslimCLI
import Foundation
import XCTest

/// Symbolic links are followed only within the tree being processed; a file
/// reached through a link is its target, read, patched and written once,
/// and the link stays a link.
final class SymlinkSafetyTests: XCTestCase {
    let before = "FROM alpine\nCMD ./run\n", after = "FROM alpine\nCMD [\"./run\"]\n"

    /// A project folder and a folder outside it with a Dockerfile of its own.
    private func trees() throws -> (dir: URL, outside: URL) {
        let dir = try temporaryFolder(self), outside = try temporaryFolder(self)
        try write(before, to: outside.appendingPathComponent("Dockerfile"))
        return (dir, outside)
    }

    func testAnExplicitLinkOutOfItsFolderIsNeitherReadNorWritten() throws {
        let (dir, outside) = try trees()
        let link = dir.appendingPathComponent("Dockerfile")
        try HostileTree.link(link, to: outside.appendingPathComponent("Dockerfile").path)
        let target = try XCTUnwrap(realpathOf(outside.appendingPathComponent("Dockerfile")))
        let reason = "a symbolic link to \(target), outside its folder; links are followed only within the folder, so it is not read\n"
        for args in [["rewrite", "--recipe", "use-exec-form", "-w"], ["rewrite", "--recipe", "use-exec-form"], ["audit"], ["graph"], ["parse"]] {
            guard let run = runWithin(args + [link.path]) else { continue }
            XCTAssertEqual(run.code, 1, "\(args)")
            XCTAssertTrue(run.stderr.contains(reason), "\(args): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(args): nothing of the outside file is shown")
        }
        XCTAssertEqual(HostileTree.Snapshot(outside.appendingPathComponent("Dockerfile")).text, before)
        XCTAssertTrue(HostileTree.Snapshot(link).isLink)
    }

    /// What a shell glob over an untrusted repository passes: a link to a
    /// folder outside (the fuzzer's find, named like a Dockerfile).
    func testAnExplicitLinkToAFolderOutsideIsNotWalked() throws {
        let (dir, outside) = try trees()
        let link = dir.appendingPathComponent("app.Dockerfile")
        try HostileTree.link(link, to: outside.path)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("releases/v2"), withIntermediateDirectories: true)
        try write(before, to: dir.appendingPathComponent("releases/v2/Dockerfile"))
        try HostileTree.link(dir.appendingPathComponent("current"), to: "releases/v2")
        for path in [link.path, link.path + "/", link.path + "//"] {
            guard let run = runWithin(["rewrite", "--recipe", "use-exec-form", "-w", path]) else { continue }
            XCTAssertEqual(run.code, 1, path)
            XCTAssertTrue(run.stderr.contains(": a symbolic link to "), run.stderr)
            XCTAssertTrue(run.stderr.contains(", outside its folder; links are followed only within the folder, so it is not read\n"), run.stderr)
        }
        XCTAssertEqual(HostileTree.Snapshot(outside.appendingPathComponent("Dockerfile")).text, before)
        guard let inside = runWithin(["rewrite", "--recipe", "use-exec-form", "-w", dir.appendingPathComponent("current").path + "/"]) else { return }
        XCTAssertEqual(inside.code, 0, inside.stderr)
        XCTAssertEqual(HostileTree.Snapshot(dir.appendingPathComponent("releases/v2/Dockerfile")).text, after, "a link to a folder inside is walked")
    }

    func testAWalkedLinkOutOfTheTreeIsSkipped() throws {
        let (dir, outside) = try trees()
        try HostileTree.link(dir.appendingPathComponent("Dockerfile"), to: outside.appendingPathComponent("Dockerfile").path)
        try HostileTree.link(dir.appendingPathComponent("up.Dockerfile"), to: "../" + outside.lastPathComponent + "/Dockerfile")
        guard let run = runWithin(["rewrite", "--recipe", "use-exec-form", "-w", dir.path]) else { return }
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(HostileTree.Snapshot(outside.appendingPathComponent("Dockerfile")).text, before, "nothing outside the tree is written")
        XCTAssertTrue(HostileTree.Snapshot(dir.appendingPathComponent("Dockerfile")).isLink)
        XCTAssertTrue(HostileTree.Snapshot(dir.appendingPathComponent("up.Dockerfile")).isLink)
    }

    /// The probe's `git apply` failure: a link and its target both walked.
    func testALinkAndItsTargetWalkedAreOneFile() throws {
        let dir = try temporaryFolder(self)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("docker"), withIntermediateDirectories: true)
        try write(before, to: dir.appendingPathComponent("docker/app.Dockerfile"))
        try HostileTree.link(dir.appendingPathComponent("Dockerfile"), to: "docker/app.Dockerfile")
        try HostileTree.link(dir.appendingPathComponent("docker/Dockerfile"), to: "app.Dockerfile")
        guard let run = runWithin(["rewrite", "--recipe", "use-exec-form", dir.path]) else { return }
        let headers = run.stdout.split(separator: "\n").filter { $0.hasPrefix("--- a/") }
        XCTAssertEqual(headers, ["--- a/docker/app.Dockerfile"], run.stdout)
        XCTAssertTrue(run.stderr.contains("1 file scanned, 1 would change"), run.stderr)

        try gitApplyChecks(patch: relativePatch(in: dir), in: dir)

        guard let written = runWithin(["rewrite", "--recipe", "use-exec-form", "-w", dir.path]) else { return }
        XCTAssertEqual(written.code, 0, written.stderr)
        XCTAssertTrue(written.stderr.contains("1 file scanned, 1 rewritten"), written.stderr)
        XCTAssertEqual(HostileTree.Snapshot(dir.appendingPathComponent("docker/app.Dockerfile")).text, after)
        for link in ["Dockerfile", "docker/Dockerfile"] {
            let s = HostileTree.Snapshot(dir.appendingPathComponent(link))
            XCTAssertTrue(s.isLink, "\(link) is still a link")
            XCTAssertEqual(s.text, after)
        }
        XCTAssertEqual(HostileTree.temporaries(under: dir), [])
    }

    /// An explicit link to a file inside its folder: the target is rewritten
    /// and named in the patch; giving both is one file.
    func testAnExplicitLinkInsideItsFolderWritesTheTarget() throws {
        let dir = try temporaryFolder(self)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("docker"), withIntermediateDirectories: true)
        try write(before, to: dir.appendingPathComponent("docker/app.Dockerfile"))
        let link = dir.appendingPathComponent("Dockerfile")
        try HostileTree.link(link, to: "docker/app.Dockerfile")
        guard let run = runWithin(["rewrite", "--recipe", "use-exec-form", link.path, dir.appendingPathComponent("docker/app.Dockerfile").path]) else { return }
        XCTAssertEqual(run.stdout.split(separator: "\n").filter { $0.hasPrefix("--- a/") }, ["--- a/docker/app.Dockerfile"])
        guard let written = runWithin(["rewrite", "--recipe", "use-exec-form", "-w", link.path]) else { return }
        XCTAssertEqual(written.code, 0, written.stderr)
        XCTAssertTrue(HostileTree.Snapshot(link).isLink)
        XCTAssertEqual(HostileTree.Snapshot(link).linkTarget, "docker/app.Dockerfile")
        XCTAssertEqual(HostileTree.Snapshot(dir.appendingPathComponent("docker/app.Dockerfile")).text, after)
    }

    func testTwoSpellingsOfOnePathAreOneFile() throws {
        let dir = try temporaryFolder(self)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try write(before, to: dir.appendingPathComponent("Dockerfile"))
        guard let run = runWithin(["rewrite", "--recipe", "use-exec-form", "-w", dir.path + "/sub/../Dockerfile", dir.path + "/Dockerfile", dir.path]) else { return }
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").filter { $0.hasPrefix("--- a/") }.count, 1, run.stdout)
        XCTAssertTrue(run.stderr.contains("1 file scanned, 1 rewritten"), run.stderr)
    }

    /// The tree of a walk is the folder given; of an explicit file, its folder.
    func testALinkToTheParentFolderIsInsideAWalkButNotInsideItsOwnFolder() throws {
        let dir = try temporaryFolder(self)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try write(before, to: dir.appendingPathComponent("Dockerfile"))
        let link = dir.appendingPathComponent("sub/Dockerfile")
        try HostileTree.link(link, to: "../Dockerfile")
        guard let walked = runWithin(["rewrite", "--recipe", "use-exec-form", dir.path]),
              let explicit = runWithin(["rewrite", "--recipe", "use-exec-form", link.path]) else { return }
        XCTAssertEqual(walked.code, 0)
        XCTAssertEqual(walked.stdout.split(separator: "\n").filter { $0.hasPrefix("--- a/") }, ["--- a/Dockerfile"])
        XCTAssertEqual(explicit.code, 1)
        XCTAssertTrue(explicit.stderr.contains("outside its folder"), explicit.stderr)
    }

    func testADanglingLinkIsAnError() throws {
        let dir = try temporaryFolder(self)
        let link = dir.appendingPathComponent("Dockerfile")
        try HostileTree.link(link, to: "gone")
        guard let run = runWithin(["audit", link.path]) else { return }
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("Error: \(link.path): "), run.stderr)
    }

    /// `audit --html` into a path the repository planted as a link out of its folder.
    func testTheHTMLReportIsNotWrittenThroughALinkOutOfItsFolder() throws {
        let (dir, outside) = try trees()
        try write(before, to: dir.appendingPathComponent("Dockerfile"))
        let victim = outside.appendingPathComponent("victim")
        try write("precious\n", to: victim)
        let report = dir.appendingPathComponent("report.html")
        try HostileTree.link(report, to: victim.path)
        guard let run = runWithin(["audit", "--html", report.path, dir.appendingPathComponent("Dockerfile").path]) else { return }
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("Error: \(report.path): cannot write the report: a symbolic link to "), run.stderr)
        XCTAssertEqual(HostileTree.Snapshot(victim).text, "precious\n")
        XCTAssertTrue(HostileTree.Snapshot(report).isLink)
    }

    // MARK: Helpers

    private func realpathOf(_ url: URL) -> String? {
        guard let r = realpath(url.path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// The patch of a run from inside `dir`, so its paths are relative.
    private func relativePatch(in dir: URL) throws -> String {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let run = try XCTUnwrap(runWithin(["rewrite", "--recipe", "use-exec-form"]))
        XCTAssertTrue(run.stdout.hasPrefix("--- a/docker/app.Dockerfile\n"), run.stdout)
        return run.stdout
    }

    /// `git apply --check` in a repository holding the tree as committed.
    private func gitApplyChecks(patch: String, in dir: URL) throws {
        func git(_ args: [String], input: String? = nil) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", dir.path] + args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let pipe = Pipe()
            p.standardInput = pipe
            try p.run()
            if let input { pipe.fileHandleForWriting.write(Data(input.utf8)) }
            try pipe.fileHandleForWriting.close()
            p.waitUntilExit()
            return p.terminationStatus
        }
        guard (try? git(["init", "-q"])) == 0 else { throw XCTSkip("git is not available") }
        XCTAssertEqual(try git(["add", "-A"]), 0)
        XCTAssertEqual(try git(["apply", "--check", "-"], input: patch), 0, "git apply accepts the patch:\n\(patch)")
    }
}
