@testable import DockerfileFacts
import XCTest

final class JSONDocumentTests: XCTestCase {
    func testReadsObjectsArraysStringsAndEscapes() throws {
        let doc = try XCTUnwrap(JSONDocument.parse(#"{"name": "shop", "private": true, "files": ["a", 1.5e3, null], "note": "tab\there \u00e9 \ud83d\ude00 \"q\""}"#))
        XCTAssertEqual(doc["name"]?.string, "shop")
        XCTAssertEqual(doc["private"], .bool(true))
        XCTAssertEqual(doc["files"], .array([.string("a"), .number("1.5e3"), .null]))
        XCTAssertEqual(doc["note"]?.string, "tab\there é 😀 \"q\"")
    }

    func testTheLastOfRepeatedKeysWinsAsInJavaScript() {
        XCTAssertEqual(JSONDocument.parse(#"{"a": "1", "a": "2"}"#)?["a"]?.string, "2")
    }

    func testStringMembersSkipOtherValues() {
        let scripts = JSONDocument.parse(#"{"scripts": {"start": "vite preview", "n": 3, "dev": "vite"}}"#)?["scripts"]?.stringMembers ?? []
        XCTAssertEqual(scripts.map(\.0), ["start", "dev"])
    }

    func testAnythingElseIsNilNeverATrap() {
        for text in ["", "{", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "\"open", "tru", "{} x", "\"\\u12\"", "\"a\nb\"",
                     String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 10_000)] {
            XCTAssertNil(JSONDocument.parse(text), text.prefix(20).description)
        }
        XCTAssertNotNil(JSONDocument.parse("\u{FEFF}{\"bom\": true}"))
    }
}
