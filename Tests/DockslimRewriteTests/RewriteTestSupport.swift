@testable import DockerfileFacts
import DockerfileSyntax
import DockslimRewrite
import XCTest

/// Runs one pass over `input` and returns the result (after checking that
/// the input round-trips).
func rewrite(_ pass: any RewritePass, _ input: String, project: BuildContext? = nil) -> FileRewrite {
    let bytes = Array(input.utf8)
    XCTAssertEqual(Parser.parse(bytes).printed(), bytes, "round trip")
    let runner = RecipeRunner(recipes: [])
    return runner.run([RecipeRunner.PlannedPass(pass)], on: bytes, project: project)
}

/// The pass turns `input` into `expected`, and running it again changes nothing.
func assertRewrite(_ pass: any RewritePass, input: String, expected: String, project: BuildContext? = nil,
                   file: StaticString = #filePath, line: UInt = #line) {
    let result = rewrite(pass, input, project: project)
    let output = String(decoding: result.output, as: UTF8.self)
    if output != expected {
        XCTFail("output differs:\n--- expected\n\(expected)--- actual\n\(output)--- notes\n\(result.steps.flatMap(\.notes).joined(separator: "\n"))", file: file, line: line)
    }
    let again = rewrite(pass, output, project: project)
    XCTAssertFalse(again.changed, "a second run changes the output again", file: file, line: line)
    XCTAssertTrue(result.steps.allSatisfy { $0.edits.allSatisfy { !$0.reason.isEmpty } }, "every edit has a reason", file: file, line: line)
}

/// The pass leaves `input` alone and says why (a note containing `reason`).
func assertNotApplicable(_ pass: any RewritePass, input: String, reason: String, project: BuildContext? = nil,
                         file: StaticString = #filePath, line: UInt = #line) {
    let result = rewrite(pass, input, project: project)
    XCTAssertFalse(result.changed, "changed:\n" + String(decoding: result.output, as: UTF8.self), file: file, line: line)
    let notes = result.steps.flatMap(\.notes) + [result.outcome.reason].compactMap { $0 }
    XCTAssertTrue(notes.contains { $0.contains(reason) }, "no note contains \"\(reason)\"; notes: \(notes)", file: file, line: line)
}

func project(_ files: [String: String]) -> BuildContext {
    BuildContext(files: Set(files.keys), contents: files.mapValues { Array($0.utf8) })
}
