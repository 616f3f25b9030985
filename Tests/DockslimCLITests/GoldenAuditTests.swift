import DockslimCLI
import Foundation
import XCTest

/// `Golden/audit/<case>/`: a Dockerfile (and the project files around it)
/// with what `dockslim audit` prints in each format (`expected.txt`,
/// `expected.json`, `expected.sarif`) and what `dockslim graph` prints
/// (`expected.mmd`, `expected.dot`, `expected.graph.json`). The commands run
/// in the case folder, as a user would. Missing expected files are written;
/// `DOCKSLIM_UPDATE_GOLDEN=1` rewrites them.
final class GoldenAuditTests: XCTestCase {
    static let folder: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Golden/audit"
    }()

    static let outputs: [(file: String, args: [String])] = [
        ("expected.txt", ["audit", "--color", "never", "--fail-on", "never", "-q", "Dockerfile"]),
        ("expected.json", ["audit", "--format", "json", "--fail-on", "never", "-q", "Dockerfile"]),
        ("expected.sarif", ["audit", "--format", "sarif", "--fail-on", "never", "-q", "Dockerfile"]),
        ("expected.mmd", ["graph", "Dockerfile"]),
        ("expected.dot", ["graph", "--format", "dot", "Dockerfile"]),
        ("expected.graph.json", ["graph", "--format", "json", "Dockerfile"]),
    ]

    func testEveryCase() throws {
        let fm = FileManager.default
        let update = ProcessInfo.processInfo.environment["DOCKSLIM_UPDATE_GOLDEN"] == "1"
        let cases = try fm.contentsOfDirectory(atPath: Self.folder).sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        let previous = fm.currentDirectoryPath
        defer { fm.changeCurrentDirectoryPath(previous) }
        for name in cases {
            let dir = Self.folder + "/" + name
            XCTAssertTrue(fm.changeCurrentDirectoryPath(dir))
            for (file, args) in Self.outputs {
                let run = Run(args)
                XCTAssertEqual(run.code, 0, "\(name): \(args.joined(separator: " ")): \(run.stderr)")
                XCTAssertEqual(run.stderr, "", "\(name): \(args.joined(separator: " "))")
                let path = dir + "/" + file
                let missing = !fm.fileExists(atPath: path)
                if update || missing {
                    try Data(run.stdoutBytes).write(to: URL(fileURLWithPath: path))
                    if missing && !update { XCTFail("\(name)/\(file) was missing (written now; commit it after reading it)") }
                    continue
                }
                let expected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                XCTAssertEqual(run.stdout, expected, "\(name)/\(file) differs; DOCKSLIM_UPDATE_GOLDEN=1 rewrites it")
            }
        }
    }
}
