import DockslimCLI
import Foundation
import XCTest

final class ParseCommandTests: XCTestCase {
    private func json(_ line: Substring) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    private func leaves(_ node: Any, into out: inout String) {
        guard let dict = node as? [String: Any] else { return }
        if let children = dict["children"] as? [Any] {
            for c in children { leaves(c, into: &out) }
        } else if let text = dict["text"] as? String {
            out += text
        }
    }

    func testJSONTreeLeavesReproduceTheFile() throws {
        let dir = try temporaryFolder(self)
        let source = "# syntax=docker/dockerfile:1\r\nFROM golang:1.22 AS build\r\nRUN go build \\\r\n  # note\r\n  -o /app .\r\nFROM scratch\r\nCOPY --from=build /app /app\r\n"
        try write(source, to: dir.appendingPathComponent("Dockerfile"))
        let run = Run(["parse", "--format", "json", dir.appendingPathComponent("Dockerfile").path])
        XCTAssertEqual(run.code, 0)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let object = try json(lines[0])
        var text = ""
        leaves(object["tree"]!, into: &text)
        XCTAssertEqual(Array(text.utf8), Array(source.utf8))
        let stages = try XCTUnwrap(object["stages"] as? [[String: Any]])
        XCTAssertEqual(stages.map { $0["name"] as? String }, ["build", nil])
        XCTAssertEqual(stages[0]["baseKind"] as? String, "image")
        XCTAssertEqual(stages[1]["baseKind"] as? String, "scratch")
        XCTAssertEqual(stages[0]["neededByFinal"] as? Bool, true)
        XCTAssertEqual((stages[1]["dependsOn"] as? [[String: Any]])?.first?["stage"] as? Int, 0)
        XCTAssertEqual((object["diagnostics"] as? [Any])?.count, 0)
    }

    func testByteOrderMarkIsALeaf() {
        // (Foundation's JSON reader drops a leading U+FEFF from strings, so look at the bytes.)
        let run = Run(["parse", "--format", "json", "-"], stdin: [0xEF, 0xBB, 0xBF] + Array("FROM a\n".utf8))
        XCTAssertTrue(run.stdoutBytes.starts(with: Array(#"{"path":"<stdin>","tree":{"kind":"sourceFile","children":[{"kind":"fromInstruction","children":[{"kind":"byteOrderMark","text":""#.utf8) + [0xEF, 0xBB, 0xBF, 0x22]))
    }

    func testInvalidUTF8SurvivesAsSurrogateEscapes() throws {
        let run = Run(["parse", "--format", "json", "-"], stdin: Array("FROM a\nRUN echo ".utf8) + [0xFF] + [0x0A])
        XCTAssertTrue(run.stdout.contains("echo \\udcff"))
    }

    func testBuildKitFormat() throws {
        let run = Run(["parse", "--format", "buildkit", "-"], stdin: Array("FROM a AS b\nONBUILD RUN [\"x\"]\nRUN <<EOF\nhi\nEOF\nENV A=1 B 2\n".utf8))
        let object = try json(run.stdout.split(separator: "\n")[0])
        XCTAssertEqual(object["ok"] as? Bool, false, "ENV A=1 B 2 is rejected by BuildKit")

        let good = Run(["parse", "--format", "buildkit", "-"], stdin: Array("FROM a AS b\nONBUILD RUN [\"x\"]\nRUN <<EOF\nhi\nEOF\n".utf8))
        let record = try json(good.stdout.split(separator: "\n")[0])
        XCTAssertEqual(record["ok"] as? Bool, true)
        XCTAssertEqual(record["path"] as? String, "<stdin>")
        let instructions = try XCTUnwrap(record["instructions"] as? [[String: Any]])
        XCTAssertEqual(instructions.map { $0["cmd"] as? String }, ["FROM", "ONBUILD", "RUN"])
        XCTAssertEqual(instructions[1]["sub_cmd"] as? String, "RUN")
        XCTAssertEqual(instructions[1]["json"] as? Bool, true)
        XCTAssertEqual(instructions[1]["value"] as? [String], ["x"])
        XCTAssertEqual(instructions[2]["original"] as? String, "RUN <<EOF\nhi\nEOF\n")
        XCTAssertEqual(instructions[2]["start_line"] as? Int, 3)
        XCTAssertEqual(instructions[2]["end_line"] as? Int, 5)
        let heredoc = try XCTUnwrap((instructions[2]["heredocs"] as? [[String: Any]])?.first)
        XCTAssertEqual(heredoc["name"] as? String, "EOF")
        XCTAssertEqual(heredoc["content"] as? String, "hi\n")
        XCTAssertEqual(heredoc["file_descriptor"] as? Int, 0)
    }

    func testBuildKitFormatCutsStringsAtNUL() throws {
        let run = Run(["parse", "--format", "buildkit", "-"], stdin: Array("FROM a\u{0}b\n".utf8))
        let record = try json(run.stdout.split(separator: "\n")[0])
        let instructions = try XCTUnwrap(record["instructions"] as? [[String: Any]])
        XCTAssertEqual(instructions[0]["value"] as? [String], ["a"])
    }

    func testUnreadableFileIsReportedAndTheOthersAreDone() throws {
        let dir = try temporaryFolder(self)
        let good = dir.appendingPathComponent("Dockerfile")
        try write("FROM a\n", to: good)
        let run = Run(["parse", "--format", "buildkit", dir.appendingPathComponent("missing").path, good.path, dir.path])
        XCTAssertEqual(run.code, 1)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(run.stderr.contains("Error: cannot read '\(dir.appendingPathComponent("missing").path)': No such file or directory\n"))
        XCTAssertTrue(run.stderr.contains("Error: cannot read '\(dir.path)': Is a directory\n"))
    }

    func testTreeFormatIsTheTreeDump() {
        let run = Run(["parse", "-"], stdin: Array("FROM a\n".utf8))
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(run.stdout, """
        == <stdin>
        sourceFile
          fromInstruction
            keyword "FROM" trailing=[spaces " "]
            word
              text "a"
          endOfFile "" leading=[newline "\\n"]

        """)
    }

    func testOutputIsInInputOrder() throws {
        let dir = try temporaryFolder(self)
        var paths: [String] = []
        for i in 0..<300 {
            let url = dir.appendingPathComponent("f\(i).Dockerfile")
            try write("FROM image\(i)\n", to: url)
            paths.append(url.path)
        }
        let run = Run(["parse", "--format", "buildkit"] + paths)
        let values = try run.stdout.split(separator: "\n").map { line -> String in
            let o = try json(line)
            return ((o["instructions"] as? [[String: Any]])?.first?["value"] as? [String])?.first ?? ""
        }
        XCTAssertEqual(values, (0..<300).map { "image\($0)" })
    }
}
