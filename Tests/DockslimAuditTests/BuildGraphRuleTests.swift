@testable import DockerfileFacts
import DockslimAudit
import XCTest

/// DS000, DS012, DS014, DS016: the build's structure, its cache and its references.
final class BuildGraphRuleTests: XCTestCase {
    func testCopyBeforeDependencyInstall() {
        assertFinds("DS012", "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"s.js\"]\n", lines: [3], message: "before `npm ci` on line 4")
        assertFinds("DS012", "FROM python:3.13\nCOPY src/ /app/src/\nCOPY requirements.txt /app/\nRUN pip install -r /app/requirements.txt\n", lines: [2],
                    message: "`pip install -r /app/requirements.txt`")
        // Manifests first: the install stays cached.
        assertFindsNothing("DS012", "FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n")
        assertFindsNothing("DS012", "FROM golang:1.25\nCOPY go.* ./\nRUN go mod download\nCOPY . .\nRUN go build -o /a\n")
        // A bind mount of the context busts the cache too.
        assertFinds("DS012", "FROM golang:1.25\nRUN --mount=type=bind,target=. go build -o /a\nRUN go mod download\n", lines: [2])
    }

    func testUnreachableStage() {
        assertFinds("DS014", "FROM alpine:3.20 AS test\nRUN make test\nFROM alpine:3.20 AS build\nFROM build\n", lines: [1], severity: .note)
        assertFindsNothing("DS014", "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nRUN --mount=from=a,target=/a ls /a\n")
    }

    func testStageReferenceProblems() {
        // A later stage: COPY --from is an error, FROM silently pulls an image.
        assertFinds("DS016", "FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nFROM alpine:3.20 AS b\n", lines: [2], severity: .error)
        assertFinds("DS016", "FROM app\nFROM alpine:3.20 AS app\n", lines: [1], message: "not defined before it", severity: .warning)
        // A misspelt stage name is pulled as an image.
        assertFinds("DS016", "FROM golang:1.25 AS builder\nFROM alpine:3.20\nCOPY --from=buidler /app /app\n", lines: [3], message: "did you mean builder?")
        assertFindsNothing("DS016", "FROM golang:1.25 AS nginz\nFROM alpine:3.20\nCOPY --from=nginx /etc/nginx /etc/nginx\n")
        assertFinds("DS016", "FROM alpine:3.20\nARG S=a\nCOPY --from=$S /x /x\n", lines: [3])
        assertFinds("DS016", "FROM alpine:3.20\nCOPY --from=7 /x /x\n", lines: [2])
    }

    func testInvalidDockerfile() {
        assertFinds("DS000", "FROM alpine:3.20\nRUN <<EOF\necho never ends\n", lines: [2], severity: .error)
        assertFinds("DS000", "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n", lines: [2])
        assertFindsNothing("DS000", "FROM alpine:3.20\nRUN true\n")
    }

    func testIgnoreComments() {
        let file = "FROM node:22\nWORKDIR /app\n# copied early on purpose: the build needs the sources\n# dockslim ignore=DS012,DS003\nCOPY . .\nRUN npm ci\n"
        assertFindsNothing("DS012", file)
        assertFindsNothing("DS003", file)
        assertFinds("DS001", file, lines: [1])
        XCTAssertEqual(audit(file).suppressed, 2)
        // A blank line ends the comment block above an instruction.
        assertFinds("DS012", "FROM node:22\n# dockslim ignore=DS012\n\nCOPY . .\nRUN npm ci\n", lines: [4])
        assertFindsNothing("DS001", "# dockslim ignore=all\nFROM node:22\n")
    }

    func testRulesAreSortedUniqueAndDocumented() {
        let ids = Auditor.rules.map(\.id)
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertEqual(Set(Auditor.rules.map(\.name)).count, ids.count)
        for r in Auditor.rules {
            XCTAssertTrue(r.id.hasPrefix("DS") && r.id.count == 5, r.id)
            XCTAssertFalse(r.summary.isEmpty || r.explanation.count < 80 || r.advice.isEmpty, r.id)
        }
    }
}

extension BuildGraphRuleTests {
    /// A folder of requirement files is a manifest copy.
    func testRequirementsFolderIsAManifest() {
        assertFindsNothing("DS012", "FROM python:3.13\nCOPY ./requirements ./requirements\nRUN python3 -m pip install -r requirements/production.txt\nCOPY . .\n")
        assertFinds("DS012", "FROM python:3.13\nCOPY . .\nRUN python3 -m pip install -r requirements/production.txt\n", lines: [2],
                    message: "`python3 -m pip install -r requirements/production.txt`")
    }
}

extension BuildGraphRuleTests {
    /// The patterns hoist-manifests writes are manifest copies.
    func testHoistedPatternsAreManifests() {
        assertFindsNothing("DS012", "FROM node:22\nCOPY package*.json npm-shrinkwra[p].json .npmr[c] ./\nRUN npm ci\nCOPY . .\n")
        assertFindsNothing("DS012", "FROM golang:1.25\nCOPY go.mod go.su[m] ./\nRUN go mod download\nCOPY . .\n")
    }
}
