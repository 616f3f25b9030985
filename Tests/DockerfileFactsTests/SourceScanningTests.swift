@testable import DockerfileFacts
import XCTest

/// The lexer under the source readers: comments gone, strings whole, lines right.
final class SourceScanningTests: XCTestCase {
    private func scan(_ text: String, _ syntax: SourceSyntax) -> ScannedSource {
        ScannedSource(path: "app/main.x", bytes: Array(text.utf8), syntax: syntax)
    }

    /// Strings with their line: `"value"@line`; interpolated ones marked `~`.
    private func strings(_ text: String, _ syntax: SourceSyntax) -> [String] {
        let s = scan(text, syntax)
        return s.tokens.indices.filter { s.tokens[$0].kind == .string }.map { k in
            (s.tokens[k].flags.contains(.interpolated) ? "~" : "") + "\(s.value(k))@\(s.tokens[k].line)"
        }
    }

    private func words(_ text: String, _ syntax: SourceSyntax) -> [String] {
        let s = scan(text, syntax)
        return s.tokens.indices.filter { s.tokens[$0].kind == .word }.map { s.text($0) }
    }

    func testGoCommentsRawStringsAndRunes() {
        let go = """
        // os.Open("commented.txt")
        /* os.Open("block.txt")
        */ x := os.Open(`raw\\path`) // "after"
        r := '"'
        y := "a\\"b"
        """
        XCTAssertEqual(strings(go, .go), ["raw\\path@3", "\"@4", "a\"b@5"])
        XCTAssertTrue(words(go, .go).contains("os.Open"))
    }

    func testRustNestedCommentsRawStringsLifetimesAndMacros() {
        let rust = """
        /* outer /* inner */ still "comment" */
        fn f<'a>(x: &'a str) -> &'a str { include_str!("in.txt"); std::fs::read(r#"raw "q""#) }
        let c = '\\''; let d = 'x';
        """
        XCTAssertEqual(strings(rust, .rust), ["in.txt@2", "raw \"q\"@2", "'@3", "x@3"])
        XCTAssertTrue(words(rust, .rust).contains("include_str!"))
        XCTAssertTrue(words(rust, .rust).contains("std::fs::read"))
    }

    func testPythonTripleQuotesPrefixesAndFStrings() {
        let py = """
        # open("comment.txt")
        doc = \"\"\"open("inside docstring")
        still\"\"\"
        p = rb'raw\\d'
        f = f"{base}/x{{y}}" + f'{d["k"]}'
        open("a.txt")
        """
        XCTAssertEqual(strings(py, .python), ["open(\"inside docstring\")\nstill@2", "raw\\d@4", "~{base}/x{{y}}@5", "~{d[\"k\"]}@5", "a.txt@6"])
    }

    func testJavaScriptTemplatesAndRegularExpressions() {
        let js = """
        const re = /"[/]"/g; const half = a / b / c;
        const t = `${__dirname}/public/${`nested ${x}`}`;
        fs.readFileSync('data.json') // 'no'
        """
        XCTAssertEqual(strings(js, .javaScript), ["~${__dirname}/public/${`nested ${x}`}@2", "data.json@3"])
        XCTAssertTrue(words(js, .javaScript).contains("fs.readFileSync"))
    }

    func testRubyHeredocsPercentLiteralsAndBlockComments() {
        let rb = """
        =begin
        File.read("commented")
        =end
        system(<<~CMD, "x")
          git pull "origin"
        CMD
        files = %w[a.txt b.txt]
        out = `ls #{dir}`
        File.exist?("y")
        __END__
        File.read("data section")
        """
        XCTAssertEqual(strings(rb, .ruby), ["  git pull \"origin\"\n@4", "x@4", "a.txt b.txt@7", "~ls #{dir}@8", "y@9"])
        XCTAssertTrue(words(rb, .ruby).contains("File.exist?"))
    }

    func testCRawStringsAndContinuedComments() {
        let c = """
        // a comment \\
        fopen("continued", "r");
        FILE *f = fopen(R"x(raw")x", "w");
        """
        XCTAssertEqual(strings(c, .c), ["raw\"@3", "w@3"])
    }

    func testCallArgumentsAndFields() {
        let s = scan(#"logger.File(filepath.Join("a", f(x, y)), {filename: "x.log", level: 1})"#, .javaScript)
        let call = s.calls().first { s.text($0.name) == "logger.File" }!
        let args = s.arguments(at: call.open)
        XCTAssertEqual(args.count, 2)
        XCTAssertEqual(s.field("filename", in: args[1]).flatMap { s.onlyString($0) }, "x.log")
    }

    func testEvidenceIsTrimmedAndCut() {
        let long = String(repeating: "x", count: 1_000)
        let s = scan("a\n   open(\"f\")   \n" + long, .python)
        XCTAssertEqual(s.evidence(line: 2).text, "open(\"f\")")
        XCTAssertEqual(s.evidence(line: 3).text.count, 200)
        XCTAssertEqual(s.line(ofOffset: 3), 2)
    }

    func testPathValuesMoveParentSegmentsIntoTheFolder() {
        XCTAssertEqual(PathValue.inFolder("app/web/", "../public"), PathValue("public", base: .sourceFolder("app/")))
        XCTAssertEqual(PathValue.inFolder("", "../x"), PathValue("../x", base: .sourceFolder("")))
        XCTAssertEqual(PathValue.inFolder("app/", "/etc/x"), PathValue("/etc/x", base: .absolute))
        XCTAssertEqual(PathValue.join(["a", "b/", "c"]), "a/b/c")
    }

    func testShellCommandsAndPathLikeStrings() {
        XCTAssertEqual(SourceNames.program(ofShellCommand: "GIT_DIR=x git pull"), "git")
        XCTAssertNil(SourceNames.program(ofShellCommand: "$TOOL run"))
        XCTAssertTrue(SourceNames.looksLikePath("./config.yaml"))
        XCTAssertTrue(SourceNames.looksLikePath("config.yaml"))
        XCTAssertFalse(SourceNames.looksLikePath(":8080"))
        XCTAssertFalse(SourceNames.looksLikePath("https://x.io/a.json"))
        XCTAssertFalse(SourceNames.looksLikePath("info"))
    }
}
