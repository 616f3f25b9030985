@testable import DockerfileFacts
import XCTest

final class BuildContextTests: XCTestCase {
    private let context = BuildContext(files: ["go.mod", "main.go", "cmd/", "cmd/server/", "cmd/server/main.go", "static/", "static/app.css"],
                                       contents: [:])

    func testEntriesAreOneLevelDeep() {
        XCTAssertEqual(context.entries(in: ""), ["cmd/", "go.mod", "main.go", "static/"])
        XCTAssertEqual(context.entries(in: "cmd"), ["cmd/server/"])
    }

    func testFilesUnderAFolderAreRecursive() {
        XCTAssertEqual(context.files(under: "cmd"), ["cmd/server/main.go"])
        XCTAssertEqual(context.files(under: "").count, 4)
    }

    func testInterestingFilesAreManifestsBuildFilesAndSources() {
        for path in ["go.mod", "sub/package.json", "requirements-dev.txt", "src/main.rs", "app/models.py", "CMakeLists.txt", "action.yml", "App.csproj",
                     "cloudbuild.yaml", ".gitlab-ci.yml", ".github/workflows/docker.yml", "Dockerfile", "api.prod.Dockerfile", "Dockerfile.dev"] {
            XCTAssertTrue(BuildContext.isInteresting(path), path)
        }
        for path in ["README.md", "logo.png", "notes.txt", "data.sqlite", "docs/workflows/ci.yml"] {
            XCTAssertFalse(BuildContext.isInteresting(path), path)
        }
    }
}

final class ComposeLocationStabilityTests: XCTestCase {
    /// A refusal names the line of the service; it must be the same every time.
    func testTheServiceLineIsStable() {
        let compose = "services:\n  redis:\n    image: redis:7\n  cart:\n    build: .\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]\n"
        var lines: Set<Int> = []
        for _ in 0..<200 {
            let context = BuildContext(files: ["docker-compose.yaml", "Dockerfile"], contents: ["docker-compose.yaml": Array(compose.utf8)])
            for build in ProjectConventions.composeBuilds(context, dockerfile: "Dockerfile") { lines.insert(build.location?.line ?? 0) }
        }
        XCTAssertEqual(lines, [4])
    }
}
