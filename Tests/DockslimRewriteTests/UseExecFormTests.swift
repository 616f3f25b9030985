import DockslimRewrite
import XCTest

final class UseExecFormTests: XCTestCase {
    let pass = try! UseExecForm(options: [:])

    func testPlainCommand() {
        assertRewrite(pass, input: "FROM alpine:3.20\nCMD ./server --port 8080\n",
                      expected: "FROM alpine:3.20\nCMD [\"./server\", \"--port\", \"8080\"]\n")
    }

    func testExecPrefixIsDropped() {
        assertRewrite(pass, input: "FROM debian\nCMD exec nginx -g daemon\n", expected: "FROM debian\nCMD [\"nginx\", \"-g\", \"daemon\"]\n")
    }

    func testEntrypointWithoutCmd() {
        assertRewrite(pass, input: "FROM scratch\nENTRYPOINT /app\n", expected: "FROM scratch\nENTRYPOINT [\"/app\"]\n")
    }

    func testKeepsCaseFlagsAndTrivia() {
        assertRewrite(pass, input: "from alpine\r\n# run it\r\ncmd   ./x   \r\n", expected: "from alpine\r\n# run it\r\ncmd   [\"./x\"]   \r\n")
    }

    func testContinuationWithoutCommentsIsJoined() {
        assertRewrite(pass, input: "FROM alpine\nCMD ./x \\\n  --flag\n", expected: "FROM alpine\nCMD [\"./x\", \"--flag\"]\n")
    }

    func testStageBuiltOnAnEarlierStage() {
        assertRewrite(pass, input: "FROM golang:1.22 AS build\nFROM build\nCMD app\n", expected: "FROM golang:1.22 AS build\nFROM build\nCMD [\"app\"]\n")
    }

    func testShellFeaturesAreLeftAlone() {
        for cmd in ["./x $PORT", "./x && ./y", "./x | tee log", "./x > out", "echo \"hi there\"", "./x *.conf", "./x; ./y", "echo `date`", "./x ${A}", "./x &"] {
            assertNotApplicable(pass, input: "FROM alpine\nCMD \(cmd)\n", reason: "left in shell form", file: #filePath, line: #line)
        }
    }

    func testBuiltinsAndAssignments() {
        assertNotApplicable(pass, input: "FROM alpine\nCMD cd /app\n", reason: "'cd' is a shell builtin")
        assertNotApplicable(pass, input: "FROM alpine\nCMD PORT=80 ./x\n", reason: "sets environment variables")
    }

    func testEntrypointWithCmdIsLeftAlone() {
        assertNotApplicable(pass, input: "FROM alpine\nENTRYPOINT ./server\nCMD [\"--port\", \"80\"]\n", reason: "would become the entrypoint's arguments")
    }

    func testCmdUnderAnExecEntrypointIsLeftAlone() {
        assertNotApplicable(pass, input: "FROM alpine\nENTRYPOINT [\"/entry.sh\"]\nCMD postgres\n", reason: "would receive these words")
    }

    func testUnknownBaseImageMaySetAnEntrypoint() {
        assertNotApplicable(pass, input: "FROM node:22\nCMD node server.js\n", reason: "may set an ENTRYPOINT")
        assertNotApplicable(pass, input: "FROM postgres:16\nCMD postgres\n", reason: "may set an ENTRYPOINT")
        assertNotApplicable(pass, input: "FROM a AS base\nENTRYPOINT [\"x\"]\nFROM base\nCMD y\n", reason: "inherits")
    }

    func testCommentsInsideTheCommand() {
        assertNotApplicable(pass, input: "FROM alpine\nCMD ./x \\\n  # the port\n  --port 80\n", reason: "comments inside")
    }

    func testNothingToDo() {
        assertNotApplicable(pass, input: "FROM alpine\nCMD [\"sh\"]\n", reason: "no shell-form CMD or ENTRYPOINT")
    }
}
