import DockerfileModel
import XCTest

/// The state before each instruction, with BuildKit's scoping of ARG, ENV,
/// WORKDIR, USER and SHELL.
final class StageStateTests: XCTestCase {
    /// A catalogue of two images for the tests: golang sets WORKDIR /go and GOPATH.
    private func states(_ text: String, buildArgs: [String: String] = [:]) -> (Dockerfile, StageStates) {
        let file = Dockerfile(parsing: text)
        let states = StageStates(file, buildArgs: buildArgs) { ref in
            switch ref.name {
            case "golang": return ImageConfig(workdir: "/go", environment: ["GOPATH": "/go"])
            case "alpine": return ImageConfig(workdir: "/")
            default: return nil
            }
        }
        return (file, states)
    }

    func testWorkdirJoinsAndStartsFromTheImage() {
        let (file, s) = states("FROM golang:1.22\nWORKDIR src\nWORKDIR ../app/./x\nWORKDIR /abs\n")
        let stage = file.stages[0]
        XCTAssertEqual(s.before(0, in: stage).workdir, StateValue("/go"))
        XCTAssertEqual(s.before(1, in: stage).workdir, StateValue("/go/src"))
        XCTAssertEqual(s.before(2, in: stage).workdir, StateValue("/go/app/x"))
        XCTAssertEqual(s.end(of: stage).workdir, StateValue("/abs"))
    }

    func testAnUnknownImageHasNoWorkdirUntilAnAbsoluteOne() {
        let (file, s) = states("FROM example.com/img\nWORKDIR rel\nWORKDIR /app\n")
        XCTAssertNil(s.before(1, in: file.stages[0]).workdir)
        XCTAssertNil(s.before(0, in: file.stages[0]).effectiveUser)
        XCTAssertEqual(s.end(of: file.stages[0]).workdir, StateValue("/app"))
    }

    func testEnvExpandsAndWinsOverArg() {
        let (file, s) = states("FROM alpine\nARG DIR=/from-arg\nENV DIR=/from-env\nWORKDIR $DIR\nENV APP=${DIR}/app\n")
        let end = s.end(of: file.stages[0])
        XCTAssertEqual(end.workdir, StateValue("/from-env"))
        XCTAssertEqual(end.environment["APP"], StateValue("/from-env/app"))
    }

    func testAnArgDefaultIsABestGuessAndABuildArgIsCertain() {
        let text = "FROM alpine\nARG DIR=/srv\nWORKDIR ${DIR}/app\n"
        let (file, guess) = states(text)
        XCTAssertEqual(guess.end(of: file.stages[0]).workdir, StateValue("/srv/app", certain: false))
        let (file2, given) = states(text, buildArgs: ["DIR": "/opt"])
        XCTAssertEqual(given.end(of: file2.stages[0]).workdir, StateValue("/opt/app"))
    }

    func testAStageArgTakesTheGlobalDefaultAndArgsLeaveScopeAtTheStageEnd() {
        let (file, s) = states("ARG V=1\nFROM alpine AS a\nARG V\nENV X=$V\nFROM a\nENV Y=$V\n")
        XCTAssertEqual(s.end(of: file.stages[0]).environment["X"], StateValue("1", certain: false))
        // Stage 1 inherits ENV X but not the ARG V: $V expands to nothing known.
        let end = s.end(of: file.stages[1])
        XCTAssertEqual(end.environment["X"], StateValue("1", certain: false))
        XCTAssertEqual(end.environment["Y"]?.certain, false)
        XCTAssertEqual(end.args.count, 0)
    }

    func testAPredefinedPlatformArgHasNoKnownValue() {
        let (file, s) = states("FROM alpine\nARG TARGETARCH\nWORKDIR /out/$TARGETARCH\n")
        XCTAssertEqual(s.end(of: file.stages[0]).workdir?.certain, false)
    }

    func testUserAndShellCarryThroughFromAndTheImageUserIsRoot() {
        let (file, s) = states("FROM alpine AS base\nUSER app:app\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM base\nRUN id\n")
        let child = s.before(0, in: file.stages[1])
        XCTAssertEqual(child.effectiveUser, "app")
        XCTAssertEqual(child.userInstruction?.startLine, 2)
        XCTAssertEqual(child.shell, ["/bin/ash", "-eo", "pipefail", "-c"])
        XCTAssertEqual(s.before(0, in: file.stages[0]).effectiveUser, "root")
    }

    func testAbsolutePathsResolveAgainstWorkdir() {
        let (file, s) = states("FROM golang\nENV OUT=bin\nRUN true\n")
        let state = s.before(1, in: file.stages[0])
        XCTAssertEqual(state.absolutePath("$OUT/app"), StateValue("/go/bin/app"))
        XCTAssertEqual(state.absolutePath("/x/../y"), StateValue("/y"))
        XCTAssertNil(state.absolutePath("${BROKEN"))
    }
}
