import DockslimCLI
import Foundation
import XCTest

/// How `audit`, `graph` and `rewrite` take a build's target, args and
/// context from the Compose and Bake files around a Dockerfile, or from
/// `--target` and `--build-arg`.
final class ProjectBuildTests: XCTestCase {
    let multiTarget = """
    FROM golang:1.23 AS build
    WORKDIR /src
    COPY . .
    RUN CGO_ENABLED=0 go build -o /out/api .

    FROM gcr.io/distroless/static-debian12:nonroot AS runtime
    COPY --from=build /out/api /api
    ENTRYPOINT ["/api"]

    FROM build AS dev
    CMD ["go", "run", "."]

    """

    private func project(_ files: [String: String]) throws -> URL { try projectFolder(self, files) }

    private func finalStage(_ run: Run) throws -> [String: Any] {
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let files = try XCTUnwrap(doc["files"] as? [[String: Any]])
        return try XCTUnwrap(files.first?["finalStage"] as? [String: Any])
    }

    func testWithoutAProjectTheLastStageIsFinalAndThatIsSaidOnce() throws {
        _ = try project(["Dockerfile": multiTarget])
        let run = Run(["audit", "--fail-on", "never", "--color", "never", "Dockerfile"])
        let notes = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("note: Dockerfile: no target named: the last stage (dev, line 10)") }
        XCTAssertEqual(notes.count, 1, run.stderr)
        XCTAssertTrue(notes[0].contains("runtime is another stage no stage uses"), notes[0])
        XCTAssertTrue(run.stdout.contains("warning[DS001]"), "dev on golang is final: \(run.stdout)")
        XCTAssertEqual(try finalStage(Run(["audit", "--format", "json", "--fail-on", "never", "-q", "Dockerfile"]))["chosenBy"] as? String, "last")
    }

    func testTargetOnTheCommandLineIsTheFinalImage() throws {
        _ = try project(["Dockerfile": multiTarget])
        let run = Run(["audit", "--fail-on", "never", "--color", "never", "--target", "runtime", "Dockerfile"])
        XCTAssertFalse(run.stderr.contains("no target named"), run.stderr)
        XCTAssertFalse(run.stdout.contains("DS001"), "the golang stage does not ship: \(run.stdout)")
        XCTAssertTrue(run.stdout.contains("note[DS014]: stage dev is not needed by the final stage runtime"), run.stdout)
        let json = try finalStage(Run(["audit", "--format", "json", "--fail-on", "never", "-q", "--target", "RUNTIME", "Dockerfile"]))
        XCTAssertEqual(json["stage"] as? String, "runtime")
        XCTAssertEqual(json["chosenBy"] as? String, "target")
        let missing = Run(["audit", "--fail-on", "never", "--color", "never", "--target", "prod", "Dockerfile"])
        XCTAssertTrue(missing.stdout.contains("error[DS000]: target stage \"prod\" could not be found"), missing.stdout)
        // A target before the last stage is not rewritten, with the reason.
        let rewrite = Run(["rewrite", "--recipe", "use-nonroot", "--target", "runtime", "Dockerfile"])
        XCTAssertEqual(rewrite.stdout, "")
        XCTAssertTrue(rewrite.stderr.contains("left alone: the build's target is stage runtime (line 6), not the last stage"), rewrite.stderr)
    }

    func testBuildArgResolvesFrom() throws {
        _ = try project(["Dockerfile": "ARG BASE=golang:1.21\nFROM ${BASE}\nCMD [\"go\", \"version\"]\n"])
        XCTAssertTrue(Run(["audit", "--fail-on", "never", "Dockerfile"]).stdout.contains("the default of golang:1.21"))
        XCTAssertTrue(Run(["audit", "--fail-on", "never", "--build-arg", "BASE=node:22", "Dockerfile"]).stdout.contains("the default of node:22"))
        XCTAssertEqual(Run(["audit", "--build-arg", "=x", "Dockerfile"]).code, 64)
    }

    func testAComposeFileAboveAnExplicitFileGivesItsTargetContextAndArgs() throws {
        let dir = try project([
            "compose.yaml": "services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.df\n      target: runtime\n      args:\n        GO: \"1.23\"\n",
            "docker/api.df": multiTarget,
            "go.mod": "module example.com/api\n\ngo 1.23\n",
        ])
        FileManager.default.changeCurrentDirectoryPath("docker")
        let run = Run(["audit", "--format", "json", "--fail-on", "never", "-q", "api.df"])
        XCTAssertEqual(try finalStage(run)["stage"] as? String, "runtime")
        XCTAssertTrue(run.stdout.contains("\"services\": [\n          \"api\"\n        ]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("\"name\": \"GO\""), run.stdout)
        // The context is the project's folder, above the current one: shown by its full path.
        XCTAssertTrue(run.stdout.contains("\"context\": \"/") && run.stdout.contains(dir.lastPathComponent + "\""), run.stdout)
        let text = Run(["audit", "--fail-on", "never", "--color", "never", "api.df"])
        XCTAssertTrue(text.stdout.contains("[service api, stage runtime]"), text.stdout)
        XCTAssertFalse(text.stderr.contains("no target named"), text.stderr)
    }

    func testAFolderFindsDockerfilesOnlyAProjectNames() throws {
        _ = try project([
            "compose.yaml": "services:\n  web:\n    build:\n      context: .\n      dockerfile: build/web.df\n",
            "build/web.df": "FROM alpine:3.20\nCOPY . /srv\nCMD [\"/srv/run.sh\"]\n",
        ])
        let run = Run(["audit", "--fail-on", "never", "--color", "never", "."])
        XCTAssertTrue(run.stdout.contains("build/web.df:"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[service web]"), run.stdout)
    }

    func testTwoProjectsBuildingOneDockerfileTheSameWayAreOneBuild() throws {
        // The repository's compose.yaml and the service's own both build it with the same folder as context.
        _ = try project([
            "compose.yaml": "services:\n  api:\n    build: ./api\n",
            "api/compose.yaml": "services:\n  api:\n    build: .\n",
            "api/Dockerfile": "FROM golang:1.23\nWORKDIR /app\nCOPY . .\nRUN go build -o server .\nCMD [\"./server\"]\n",
            "api/go.mod": "module example.com/api\n\ngo 1.23\n",
            "api/main.go": "package main\n\nfunc main() {}\n",
        ])
        let audit = Run(["audit", "--fail-on", "never", "--color", "never", "."])
        XCTAssertEqual(audit.stdout.components(separatedBy: "\n").filter { $0.contains("DS001") }.count, 1, audit.stdout)
        let rewrite = Run(["rewrite", "--recipe", "go-distroless", "."])
        XCTAssertTrue(rewrite.stdout.contains("+FROM gcr.io/distroless/static-debian13"), rewrite.stderr)
    }

    func testDifferentBuildsOfOneDockerfileAreAuditedEachAndNotRewritten() throws {
        _ = try project([
            "compose.yaml": "services:\n  api:\n    build:\n      context: .\n      target: runtime\n  dev:\n    build:\n      context: .\n      target: dev\n",
            "Dockerfile": multiTarget,
        ])
        let audit = Run(["audit", "--fail-on", "never", "--color", "never", "."])
        XCTAssertTrue(audit.stdout.contains("[service dev, stage dev]"), audit.stdout)
        let json = Run(["audit", "--format", "json", "--fail-on", "never", "-q", "."]).stdout
        XCTAssertTrue(json.contains("\"services\": [\n          \"api\"") && json.contains("\"services\": [\n          \"dev\""), json)
        XCTAssertFalse(audit.stdout.contains("stage dev is not needed"), "another service builds dev: \(audit.stdout)")
        let rewrite = Run(["rewrite", "--recipe", "cache-mounts", "."])
        XCTAssertEqual(rewrite.stdout, "")
        XCTAssertTrue(rewrite.stderr.contains("Dockerfile: left alone: built in 2 ways (service api, stage runtime; service dev, stage dev)"), rewrite.stderr)
    }

    func testAMalformedComposeFileIsAnErrorAndTheRestIsDone() throws {
        _ = try project([
            "compose.yaml": "services:\n  web:\n    build: [\n",
            "Dockerfile": "FROM alpine:3.20\nCMD [\"true\"]\n",
        ])
        let run = Run(["audit", "--fail-on", "never", "--color", "never", "."])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.hasPrefix("Error: compose.yaml:3:"), run.stderr)
        XCTAssertTrue(run.stdout.contains("Dockerfile:1:1: warning[DS007]"), run.stdout)
        let rewrite = Run(["rewrite", "--recipe", "use-nonroot", "."])
        XCTAssertEqual(rewrite.code, 1)
        XCTAssertEqual(rewrite.stdout, "", "how compose.yaml builds it is not known")
    }

    func testADockerfilesOwnIgnoreFileReplacesTheContexts() throws {
        let file = "FROM alpine:3.20\nCOPY . /app\nCMD [\"/app/run\"]\n"
        _ = try project(["Dockerfile": file, "Dockerfile.prod": file, ".env": "SECRET=1\n", "Dockerfile.prod.dockerignore": ".env\n"])
        let run = Run(["audit", "--fail-on", "never", "--color", "never", "."])
        XCTAssertTrue(run.stdout.contains("Dockerfile:2:1: error[DS004]: .env reaches the final image"), run.stdout)
        XCTAssertFalse(run.stdout.contains("Dockerfile.prod:2:1: error[DS004]"), "Dockerfile.prod.dockerignore keeps .env out: \(run.stdout)")
        XCTAssertFalse(run.stdout.contains("Dockerfile.prod.dockerignore:"), "an ignore file is not a Dockerfile")
    }

    func testWalkingNamesDockerfilesAsPeopleWriteThem() throws {
        let file = "FROM alpine:3.20\nCMD [\"true\"]\n"
        let found = ["Dockerfile-dev", "dev.Dockerfile", "Containerfile.prod", "Dockerfile_api", "Dockerfile.prod"]
        let notFound = ["Dockerfile.dockerignore", "Dockerfile.md", "Dockerfile.j2", "Dockerfile.tmpl", "Dockerfile.template", "Dockerfile.orig", "Dockerfile.bak"]
        _ = try project(Dictionary(uniqueKeysWithValues: (found + notFound).map { ($0, file) }))
        let json = Run(["audit", "--format", "json", "--fail-on", "never", "-q", "."]).stdout
        for name in found { XCTAssertTrue(json.contains("\"path\": \"\(name)\""), name) }
        for name in notFound { XCTAssertFalse(json.contains("\"path\": \"\(name)\""), name) }
    }

    func testBuildsThatDifferOnlyInANamedContextAreTwoWays() throws {
        _ = try project([
            "compose.yaml": """
            services:
              old:
                build:
                  context: .
                  additional_contexts:
                    base: docker-image://alpine:3.19
              new:
                build:
                  context: .
                  additional_contexts:
                    base: docker-image://alpine:3.20

            """,
            "Dockerfile": "FROM base\nRUN apk add --no-cache curl\nCMD [\"curl\", \"--version\"]\n",
        ])
        let rewrite = Run(["rewrite", "--recipe", "cache-mounts", "."])
        XCTAssertEqual(rewrite.stdout, "")
        XCTAssertTrue(rewrite.stderr.contains("Dockerfile: left alone: built in 2 ways"), rewrite.stderr)
    }
}
