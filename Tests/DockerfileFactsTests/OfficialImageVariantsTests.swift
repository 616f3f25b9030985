@testable import DockerfileFacts
import DockerfileModel
import XCTest

/// Variants of the official images, checked against the tags
/// docker-library/official-images has published (history to 2026-08-21).
final class OfficialImageVariantsTests: XCTestCase {
    private func ref(_ text: String) -> ImageReference { ImageReference(text)! }
    private func alpine(_ text: String) -> VariantLookup { ImageCatalog.alpineVariant(of: ref(text)) }
    private func slim(_ text: String) -> VariantLookup { ImageCatalog.slimVariant(of: ref(text)) }
    private func exists(_ text: String) -> Bool? { ImageCatalog.tagExists(ref(text)) }

    private func assertMissing(_ lookup: VariantLookup, mentioning words: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard case let .missing(reason) = lookup else { return XCTFail("expected .missing, got \(lookup)", file: file, line: line) }
        for word in words { XCTAssertTrue(reason.contains(word), "\(reason) should mention \(word)", file: file, line: line) }
    }

    // MARK: node

    func testNodeAlpineStartsWithFourPointSix() {
        assertMissing(alpine("node:4.2.3"), mentioning: ["node:4.2.3-alpine does not exist", "4.6.2 … 4.9.1"])
        assertMissing(alpine("node:4.2"), mentioning: ["4.6.2 … 4.9.1"])
        XCTAssertEqual(alpine("node:4.6"), .exists("node:4.6-alpine"))
        XCTAssertEqual(alpine("node:4"), .exists("node:4-alpine"))
        assertMissing(alpine("node:0.12"), mentioning: ["0.12 line has no -alpine tags", "4.6.2"])
    }

    func testNodeAlpineKeepsVersionAndDropsRelease() {
        XCTAssertEqual(alpine("node:20.11-bookworm"), .exists("node:20.11-alpine"))
        XCTAssertEqual(alpine("node:22-bookworm-slim"), .exists("node:22-alpine"))
        XCTAssertEqual(alpine("docker.io/library/node:22.11.0"), .exists("docker.io/library/node:22.11.0-alpine"))
        XCTAssertEqual(alpine("node:22-alpine3.20"), .exists("node:22-alpine3.20"))
    }

    func testNodeAliases() {
        XCTAssertEqual(alpine("node"), .exists("node:alpine"))
        XCTAssertEqual(alpine("node:lts-bookworm"), .exists("node:lts-alpine"))
        XCTAssertEqual(alpine("node:jod"), .exists("node:jod-alpine"))
        XCTAssertEqual(slim("node:lts"), .exists("node:lts-slim"))
        XCTAssertEqual(slim("node:current-trixie"), .exists("node:current-trixie-slim"))
    }

    func testTagsThatNeverExisted() {
        XCTAssertEqual(exists("node:slim-alpine"), false)
        XCTAssertEqual(exists("node:4.2-alpine"), false)
        XCTAssertEqual(exists("node:4.2.3-alpine"), false)
        XCTAssertEqual(exists("node:20.99.0-alpine"), false) // the 20 line stopped at 20.20.2
        assertMissing(alpine("node:slim-alpine"), mentioning: ["node:slim-alpine was never published"])
        XCTAssertEqual(exists("python:3.12-slim-alpine"), false)
    }

    func testTagsThatExist() {
        XCTAssertEqual(exists("node:4.2.3"), true)
        XCTAssertEqual(exists("node:22-trixie-slim"), true)
        XCTAssertEqual(exists("node"), true)
        XCTAssertEqual(exists("node:lts-alpine3.22"), true)
        XCTAssertEqual(exists("golang:1.22-alpine3.20"), true)
        XCTAssertEqual(exists("rust:1.90-slim-trixie"), true)
    }

    func testWhatTheSnapshotCannotKnow() {
        XCTAssertNil(exists("node:27"))                      // a line after the snapshot
        XCTAssertEqual(exists("node:26.99.0-alpine"), true)  // a later patch of a line still published (assumed)
        XCTAssertNil(exists("python:3.14.0rc1"))             // pre-releases are not tracked
        XCTAssertNil(exists("python:3.13-windowsservercore"))
        XCTAssertNil(exists("node:22-alpine3.30"))           // an Alpine release after the snapshot
        XCTAssertNil(exists("debian:bookworm-20240812-slim"))
        XCTAssertNil(exists("alpine:3.25"))
        XCTAssertNil(exists("example.com/team/node:20"))
    }

    // MARK: digest pins and unknown images

    func testDigestPinsKeepTheirPin() {
        let digest = "sha256:" + String(repeating: "a", count: 64)
        XCTAssertEqual(alpine("node:20@\(digest)"), .missing("node:20@\(digest) is pinned by digest; the variant's digest is not known"))
        XCTAssertEqual(slim("python:3.12@\(digest)"), .missing("python:3.12@\(digest) is pinned by digest; the variant's digest is not known"))
        XCTAssertNil(exists("node@\(digest)"))
    }

    func testUnknownImages() {
        XCTAssertEqual(alpine("example.com/team/node:20"), .unknown)
        XCTAssertEqual(slim("bitnami/node:20"), .unknown)
        XCTAssertEqual(alpine("node:27"), .unknown)
    }

    // MARK: other images

    func testPythonRubyRustSlimAfterTheWordSlim() {
        XCTAssertEqual(slim("python:3.12-bookworm"), .exists("python:3.12-slim-bookworm"))
        XCTAssertEqual(slim("python:3.12"), .exists("python:3.12-slim"))
        XCTAssertEqual(alpine("python:3.12-slim-bookworm"), .exists("python:3.12-alpine"))
        XCTAssertEqual(slim("ruby:3.3-bookworm"), .exists("ruby:3.3-slim-bookworm"))
        assertMissing(alpine("ruby:2.0"), mentioning: ["2.0 line has no -alpine tags"])
        assertMissing(alpine("rust:1.36"), mentioning: ["-alpine"])
        XCTAssertEqual(alpine("rust:1.80"), .exists("rust:1.80-alpine"))
    }

    func testSlimOfAlpineAndOfImagesWithoutSlim() {
        assertMissing(slim("node:22-alpine"), mentioning: ["Alpine"])
        assertMissing(slim("golang:1.22"), mentioning: ["golang has never published a -slim tag"])
        assertMissing(slim("php:8.3"), mentioning: ["FROM debian:<release>-slim"])
        assertMissing(slim("eclipse-temurin:21-jre"), mentioning: ["-jre"])
        assertMissing(slim("ubuntu:24.04"), mentioning: ["debian:<release>-slim"])
    }

    func testPhpKinds() {
        XCTAssertEqual(alpine("php:8.3-fpm"), .exists("php:8.3-fpm-alpine"))
        XCTAssertEqual(alpine("php:8.3-fpm-bookworm"), .exists("php:8.3-fpm-alpine"))
        XCTAssertEqual(alpine("php:8.3"), .exists("php:8.3-alpine"))
        XCTAssertEqual(alpine("php:8.3-zts"), .exists("php:8.3-zts-alpine"))
        assertMissing(alpine("php:8.3-apache"), mentioning: ["never published -apache-alpine"])
    }

    func testEclipseTemurinKinds() {
        XCTAssertEqual(alpine("eclipse-temurin:21-jre-noble"), .exists("eclipse-temurin:21-jre-alpine"))
        XCTAssertEqual(alpine("eclipse-temurin:21"), .exists("eclipse-temurin:21-alpine"))
        XCTAssertEqual(alpine("eclipse-temurin:21.0.5_11-jdk-jammy"), .exists("eclipse-temurin:21.0.5_11-jdk-alpine"))
        XCTAssertEqual(exists("eclipse-temurin:21-jre-ubi9-minimal"), true)
        XCTAssertEqual(exists("eclipse-temurin:25-jre-ubi9-minimal"), false) // ubi9-minimal stopped with 24
        XCTAssertEqual(exists("eclipse-temurin:8u432-b06-jre-jammy"), true)
        XCTAssertEqual(exists("eclipse-temurin:21.0.5_11"), false)           // kind-less tags exist for a major only
    }

    func testGolang() {
        XCTAssertEqual(alpine("golang:1.22-bookworm"), .exists("golang:1.22-alpine"))
        XCTAssertEqual(exists("golang:1.3-alpine"), false)
    }

    func testDebianUbuntuAlpine() {
        XCTAssertEqual(slim("debian:bookworm"), .exists("debian:bookworm-slim"))
        XCTAssertEqual(slim("debian:12"), .exists("debian:12-slim"))
        XCTAssertEqual(slim("debian"), .exists("debian:stable-slim"))
        XCTAssertEqual(slim("debian:trixie-slim"), .exists("debian:trixie-slim"))
        assertMissing(slim("debian:experimental"), mentioning: ["debian:experimental-slim was never published"])
        assertMissing(alpine("debian:bookworm"), mentioning: ["no Alpine variant"])
        XCTAssertEqual(alpine("alpine:3.20"), .exists("alpine:3.20"))
        XCTAssertEqual(exists("alpine:3.2.1"), false)
        XCTAssertEqual(exists("ubuntu:24.04"), true)
        XCTAssertNil(exists("ubuntu:27.04"))
    }

    func testOpenjdkIsDeprecated() {
        XCTAssertNotNil(ImageCatalog.deprecationNotice(of: ref("openjdk:17-jdk-slim")))
        XCTAssertNil(ImageCatalog.deprecationNotice(of: ref("eclipse-temurin:17-jre")))
        XCTAssertEqual(exists("openjdk:8-jre-alpine"), true)
        XCTAssertEqual(exists("openjdk:17-jdk-slim"), true)
    }

    func testGeneratedTableReadsCompletely() {
        for (name, raw) in OfficialImageVariants.histories {
            let history = OfficialImageVariants.history(of: name)!
            for (variant, text) in raw.variants {
                XCTAssertEqual(history.ranges[variant]?.count, text.split(separator: " ").count, "\(name) -\(variant)")
            }
        }
        XCTAssertEqual(Set(OfficialImageVariants.histories.keys),
                       ["node", "python", "ruby", "php", "golang", "rust", "eclipse-temurin", "openjdk", "nginx", "httpd"])
    }
}
