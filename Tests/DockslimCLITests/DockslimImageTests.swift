import DockerfileModel
import DockslimCLI
import Foundation
import XCTest

/// dockslim's own Dockerfile: audited by dockslim (the command line's code
/// path, every rule) with no finding, and its final stage holds only the
/// binary, as a non-root user.
final class DockslimImageTests: XCTestCase {
    static let root = IntegrationExamples.root

    func testTheAuditOfDockslimsOwnDockerfileIsClean() throws {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(Self.root)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let run = Run(["audit", "--format", "json", "--fail-on", "note", "Dockerfile"])
        XCTAssertEqual(run.code, 0, run.stdout + run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let files = try XCTUnwrap(json["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual((files[0]["findings"] as? [Any])?.count, 0, run.stdout)
        XCTAssertEqual((json["summary"] as? [String: Any])?["findings"] as? Int, 0)
        // The batch-changes image, built on it, is clean too.
        let batch = Run(["audit", "--fail-on", "note", "integrations/batch-changes/Dockerfile"])
        XCTAssertEqual(batch.code, 0, batch.stdout + batch.stderr)
        XCTAssertEqual(batch.stdout, "")
    }

    func testTheFinalStageCopiesOnlyTheBinary() throws {
        let text = try String(contentsOfFile: Self.root + "/Dockerfile", encoding: .utf8)
        let file = Dockerfile(parsing: text)
        XCTAssertTrue(file.diagnostics.isEmpty, "\(file.diagnostics)")
        XCTAssertEqual(file.stages.count, 2)
        let builder = file.stages[0]
        XCTAssertTrue(builder.resolvedBase.hasPrefix("swift:6."), builder.resolvedBase)
        XCTAssertTrue(builder.instructions.contains { $0.kind == .run && $0.original.contains("--static-swift-stdlib") })
        let final = try XCTUnwrap(file.finalStage)
        XCTAssertTrue(final.resolvedBase.hasPrefix("gcr.io/distroless/"), final.resolvedBase)
        XCTAssertTrue(final.resolvedBase.hasSuffix(":nonroot"), "runs as distroless's nonroot user")
        let copies = final.instructions.filter { $0.kind == .copy || $0.kind == .add }
        XCTAssertEqual(copies.count, 1)
        XCTAssertEqual(copies.first?.flag("from")?.value, builder.name)
        XCTAssertEqual(copies.first?.argumentStrings, ["/out/dockslim", "/usr/local/bin/dockslim"])
        XCTAssertFalse(final.instructions.contains { $0.kind == .run }, "nothing runs in the final stage")
        let entrypoint = try XCTUnwrap(final.instructions.last { $0.kind == .entrypoint })
        XCTAssertEqual(entrypoint.form, .exec)
        XCTAssertEqual(entrypoint.argumentStrings, ["/usr/local/bin/dockslim"])
    }

    func testTheBuildContextLeavesTheBuildFolderOut() throws {
        let ignore = try String(contentsOfFile: Self.root + "/.dockerignore", encoding: .utf8)
        let lines = Set(ignore.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        XCTAssertTrue(lines.contains(".build"))
        XCTAssertTrue(lines.contains(".git"))
        // What the builder copies is not ignored.
        for kept in ["Package.swift", "Sources", "Recipes"] { XCTAssertFalse(lines.contains(kept), kept) }
    }
}
