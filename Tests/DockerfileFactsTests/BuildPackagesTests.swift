@testable import DockerfileFacts
import XCTest

/// Which installed packages a split's runtime stage would lose.
final class BuildPackagesTests: XCTestCase {
    func testToolsNoBuildStepUsesAreForRunTime() {
        XCTAssertEqual(BuildPackages.runTimePackages(["curl", "wget", "gcc"], runs: [["pip", "install", "flask"]], starts: []), ["curl", "wget"])
    }

    func testToolsABuildStepUsesAreBuildOnly() {
        let runs = [["curl", "-fsSL", "-o", "/tmp/x.tgz", "https://example.com/x.tgz"], ["tar", "xzf", "/tmp/x.tgz"]]
        XCTAssertEqual(BuildPackages.runTimePackages(["curl", "ca-certificates", "libpq-dev"], runs: runs, starts: []), [])
    }

    func testGitIsUsedByInstallsThatFetchDependencies() {
        XCTAssertEqual(BuildPackages.runTimePackages(["git"], runs: [["go", "mod", "download"]], starts: []), [])
        XCTAssertEqual(BuildPackages.runTimePackages(["git"], runs: [["echo", "hi"]], starts: []), ["git"])
    }

    func testWhatTheImageStartsKeepsItsTool() {
        let runs = [["curl", "-o", "/bin/x", "https://example.com/x"]]
        XCTAssertEqual(BuildPackages.runTimePackages(["curl"], runs: runs, starts: [["curl", "-f", "http://localhost/health"]]), ["curl"])
    }

    func testOtherPackagesAreForRunTime() {
        XCTAssertEqual(BuildPackages.runTimePackages(["ffmpeg", "libpq5=15.*"], runs: [], starts: []), ["ffmpeg", "libpq5=15.*"])
    }
}
