import DockslimAudit
import DockslimReport
import Foundation
import XCTest

/// `docs/rules/`: one page per rule, written from the rule's metadata, and
/// the metadata GitHub reads (tags, security-severity). A missing or stale
/// page fails, like a golden file; `DOCKSLIM_UPDATE_GOLDEN=1` rewrites them.
final class RuleDocsTests: XCTestCase {
    static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    func testEveryRuleHasAFreshPage() throws {
        let fm = FileManager.default
        let update = ProcessInfo.processInfo.environment["DOCKSLIM_UPDATE_GOLDEN"] == "1"
        let folder = Self.repository + "/docs/rules"
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var expected: [String: String] = ["README.md": RuleDocs.index(Auditor.rules)]
        for r in Auditor.rules {
            XCTAssertEqual(RuleDocs.path(r), "docs/rules/\(r.id).md")
            expected["\(r.id).md"] = RuleDocs.page(r, fixRecipes: r.fixRecipes)
        }
        for (name, text) in expected.sorted(by: { $0.key < $1.key }) {
            let path = folder + "/" + name
            let current = fm.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            if update || current == nil {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                if current == nil && !update { XCTFail("docs/rules/\(name) was missing (written now; commit it after reading it)") }
                continue
            }
            XCTAssertEqual(current, text, "docs/rules/\(name) is stale; DOCKSLIM_UPDATE_GOLDEN=1 swift test --filter RuleDocsTests rewrites it")
        }
        // No page for a rule that is gone.
        let extra = Set(try fm.contentsOfDirectory(atPath: folder)).subtracting(expected.keys)
        XCTAssertEqual(extra, [], "pages for no rule in docs/rules")
    }

    func testEveryPageURLIsUnderTheOneBase() {
        for r in Auditor.rules {
            XCTAssertEqual(RuleDocs.url(r), RuleDocs.baseURL + r.id + ".md")
            XCTAssertTrue(RuleDocs.url(r).hasSuffix(RuleDocs.path(r)), r.id)
        }
    }

    /// GitHub treats a rule as a security rule by its `security` tag and
    /// ranks it by `security-severity` ("0.1" to "10.0"): both or neither.
    func testSecurityRulesHaveAScoreAndOnlyThey() throws {
        for r in Auditor.rules {
            XCTAssertFalse(r.tags.isEmpty, r.id)
            XCTAssertEqual(Set(r.tags).count, r.tags.count, r.id)
            XCTAssertLessThanOrEqual(r.tags.count + 1, 10, "\(r.id): GitHub shows at most 10 tags")
            if r.tags.contains(.security) {
                let score = try XCTUnwrap(r.securitySeverity.flatMap(Double.init), r.id)
                XCTAssertTrue(score > 0 && score <= 10, r.id)
                XCTAssertEqual(r.securitySeverity, String(format: "%.1f", score), "\(r.id): one decimal, as GitHub writes it")
            } else {
                XCTAssertNil(r.securitySeverity, r.id)
            }
        }
        // The secret rule is a security rule, and not an image-size one.
        let secret = try XCTUnwrap(Auditor.rule("DS008"))
        XCTAssertEqual(secret.tags, [.security])
        XCTAssertEqual(RuleDocs.securityLevel(secret.securitySeverity!), "high")
        XCTAssertEqual(Auditor.rules.filter { $0.tags.contains(.security) }.map(\.id), ["DS004", "DS007", "DS008"])
    }
}
