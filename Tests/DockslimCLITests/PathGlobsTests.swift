@testable import DockslimCLI
import XCTest

/// `--exclude` and `.dockslim.json` patterns read as `.gitignore` reads them.
final class PathGlobsTests: XCTestCase {
    func file(_ patterns: [String], _ path: String) -> Bool { PathGlobs(patterns).matchesFileOrFolderAbove(path) }

    func testDoubleStarFolderMatchesWhatIsInsideAtAnyDepth() {
        let p = ["**/testdata/**"]
        XCTAssertTrue(file(p, "testdata/Dockerfile"))
        XCTAssertTrue(file(p, "svc/testdata/Dockerfile"))
        XCTAssertTrue(file(p, "a/b/testdata/c/d/Dockerfile"))
        XCTAssertFalse(file(p, "svc/testdatax/Dockerfile"))
        XCTAssertFalse(file(p, "svc/Dockerfile.testdata"))
        XCTAssertFalse(PathGlobs(p).matches("svc/testdata", isFolder: true), "a trailing ** matches what is inside, not the folder")
    }

    func testTrailingSlashMatchesFoldersOnly() {
        let p = ["legacy/"]
        XCTAssertTrue(PathGlobs(p).matches("svc/legacy", isFolder: true))
        XCTAssertFalse(PathGlobs(p).matches("svc/legacy", isFolder: false))
        XCTAssertTrue(file(p, "legacy/Dockerfile"))
        XCTAssertTrue(file(p, "a/legacy/b/Dockerfile"))
        XCTAssertFalse(file(p, "a/legacy.Dockerfile"))
    }

    func testNameWithoutSlashMatchesAtAnyDepthAndStarStaysInOneName() {
        let p = ["*.dev.Dockerfile"]
        XCTAssertTrue(file(p, "x.dev.Dockerfile"))
        XCTAssertTrue(file(p, "a/b/api.dev.Dockerfile"))
        XCTAssertFalse(file(p, "a/b/api.Dockerfile"))
        // With a slash, `*` does not cross folders, but the folder it matches takes what is inside.
        XCTAssertTrue(PathGlobs(["svc/*"]).matches("svc/Dockerfile", isFolder: false))
        XCTAssertFalse(PathGlobs(["svc/*"]).matches("svc/api/Dockerfile", isFolder: false))
        XCTAssertTrue(file(["svc/*"], "svc/api/Dockerfile"))
        XCTAssertTrue(file(["Dockerfile.[ab]"], "x/Dockerfile.a"))
        XCTAssertFalse(file(["Dockerfile.[ab]"], "x/Dockerfile.c"))
        XCTAssertTrue(file(["Dockerfile.?"], "Dockerfile.c"))
    }

    func testSlashAnchorsToTheStartOfThePath() {
        XCTAssertTrue(file(["/x"], "x/Dockerfile"))
        XCTAssertTrue(file(["/x"], "./x/Dockerfile"))
        XCTAssertFalse(file(["/x"], "a/x/Dockerfile"))
        XCTAssertTrue(file(["svc/api"], "svc/api/Dockerfile"))
        XCTAssertFalse(file(["svc/api"], "other/svc/api/Dockerfile"), "a slash in the middle anchors too")
        XCTAssertTrue(file(["/tmp/repo/**"], "/tmp/repo/a/Dockerfile"), "an absolute path matches from /")
        XCTAssertFalse(file(["/repo/**"], "/tmp/repo/a/Dockerfile"))
    }

    func testDoubleStarInTheMiddleSpansZeroOrMoreFolders() {
        let p = ["svc/**/Dockerfile"]
        XCTAssertTrue(file(p, "svc/Dockerfile"))
        XCTAssertTrue(file(p, "svc/a/b/Dockerfile"))
        XCTAssertFalse(file(p, "svc/a/Dockerfile.prod"))
        XCTAssertFalse(file(p, "x/svc/a/Dockerfile"))
    }

    func testNegationTakesBackButNotUnderAMatchedFolder() {
        let p = ["*.Dockerfile", "!keep.Dockerfile"]
        XCTAssertTrue(file(p, "a/x.Dockerfile"))
        XCTAssertFalse(file(p, "a/keep.Dockerfile"))
        XCTAssertTrue(file(["!keep.Dockerfile", "*.Dockerfile"], "a/keep.Dockerfile"), "the last matching pattern decides")
        XCTAssertTrue(file(["build/", "!build/Dockerfile"], "build/Dockerfile"), "git cannot re-include a file when its folder is excluded")
        XCTAssertFalse(file(["build/**", "!build/Dockerfile"], "build/Dockerfile"), "but can when only the contents are")
        XCTAssertTrue(file(["\\!x"], "!x"), "an escaped ! is a name")
    }

    func testEmptyPatternsMatchNothing() {
        XCTAssertTrue(PathGlobs(["", "/", "!"]).isEmpty)
        XCTAssertFalse(file([], "Dockerfile"))
    }
}
