import DockslimCLI
import Foundation
import XCTest

/// What tools read from dockslim: every JSON document's `version`, the
/// recipes and rules as JSON, and where SARIF says files are.
final class OutputContractTests: XCTestCase {
    let goFile = "FROM golang:1.25\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD /app\n"

    private func object(_ run: Run) throws -> [String: Any] {
        XCTAssertEqual(run.code, 0, run.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdoutBytes)) as? [String: Any])
    }

    func testEveryJSONDocumentStartsWithItsVersion() throws {
        _ = try projectFolder(self, ["Dockerfile": goFile, "go.mod": "module example.com/app\n\ngo 1.25\n", "main.go": "package main\nfunc main() {}\n"])
        let documents: [[String]] = [
            ["rewrite", "--recipe", "use-exec-form", "--format", "json", "-q", "Dockerfile"],
            ["graph", "--format", "json", "Dockerfile"],
            ["graph", "--format", "json", "."],
            ["recipes", "--format", "json"],
            ["recipes", "show", "go-distroless", "--format", "json"],
            ["audit", "--format", "json", "--fail-on", "never", "-q", "Dockerfile"],
            ["audit", "--rules", "--format", "json"],
        ]
        for args in documents {
            let run = Run(args)
            XCTAssertEqual(try object(run)["version"] as? String, "1", args.joined(separator: " "))
            let compact = run.stdout.filter { !$0.isWhitespace }
            XCTAssertTrue(compact.hasPrefix("{\"version\":\"1\","), "version first: \(args.joined(separator: " "))")
        }
    }

    func testRecipesAsJSON() throws {
        let list = try XCTUnwrap(try object(Run(["recipes", "--format", "json"]))["recipes"] as? [[String: Any]])
        XCTAssertEqual(list.count, Run(["recipes"]).stdout.split(separator: "\n").count)
        let hoist = try XCTUnwrap(list.first { $0["id"] as? String == "hoist-manifests" })
        let steps = try XCTUnwrap(hoist["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.first?["pass"] as? String, "hoist-manifests")
        let go = try XCTUnwrap(try object(Run(["recipes", "show", "go-distroless", "--format", "json"]))["recipe"] as? [String: Any])
        let split = try XCTUnwrap((go["steps"] as? [[String: Any]])?.first { $0["pass"] as? String == "split-stages" })
        XCTAssertTrue((split["passOptions"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "keep" })
        XCTAssertEqual(Run(["recipes", "--format", "yaml"]).code, 64)
    }

    func testRulesAsJSON() throws {
        let rules = try XCTUnwrap(try object(Run(["audit", "--rules", "--format", "json"]))["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, (0...16).map { String(format: "DS%03d", $0) })
        let secret = try XCTUnwrap(rules.first { $0["id"] as? String == "DS008" })
        XCTAssertEqual(secret["tags"] as? [String], ["security"])
        XCTAssertEqual(secret["securitySeverity"] as? String, "7.5")
        XCTAssertEqual(secret["helpUri"] as? String, "https://github.com/dockslim/dockslim/blob/main/docs/rules/DS008.md")
        let hoist = try XCTUnwrap(rules.first { $0["id"] as? String == "DS012" })
        XCTAssertEqual(hoist["fixRecipes"] as? [String], ["hoist-manifests"])
        let sarif = Run(["audit", "--rules", "--format", "sarif"])
        XCTAssertEqual(sarif.code, 64)
        XCTAssertTrue(sarif.stderr.hasPrefix("Error: '--rules' prints --format text or json"), sarif.stderr)
    }

    // MARK: SARIF locations

    private func locations(_ args: [String]) throws -> [[String: Any]] {
        let doc = try object(Run(["audit", "--format", "sarif", "--fail-on", "never", "-q"] + args))
        let results = try XCTUnwrap((doc["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        return results.compactMap { (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any] }
    }

    func testURIsAreRelativeToTheRepositoryRoot() throws {
        let dir = try projectFolder(self, ["repo/.git/HEAD": "ref: refs/heads/main\n", "repo/services/api/Dockerfile": goFile])
        FileManager.default.changeCurrentDirectoryPath(dir.appendingPathComponent("repo/services").path)
        for given in ["api/Dockerfile", "./api/Dockerfile", dir.appendingPathComponent("repo/services/api/Dockerfile").path, "../services/api/Dockerfile"] {
            let locations = try locations([given])
            XCTAssertFalse(locations.isEmpty)
            for l in locations {
                XCTAssertEqual(l["uri"] as? String, "services/api/Dockerfile", given)
                XCTAssertEqual(l["uriBaseId"] as? String, "%SRCROOT%", given)
            }
        }
    }

    func testAWorktreesGitFileMarksTheRootToo() throws {
        _ = try projectFolder(self, ["wt/.git": "gitdir: /elsewhere/.git/worktrees/wt\n", "wt/a b/Dockerfile": goFile])
        let l = try XCTUnwrap(try locations(["wt/a b/Dockerfile"]).first)
        XCTAssertEqual(l["uri"] as? String, "a%20b/Dockerfile")
        XCTAssertEqual(l["uriBaseId"] as? String, "%SRCROOT%")
    }

    func testWithoutARepositoryTheCurrentFolderIsTheRoot() throws {
        _ = try projectFolder(self, ["app/Dockerfile": goFile])
        let l = try XCTUnwrap(try locations(["app/Dockerfile"]).first)
        XCTAssertEqual(l["uri"] as? String, "app/Dockerfile")
        XCTAssertEqual(l["uriBaseId"] as? String, "%SRCROOT%")
    }

    /// A file outside the repository and the current folder is named by an
    /// absolute URI: with %SRCROOT% it would mean a file in the repository.
    func testAnAbsolutePathOutsideIsAFileURIWithoutBase() throws {
        let outside = try temporaryFolder(self)
        try write(goFile, to: outside.appendingPathComponent("Dockerfile"))
        _ = try projectFolder(self, ["repo/.git/HEAD": "ref: refs/heads/main\n"])
        FileManager.default.changeCurrentDirectoryPath("repo")
        let real = try XCTUnwrap(realpath(outside.path, nil).map { p in defer { free(p) }; return String(cString: p) })
        let locations = try locations([outside.appendingPathComponent("Dockerfile").path])
        XCTAssertFalse(locations.isEmpty)
        for l in locations {
            XCTAssertEqual(l["uri"] as? String, "file://" + real + "/Dockerfile")
            XCTAssertNil(l["uriBaseId"])
        }
    }

    /// The fingerprint names the file by its place in the repository, so it
    /// is the same whichever folder dockslim ran from.
    func testFingerprintsDoNotDependOnTheCurrentFolder() throws {
        let dir = try projectFolder(self, ["repo/.git/HEAD": "ref: refs/heads/main\n", "repo/api/Dockerfile": goFile])
        func fingerprints(_ path: String) throws -> [String] {
            let doc = try object(Run(["audit", "--format", "sarif", "--fail-on", "never", "-q", path]))
            let results = try XCTUnwrap((doc["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"] }
        }
        let fromTop = try fingerprints("repo/api/Dockerfile")
        FileManager.default.changeCurrentDirectoryPath(dir.appendingPathComponent("repo/api").path)
        XCTAssertEqual(try fingerprints("Dockerfile"), fromTop)
        XCTAssertFalse(fromTop.isEmpty)
        XCTAssertTrue(fromTop.allSatisfy { $0.hasSuffix(":1") })
    }
}

/// The HTML report's size cards: the base now and the recipe's image are
/// given in one unit, never a compressed figure beside an on-disk one.
final class SizeCardTests: XCTestCase {
    func testCardsCompareLikeWithLike() throws {
        let dir = try projectFolder(self, [
            "go.mod": "module example.com/app\n\ngo 1.25\n",
            "main.go": "package main\n\nfunc main() {}\n",
            "Dockerfile": "FROM golang:1.25\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nCMD [\"/app\"]\n",
        ])
        XCTAssertEqual(Run(["audit", "--html", "r.html", "-q", "--fail-on", "never"]).code, 0)
        let page = String(decoding: try Data(contentsOf: dir.appendingPathComponent("r.html")), as: UTF8.self)
        // golang:1.25 has both figures, distroless static only the on-disk one: both cards say on disk.
        let sizes = page.components(separatedBy: "<div class=\"size\"").dropFirst().map { chunk -> String in
            let text = chunk.drop { $0 != ">" }.dropFirst()
            return String(text.prefix { $0 != "<" })
        }
        XCTAssertEqual(sizes, ["848 MB on disk", "2.1 MB on disk"])
    }
}
