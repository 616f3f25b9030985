import DockerfileModel
import DockslimAudit
import XCTest

/// Rule settings given as values (`.dockslim.json`, `--ignore`), the
/// file-wide ignore comment, and what every kind of silencing keeps.
final class RuleSettingsTests: XCTestCase {
    /// Two findings: DS013 (`node` has no tag) and DS012 (COPY . . before npm ci).
    let file = "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\n"

    func ids(_ r: AuditResult) -> [String] { r.findings.map(\.id) }

    func testIgnoredRuleIsSuppressedExternallyWithItsReason() {
        let plain = Auditor.audit(Dockerfile(parsing: file))
        XCTAssertTrue(ids(plain).contains("DS013"))
        let r = Auditor.audit(Dockerfile(parsing: file), rules: RuleSettings(ignored: ["DS013": "--ignore on the command line"]))
        XCTAssertFalse(ids(r).contains("DS013"))
        XCTAssertEqual(r.suppressed, plain.findings.filter { $0.id == "DS013" }.count)
        XCTAssertEqual(r.suppressions.map(\.finding.id), ["DS013"])
        XCTAssertEqual(r.suppressions.first?.suppression, Suppression(kind: .external, justification: "--ignore on the command line"))
        XCTAssertEqual(r.suppressions.first?.finding.line, 1)
        XCTAssertEqual(r.findings.count, plain.findings.count - 1)
    }

    func testSeverityChangeAppliesToEveryFindingOfTheRule() {
        let r = Auditor.audit(Dockerfile(parsing: file), rules: RuleSettings(severities: ["DS012": .error]))
        let ds012 = r.findings.filter { $0.id == "DS012" }
        XCTAssertFalse(ds012.isEmpty)
        XCTAssertEqual(Set(ds012.map(\.severity)), [.error])
        XCTAssertNotEqual(Auditor.rule("DS012")?.severity, .error)
    }

    func testFileWideCommentInTheLeadingBlockSilencesTheWholeFile() {
        let text = "# syntax=docker/dockerfile:1\n# Team image.\n# dockslim ignore-file=DS012,ds013 legacy build, tracked in JIRA-1\n\n" + file
        let r = Auditor.audit(Dockerfile(parsing: text))
        XCTAssertFalse(ids(r).contains("DS012"))
        XCTAssertFalse(ids(r).contains("DS013"))
        XCTAssertEqual(Set(r.suppressions.map(\.finding.id)), ["DS012", "DS013"])
        let s = r.suppressions.first!.suppression
        XCTAssertEqual(s.kind, .inSource)
        XCTAssertTrue(s.justification.contains("ignore-file=DS012,ds013 legacy build"), s.justification)
        XCTAssertTrue(s.justification.contains("line 3"), s.justification)
    }

    func testFileWideCommentAfterTheFirstInstructionDoesNothing() {
        let text = "FROM node\n# dockslim ignore-file=DS012\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
        XCTAssertTrue(ids(Auditor.audit(Dockerfile(parsing: text))).contains("DS012"))
    }

    func testInstructionCommentIsAnInSourceSuppression() {
        let text = "FROM node:22\nWORKDIR /app\n# dockslim ignore=DS012 the build needs the sources\nCOPY . .\nRUN npm ci\n"
        let r = Auditor.audit(Dockerfile(parsing: text))
        XCTAssertFalse(ids(r).contains("DS012"))
        let s = r.suppressions.first { $0.finding.id == "DS012" }
        XCTAssertEqual(s?.suppression.kind, .inSource)
        XCTAssertEqual(s?.finding.line, 4)
    }

    func testCommentWinsOverTheConfigurationAsTheSuppressionKind() {
        let text = "# dockslim ignore-file=DS013\n" + file
        let r = Auditor.audit(Dockerfile(parsing: text), rules: RuleSettings(ignored: ["DS013": "off in .dockslim.json"]))
        XCTAssertEqual(r.suppressions.filter { $0.finding.id == "DS013" }.map(\.suppression.kind), [.inSource])
    }

    func testUnknownIdInACommentIsAWarningAtTheComment() {
        let text = "# dockslim ignore-file=DS999\nFROM node:22\n# dockslim ignore=DS012,DS4\nCOPY . .\nRUN npm ci\n"
        let r = Auditor.audit(Dockerfile(parsing: text))
        let unknown = r.findings.filter { $0.id == "DS000" }
        XCTAssertEqual(unknown.map(\.line), [1, 3])
        XCTAssertEqual(Set(unknown.map(\.severity)), [.warning])
        XCTAssertTrue(unknown[0].message.contains("unknown rule 'DS999'"), unknown[0].message)
        XCTAssertTrue(unknown[0].message.contains("DS000, DS001"), unknown[0].message)
        XCTAssertTrue(unknown[1].message.contains("unknown rule 'DS4'"), unknown[1].message)
        // The known id in the same comment still works.
        XCTAssertFalse(ids(r).contains("DS012"))
    }

    func testAllIsNotAnUnknownId() {
        let r = Auditor.audit(Dockerfile(parsing: "# dockslim ignore-file=all\n" + file))
        XCTAssertEqual(r.findings.map(\.id), [])
        XCTAssertGreaterThan(r.suppressed, 1)
    }

    func testKnownIDs() {
        XCTAssertTrue(RuleSettings.isKnown("DS016"))
        XCTAssertFalse(RuleSettings.isKnown("all"))
        XCTAssertTrue(RuleSettings.isKnown("all", allowingAll: true))
        XCTAssertEqual(RuleSettings.knownIDs, Auditor.rules.map(\.id))
    }
}
