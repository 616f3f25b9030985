import DockerfileSyntax
import XCTest

/// Here-documents in RUN, COPY and ADD.
final class HeredocTests: XCTestCase {
    private func bodies(_ tree: SyntaxTree, _ index: Int) -> [(String, String?)] {
        tree.instructions[index].childNodes(.heredoc).map { h in
            (h.firstToken.text, h.tokens.first { $0.kind == .heredocTerminator }?.text)
        }
    }

    func testPlainHeredoc() {
        let tree = assertParse("FROM a\nRUN <<EOF\necho hi\nEOF\nRUN next\n")
        XCTAssertEqual(tree.instructions.count, 3)
        XCTAssertEqual(bodies(tree, 1).map(\.0), ["echo hi\n"])
        XCTAssertEqual(bodies(tree, 1).map(\.1), ["EOF"])
    }

    func testChompedHeredocStripsTabsOnlyFromTheTerminator() {
        let tree = assertParse("FROM a\nRUN <<-EOF\n\techo hi\n\tEOF\n")
        XCTAssertEqual(bodies(tree, 1).map(\.0), ["\techo hi\n"])
        let terminator = tree.instructions[1].lastToken
        XCTAssertEqual(terminator.kind, .heredocTerminator)
        XCTAssertEqual(terminator.leadingTrivia.map(\.kind), [.spaces])
    }

    func testQuotedDelimiters() {
        let tree = assertParse("FROM a\nRUN <<\"EOF\"\n$HOME\nEOF\nRUN <<'END' cat\nx\nEND\n")
        XCTAssertEqual(bodies(tree, 1).map(\.1), ["EOF"])
        XCTAssertEqual(bodies(tree, 2).map(\.1), ["END"])
    }

    func testSeveralHeredocsInOneInstruction() {
        let tree = assertParse("FROM a\nCOPY <<one <<two /dest/\n1\none\n2\ntwo\n")
        XCTAssertEqual(bodies(tree, 1).map(\.0), ["1\n", "2\n"])
    }

    func testHeredocInAdd() {
        let tree = assertParse("FROM a\nADD <<EOF /x\ny\nEOF\n")
        XCTAssertEqual(bodies(tree, 1).count, 1)
    }

    func testNoHeredocInExecFormOrOtherInstructions() {
        let tree = assertParse("FROM a\nRUN [\"<<EOF\"]\nCMD <<EOF\nENV A <<EOF\n")
        XCTAssertEqual(tree.instructions.count, 4)
        XCTAssertTrue(tree.instructions.allSatisfy { $0.childNodes(.heredoc).isEmpty })
    }

    func testQuotedOrGluedMarkersAreNotHeredocs() {
        let tree = assertParse("FROM a\nRUN echo \"<<EOF\" && cat<<EOF\nRUN b\n")
        XCTAssertEqual(tree.instructions.count, 3)
    }

    func testUnbalancedQuoteOnTheLineMeansNoHeredocs() {
        // BuildKit cannot split the line into words, so it finds no heredoc.
        let tree = assertParse("FROM a\nRUN echo \"${X\" <<EOF\nEOF\n")
        XCTAssertEqual(tree.instructions.count, 3)
        XCTAssertEqual(tree.instructions[2].kind, .unknownInstruction)
    }

    func testEmptyBody() {
        let tree = assertParse("FROM a\nRUN <<EOF\nEOF\n")
        XCTAssertEqual(bodies(tree, 1).map(\.0), [""])
    }

    func testHeredocWithCRLF() {
        let tree = assertParse("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n")
        XCTAssertEqual(bodies(tree, 1).map(\.0), ["echo hi\r\n"])
        XCTAssertEqual(bodies(tree, 1).map(\.1), ["EOF"])
    }

    func testUnterminatedHeredocKeepsTheRestOfTheFile() {
        let tree = assertParse("FROM a\nRUN <<EOF\necho one\nRUN two\n")
        XCTAssertEqual(bodies(tree, 1).map(\.0), ["echo one\nRUN two\n"])
        XCTAssertEqual(bodies(tree, 1).map(\.1), [nil])
        let d = tree.diagnostics.first { $0.code == "unterminated-heredoc" }
        XCTAssertEqual(d?.location.line, 2)
        XCTAssertEqual(d?.rejectedByBuildKit, true)
    }
}
