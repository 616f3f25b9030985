@testable import DockerfileFacts
@testable import DockslimRewrite
import Foundation
import XCTest

/// The package table: the compiled rows are the shared TSV's (with the
/// lookups dockslim made), and only trusted rows translate.
final class PackageTableTests: XCTestCase {
    func testGeneratedRowsMatchTheSharedTable() throws {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        let tsv = parts.joined(separator: "/") + "/../shared/data/apt-to-apk.tsv"
        guard let data = FileManager.default.contents(atPath: tsv) else { throw XCTSkip("../shared is not beside the checkout") }
        let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        // The shared rows in order, then the rows dockslim added.
        let added = PackageTable.apt.dropFirst(rows.count)
        XCTAssertEqual(rows.count + added.count, PackageTable.apt.count)
        XCTAssertTrue(added.allSatisfy { $0.evidence.contains("added by dockslim") && $0.status == .verified })
        XCTAssertEqual(added.map(\.source), ["manpages-dev"])
        var lookedUp = 0, corrected: [String] = []
        for (r, row) in zip(rows, PackageTable.apt) {
            XCTAssertEqual(r[0], row.source)
            XCTAssertEqual(Int(r[1]), row.count)
            if row.evidence.contains("looked up by dockslim") {
                lookedUp += 1
                XCTAssertTrue(r[3].hasPrefix("unverified"), row.source)
                continue
            }
            if row.evidence.contains("corrected by dockslim") {
                corrected.append(row.source)
                XCTAssertTrue(r[2].split(separator: " ").map(String.init).allSatisfy(row.alpine.contains), row.source)
                continue
            }
            XCTAssertEqual(r[2] == "-" || r[2] == "?" ? [] : r[2].split(separator: " ").map(String.init), row.alpine, row.source)
            XCTAssertEqual(r[3], row.evidence)
            XCTAssertEqual(r[4], row.note)
        }
        XCTAssertEqual(lookedUp, 5)
        XCTAssertEqual(corrected, ["gcc", "gfortran"])
    }

    /// A compiler alone compiles nothing on Alpine: the C library's headers
    /// and start files come with musl-dev (g++ and build-base depend on it).
    func testCompilersBringTheCLibraryHeaders() {
        XCTAssertEqual(PackageTable.translate("gcc", .apt), .packages(["gcc", "musl-dev"]))
        XCTAssertEqual(PackageTable.translate("gfortran", .apt), .packages(["gfortran", "musl-dev"]))
        XCTAssertEqual(PackageTable.translate("g++", .apt), .packages(["g++"]))
        XCTAssertEqual(PackageTable.translate("gcc", .rpm), .packages(["gcc", "musl-dev"]))
        XCTAssertEqual(PackageTable.translate("manpages-dev", .apt), .packages(["man-pages"]))
    }

    func testOnlyTrustedRowsTranslate() {
        for row in PackageTable.apt {
            let t = PackageTable.translate(row.source, .apt)
            switch row.status {
            case .verified, .inferred: XCTAssertEqual(t, .packages(row.alpine), row.source)
            case .drop: if case .drop = t {} else { XCTFail(row.source) }
            case .unverified, .unknown: if case .unknown = t {} else { XCTFail(row.source) }
            }
            XCTAssertFalse(row.evidence.isEmpty, row.source)
        }
        XCTAssertEqual(PackageTable.translate("build-essential", .apt), .packages(["build-base"]))
        XCTAssertEqual(PackageTable.translate("libc6-dev", .apt), .packages(["musl-dev"]))
        XCTAssertEqual(PackageTable.translate("libssl-dev", .apt), .packages(["openssl-dev"]))
    }

    func testRPMRowsBorrowTrustedAlpineNames() {
        let trusted = Set(PackageTable.apt.filter { $0.status == .verified || $0.status == .inferred }.flatMap(\.alpine))
        XCTAssertGreaterThanOrEqual(PackageTable.rpm.count, 40)
        for row in PackageTable.rpm where !row.alpine.isEmpty {
            XCTAssertTrue(row.alpine.allSatisfy(trusted.contains), row.source)
            XCTAssertTrue(row.evidence.hasPrefix("as Debian "), row.source)
        }
        XCTAssertEqual(PackageTable.translate("openssl-devel", .rpm), .packages(["openssl-dev"]))
        XCTAssertEqual(PackageTable.translate("gcc-c++", .rpm), .packages(["g++"]))
    }
}
