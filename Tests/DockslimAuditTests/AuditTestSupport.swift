@testable import DockerfileFacts
import DockerfileModel
import DockslimAudit
import XCTest

/// Audits `text` (with `project` files as the folder at hand, when given).
func audit(_ text: String, project: [String: String]? = nil) -> AuditResult {
    var facts: BuildContext?
    if let project {
        var files: Set<String> = ["Dockerfile"]
        for path in project.keys {
            files.insert(path)
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty { files.insert(parts.joined(separator: "/") + "/"); parts = parts.dropLast() }
        }
        facts = BuildContext(files: files, contents: project.mapValues { Array($0.utf8) })
    }
    return Auditor.audit(Dockerfile(parsing: text), project: facts)
}

/// hadolint's `ruleCatches`: the rule reports exactly these lines.
func assertFinds(_ id: String, _ text: String, lines: [Int], project: [String: String]? = nil, message: String? = nil,
                 severity: Severity? = nil, file: StaticString = #filePath, line: UInt = #line) {
    let found = audit(text, project: project).findings.filter { $0.id == id }
    XCTAssertEqual(found.map(\.line), lines, "\(id) lines; findings: \(found.map { "\($0.line): \($0.message)" })", file: file, line: line)
    if let message {
        XCTAssertTrue(found.contains { $0.message.contains(message) }, "no \(id) message contains '\(message)': \(found.map(\.message))", file: file, line: line)
    }
    if let severity {
        XCTAssertEqual(found.map(\.severity), Array(repeating: severity, count: found.count), file: file, line: line)
    }
}

/// hadolint's `ruleCatchesNot`.
func assertFindsNothing(_ id: String, _ text: String, project: [String: String]? = nil, file: StaticString = #filePath, line: UInt = #line) {
    let found = audit(text, project: project).findings.filter { $0.id == id }
    XCTAssertTrue(found.isEmpty, "unexpected \(id): \(found.map { "\($0.line): \($0.message)" })", file: file, line: line)
}
