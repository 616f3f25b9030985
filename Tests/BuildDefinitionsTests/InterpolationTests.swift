@testable import BuildDefinitions
import XCTest

final class InterpolationTests: XCTestCase {
    let variables: [String: String] = ["A": "a", "EMPTY": "", "lower_case": "l"]

    func substitute(_ text: String) -> String {
        let result = Interpolation.substitute(text) { name in self.variables[name].map { ($0, .environment) } }
        return result.error.map { "error: \($0)" } ?? result.value
    }

    func testForms() {
        XCTAssertEqual(substitute("$A ${A} $lower_case x$A-y"), "a a l xa-y")
        XCTAssertEqual(substitute("${NONE:-d} ${EMPTY:-d} ${EMPTY-d} ${NONE-d}"), "d d  d")
        XCTAssertEqual(substitute("${A:+alt} ${EMPTY:+alt} ${EMPTY+alt} ${NONE+alt}"), "alt  alt ")
        XCTAssertEqual(substitute("${EMPTY?no}|${A:?no}"), "|a")
        XCTAssertEqual(substitute("$$A $${A} $ $1 $-"), "$A ${A} $ $1 $-")
        XCTAssertEqual(substitute("${NONE:-${A}-${NONE2:-x}}"), "a-x")
        XCTAssertEqual(substitute("${NONE:-{braces}}"), "{braces}")
    }

    func testErrors() {
        XCTAssertEqual(substitute("${NONE:?set it}"), "error: required variable NONE is missing a value: set it")
        XCTAssertEqual(substitute("${EMPTY:?}"), "error: required variable EMPTY is missing a value")
        XCTAssertEqual(substitute("${NONE?$A}"), "error: required variable NONE is missing a value: a")
        XCTAssertEqual(substitute("${}"), "error: invalid interpolation format `${}` (a `$` may need to be written `$$`)")
        XCTAssertEqual(substitute("${A:x}"), "error: invalid interpolation format `${A:x}` (a `$` may need to be written `$$`)")
        XCTAssertEqual(substitute("${A"), "error: invalid interpolation format `${A` (a `$` may need to be written `$$`)")
        XCTAssertEqual(substitute(String(repeating: "${N:-", count: 100) + String(repeating: "}", count: 100)),
                       "error: interpolation nested more than 32 levels deep")
    }

    func testUsesRecordWhereValuesCameFrom() {
        let result = Interpolation.substitute("${A}${NONE}${NONE:-x}") { name in name == "A" ? ("a", .dotEnv(file: ".env")) : nil }
        XCTAssertEqual(result.uses, [VariableUse(name: "A", origin: .dotEnv(file: ".env")), VariableUse(name: "NONE", origin: .unset),
                                     VariableUse(name: "NONE", origin: .defaultValue)])
        XCTAssertEqual(result.unset, ["NONE"])
    }

    func testDotEnv() {
        let text = """
        # comment
        export PLAIN=value # trailing comment
        SPACED = padded\u{20}\u{20}
        SINGLE='$A kept \\n'
        DOUBLE="tab\\there ${PLAIN} \\$HOME"
        MULTI="one
        two"
        COLON: yaml-style
        INHERITED
        EMPTY=
        REF=${SINGLE}-${FROM_ENV}
        """
        let (entries, problem) = DotEnv.parse(Array(text.utf8)) { name in
            ["INHERITED": "from env", "FROM_ENV": "e"][name].map { ($0, .environment) }
        }
        XCTAssertNil(problem)
        XCTAssertEqual(entries.map { "\($0.0)=\($0.1)" }, [
            "PLAIN=value", "SPACED=padded", "SINGLE=$A kept \\n", "DOUBLE=tab\there value $HOME", "MULTI=one\ntwo",
            "COLON=yaml-style", "INHERITED=from env", "EMPTY=", "REF=$A kept \\n-e",
        ])
    }

    func testDotEnvProblemsNameTheLine() {
        XCTAssertEqual(DotEnv.parse(Array("A=1\nB C=2\n".utf8)) { _ in nil }.problem, DotEnv.Problem(line: 2, message: "a variable name cannot contain a space"))
        XCTAssertEqual(DotEnv.parse(Array("A=1\nB=\"open\n".utf8)) { _ in nil }.problem, DotEnv.Problem(line: 2, message: "a quoted value is not closed"))
        XCTAssertEqual(DotEnv.parse(Array("A=1\n\nB$=2\n".utf8)) { _ in nil }.problem?.line, 3)
    }

    func testPathNames() {
        XCTAssertEqual(PathNames.join("proj", "./web/../api/"), "proj/api")
        XCTAssertEqual(PathNames.join("proj", "../../x"), "../x")
        XCTAssertEqual(PathNames.join("/srv", "../../x"), "/x")
        XCTAssertEqual(PathNames.join("proj", "/abs"), "/abs")
        XCTAssertEqual(PathNames.join(".", "."), ".")
        XCTAssertEqual(PathNames.directory(of: "proj/compose.yaml"), "proj")
        XCTAssertEqual(PathNames.directory(of: "compose.yaml"), ".")
        XCTAssertEqual(PathNames.directory(of: "/compose.yaml"), "/")
    }
}
