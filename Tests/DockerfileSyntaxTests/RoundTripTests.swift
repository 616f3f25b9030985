import DockerfileSyntax
import XCTest

/// Every kind of input prints back byte for byte, and the parts land where
/// BuildKit would read them.
final class RoundTripTests: XCTestCase {
    func testEmptyAndWhitespaceOnlyFiles() {
        for source in ["", " ", "\n", "\r\n", "  \n\t\n   ", "\u{00A0}\n"] {
            let tree = assertParse(source)
            XCTAssertTrue(tree.instructions.isEmpty)
            XCTAssertEqual(tree.diagnostics.map(\.code), ["no-instructions"])
        }
    }

    func testByteOrderMarkIsLeadingTriviaOfTheFirstToken() {
        let tree = assertParse("\u{FEFF}FROM a\n")
        let first = tree.token(at: 0)
        XCTAssertEqual(first.text, "FROM")
        XCTAssertEqual(first.leadingTrivia.map(\.kind), [.byteOrderMark])
    }

    func testByteOrderMarkBeforeDirective() {
        let tree = assertParse("\u{FEFF}# escape=`\nFROM a\nRUN x `\n  y\n")
        XCTAssertEqual(tree.escape, UInt8(ascii: "`"))
        XCTAssertEqual(tree.instructions.count, 2)
    }

    func testLineEndings() {
        for source in ["FROM a\nRUN b\n", "FROM a\r\nRUN b\r\n", "FROM a\r\nRUN b\n", "FROM a\nRUN b", "FROM a\nRUN b\r"] {
            let tree = assertParse(source)
            XCTAssertEqual(tree.instructions.map(\.kind), [.fromInstruction, .runInstruction], source.debugDescription)
            XCTAssertEqual(tree.instructions[1].lastToken.text, "b")
        }
    }

    func testCRLFIsOneNewlinePiece() {
        let tree = assertParse("FROM a\r\nRUN b\r\n")
        let run = tree.instructions[1].firstToken
        XCTAssertEqual(run.leadingTrivia.map(\.kind), [.newline])
        XCTAssertEqual(Array(tree.source[run.leadingTrivia[0].range]), Array("\r\n".utf8))
    }

    func testEveryInstructionInAnyCase() {
        let keywords: [(String, SyntaxKind)] = [
            ("FROM", .fromInstruction), ("run", .runInstruction), ("Cmd", .cmdInstruction),
            ("entryPoint", .entrypointInstruction), ("SHELL", .shellInstruction), ("copy", .copyInstruction),
            ("ADD", .addInstruction), ("Env", .envInstruction), ("arg", .argInstruction), ("LABEL", .labelInstruction),
            ("expose", .exposeInstruction), ("USER", .userInstruction), ("WorkDir", .workdirInstruction),
            ("volume", .volumeInstruction), ("STOPSIGNAL", .stopsignalInstruction), ("healthcheck", .healthcheckInstruction),
            ("OnBuild", .onbuildInstruction), ("MAINTAINER", .maintainerInstruction), ("FROBNICATE", .unknownInstruction),
        ]
        for (keyword, kind) in keywords {
            let tree = assertParse("FROM a\n\(keyword) x=1 y\n")
            XCTAssertEqual(tree.instructions[1].kind, kind, keyword)
            XCTAssertEqual(tree.instructions[1].firstToken.text, keyword)
        }
    }

    func testUnknownInstructionKeepsItsArgumentsVerbatim() {
        let tree = assertParse("FROM a\nFROBNICATE --all the   things\n")
        let node = tree.instructions[1]
        XCTAssertEqual(node.kind, .unknownInstruction)
        XCTAssertEqual(node.tokenTexts, ["FROBNICATE", "--all", "the   things"])
        XCTAssertTrue(tree.diagnostics.contains { $0.code == "unknown-instruction" && $0.location.line == 2 && $0.location.column == 1 })
    }

    func testFromWithPlatformAndStageName() {
        let tree = assertParse("FROM --platform=linux/arm64 golang:1.22 AS build\n")
        let from = tree.instructions[0]
        XCTAssertEqual(from.childNodes.map(\.kind), [.flag, .word, .word, .word])
        XCTAssertEqual(from.tokenTexts, ["FROM", "--platform=linux/arm64", "golang:1.22", "AS", "build"])
    }

    func testFlagsBeforeArguments() {
        let flags = ["--platform=x", "--from=build", "--mount=type=cache,target=/root/.cache", "--chown=1:1", "--chmod=755",
                     "--link", "--network=none", "--security=insecure", "--exclude=*.md", "--parents",
                     "--checksum=sha256:0", "--keep-git-dir=true", "--made-up=1"]
        for flag in flags {
            let tree = assertParse("FROM a\nCOPY \(flag) src dest\n")
            let copy = tree.instructions[1]
            XCTAssertEqual(copy.childNodes(.flag).map { $0.tokenTexts }, [[flag]], flag)
            XCTAssertEqual(copy.childNodes(.word).count, 2, flag)
        }
    }

    func testQuotedFlagWithSpacesIsOneFlag() {
        let tree = assertParse("FROM a\nRUN --mount=\"type=bind,source=a b\" echo\n")
        XCTAssertEqual(tree.instructions[1].childNodes(.flag).count, 1)
        XCTAssertEqual(tree.instructions[1].firstChild(.shellCommand)?.tokenTexts, ["echo"])
    }

    func testDoubleDashEndsFlags() {
        let tree = assertParse("FROM a\nCOPY --chown=1 -- --not-a-flag /x\n")
        let copy = tree.instructions[1]
        XCTAssertEqual(copy.childNodes(.flag).count, 1)
        XCTAssertNotNil(copy.firstChild(.flagTerminator))
        XCTAssertEqual(copy.childNodes(.word).map(\.tokenTexts), [["--not-a-flag"], ["/x"]])
    }

    func testOnbuildWrapsAnInstruction() {
        let tree = assertParse("FROM a\nONBUILD RUN echo hi\nONBUILD COPY --from=b . /\n")
        let onbuild = tree.instructions[1]
        XCTAssertEqual(onbuild.kind, .onbuildInstruction)
        XCTAssertEqual(onbuild.childNodes.first?.kind, .runInstruction)
        XCTAssertEqual(tree.instructions[2].childNodes.first?.childNodes(.flag).count, 1)
    }

    func testHealthcheckOptionsAndNone() {
        let tree = assertParse("FROM a\nHEALTHCHECK --interval=5s --retries=3 CMD curl -f http://x || exit 1\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"/check\"]\n")
        let h = tree.instructions[1]
        XCTAssertEqual(h.childNodes.map(\.kind), [.flag, .flag, .healthcheckType, .shellCommand])
        XCTAssertEqual(tree.instructions[2].childNodes.map(\.kind), [.healthcheckType])
        XCTAssertEqual(tree.instructions[3].childNodes.map(\.kind), [.healthcheckType, .jsonArray])
    }

    func testEnvForms() {
        let tree = assertParse("FROM a\nENV A=1 B=\"two words\" C=three\\ words\nENV LEGACY value with  spaces\n")
        let modern = tree.instructions[1].childNodes(.keyValue)
        XCTAssertEqual(modern.map(\.tokenTexts), [["A", "=", "1"], ["B", "=", "\"two words\""], ["C", "=", "three\\ words"]])
        let legacy = tree.instructions[2].childNodes(.keyValue)
        XCTAssertEqual(legacy.map(\.tokenTexts), [["LEGACY", "value with  spaces"]])
    }

    func testExecFormPieces() {
        let tree = assertParse("FROM a\nCMD [ \"a\" , \"b c\" ]\n")
        let array = tree.instructions[1].firstChild(.jsonArray)!
        XCTAssertEqual(array.tokenTexts, ["[", "\"a\"", ",", "\"b c\"", "]"])
        XCTAssertEqual(array.childNodes(.jsonString).count, 2)
    }

    func testInvalidJSONFallsBackToShellForm() {
        for args in ["['a', 'b']", "[\"a\"", "[\"a\", \"b]", "[ \"a\" \"b\" ]", "[a]"] {
            let tree = assertParse("FROM a\nCMD \(args)\n")
            let cmd = tree.instructions[1]
            XCTAssertEqual(cmd.childNodes.map(\.kind), [.shellCommand], args)
            XCTAssertTrue(tree.diagnostics.contains { $0.code == "invalid-json" }, args)
        }
    }

    func testNonStringJSONElementIsRejectedAsBuildKitDoes() {
        let tree = assertParse("FROM a\nCMD [\"a\", 1, null]\n")
        XCTAssertEqual(tree.instructions[1].firstChild(.jsonArray)?.childNodes.map(\.kind), [.jsonString, .jsonValue, .jsonValue])
        XCTAssertTrue(tree.diagnostics.contains { $0.rejectedByBuildKit && $0.message.contains("strings only") })
    }

    func testTextAfterJSONArray() {
        let tree = assertParse("FROM a\nCMD [\"a\"] and more\n")
        XCTAssertEqual(tree.instructions[1].childNodes.map(\.kind), [.jsonArray, .trailingText])
        XCTAssertTrue(tree.diagnostics.contains { $0.code == "text-after-json" })
    }
}
