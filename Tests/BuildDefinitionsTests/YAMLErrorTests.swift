@testable import BuildDefinitions
import XCTest

/// Bad YAML gives an error with its line and column, never a trap or a hang.
final class YAMLErrorTests: XCTestCase {
    func testErrorsNameTheFileLineAndColumn() {
        do {
            _ = try YAMLReader.read("a: 1\nb: \"open\n", file: "compose.yaml")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description, "compose.yaml:2:4: this quoted string is not closed")
        }
    }

    func testIndentationErrors() {
        XCTAssertEqual(yamlError("a:\n  b:\n    c: 1\n   d: 2\n"), "4:4: this line is indented more than the keys of its mapping (column 3)")
        XCTAssertEqual(yamlError("a:\n  - [1]\n   - 2\n"), "3:4: this line is indented more than the entries of its sequence (column 3)")
        // As libyaml: a deeper line after a scalar continues it, and a `: ` there is an error.
        XCTAssertEqual(yamlError("a:\n  b: 1\n    c: 2\n"), "3:6: a `: ` inside a value that spans lines (quote the value)")
        XCTAssertEqual(yamlError("a:\n  - 1\n  b: 2\n"), "3:3: expected a sequence entry `- ` here")
        XCTAssertEqual(yamlError("a: 1\n- b\n"), "2:1: a sequence entry where a mapping key was expected")
        XCTAssertEqual(yamlError("a:\n\tb: 1\n"), "2:1: a tab character in indentation (YAML indents with spaces)")
    }

    func testMissingColonAndStrayValues() {
        XCTAssertEqual(yamlError("a: 1\nb\n"), "2:1: expected `key: value` in this mapping (no `: ` after the key)")
        XCTAssertEqual(yamlError("a: b: c\n"), "1:5: a mapping cannot start here (is a `: ` inside a value? quote the value)")
        XCTAssertEqual(yamlError("a: \"x\" y\n"), "1:8: unexpected text after the value")
        XCTAssertEqual(yamlError("a: 1\n  b: 2\n"), "2:4: a `: ` inside a value that spans lines (quote the value)")
        XCTAssertEqual(yamlError("a: - b\n"), "1:4: a block sequence cannot start on this line")
    }

    func testDuplicateKeys() {
        XCTAssertEqual(yamlError("a: 1\nb: 2\na: 3\n"), "3:1: the key `a` is already defined in this mapping")
        XCTAssertEqual(yamlError("{a: 1, a: 2}"), "1:8: the key `a` is already defined in this mapping")
    }

    func testFlowErrors() {
        XCTAssertEqual(yamlError("a: [1, 2\n"), "1:4: this flow collection is not closed")
        XCTAssertEqual(yamlError("a: [\"1\" 2]\n"), "1:9: expected `,` or `]` in this flow collection")
        XCTAssertEqual(yamlError("a: [1,,2]\n"), "1:7: expected a value here")
        XCTAssertEqual(yamlError("a: {b: 1\n---\n"), "1:4: a document marker inside a flow collection that is not closed")
    }

    func testScalarErrors() {
        XCTAssertEqual(yamlError(#"a: "\q""#), #"1:5: unknown escape `\q` in a double-quoted string"#)
        XCTAssertEqual(yamlError(#"a: "\u12""#), #"1:5: `\u` needs 4 hexadecimal digits"#)
        XCTAssertEqual(yamlError(#"a: "\uD800""#), "1:5: the escape names no Unicode character")
        XCTAssertEqual(yamlError("a: 'x\n---\n"), "1:4: a document marker inside a quoted string that is not closed")
        XCTAssertEqual(yamlError("a: |0\n  x\n"), "1:5: a block scalar's indentation indicator is 1 to 9")
        XCTAssertEqual(yamlError("a: | x\n"), "1:6: unexpected text after the block scalar's header")
        XCTAssertEqual(yamlError("a: @x\n"), "1:4: `@` cannot start a value (quote it)")
    }

    func testAnchorErrors() {
        XCTAssertEqual(yamlError("a: *nope\n"), "1:4: unknown anchor `nope` (an alias must follow its anchor)")
        XCTAssertEqual(yamlError("a: &x [*x]\n"), "1:8: unknown anchor `x` (an alias must follow its anchor)")
        XCTAssertEqual(yamlError("a: &x &y 1\n"), "1:7: a node has two anchors")
        XCTAssertEqual(yamlError("a: 1\n<<: 2\n"), "2:5: a merge key `<<` takes a mapping or a list of mappings")
    }

    func testUnsupportedConstructsAreNamed() {
        XCTAssertEqual(yamlError("? a\n: b\n"), "1:1: explicit mapping keys (`? `) are not supported")
        XCTAssertEqual(yamlError("[a]: b\n"), "1:1: a collection as a mapping key is not supported")
    }

    func testInvalidUTF8() {
        do {
            _ = try YAMLReader.read(Array("a: b\nc: ".utf8) + [0xC3, 0x28], file: "x.yaml")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual("\(error.location.line):\(error.location.column)", "2:4")
        }
    }

    func testBillionLaughsIsRefused() {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            text += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let message = yamlError(text)
        XCTAssertTrue(message.contains("expands to more than 1000000 nodes"), message)
    }

    func testDeepNestingIsBounded() {
        XCTAssertEqual(yamlError(String(repeating: "[", count: 100_000)), "1:129: collections nested deeper than 128 levels")
        var block = ""
        for level in 0..<200 { block += String(repeating: " ", count: level) + "k:\n" }
        block += String(repeating: " ", count: 200) + "v\n"
        XCTAssertEqual(yamlError(block), "129:129: collections nested deeper than 128 levels")
        let sequences = String(repeating: "- ", count: 300) + "x\n"
        XCTAssertTrue(yamlError(sequences).contains("nested deeper than 128 levels"))
    }

    func testLimitsAreAdjustable() {
        XCTAssertThrowsError(try YAMLReader.read("a: [[1]]", file: "x", limits: .init(maxDepth: 2)))
        XCTAssertNoThrow(try YAMLReader.read("a: [[1]]", file: "x", limits: .init(maxDepth: 3)))
    }

    func testRandomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab :-[]{},#&*!|>'\"\n\t\\?%@".utf8)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0..<80, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            do {
                for document in try YAMLReader.read(bytes, file: "r") { _ = render(document.root) }
            } catch {
                XCTAssertGreaterThanOrEqual(error.location.line, 1)
                XCTAssertLessThanOrEqual(error.location.line, bytes.filter { $0 == 0x0A }.count + 1)
            }
        }
    }
}
