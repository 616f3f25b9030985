import DockerfileSyntax
import XCTest

/// Parsing never fails: broken input becomes nodes and diagnostics, and the
/// tree still prints back byte for byte.
final class ResilienceTests: XCTestCase {
    func testNULBytes() {
        let tree = assertParse(Array("FROM a\u{0}b\nRUN \u{0}\u{0}\n\u{0}\n".utf8))
        XCTAssertEqual(tree.instructions.count, 3)
    }

    func testInvalidUTF8() {
        let source: [UInt8] = Array("FROM a\nRUN echo ".utf8) + [0xFF, 0xFE, 0xC3] + Array("\n".utf8)
        let tree = assertParse(source)
        let d = tree.diagnostics.first { $0.code == "invalid-utf8" }
        XCTAssertEqual(d?.location.line, 2)
        XCTAssertEqual(d?.location.column, 10)
    }

    func testGarbage() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            assertParse(bytes)
        }
        assertParse("}}}\n\u{1}\u{2}\n[[[ ]]]\n  ;;; \\\n")
    }

    func testUnterminatedJSON() {
        let tree = assertParse("FROM a\nCMD [\"a\", \"b\nENTRYPOINT [\n")
        XCTAssertEqual(tree.instructions.map(\.kind), [.fromInstruction, .cmdInstruction, .entrypointInstruction])
        XCTAssertEqual(tree.diagnostics.filter { $0.code == "invalid-json" }.map(\.location.line), [2, 3])
    }

    func testDeeplyNestedJSONDoesNotExhaustTheStack() {
        let source = "FROM a\nCMD " + String(repeating: "[", count: 200_000) + "\n"
        let tree = assertParse(source)
        XCTAssertEqual(tree.instructions[1].childNodes.map(\.kind), [.shellCommand])
    }

    func testA50MegabyteLine() {
        var source = Array("FROM a\nRUN echo ".utf8)
        source += repeatElement(UInt8(ascii: "x"), count: 50 * 1024 * 1024)
        source += Array("\nCMD done\n".utf8)
        let tree = assertParse(source)
        XCTAssertEqual(tree.instructions.count, 3)
        XCTAssertEqual(tree.instructions[1].firstChild(.shellCommand)?.tokens.first?.textRange.count, 5 + 50 * 1024 * 1024)
        // BuildKit's scanner stops at 64 KiB lines; we parse on and say so.
        XCTAssertTrue(tree.diagnostics.contains { $0.code == "line-too-long" && $0.location.line == 2 })
    }

    func test100000ContinuationLines() {
        var source = "FROM a\nRUN echo \\\n"
        source += String(repeating: "  a \\\n", count: 100_000)
        source += "  end\n"
        let tree = assertParse(source)
        XCTAssertEqual(tree.instructions.count, 2)
        XCTAssertEqual(tree.instructions[1].firstChild(.shellCommand)?.tokens.count, 100_002)
    }

    func testManyHeredocLines() {
        let source = "FROM a\nRUN <<EOF\n" + String(repeating: "line\n", count: 200_000) + "EOF\n"
        let tree = assertParse(source)
        XCTAssertEqual(tree.instructions[1].firstChild(.heredoc)?.firstToken.textRange.count, 5 * 200_000)
    }

    func testDiagnosticsCarryLineAndColumn() {
        let tree = assertParse("FROM a\n  FROBNICATE x\n")
        let d = tree.diagnostics.first { $0.code == "unknown-instruction" }
        XCTAssertEqual(d.map { "\($0.location)" }, "2:3")
    }
}
