@testable import DockslimCLI
import Foundation
import XCTest

/// A Compose file at the top of the repository that builds `./api` says how
/// the api image runs: the rewrite of api/Dockerfile must see it.
final class SurroundingComposeTests: XCTestCase {
    private let dockerfile = "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY server.js .\nCMD [\"node\", \"server.js\"]\n"
    private let compose = "services:\n  api:\n    build: ./api\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:3000/health\"]\n"

    private func repository(withGit: Bool) throws -> URL {
        let top = try temporaryFolder(self).appendingPathComponent("shop")
        let api = top.appendingPathComponent("api")
        try FileManager.default.createDirectory(at: api, withIntermediateDirectories: true)
        if withGit { try FileManager.default.createDirectory(at: top.appendingPathComponent(".git"), withIntermediateDirectories: true) }
        try write(compose, to: top.appendingPathComponent("compose.yaml"))
        try write(dockerfile, to: api.appendingPathComponent("Dockerfile"))
        try write("{\"name\": \"api\", \"dependencies\": {\"express\": \"^4.19.2\"}}\n", to: api.appendingPathComponent("package.json"))
        try write("{\"lockfileVersion\": 3, \"packages\": {}}\n", to: api.appendingPathComponent("package-lock.json"))
        try write("require('express')().listen(3000)\n", to: api.appendingPathComponent("server.js"))
        return api
    }

    func testTheScanReadsComposeFilesUpToTheRepositoryTop() throws {
        let api = try repository(withGit: true)
        let facts = ProjectScanner.facts(forFolder: api.path)
        XCTAssertEqual(facts.surroundings.folderNames, ["shop", "api"])
        XCTAssertEqual(facts.surroundings.files.keys.sorted(), ["../compose.yaml"])
    }

    func testOutsideARepositoryNothingAboveIsRead() throws {
        let api = try repository(withGit: false)
        let facts = ProjectScanner.facts(forFolder: api.path)
        XCTAssertTrue(facts.surroundings.files.isEmpty)
    }

    func testAHealthcheckAboveKeepsTheImageOffAlpine() throws {
        let api = try repository(withGit: true)
        let run = Run(["rewrite", "--recipe", "node-alpine", api.appendingPathComponent("Dockerfile").path])
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("the healthcheck of compose service api (../compose.yaml line 2) runs curl"), run.stderr)
    }
}
