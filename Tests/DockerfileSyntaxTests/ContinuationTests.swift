import DockerfileSyntax
import XCTest

/// Line continuations, the escape character, and the trivia rules around them.
final class ContinuationTests: XCTestCase {
    func testContinuationIsTrailingTriviaAndTheNextLineIsLeadingTrivia() {
        let tree = assertParse("FROM a\nRUN echo a \\\n    b\n")
        let tokens = tree.instructions[1].firstChild(.shellCommand)!.tokens
        XCTAssertEqual(tokens.map(\.text), ["echo a", "b"])
        XCTAssertEqual(tokens[0].trailingTrivia.map(\.kind), [.spaces, .lineContinuation])
        XCTAssertEqual(tokens[1].leadingTrivia.map(\.kind), [.newline, .spaces])
    }

    func testSpacesAndTabsAfterTheEscapeStillContinue() {
        let tree = assertParse("FROM a\nRUN echo a \\ \t\n  b\n")
        XCTAssertEqual(tree.instructions.count, 2)
        let continuation = tree.instructions[1].firstChild(.shellCommand)!.tokens[0].trailingTrivia.last!
        XCTAssertEqual(continuation.kind, .lineContinuation)
        XCTAssertEqual(Array(tree.source[continuation.range]), Array("\\ \t".utf8))
    }

    func testEscapedEscapeDoesNotContinue() {
        let tree = assertParse("FROM a\nENV C trailing\\\\\nENV D next\n")
        XCTAssertEqual(tree.instructions.count, 3)
    }

    func testCommentAndEmptyLinesInsideAContinuation() {
        let tree = assertParse("FROM a\nRUN one \\\n  # a comment \\\n\n   \n  two\nRUN three\n")
        XCTAssertEqual(tree.instructions.count, 3)
        let second = tree.instructions[1].firstChild(.shellCommand)!.tokens[1]
        XCTAssertEqual(second.text, "two")
        XCTAssertEqual(second.leadingTrivia.map(\.kind), [.newline, .spaces, .comment, .newline, .newline, .spaces, .newline, .spaces])
        XCTAssertTrue(tree.diagnostics.contains { $0.code == "empty-continuation-line" })
    }

    func testWordSplitAcrossAContinuation() {
        let tree = assertParse("FROM a\nRUN echo good\\\nbye\n")
        XCTAssertEqual(tree.instructions[1].firstChild(.shellCommand)!.tokenTexts, ["echo good", "bye"])
    }

    func testContinuationAtEndOfFile() {
        let tree = assertParse("FROM a\nRUN something \\")
        XCTAssertEqual(tree.instructions[1].firstChild(.shellCommand)!.tokenTexts, ["something"])
    }

    func testLoneEscapeStartsAnInstruction() {
        let tree = assertParse("FROM a\n\\\n# inside\nRUN x\n")
        XCTAssertEqual(tree.instructions.count, 2)
        XCTAssertEqual(tree.instructions[1].firstToken.leadingTrivia.map(\.kind), [.newline, .lineContinuation, .newline, .comment, .newline])
    }

    func testLoneEscapeAtEndOfFileIsAnEmptyInstruction() {
        let tree = assertParse("FROM a\n\\\n\n")
        XCTAssertEqual(tree.instructions.count, 2)
        XCTAssertEqual(tree.instructions[1].kind, .unknownInstruction)
        XCTAssertEqual(tree.instructions[1].firstToken.text, "")
        XCTAssertTrue(tree.diagnostics.contains { $0.code == "empty-instruction" })
    }

    func testBacktickEscape() {
        let tree = assertParse("# escape=`\nFROM windows\nRUN dir c:\\ `\n  && echo \\done\n")
        XCTAssertEqual(tree.escape, UInt8(ascii: "`"))
        XCTAssertEqual(tree.instructions[1].firstChild(.shellCommand)!.tokenTexts, ["dir c:\\", "&& echo \\done"])
    }

    func testBackslashIsPlainTextWithBacktickEscape() {
        let tree = assertParse("# escape=`\nFROM a\nRUN echo a \\\nRUN echo b\n")
        XCTAssertEqual(tree.instructions.count, 3)
    }

    func testTrailingTriviaStopsBeforeTheNewline() {
        let tree = assertParse("FROM a   \n\n# comment\nRUN b\n")
        let a = tree.instructions[0].lastToken
        XCTAssertEqual(a.trailingTrivia.map(\.kind), [.spaces])
        let run = tree.instructions[1].firstToken
        XCTAssertEqual(run.leadingTrivia.map(\.kind), [.newline, .newline, .comment, .newline])
    }

    func testIndentedInstructionAndComment() {
        let tree = assertParse("  FROM a\n\t# indented comment\n   RUN b\n")
        XCTAssertEqual(tree.instructions.map(\.firstToken.text), ["FROM", "RUN"])
        XCTAssertEqual(tree.instructions[1].firstToken.leadingTrivia.map(\.kind), [.newline, .spaces, .comment, .newline, .spaces])
    }
}

/// Parser directives at the top of the file.
final class DirectiveTests: XCTestCase {
    func testDirectivesAreNodes() {
        let tree = assertParse("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\n")
        let directives = tree.root.childNodes(.directive)
        XCTAssertEqual(directives.map { $0.tokens.first { $0.kind == .directiveName }!.text }, ["syntax", "escape", "check"])
        XCTAssertEqual(tree.escape, UInt8(ascii: "`"))
    }

    func testNamesAreCaseInsensitiveAndSpacesAllowed() {
        let tree = assertParse("#   ESCAPE   =   `  \nFROM a\n")
        XCTAssertEqual(tree.root.childNodes(.directive).count, 1)
        XCTAssertEqual(tree.escape, UInt8(ascii: "`"))
    }

    func testAnyOtherLineEndsTheDirectives() {
        for prefix in ["# a comment\n", "\n", "FROM a\n", "# unknown=1\n"] {
            let tree = assertParse(prefix + "# escape=`\nFROM b\n")
            XCTAssertEqual(tree.escape, UInt8(ascii: "\\"), prefix.debugDescription)
            XCTAssertTrue(tree.root.childNodes(.directive).isEmpty, prefix.debugDescription)
        }
    }

    func testDuplicateDirectiveIsAnError() {
        let tree = assertParse("# escape=`\n# escape=\\\nFROM a\n")
        XCTAssertEqual(tree.escape, UInt8(ascii: "`"))
        let d = tree.diagnostics.first { $0.code == "duplicate-directive" }
        XCTAssertEqual(d?.location.line, 2)
        XCTAssertEqual(d?.rejectedByBuildKit, true)
    }

    func testInvalidEscapeIsAnError() {
        let tree = assertParse("# escape=x\nFROM a\n")
        XCTAssertEqual(tree.escape, UInt8(ascii: "\\"))
        XCTAssertTrue(tree.diagnostics.contains { $0.code == "invalid-escape" && $0.location.line == 1 && $0.location.column == 10 })
    }
}
