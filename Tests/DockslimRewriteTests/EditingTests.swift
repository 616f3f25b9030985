@testable import DockerfileFacts
import DockerfileSyntax
import DockslimRewrite
import XCTest

final class FileStyleTests: XCTestCase {
    func testDetectsLineEndingsCaseIndentAndEscape() {
        let style = FileStyle(of: Parser.parse("# escape=`\r\nfrom a\r\nrun one `\r\n  two `\r\n  three\r\ncopy . .\r\nRUN x\r\n"))
        XCTAssertEqual(style.newline, "\r\n")
        XCTAssertTrue(style.lowercaseKeywords)
        XCTAssertEqual(style.continuationIndent, "  ")
        XCTAssertEqual(style.escape, "`")
        XCTAssertEqual(style.keyword("COPY"), "copy")
        XCTAssertEqual(style.continued(["a", "b"]), "a `\r\n  b")
    }

    func testDefaults() {
        let style = FileStyle(of: Parser.parse("FROM a\nRUN b\n"))
        XCTAssertEqual(style, FileStyle(newline: "\n", lowercaseKeywords: false, continuationIndent: "    ", escape: "\\"))
    }
}

final class TreeEditorTests: XCTestCase {
    private func apply(_ source: String, _ body: (inout TreeEditor, [SyntaxNode]) -> Void) -> String {
        let tree = Parser.parse(source)
        var editor = TreeEditor(tree)
        body(&editor, tree.root.childNodes.filter { $0.kind.isInstruction })
        return String(decoding: editor.result()!, as: UTF8.self)
    }

    func testInsertBeforeKeepsAttachedCommentsWithTheirInstruction() {
        XCTAssertEqual(apply("FROM a\n\n# about b\n# more\nRUN b\n") { e, i in e.insert(["RUN new"], before: i[1], reason: "t") },
                       "FROM a\n\nRUN new\n# about b\n# more\nRUN b\n")
    }

    func testInsertAfterAndAtTheEndOfAFileWithoutNewline() {
        XCTAssertEqual(apply("FROM a\nRUN b \\\n  c\nCMD d\n") { e, i in e.insert(["RUN x", "RUN y"], after: i[1], reason: "t") },
                       "FROM a\nRUN b \\\n  c\nRUN x\nRUN y\nCMD d\n")
        XCTAssertEqual(apply("FROM a\nCMD d") { e, i in e.insert(["RUN x"], after: i[1], reason: "t") }, "FROM a\nCMD d\nRUN x")
    }

    func testRemoveTakesTheAttachedCommentsButNotBlankLines() {
        XCTAssertEqual(apply("FROM a\n\n# about b\nRUN b\nCMD c\n") { e, i in e.remove(i[1], reason: "t") }, "FROM a\n\nCMD c\n")
    }

    func testMoveKeepsTheTextAndLayout() {
        XCTAssertEqual(apply("FROM a\nCOPY . .\n# deps\nRUN x \\\n  # why\n  y\n") { e, i in e.move(i[2], before: i[1], reason: "t") },
                       "FROM a\n# deps\nRUN x \\\n  # why\n  y\nCOPY . .\n")
    }

    func testFirstInstructionAfterABOMAndIndentation() {
        XCTAssertEqual(apply("\u{FEFF}# top\n  FROM a\n") { e, i in e.insert(["ARG X=1"], before: i[0], reason: "t") },
                       "\u{FEFF}  ARG X=1\n# top\n  FROM a\n")
    }

    func testReplaceTokenKeepsTrivia() {
        XCTAssertEqual(apply("FROM   golang:1.22   AS build\n") { e, i in e.replace(i[0].childNodes(.word)[0], with: "golang:1.23", reason: "t") },
                       "FROM   golang:1.23   AS build\n")
    }

    func testOverlappingEditsAreRefused() {
        let tree = Parser.parse("FROM a\n")
        var editor = TreeEditor(tree)
        editor.replace(tree.root.childNodes[0], with: "FROM b", reason: "t")
        editor.replace(tree.root.childNodes[0].firstToken, with: "from", reason: "t")
        XCTAssertNil(editor.result())
    }

    func testFragmentsMustParseCleanly() {
        XCTAssertEqual(Fragment.check("COPY a b ./\nRUN x", style: .standard), [.copyInstruction, .runInstruction])
        XCTAssertNil(Fragment.check("RUN <<EOF", style: .standard))
        XCTAssertNil(Fragment.check("FROBNICATE", style: .standard))
    }
}

final class ShellCommandListTests: XCTestCase {
    func testCommandsAndOperators() {
        let list = ShellCommandList.parse("go mod download && CGO_ENABLED=0 go build -o /out ./... | tee log; echo done")!
        XCTAssertEqual(list.commands.map(\.texts), [["go", "mod", "download"], ["CGO_ENABLED=0", "go", "build", "-o", "/out", "./..."], ["tee", "log"], ["echo", "done"]])
        XCTAssertEqual(list.commands.map(\.separator), ["&&", "|", ";", nil])
    }

    func testPlainWords() {
        let list = ShellCommandList.parse("run $HOME 'q' \"d\" a\\ b *.go ok-1.2")!
        XCTAssertEqual(list.commands[0].words.map(\.isPlain), [true, false, false, false, false, false, true])
    }

    func testTrailingComment() {
        let list = ShellCommandList.parse("go build -o app . # the binary")!
        XCTAssertEqual(list.commands.map(\.texts), [["go", "build", "-o", "app", "."]])
        XCTAssertEqual(list.comment, 18..<30)
        XCTAssertEqual(ShellCommandList.parse("echo a#b")?.comment, nil, "# inside a word is not a comment")
    }

    func testRefusesWhatItCannotFollow() {
        for text in ["echo $(date)", "echo `date`", "(cd x && make)", "cat <<EOF", "echo \"unclosed", "a ;; b", "# only a comment"] {
            XCTAssertNil(ShellCommandList.parse(text), text)
        }
    }
}
