import Foundation
import DockerfileSyntax
import XCTest

/// `Golden/parse/<case>/Dockerfile` and its tree dump `tree.txt`. A missing
/// dump is written; `DOCKSLIM_UPDATE_GOLDEN=1` rewrites them all.
final class GoldenParseTests: XCTestCase {
    static let folder: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)  // Tests/DockerfileSyntaxTests/GoldenParseTests.swift
        return parts.joined(separator: "/") + "/Golden/parse"
    }()

    func testGoldenTrees() throws {
        let fm = FileManager.default
        let cases = try fm.contentsOfDirectory(atPath: Self.folder).sorted()
        XCTAssertGreaterThan(cases.count, 15)
        let update = ProcessInfo.processInfo.environment["DOCKSLIM_UPDATE_GOLDEN"] == "1"
        for name in cases {
            let dir = Self.folder + "/" + name
            guard let input = fm.contents(atPath: dir + "/Dockerfile") else { continue }
            let tree = assertParse(Array(input))
            let dump = TreeDump.dump(tree)
            let expectedPath = dir + "/tree.txt"
            let missing = !fm.fileExists(atPath: expectedPath)
            if update || missing {
                try dump.write(toFile: expectedPath, atomically: true, encoding: .utf8)
                if missing && !update { XCTFail("\(name)/tree.txt was missing (written now; commit it after reading it)") }
                continue
            }
            let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
            assertTextEqual(dump, expected)
        }
    }
}
