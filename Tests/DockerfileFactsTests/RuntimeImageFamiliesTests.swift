@testable import DockerfileFacts
import DockerfileModel
import XCTest

/// The runtime images each family offers and what the catalogue knows of
/// them (as of 2026-12-01, from the sources named in each family's file).
final class RuntimeImageFamiliesTests: XCTestCase {
    private func facts(_ text: String) -> RuntimeImage? { ImageCatalog.runtimeFacts(of: ImageReference(text)!) }
    private func language(_ language: String, _ version: String, _ family: RuntimeFamily) -> LanguageRuntimeLookup {
        ImageCatalog.runtimeImage(language: language, version: version, in: family)
    }
    private func reference(_ lookup: LanguageRuntimeLookup) -> String? {
        if case let .image(image) = lookup { return image.reference }
        return nil
    }
    private func assertNone(_ lookup: LanguageRuntimeLookup, mentioning words: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard case let .none(reason) = lookup else { return XCTFail("expected .none, got \(lookup)", file: file, line: line) }
        for word in words { XCTAssertTrue(reason.contains(word), "\(reason) should mention \(word)", file: file, line: line) }
    }

    // MARK: static and dynamic binaries

    func testStaticBinaryImages() {
        let image = { (family: RuntimeFamily) in ImageCatalog.runtimeImage(forStaticBinaryIn: family)?.reference }
        XCTAssertEqual(image(.distroless), "gcr.io/distroless/static-debian13:nonroot")
        XCTAssertEqual(image(.chainguard), "cgr.dev/chainguard/static:latest")
        XCTAssertEqual(image(.dhi), "dhi.io/static:20250419-debian13")
        XCTAssertEqual(image(.microsoft), "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled")
        XCTAssertEqual(image(.alpine), "alpine:3.24")
        XCTAssertEqual(image(.slim), "debian:trixie-slim")
        XCTAssertEqual(image(.scratch), "scratch")
    }

    func testDistrolessStaticRunsAsNonrootWithoutShell() throws {
        let image = try XCTUnwrap(ImageCatalog.runtimeImage(forStaticBinaryIn: .distroless))
        XCTAssertEqual(image.user, ImageUser(name: "nonroot", uid: 65532))
        XCTAssertEqual(image.workdir, "/home/nonroot")
        XCTAssertNil(image.shell)
        XCTAssertNil(image.libc)
        XCTAssertNil(image.entrypoint)
        XCTAssertEqual(image.path?.first, "/usr/local/sbin")
    }

    func testDynamicBinaryImages() {
        let image = { (libc: ImageCatalog.Libc, cxx: Bool, ssl: Bool, family: RuntimeFamily) in
            ImageCatalog.runtimeImage(forDynamicBinary: libc, needsCxx: cxx, needsOpenSSL: ssl, in: family)?.reference
        }
        XCTAssertEqual(image(.glibc, false, false, .distroless), "gcr.io/distroless/base-nossl-debian13:nonroot")
        XCTAssertEqual(image(.glibc, false, true, .distroless), "gcr.io/distroless/base-debian13:nonroot")
        XCTAssertEqual(image(.glibc, true, true, .distroless), "gcr.io/distroless/cc-debian13:nonroot")
        XCTAssertNil(image(.musl, false, false, .distroless))
        XCTAssertEqual(image(.glibc, true, false, .chainguard), "cgr.dev/chainguard/glibc-dynamic:latest")
        XCTAssertNil(image(.glibc, true, true, .chainguard))  // glibc-dynamic has no OpenSSL
        XCTAssertEqual(image(.glibc, false, false, .dhi), "dhi.io/static:20250419-glibc-debian13")
        XCTAssertNil(image(.glibc, true, false, .dhi))
        XCTAssertEqual(image(.glibc, true, true, .microsoft), "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled")
        XCTAssertEqual(image(.musl, false, true, .alpine), "alpine:3.24")
        XCTAssertNil(image(.musl, true, false, .alpine))      // alpine has no libstdc++
        XCTAssertEqual(image(.glibc, true, true, .slim), "debian:trixie-slim")
        XCTAssertNil(image(.glibc, false, false, .scratch))
        // OpenSSL is assumed needed unless the caller says otherwise.
        XCTAssertEqual(ImageCatalog.runtimeImage(forDynamicBinary: .glibc, needsCxx: false, in: .distroless)?.reference,
                       "gcr.io/distroless/base-debian13:nonroot")
    }

    // MARK: languages

    func testDistrolessLanguages() throws {
        let node = try XCTUnwrap(reference(language("node", "24", .distroless)))
        XCTAssertEqual(node, "gcr.io/distroless/nodejs24-debian13:nonroot")
        if case let .image(image) = language("node", "24.11.1", .distroless) {
            XCTAssertEqual(image.entrypoint, ["/nodejs/bin/node"])
            XCTAssertEqual(image.runtime, LanguageRuntime(language: "node", version: "24.19.0"))
        } else { XCTFail() }
        assertNone(language("node", "20", .distroless), mentioning: ["end of life since 2026-05-01", "nodejs22-debian13", "22, 24, 26"])
        assertNone(language("node", "18", .distroless), mentioning: ["22, 24, 26"])
        XCTAssertEqual(reference(language("java", "17", .distroless)), "gcr.io/distroless/java17-debian13:nonroot")
        if case let .image(image) = language("java", "21", .distroless) {
            XCTAssertEqual(image.entrypoint, ["/usr/bin/java", "-jar"])
        } else { XCTFail() }
        assertNone(language("java", "11", .distroless), mentioning: ["17, 21, 25"])
        XCTAssertEqual(reference(language("python", "3.13", .distroless)), "gcr.io/distroless/python3-debian13:nonroot")
        assertNone(language("python", "3.12", .distroless), mentioning: ["python 3.13"])
        assertNone(language("ruby", "3.4", .distroless), mentioning: ["no ruby runtime"])
    }

    func testChainguardHasOnlyLatest() {
        XCTAssertEqual(reference(language("node", "26", .chainguard)), "cgr.dev/chainguard/node:latest")
        assertNone(language("node", "22", .chainguard), mentioning: ["26.3.0", "organization"])
        XCTAssertEqual(reference(language("python", "3.14", .chainguard)), "cgr.dev/chainguard/python:latest")
        XCTAssertEqual(reference(language("java", "26", .chainguard)), "cgr.dev/chainguard/jre:latest")
        XCTAssertEqual(reference(language("dotnet", "10", .chainguard)), "cgr.dev/chainguard/aspnet-runtime:latest")
        if case let .image(node) = language("node", "26", .chainguard) {
            XCTAssertEqual(node.user, ImageUser(name: "node", uid: 65532))
            XCTAssertEqual(node.workdir, "/app")
            XCTAssertEqual(node.builder, "cgr.dev/chainguard/node:latest-dev")
        } else { XCTFail() }
    }

    func testHardenedImages() {
        if case let .image(node) = language("node", "24", .dhi) {
            XCTAssertEqual(node.reference, "dhi.io/node:24-debian13")
            XCTAssertEqual(node.user, ImageUser(name: "node", uid: 1000)) // not 65532: the node definition runs as node
            XCTAssertNil(node.shell)
            XCTAssertEqual(node.builder, "dhi.io/node:24-debian13-dev")
        } else { XCTFail() }
        if case let .image(python) = language("python", "3.13", .dhi) {
            XCTAssertEqual(python.user, ImageUser(name: "nonroot", uid: 65532))
            XCTAssertEqual(python.command, ["python3"])
        } else { XCTFail() }
        assertNone(language("python", "3.10", .dhi), mentioning: ["end of life since 2026-10-31", "dhi.io/python:3.11-debian13"])
        XCTAssertEqual(reference(language("java", "21", .dhi)), "dhi.io/eclipse-temurin:21-debian13")
        assertNone(language("java", "26", .dhi), mentioning: ["2026-09-15"])
        XCTAssertEqual(reference(language("dotnet", "10.0", .dhi)), "dhi.io/aspnetcore:10-debian13")
        assertNone(language("dotnet", "8.0", .dhi), mentioning: ["2026-11-10"])
        XCTAssertEqual(reference(language("php", "8.4", .dhi)), "dhi.io/php:8.4-debian13")
        XCTAssertEqual(reference(language("ruby", "3.4", .dhi)), "dhi.io/ruby:3.4-debian13")
    }

    func testMicrosoftDotnet() {
        if case let .image(aspnet) = language("dotnet", "10.0", .microsoft) {
            XCTAssertEqual(aspnet.reference, "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled")
            XCTAssertEqual(aspnet.user, ImageUser(name: "app", uid: 1654))
            XCTAssertEqual(aspnet.entrypoint, ["/usr/bin/dotnet"])
            XCTAssertNil(aspnet.shell)
            XCTAssertEqual(aspnet.builder, "mcr.microsoft.com/dotnet/sdk:10.0")
        } else { XCTFail() }
        assertNone(language("dotnet", "8.0", .microsoft), mentioning: ["2026-11-10", "10.0"])
    }

    func testAlpineAndSlimLanguages() {
        XCTAssertEqual(reference(language("node", "22", .alpine)), "node:22-alpine")
        assertNone(language("node", "20", .alpine), mentioning: ["no longer published", "20.20.2", "22, 24, 26"])
        XCTAssertEqual(reference(language("java", "21", .alpine)), "eclipse-temurin:21-jre-alpine")
        XCTAssertEqual(reference(language("python", "3.13", .slim)), "python:3.13-slim-trixie")
        XCTAssertEqual(reference(language("node", "24", .slim)), "node:24-trixie-slim")
        XCTAssertEqual(reference(language("php", "8.4", .slim)), "php:8.4-cli-trixie")
        XCTAssertEqual(reference(language("java", "21", .slim)), "eclipse-temurin:21-jre-noble")
        assertNone(language("dotnet", "10.0", .alpine), mentioning: ["microsoft"])
        assertNone(language("python", "3", .slim), mentioning: ["a minor"])
        if case let .image(node) = language("node", "22", .alpine) {
            XCTAssertEqual(node.entrypoint, ["docker-entrypoint.sh"])
            XCTAssertEqual(node.user, .root)
            XCTAssertEqual(node.libc, .musl)
        } else { XCTFail() }
        assertNone(language("node", "22", .scratch), mentioning: ["static binaries"])
    }

    // MARK: facts of references

    func testEndOfLifeDistrolessIsSuperseded() {
        XCTAssertEqual(facts("gcr.io/distroless/nodejs18-debian12")?.support,
                       .endOfLife(since: "2025-04-30 (nodejs18 deprecated, 0439cc1c)", replacement: "gcr.io/distroless/nodejs22-debian13:nonroot"))
        XCTAssertEqual(facts("gcr.io/distroless/java17-debian12:nonroot")?.support,
                       .endOfLife(since: "2026-02-27 (debian12 java builds removed, b80e2842)", replacement: "gcr.io/distroless/java17-debian13:nonroot"))
        XCTAssertEqual(facts("gcr.io/distroless/static-debian12")?.support.isEndOfLife, true)
        XCTAssertEqual(facts("gcr.io/distroless/nodejs:18")?.support.isEndOfLife, true)
        XCTAssertEqual(facts("gcr.io/distroless/nodejs26-debian13")?.support, .supported(until: nil))
    }

    func testDistrolessTagsDecideUserAndShell() {
        XCTAssertEqual(facts("gcr.io/distroless/static-debian13")?.user, .root)
        XCTAssertEqual(facts("gcr.io/distroless/static-debian13:nonroot")?.user.uid, 65532)
        XCTAssertEqual(facts("gcr.io/distroless/static-debian13:debug")?.shell, "/busybox/sh")
        XCTAssertEqual(facts("gcr.io/distroless/static-debian13:debug")?.entrypoint, ["/busybox/sh"])
        XCTAssertEqual(facts("gcr.io/distroless/cc-debian13:latest-amd64")?.libraries, [.libgcc, .libstdcxx, .openssl])
        XCTAssertEqual(facts("gcr.io/distroless/static")?.support.isEndOfLife, false)
        XCTAssertNil(facts("gcr.io/distroless/static-debian13:v1"))
    }

    func testOtherFamiliesFacts() {
        XCTAssertEqual(facts("cgr.dev/chainguard/python:latest")?.entrypoint, ["/usr/bin/python"])
        XCTAssertEqual(facts("cgr.dev/chainguard/static:latest-glibc")?.libc, nil)
        XCTAssertNil(facts("cgr.dev/chainguard/python:3.12"))
        XCTAssertEqual(facts("dhi.io/python:3.13")?.reference, "dhi.io/python:3.13-debian13")
        XCTAssertEqual(facts("dhi.io/php:8.4-debian13-fpm")?.workdir, "/var/www/html")
        XCTAssertNil(facts("dhi.io/node:24-alpine3.24"))
        XCTAssertEqual(facts("mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled")?.support.isEndOfLife, true)
        XCTAssertEqual(facts("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra")?.user.uid, 1654)
        XCTAssertEqual(facts("mcr.microsoft.com/dotnet/aspnet:10.0")?.user, .root)
        XCTAssertEqual(facts("scratch")?.shell, nil)
    }

    func testOfficialFacts() {
        XCTAssertEqual(facts("node:22-alpine")?.family, .alpine)
        XCTAssertEqual(facts("node:20-alpine")?.support,
                       .endOfLife(since: "before 2026-08-21 (no longer listed in library/node)", replacement: "node:22-alpine"))
        XCTAssertEqual(facts("python:3.12-slim")?.path?.first, "/usr/local/bin")
        XCTAssertEqual(facts("eclipse-temurin:21-jre-alpine")?.entrypoint, ["/__cacert_entrypoint.sh"])
        XCTAssertEqual(facts("alpine:3.18")?.support.isEndOfLife, true)
        XCTAssertEqual(facts("alpine:3.24")?.support.isEndOfLife, false)
        XCTAssertEqual(facts("debian:trixie-slim")?.libraries, [.libgcc, .libstdcxx, .openssl])
        XCTAssertNil(facts("debian:trixie"))   // not a slim runtime
        XCTAssertNil(facts("node:22"))         // the full image is a toolchain, not a runtime family image
        XCTAssertNil(facts("node:slim-alpine"))
    }
}
