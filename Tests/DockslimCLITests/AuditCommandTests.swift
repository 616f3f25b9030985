import DockslimCLI
import Foundation
import XCTest

/// `dockslim audit` and `dockslim graph` as a user runs them: exit codes,
/// formats, the HTML file, errors.
final class AuditCommandTests: XCTestCase {
    let nodeFile = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"s.js\"]\n"
    /// A project hoist-manifests can fix: its package.json, and a .dockerignore that keeps node_modules out.
    var nodeProject: [String: String] { ["Dockerfile": nodeFile, "package.json": "{}", ".dockerignore": "node_modules\n"] }

    private func project(_ files: [String: String]) throws -> URL { try projectFolder(self, files) }

    func testFailOnSetsTheExitStatus() throws {
        _ = try project(nodeProject)
        let run = Run(["audit", "--color", "never"])
        XCTAssertEqual(run.code, 0, "warnings only: the default threshold is error")
        XCTAssertTrue(run.stdout.contains("Dockerfile:3:1: warning[DS012]: COPY . . comes before `npm ci` on line 4"), run.stdout)
        XCTAssertTrue(run.stdout.contains("(fix: dockslim rewrite --recipe hoist-manifests)"))
        XCTAssertTrue(run.stderr.hasPrefix("dockslim: 1 file audited, 0 errors, "), run.stderr)
        XCTAssertEqual(Run(["audit", "--fail-on", "warning"]).code, 1)
        XCTAssertEqual(Run(["audit", "--fail-on", "never", "-q"]).stderr, "")
        XCTAssertEqual(Run(["audit", "--fail-on", "sometimes"]).code, 64)
    }

    func testIgnoreCommentSilencesAFindingThere() throws {
        _ = try project(["Dockerfile": nodeFile.replacingOccurrences(of: "COPY . .", with: "# dockslim ignore=DS012\nCOPY . .")])
        let run = Run(["audit", "--color", "never"])
        XCTAssertFalse(run.stdout.contains("DS012"))
        XCTAssertTrue(run.stderr.contains("(1 suppressed)"), run.stderr)
    }

    func testStandardInputAndMissingFiles() throws {
        let run = Run(["audit", "--stdin-filename", "svc/Dockerfile", "-", "nope/Dockerfile"], stdin: Array(nodeFile.utf8))
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stdout.contains("svc/Dockerfile:3:1: warning[DS012]"), run.stdout)
        XCTAssertTrue(run.stderr.contains("Error: nope/Dockerfile: No such file or directory"), run.stderr)
    }

    func testJSONAndSARIFAreDocuments() throws {
        _ = try project(nodeProject)
        let json = try JSONSerialization.jsonObject(with: Data(Run(["audit", "--format", "json"]).stdoutBytes)) as? [String: Any]
        let files = try XCTUnwrap(json?["files"] as? [[String: Any]])
        let findings = try XCTUnwrap(files.first?["findings"] as? [[String: Any]])
        let hoist = try XCTUnwrap(findings.first { $0["id"] as? String == "DS012" })
        XCTAssertEqual((hoist["fix"] as? [String: Any])?["command"] as? String, "dockslim rewrite --recipe hoist-manifests Dockerfile")
        XCTAssertEqual(hoist["line"] as? Int, 3)
        let sarif = try JSONSerialization.jsonObject(with: Data(Run(["audit", "--format", "sarif"]).stdoutBytes)) as? [String: Any]
        XCTAssertEqual(sarif?["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((sarif?["runs"] as? [[String: Any]])?.first)
        let rules = try XCTUnwrap(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.count, 17)
        XCTAssertFalse((run["results"] as? [Any] ?? []).isEmpty)
    }

    func testHTMLReportIsOneSelfContainedFile() throws {
        let dir = try project(nodeProject)
        let run = Run(["audit", "--html", "report.html", "-q", "Dockerfile"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let page = String(decoding: try Data(contentsOf: dir.appendingPathComponent("report.html")), as: UTF8.self)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<svg class=\"graph\""))
        XCTAssertTrue(page.contains("dockslim rewrite --recipe hoist-manifests Dockerfile"))
        XCTAssertTrue(page.contains("<span class=\"chip busts\">busts</span>"))
        for outside in ["<script", "http://", "https://", "<link", "@import"] {
            XCTAssertFalse(page.contains(outside), "the page refers to \(outside)")
        }
        // No fetch of anything: the only url() is the SVG's own marker.
        XCTAssertEqual(page.components(separatedBy: "url(").count - 1, page.components(separatedBy: "url(#arrow)").count - 1)
    }

    func testHTMLReportCannotBeWritten() throws {
        _ = try project(["Dockerfile": nodeFile])
        let run = Run(["audit", "--html", "missing/folder/report.html", "-q"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("Error: missing/folder/report.html: cannot write the report"), run.stderr)
    }

    func testRulesList() {
        let run = Run(["audit", "--rules"])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.contains("DS012  warning  copy-before-dependency-install\n"))
        XCTAssertTrue(run.stdout.contains("fix: dockslim rewrite --recipe hoist-manifests"))
    }

    func testGraph() throws {
        _ = try project(["Dockerfile": "FROM golang:1.25 AS build\nRUN go build -o /app\nFROM alpine:3.22\nCOPY --from=build /app /app\n"])
        let mermaid = Run(["graph", "Dockerfile"])
        XCTAssertEqual(mermaid.code, 0)
        XCTAssertTrue(mermaid.stdout.hasPrefix("flowchart LR\n"))
        XCTAssertTrue(mermaid.stdout.contains("  s0 -->|\"COPY /app → /app\"| s1\n"), mermaid.stdout)
        XCTAssertTrue(Run(["graph", "--format", "dot", "Dockerfile"]).stdout.contains("s0 -> s1 [label=\"COPY /app → /app\"];"))
        // A folder (the current one by default) draws the project picture: one group per Dockerfile.
        let folder = Run(["graph"])
        XCTAssertEqual(folder.code, 0)
        XCTAssertTrue(folder.stdout.contains("  subgraph b0[\"Dockerfile\"]\n"), folder.stdout)
        XCTAssertTrue(folder.stdout.contains("  b0s0 -->|\"COPY /app → /app\"| b0s1\n"), folder.stdout)
        XCTAssertEqual(Run(["graph", "--format", "png", "Dockerfile"]).code, 64)
        let missing = Run(["graph", "nope"])
        XCTAssertEqual(missing.code, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("Error: nope:"), missing.stderr)
    }
}
