import DockerfileModel
import XCTest

/// One line per case, like hadolint's rule specs.
final class ImageReferenceTests: XCTestCase {
    func testParts() {
        func parts(_ s: String) -> [String?]? {
            ImageReference(s).map { [$0.registry, $0.repository, $0.tag, $0.digest] }
        }
        XCTAssertEqual(parts("golang"), [nil, "golang", nil, nil])
        XCTAssertEqual(parts("golang:1.22-alpine"), [nil, "golang", "1.22-alpine", nil])
        XCTAssertEqual(parts("library/golang:1.22"), [nil, "library/golang", "1.22", nil])
        XCTAssertEqual(parts("gcr.io/distroless/static-debian13:nonroot"), ["gcr.io", "distroless/static-debian13", "nonroot", nil])
        XCTAssertEqual(parts("localhost:5000/app"), ["localhost:5000", "app", nil, nil])
        XCTAssertEqual(parts("localhost/app:v1"), ["localhost", "app", "v1", nil])
        XCTAssertEqual(parts("registry.example.com:443/team/app:1.0@sha256:abc"), ["registry.example.com:443", "team/app", "1.0", "sha256:abc"])
        XCTAssertEqual(parts("alpine@sha256:0123"), [nil, "alpine", nil, "sha256:0123"])
        XCTAssertEqual(parts("user/repo"), [nil, "user/repo", nil, nil])
        XCTAssertNil(ImageReference(""))
        XCTAssertNil(ImageReference("a b"))
    }

    func testOriginalSpellingIsKept() {
        XCTAssertEqual(ImageReference("Docker.IO/Library/Golang:1.22")?.original, "Docker.IO/Library/Golang:1.22")
    }

    func testScratchAndNames() {
        XCTAssertEqual(ImageReference("scratch")?.isScratch, true)
        XCTAssertEqual(ImageReference("scratch:1")?.isScratch, false)
        XCTAssertEqual(ImageReference("gcr.io/distroless/base")?.name, "base")
        XCTAssertEqual(ImageReference("golang")?.normalizedRepository, "library/golang")
        XCTAssertEqual(ImageReference("gcr.io/x/golang")?.normalizedRepository, "x/golang")
    }
}
