import DockerfileModel
import DockerfileSyntax
import XCTest

final class InstructionTests: XCTestCase {
    private func instructions(_ source: String) -> [Instruction] {
        let tree = Parser.parse(source)
        XCTAssertEqual(tree.printedText, source)
        return Dockerfile(tree: tree).instructions
    }

    func testFlagsAreParsedAndPointAtTheirNodes() {
        let copy = instructions("FROM a\nCOPY --from=build --chown=app:app --link \"--chmod\"=755 /out /app\n")[1]
        XCTAssertEqual(copy.flags.map(\.name), ["from", "chown", "link"])
        XCTAssertEqual(copy.flags.map(\.value), ["build", "app:app", nil])
        XCTAssertEqual(copy.flag("from")?.node.kind, .flag)
        XCTAssertEqual(copy.flag("from")?.node.description, "--from=build ")
        // A quoted word is not a flag: BuildKit's flags must start with `--` as written.
        XCTAssertEqual(copy.argumentStrings, ["\"--chmod\"=755", "/out", "/app"])
    }

    func testQuotedFlagValuesLoseTheirQuotes() {
        let run = instructions("FROM a\nRUN --mount=\"type=secret,id=npm\" npm ci\n")[1]
        XCTAssertEqual(run.flags.first?.value, "type=secret,id=npm")
    }

    func testMountOptions() {
        let run = instructions("FROM a\nRUN --mount=type=cache,target=/root/.cache/go-build,sharing=locked,ro --mount=from=builder,src=/out,dst=/in go build\n")[1]
        let mounts = run.flags.compactMap(\.mount)
        XCTAssertEqual(mounts.count, 2)
        XCTAssertEqual(mounts[0]["type"], "cache")
        XCTAssertEqual(mounts[0]["target"], "/root/.cache/go-build")
        XCTAssertEqual(mounts[0]["sharing"], "locked")
        XCTAssertEqual(mounts[0].options.last?.key, "ro")
        XCTAssertNil(mounts[0].options.last?.value)
        XCTAssertEqual(mounts[1]["type"], "bind")
        XCTAssertEqual(mounts[1]["from"], "builder")
        XCTAssertEqual(mounts[1]["source"], "/out")
        XCTAssertEqual(mounts[1]["target"], "/in")
    }

    func testMountCSVQuoting() {
        XCTAssertEqual(Mount("type=bind,\"source=a,b\",target=/x")["source"], "a,b")
    }

    func testExecAndShellForms() {
        let i = instructions("FROM a\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\nENTRYPOINT ./run.sh --port 80\nRUN [\"echo\", \"\\u00e9\\n\"]\n")
        XCTAssertEqual(i[1].form, .exec)
        XCTAssertEqual(i[1].command, .exec(["nginx", "-g", "daemon off;"]))
        XCTAssertEqual(i[2].form, .shell)
        XCTAssertEqual(i[2].command, .shell("./run.sh --port 80"))
        XCTAssertEqual(i[3].command, .exec(["echo", "é\n"]))
    }

    func testShellFormJoinsContinuationsAsBuildKitDoes() {
        let run = instructions("FROM a\nRUN apt-get update \\\n    # comment\n    && apt-get install -y curl\n")[1]
        XCTAssertEqual(run.command, .shell("apt-get update     && apt-get install -y curl"))
        XCTAssertEqual(run.startLine, 2)
        XCTAssertEqual(run.endLine, 4)
    }

    func testEnvAndLabelBothForms() {
        let i = instructions("FROM a\nENV A=1 B=\"two words\"\nENV LEGACY some value\nLABEL version=1.0 \"com.example.x\"=y\n")
        XCTAssertEqual(i[1].keyValues.map(\.name), ["A", "B"])
        XCTAssertEqual(i[1].keyValues.map(\.valueString), ["1", "\"two words\""])
        XCTAssertEqual(i[1].argumentStrings, ["A", "1", "B", "\"two words\""])
        XCTAssertEqual(i[2].keyValues.map(\.name), ["LEGACY"])
        XCTAssertEqual(i[2].keyValues.first?.valueString, "some value")
        XCTAssertEqual(i[2].keyValues.first?.isLegacyForm, true)
        XCTAssertEqual(i[3].keyValues.map(\.name), ["version", "\"com.example.x\""])
    }

    func testArgWithAndWithoutDefault() {
        let arg = instructions("ARG VERSION=1.2 DEBUG\nFROM a\n")[0]
        XCTAssertEqual(arg.keyValues.map(\.name), ["VERSION", "DEBUG"])
        XCTAssertEqual(arg.keyValues.map(\.valueString), ["1.2", nil])
    }

    func testHeredocBodies() {
        let i = instructions("FROM a\nCOPY <<-\"conf\" 3<<run.sh /etc/\n\tkey=value\n\tconf\n#!/bin/sh\nrun.sh\n")
        let docs = i[1].heredocs
        XCTAssertEqual(docs.map(\.name), ["conf", "run.sh"])
        XCTAssertEqual(docs.map(\.chomp), [true, false])
        XCTAssertEqual(docs.map(\.expands), [false, true])
        XCTAssertEqual(docs.map(\.fileDescriptor), [0, 3])
        XCTAssertEqual(docs.map { String(decoding: $0.content, as: UTF8.self) }, ["\tkey=value\n", "#!/bin/sh\n"])
        XCTAssertEqual(docs[0].node.kind, .heredoc)
        XCTAssertEqual(i[1].endLine, 6)
    }

    func testOnbuildTrigger() {
        let onbuild = instructions("FROM a\nONBUILD COPY --from=x . /app\n")[1]
        XCTAssertEqual(onbuild.kind, .onbuild)
        XCTAssertEqual(onbuild.trigger?.kind, .copy)
        XCTAssertEqual(onbuild.trigger?.flag("from")?.value, "x")
        XCTAssertEqual(onbuild.trigger?.argumentStrings, [".", "/app"])
    }

    func testHealthcheck() {
        let i = instructions("FROM a\nHEALTHCHECK --interval=5s CMD [\"/check\"]\nHEALTHCHECK NONE\n")
        XCTAssertEqual(i[1].argumentStrings, ["CMD", "/check"])
        XCTAssertEqual(i[1].form, .exec)
        XCTAssertEqual(i[2].argumentStrings, ["NONE"])
    }

    func testUnknownInstructionArgumentsAsBuildKitReportsThem() {
        XCTAssertEqual(instructions("FROM a\nFROBNICATE x y\n")[1].arguments, [[]])
    }

    func testRejectionIsReported() {
        XCTAssertNotNil(instructions("FROM a\nENV PATH\n")[1].rejection)
        XCTAssertNotNil(instructions("FROM a\nENV A=1 B\n")[1].rejection)
        XCTAssertNil(instructions("FROM a\nENV A=1 B=\n")[1].rejection)
    }
}
