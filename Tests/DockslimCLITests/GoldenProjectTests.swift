import DockslimCLI
import Foundation
import XCTest

/// `Golden/compose/<case>/` and `Golden/bake/<case>/`: a Compose or Bake
/// project in `project/` (definition files, Dockerfiles, sources) and
/// beside it what dockslim prints when run in a copy of that folder outside
/// any repository (patches are named from a repository's top, so the output
/// must not depend on where this checkout is): the audit in text (exit
/// status, standard output and standard error), JSON and SARIF, the project
/// graph in Mermaid, DOT and JSON, and `rewrite --recipe slim` (exit
/// status, patch and standard error). Missing expected files are written
/// and fail the test; `DOCKSLIM_UPDATE_GOLDEN=1` rewrites them.
final class GoldenProjectTests: XCTestCase {
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Golden"
    }()

    /// Output file, arguments, and whether the exit status and standard error are part of it.
    static let outputs: [(file: String, args: [String], whole: Bool)] = [
        ("expected.txt", ["audit", "--color", "never", "--fail-on", "never", "."], true),
        ("expected.json", ["audit", "--format", "json", "--fail-on", "never", "-q", "."], false),
        ("expected.sarif", ["audit", "--format", "sarif", "--fail-on", "never", "-q", "."], false),
        ("expected.mmd", ["graph", "."], false),
        ("expected.dot", ["graph", "--format", "dot", "."], false),
        ("expected.graph.json", ["graph", "--format", "json", "."], false),
        ("expected.rewrite.txt", ["rewrite", "--recipe", "slim", "--color", "never", "."], true),
    ]

    func testComposeProjects() throws { try check("compose", atLeast: 9) }

    func testBakeProjects() throws { try check("bake", atLeast: 4) }

    private func check(_ kind: String, atLeast minimum: Int) throws {
        let fm = FileManager.default
        let update = ProcessInfo.processInfo.environment["DOCKSLIM_UPDATE_GOLDEN"] == "1"
        let folder = Self.root + "/" + kind
        let cases = try fm.contentsOfDirectory(atPath: folder).sorted()
        XCTAssertGreaterThanOrEqual(cases.count, minimum)
        let previous = fm.currentDirectoryPath
        defer { fm.changeCurrentDirectoryPath(previous) }
        for name in cases {
            let dir = folder + "/" + name
            let copy = fm.temporaryDirectory.appendingPathComponent("dockslim-golden-\(UUID().uuidString)")
            defer { try? fm.removeItem(at: copy) }
            try fm.copyItem(atPath: dir + "/project", toPath: copy.path)
            XCTAssertTrue(fm.changeCurrentDirectoryPath(copy.path))
            for (file, args, whole) in Self.outputs {
                let run = Run(args)
                var text = run.stdout
                if whole {
                    text = "exit: \(run.code)\n--- stdout\n\(run.stdout)--- stderr\n\(run.stderr)"
                } else {
                    XCTAssertNotEqual(run.code, 2, "\(kind)/\(name): \(args.joined(separator: " ")) crashed: \(run.stderr)")
                }
                let path = dir + "/" + file
                let missing = !fm.fileExists(atPath: path)
                if update || missing {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                    if missing && !update { XCTFail("\(kind)/\(name)/\(file) was missing (written now; commit it after reading it)") }
                    continue
                }
                let expected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                XCTAssertEqual(text, expected, "\(kind)/\(name)/\(file) differs; DOCKSLIM_UPDATE_GOLDEN=1 rewrites it")
            }
        }
    }
}
