@testable import DockslimAudit
@testable import DockerfileFacts
import DockerfileModel
import Foundation
import XCTest

/// The compiled-in base-image sizes and the `.dockerignore` matcher.
final class DataTests: XCTestCase {
    func testSizeLookup() throws {
        let golang = try XCTUnwrap(BaseImageSizes.lookup(ImageReference("golang:1.25")!))
        XCTAssertEqual(golang.row.compressedMB, 305.3)
        XCTAssertNil(golang.family)
        // A patch version is looked up as its family, and says so.
        let patch = try XCTUnwrap(BaseImageSizes.lookup(ImageReference("golang:1.25.3-alpine")!))
        XCTAssertEqual(patch.family, "1.25-alpine")
        XCTAssertEqual(patch.row.compressedMB, 64.4)
        XCTAssertEqual(BaseImageSizes.lookup(ImageReference("docker.io/library/alpine:3.23")!)?.row.uncompressedMB, 8.42)
        XCTAssertEqual(BaseImageSizes.lookup(ImageReference("rust:1.80-slim")!)?.row.compressedMB, 323.1)
        XCTAssertEqual(BaseImageSizes.lookup(ImageReference("gcr.io/distroless/static-debian13:nonroot")!)?.row.uncompressedMB, 2.1)
        // Unknown stays unknown: no row, or a row without figures.
        XCTAssertNil(BaseImageSizes.lookup(ImageReference("myorg/app:1")!))
        XCTAssertNil(BaseImageSizes.describe(ImageReference("gcr.io/distroless/java21-debian13:nonroot")!))
        XCTAssertEqual(BaseImageSizes.describe(ImageReference("gcr.io/distroless/cc-debian13:nonroot")!), "30 MB on disk")
        XCTAssertNil(BaseImageSizes.lookup(ImageReference("alpine@sha256:abc")!))
        XCTAssertEqual(BaseImageSizes.describe(ImageReference("ubuntu:24.04")!), "30 MB compressed")
    }

    /// The compiled table is the project's extra rows then the shared TSV,
    /// row for row (regenerate with `scripts/gen-base-image-sizes`).
    func testTableMatchesTheSharedData() throws {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        let root = parts.joined(separator: "/")
        guard let data = FileManager.default.contents(atPath: root + "/../shared/data/base-image-sizes.tsv") else {
            throw XCTSkip("../shared is not beside the checkout")
        }
        let extra = FileManager.default.contents(atPath: root + "/scripts/base-image-sizes-extra.tsv") ?? Data()
        func rows(_ d: Data) -> [[String]] {
            String(decoding: d, as: UTF8.self).split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        }
        let rows = rows(extra) + rows(data)
        XCTAssertEqual(rows.count, BaseImageSizes.table.count)
        for (r, row) in zip(rows, BaseImageSizes.table) {
            XCTAssertEqual(r[0], row.image)
            XCTAssertEqual(r[1], row.tagPattern)
            XCTAssertEqual(Double(r[2]), row.compressedMB, row.image)
            XCTAssertEqual(Double(r[3]), row.uncompressedMB, row.image)
            XCTAssertEqual(r[4], row.source)
            XCTAssertEqual(r[5], row.asOf)
        }
    }

    func testDockerIgnore() {
        let ignore = DockerIgnore("# comment\n.git\n/node_modules/\n**/__pycache__\n*.log\ntest?\n!test1\n[a-c]ache\n")
        XCTAssertTrue(ignore.excludes(".git"))
        XCTAssertTrue(ignore.excludes(".git/HEAD"))
        XCTAssertTrue(ignore.excludes("node_modules"))
        XCTAssertTrue(ignore.excludes("__pycache__"))
        XCTAssertTrue(ignore.excludes("pkg/__pycache__"))
        XCTAssertTrue(ignore.excludes("debug.log"))
        XCTAssertTrue(ignore.excludes("test2"))
        XCTAssertFalse(ignore.excludes("test1"))
        XCTAssertFalse(ignore.excludes("testing"))
        XCTAssertTrue(ignore.excludes("cache"))
        XCTAssertFalse(ignore.excludes("dache"))
        XCTAssertFalse(ignore.excludes("src/app.py"))
        XCTAssertFalse(ignore.excludes("pkg/debug.log"), "* does not cross folders")
    }

    func testShellScanIsTolerant() {
        let scan = ShellScan("set -eux; apt-get update && apt-get install -y \"curl\" $(cat pkgs.txt) \\\n  && rm -rf /var/lib/apt/lists/* # done\n")
        XCTAssertEqual(scan.commands, [["set", "-eux"], ["apt-get", "update"], ["apt-get", "install", "-y", "curl"], ["cat", "pkgs.txt"],
                                       ["rm", "-rf", "/var/lib/apt/lists/*"]])
        XCTAssertEqual(ShellScan("DEBIAN_FRONTEND=noninteractive sudo apt-get install -y x").commands, [["apt-get", "install", "-y", "x"]])
    }
}

extension DataTests {
    /// Found by the audit fuzzer: an empty tag.
    func testSizeLookupOfAnEmptyTag() {
        XCTAssertNil(BaseImageSizes.lookup(ImageReference("golang:1.2:")!))
    }
}
