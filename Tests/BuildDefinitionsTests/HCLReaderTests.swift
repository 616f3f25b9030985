@testable import BuildDefinitions
import XCTest

/// A compact rendering of HCL expressions for assertions.
func render(_ e: HCLExpression) -> String {
    switch e.kind {
    case .string(let s): return quote(s)
    case .number(let n): return n
    case .bool(let b): return String(b)
    case .null: return "null"
    case .variable(let v): return v
    case .template(let parts):
        return "tpl(" + parts.map { part -> String in
            switch part {
            case .literal(let s): return quote(s)
            case .interpolation(let e): return "${" + render(e) + "}"
            case .directive(let u, _): return "?" + u.construct
            }
        }.joined(separator: " ") + ")"
    case .tuple(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
    case .object(let items): return "{" + items.map { render($0.key) + "=" + render($0.value) }.joined(separator: ", ") + "}"
    case .unsupported(let u): return "?" + u.construct + "<" + u.text + ">"
    }
}

func hclValue(_ expression: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        let body = try HCLReader.read("x = \(expression)\n", file: "t.hcl")
        return body[attribute: "x"].map { render($0.value) } ?? "<none>"
    } catch {
        XCTFail("unexpected error: \(error)", file: file, line: line)
        return "<error>"
    }
}

func hclError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        _ = try HCLReader.read(text, file: "t.hcl")
        XCTFail("expected an error", file: file, line: line)
        return ""
    } catch {
        return "\(error.location.line):\(error.location.column): \(error.message)"
    }
}

final class HCLReaderTests: XCTestCase {
    func testBlocksAndAttributes() throws {
        let body = try HCLReader.read("""
        # a comment
        variable "TAG" {
          default = "latest"
        }
        // another
        group "default" { targets = ["app", "db"] }
        target "app" {
          context = "."
          args = {
            GO = "1.22"
            "with.dot" = 1
          }
          /* a block
             comment */
          tags = ["repo/app:${TAG}"]
        }
        """, file: "docker-bake.hcl")
        XCTAssertEqual(body.blocks.map { "\($0.type) \($0.labels)" }, [#"variable ["TAG"]"#, #"group ["default"]"#, #"target ["app"]"#])
        let app = body.blocks[2]
        XCTAssertEqual(app.location.description, "docker-bake.hcl:7:1")
        XCTAssertEqual(app.body[attribute: "args"].map { render($0.value) }, #"{"GO"="1.22", "with.dot"=1}"#)
        XCTAssertEqual(app.body[attribute: "tags"].map { render($0.value) }, #"[tpl("repo/app:" ${TAG})]"#)
        XCTAssertEqual(app.body[attribute: "tags"]?.location.description, "docker-bake.hcl:15:3")
        XCTAssertEqual(body.blocks[1].body[attribute: "targets"].map { render($0.value) }, #"["app", "db"]"#)
    }

    func testLiterals() {
        XCTAssertEqual(hclValue("1"), "1")
        XCTAssertEqual(hclValue("-2.5e3"), "-2.5e3")
        XCTAssertEqual(hclValue("true"), "true")
        XCTAssertEqual(hclValue("null"), "null")
        XCTAssertEqual(hclValue("FOO"), "FOO")
        XCTAssertEqual(hclValue("(\"x\")"), #""x""#)
    }

    func testStringsAndEscapes() {
        XCTAssertEqual(hclValue(#""a\tb\n\"q\" \\ \u00e9""#), quote("a\tb\n\"q\" \\ \u{e9}"))
        XCTAssertEqual(hclValue(#""$${NOT} %%{no} $x 100%""#), quote("${NOT} %{no} $x 100%"))
        XCTAssertEqual(hclValue(#""v${A}-${ B }""#), #"tpl("v" ${A} "-" ${B})"#)
        XCTAssertEqual(hclValue(#""a ${~ A ~} b""#), #"tpl("a" ${A} "b")"#)
        XCTAssertEqual(hclValue(#""${"nested ${X}"}""#), #"tpl(${tpl("nested " ${X})})"#)
    }

    func testHeredocs() {
        XCTAssertEqual(hclValue("<<EOT\nFROM alpine\nRUN echo ${X} $${Y}\nEOT"), #"tpl("FROM alpine\nRUN echo " ${X} " ${Y}\n")"#)
        XCTAssertEqual(hclValue("<<-EOT\n    FROM alpine\n      RUN x\n    EOT"), quote("FROM alpine\n  RUN x\n"))
        XCTAssertEqual(hclValue("<<EOT\n\\n stays\nEOT"), quote("\\n stays\n"))
    }

    func testListsAndObjects() {
        XCTAssertEqual(hclValue("[\n  \"a\",\n  \"b\",\n]"), #"["a", "b"]"#)
        XCTAssertEqual(hclValue("{ a = 1, b: 2 }"), "{\"a\"=1, \"b\"=2}")
        XCTAssertEqual(hclValue("{\n  a = [1,\n    2]\n  b = { c = null }\n}"), "{\"a\"=[1, 2], \"b\"={\"c\"=null}}")
    }

    func testUnsupportedExpressionsKeepTheirText() {
        XCTAssertEqual(hclValue(#"notequal("", TAG)"#), #"?function call `notequal(…)`<notequal("", TAG)>"#)
        XCTAssertEqual(hclValue("A == \"x\" ? \"a\" : \"b\""), #"?conditional expression<A == "x" ? "a" : "b">"#)
        XCTAssertEqual(hclValue("[for t in TAGS : \"r:${t}\"]"), #"?`for` expression<[for t in TAGS : "r:${t}"]>"#)
        XCTAssertEqual(hclValue("{for k, v in M : k => v if v != null}"), #"?`for` expression<{for k, v in M : k => v if v != null}>"#)
        XCTAssertEqual(hclValue("A + 1"), "?operator `+`<A + 1>")
        XCTAssertEqual(hclValue("!A"), "?operator `!`<!A>")
        XCTAssertEqual(hclValue("target.app.tags"), "?reference `target.app.tags`<target.app.tags>")
        XCTAssertEqual(hclValue("L[0]"), "?attribute access or index `L[0]`<L[0]>")
        XCTAssertEqual(hclValue(#""${upper(X)}-x""#), #"tpl(${?function call `upper(…)`<upper(X)>} "-x")"#)
        XCTAssertEqual(hclValue(#""%{ if A }a%{ endif }""#), #"tpl(?template directive `%{ if … }` "a" ?template directive `%{ endif … }`)"#)
    }

    func testTheRestIsReadAfterAnUnsupportedExpression() throws {
        let body = try HCLReader.read("""
        function "tag" {
          params = [name]
          result = "repo/${name}"
        }
        target "app" {
          tags = [tag("app")]
          args = { A = equal(1, 2) ? "x" : "y" }
          context = "src"
        }
        """, file: "b.hcl")
        let app = try XCTUnwrap(body.blocks.last)
        XCTAssertEqual(app.body[attribute: "context"].map { render($0.value) }, #""src""#)
        let (unsupported, location) = try XCTUnwrap(app.body[attribute: "tags"]?.value.firstUnsupported)
        XCTAssertEqual(unsupported.construct, "function call `tag(…)`")
        XCTAssertEqual(location.description, "b.hcl:6:11")
        XCTAssertEqual(body.blocks.first?.type, "function")
    }

    func testErrorsHavePositions() {
        XCTAssertEqual(hclError("target \"a\" {\n  context = \n}\n"), "2:13: expected an expression here")
        XCTAssertEqual(hclError("target \"a\" {\n  context = \".\"\n"), "1:12: this block is not closed (`}` missing)")
        XCTAssertEqual(hclError("x = \"abc\n"), "1:5: a quoted string cannot span lines (use a heredoc)")
        XCTAssertEqual(hclError("x = [1, 2\ny = 1\n"), "2:1: expected `,` or `]` in this list")
        XCTAssertEqual(hclError("x = 1 y = 2\n"), "1:7: expected a line break here (one attribute or block per line)")
        XCTAssertEqual(hclError("x = <<EOT\nabc\n"), "1:5: this heredoc is not closed (no line `EOT`)")
        XCTAssertEqual(hclError("x = \"${a\"\n"), "1:6: this interpolation is not closed (`}` missing)")
        XCTAssertEqual(hclError("/* open\nx = 1\n"), "1:1: this comment is not closed (`*/` missing)")
        XCTAssertEqual(hclError("target \"${x}\" {}\n"), "1:8: a block label cannot hold an interpolation")
        XCTAssertEqual(hclError("}\n"), "1:1: a `}` with no block to close")
        XCTAssertEqual(hclError("x = \"\\q\"\n"), "1:6: unknown escape `\\q` in a string")
        XCTAssertEqual(hclError("= 1\n"), "1:1: expected an attribute name or a block type")
    }

    func testDeepNestingIsBounded() {
        XCTAssertTrue(hclError("x = " + String(repeating: "[", count: 100_000)).contains("nested deeper than 128 levels"))
        XCTAssertTrue(hclError("x = " + String(repeating: "-", count: 100_000) + "1").contains("nested deeper than 128 levels"))
        XCTAssertTrue(hclError(String(repeating: "a {\n", count: 10_000)).contains("nested deeper than 128 levels"))
        let long = try? HCLReader.read("x = " + String(repeating: "1 + ", count: 50_000) + "1\n", file: "t.hcl")
        XCTAssertEqual(long?[attribute: "x"].map { if case .unsupported(let u) = $0.value.kind { u.construct } else { "" } }, "operator `+`")
        XCTAssertTrue(hclError("x = \"" + String(repeating: "${\"", count: 10_000)).contains("nested deeper"))
    }

    func testRandomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab =\"{}[]()$%~<-#/*\n\t\\,:.?!&|01".utf8)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0..<80, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            do { _ = try HCLReader.read(bytes, file: "r") } catch {
                XCTAssertLessThanOrEqual(error.location.line, bytes.filter { $0 == 0x0A }.count + 1)
            }
        }
    }
}
