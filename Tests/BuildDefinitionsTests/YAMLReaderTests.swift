@testable import BuildDefinitions
import XCTest

final class YAMLReaderTests: XCTestCase {
    func testBlockMappingsAndSequences() {
        XCTAssertEqual(yaml("""
        services:
          web:
            image: nginx:1.25
            ports:
              - "8080:80"
              - 443:443
          db:
            image: postgres
        """), #"{"services": {"web": {"image": "nginx:1.25", "ports": ["8080:80", "443:443"]}, "db": {"image": "postgres"}}}"#)
    }

    func testSequenceIndentedLikeItsKey() {
        XCTAssertEqual(yaml("a:\n- 1\n- 2\nb: 3\n"), #"{"a": ["1", "2"], "b": "3"}"#)
    }

    func testCompactCollectionsInSequences() {
        XCTAssertEqual(yaml("- a: 1\n  b: 2\n- - x\n  - y\n-\n  c: 3\n"), #"[{"a": "1", "b": "2"}, ["x", "y"], {"c": "3"}]"#)
    }

    func testEmptyValuesAreNull() {
        XCTAssertEqual(yaml("a:\nb: ~\nc: null\nd: ''\n"), #"{"a": ~, "b": ~, "c": ~, "d": ""}"#)
    }

    func testFlowCollections() {
        XCTAssertEqual(yaml("cmd: [\"a\", b , 'c d']\nenv: {A: 1, B: , C}\n"), #"{"cmd": ["a", "b", "c d"], "env": {"A": "1", "B": ~, "C": ~}}"#)
        XCTAssertEqual(yaml("x: [a,\n  b, [c, {d: e}],\n  ]\n"), #"{"x": ["a", "b", ["c", {"d": "e"}]]}"#)
        XCTAssertEqual(yaml("[a: 1, b]"), #"[{"a": "1"}, "b"]"#)
    }

    func testJSON() {
        XCTAssertEqual(yaml("{\n\t\"target\": {\"app\": {\"args\": {\"A\":\"1\"}, \"tags\":[\"x\"]}}\n}\n"),
                       #"{"target": {"app": {"args": {"A": "1"}, "tags": ["x"]}}}"#)
    }

    func testPlainScalars() {
        XCTAssertEqual(yaml("url: http://example.com:8080/a#b\nc: a # comment\nd: -1\ne: :x\n"),
                       #"{"url": "http://example.com:8080/a#b", "c": "a", "d": "-1", "e": ":x"}"#)
    }

    func testMultiLinePlainScalarsFold() {
        XCTAssertEqual(yaml("a: one\n  two\n\n  three\nb: x\n"), #"{"a": "one two\nthree", "b": "x"}"#)
    }

    func testSingleQuoted() {
        XCTAssertEqual(yaml("a: 'it''s'\nb: 'one\n  two'\n"), #"{"a": "it's", "b": "one two"}"#)
    }

    func testDoubleQuotedEscapes() {
        XCTAssertEqual(yaml(#"a: "t\tn\n q\" b\\ \x41\u00e9\U0001F600 \/""#), quoteBraces("a", "t\tn\n q\" b\\ A\u{e9}\u{1F600} /"))
        XCTAssertEqual(yaml("a: \"one \\\n   two\"\n"), #"{"a": "one two"}"#)
        XCTAssertEqual(yaml("a: \"one\n\n   two\"\n"), #"{"a": "one\ntwo"}"#)
    }

    func testLiteralBlockScalars() {
        XCTAssertEqual(yaml("a: |\n  line 1\n    indented\n\n  line 3\nb: x\n"), #"{"a": "line 1\n  indented\n\nline 3\n", "b": "x"}"#)
        XCTAssertEqual(yaml("a: |-\n  x\n\n\nb: 1\n"), #"{"a": "x", "b": "1"}"#)
        XCTAssertEqual(yaml("a: |+\n  x\n\n\nb: 1\n"), #"{"a": "x\n\n\n", "b": "1"}"#)
        XCTAssertEqual(yaml("a: |2\n    x\n  y\n"), #"{"a": "  x\ny\n"}"#)
        XCTAssertEqual(yaml("- |\n  FROM alpine\n  RUN echo # not a comment\n"), #"["FROM alpine\nRUN echo # not a comment\n"]"#)
    }

    func testFoldedBlockScalars() {
        XCTAssertEqual(yaml("a: >\n  one\n  two\n\n  three\n    more\n  four\n"), #"{"a": "one two\nthree\n  more\nfour\n"}"#)
        XCTAssertEqual(yaml("a: >-\n  one\n  two\n"), #"{"a": "one two"}"#)
    }

    func testComments() {
        XCTAssertEqual(yaml("# top\na: 1 # one\n# between\n  # indented\nb: [x, # inside\n  y]\n"), #"{"a": "1", "b": ["x", "y"]}"#)
    }

    func testDocuments() throws {
        let documents = try YAMLReader.read("a: 1\n---\nb: 2\n...\n--- [3]\n", file: "f.yaml")
        XCTAssertEqual(documents.map { render($0.root) }, [#"{"a": "1"}"#, #"{"b": "2"}"#, #"["3"]"#])
        XCTAssertEqual(try YAMLReader.read("# only a comment\n", file: "f.yaml").count, 0)
        XCTAssertEqual(try YAMLReader.read("%YAML 1.2\n---\na: 1\n", file: "f.yaml").map { render($0.root) }, [#"{"a": "1"}"#])
    }

    func testAnchorsAndAliases() {
        XCTAssertEqual(yaml("base: &b {image: x}\nweb: *b\nlist: [&i one, *i]\n"), #"{"base": {"image": "x"}, "web": {"image": "x"}, "list": ["one", "one"]}"#)
    }

    func testMergeKeys() {
        XCTAssertEqual(yaml("""
        x-common: &common
          restart: always
          image: base
        x-more: &more
          user: app
          image: other
        web:
          <<: [*common, *more]
          image: mine
        """), #"{"x-common": {"restart": "always", "image": "base"}, "x-more": {"user": "app", "image": "other"}, "web": {"restart": "always", "user": "app", "image": "mine"}}"#)
        XCTAssertEqual(yaml("a: &a {k: 1}\nb:\n  <<: *a\n"), #"{"a": {"k": "1"}, "b": {"k": "1"}}"#)
    }

    func testTagsAreKept() {
        XCTAssertEqual(yaml("ports: !reset []\nimage: !override x\nn: !!str 1\n"), #"{"ports": !reset [], "image": !override "x", "n": !!str "1"}"#)
        XCTAssertEqual(yaml("a: !reset\nb: !reset null\n"), #"{"a": !reset ~, "b": !reset ~}"#)
    }

    func testPropertiesOnTheLineAbove() {
        XCTAssertEqual(yaml("a: &x\n  k: v\nb: *x\n"), #"{"a": {"k": "v"}, "b": {"k": "v"}}"#)
        XCTAssertEqual(yaml("a: !override\n  - 1\n"), #"{"a": !override ["1"]}"#)
    }

    func testCRLFAndByteOrderMark() {
        XCTAssertEqual(yaml("\u{FEFF}a: 1\r\nb:\r\n  - x\r\n"), #"{"a": "1", "b": ["x"]}"#)
    }

    func testNodeLocations() throws {
        let root = try XCTUnwrap(YAMLReader.read("services:\n  web:\n    build: ./app\n    image: \"x\"\n", file: "c.yaml").first?.root)
        let web = try XCTUnwrap(root["services"]?["web"])
        XCTAssertEqual(web.location.description, "c.yaml:3:5")
        XCTAssertEqual(web["build"]?.location.description, "c.yaml:3:12")
        XCTAssertEqual(web["image"]?.location.description, "c.yaml:4:12")
        XCTAssertEqual(web.mapping?.last?.key.location.description, "c.yaml:4:5")
    }

    func testColumnsCountCharacters() throws {
        let root = try XCTUnwrap(YAMLReader.read("é: [ü, x]\n", file: "c.yaml").first?.root)
        XCTAssertEqual(root["é"]?.sequence?.last?.location.column, 8)
    }
}

/// `{"key": "value"}` with the value quoted as `render` does.
func quoteBraces(_ key: String, _ value: String) -> String { "{\(quote(key)): \(quote(value))}" }
