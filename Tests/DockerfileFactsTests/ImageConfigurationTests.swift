@testable import DockerfileFacts
import DockerfileModel
import XCTest

/// The configuration facts `StageStates` starts each stage from.
final class ImageConfigurationTests: XCTestCase {
    private func config(_ ref: String) -> ImageConfig? { ImageCatalog.config(of: ImageReference(ref)!) }

    func testOfficialImagesWorkdirAndEnvironment() {
        XCTAssertEqual(config("golang:1.22")?.workdir, "/go")
        XCTAssertEqual(config("golang:1.22")?.environment["GOPATH"], "/go")
        XCTAssertEqual(config("node:22-alpine")?.workdir, "/")
        XCTAssertEqual(config("ruby:3.3")?.environment["GEM_HOME"], "/usr/local/bundle")
        XCTAssertEqual(config("php:8.3-apache")?.workdir, "/var/www/html")
        XCTAssertEqual(config("node:22")?.user, "")
    }

    func testDistrolessNonrootRunsInItsHome() {
        XCTAssertEqual(config("gcr.io/distroless/static-debian13:nonroot")?.workdir, "/home/nonroot")
        XCTAssertEqual(config("gcr.io/distroless/static-debian13")?.workdir, "/")
    }

    func testUnknownImagesHaveNoConfiguration() {
        XCTAssertNil(config("example.com/team/base:1"))
        XCTAssertEqual(config("scratch"), .scratch)
    }

    func testLibc() {
        XCTAssertEqual(ImageCatalog.libc(of: ImageReference("python:3.12-alpine")!), .musl)
        XCTAssertEqual(ImageCatalog.libc(of: ImageReference("python:3.12-slim")!), .glibc)
        XCTAssertEqual(ImageCatalog.libc(of: ImageReference("gcr.io/distroless/cc-debian13")!), .glibc)
        XCTAssertNil(ImageCatalog.libc(of: ImageReference("example.com/x")!))
    }
}
