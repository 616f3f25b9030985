@testable import DockerfileFacts
import XCTest

/// Context files written on Windows end lines with CRLF, which Swift reads
/// as one Character; every reader must still see separate lines.
final class TextLinesTests: XCTestCase {
    func testCRLFAndLFFilesSplitTheSame() {
        let unix = "flask==2.0.1\nrequests\n\ngunicorn\n"
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(windows.textLines(), ["flask==2.0.1", "requests", "gunicorn"])
        XCTAssertEqual(unix.textLines(), windows.textLines())
    }

    func testKeepingEmptyLinesKeepsLineNumbers() {
        XCTAssertEqual("a\r\n\r\nb".textLines(keepingEmpty: true), ["a", "", "b"])
        XCTAssertEqual("a\n\nb\n".textLines(keepingEmpty: true), ["a", "", "b", ""])
    }

    func testCRLFCargoTomlNamesItsPackage() {
        let toml = "[workspace]\r\n\r\n[package]\r\nname = \"ferris-api\"\r\nversion = \"0.1.0\"\r\n"
        XCTAssertEqual(Rust.packageName(toml), "ferris-api")
    }
}
