@testable import DockerfileFacts
import XCTest

/// Every reader on hostile input: it must end, not crash, and say what it did not read.
final class SourceReadersRobustnessTests: XCTestCase {
    /// Each reader with a file name it reads.
    private let readers: [(name: String, file: String, read: (BuildContext) -> SourceFindings)] = [
        ("Go", "main.go", { GoSources.read($0) }),
        ("Python", "app.py", { PythonSources.read($0) }),
        ("Node", "server.js", { NodeSources.read($0) }),
        ("Rust", "src/main.rs", { RustSources.read($0) }),
        ("C", "main.c", { CSources.read($0) }),
        ("Ruby", "app.rb", { RubySources.read($0) }),
    ]

    private func context(_ path: String, _ bytes: [UInt8], complete: Bool = true) -> BuildContext {
        BuildContext(files: [path, "src/"], contents: [path: bytes], complete: complete)
    }

    func testRandomBytesEndWithoutCrashing() {
        var generator = SplitMix64(seed: 0x5eed)
        let alphabet = Array("\"'`/\\*#{}()[]$!?:;,.=<>%~-+ \n\tabcxyzOpenFile_os.read(\"r\")".utf8) + [0x00, 0xFF, 0xC3, 0x80, 0xE2]
        for round in 0..<40 {
            let length = Int(generator.next() % 4_000)
            let bytes = (0..<length).map { _ in round % 2 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: generator.next()) }
            for reader in readers {
                _ = reader.read(context(reader.file, bytes))
            }
        }
    }

    func testUnterminatedStringsCommentsAndHeredocs() {
        let openings = ["\"abc", "'abc", "`abc ${", "/* never closed", "r#\"raw", "\"\"\"triple", "f\"{x", "<<~EOS\nbody", "%w[a b", "=begin\n", "R\"d(raw",
                        "os.Open(", "fopen(\"x\"", "path.join(__dirname,", "{{{{[[[(((", ")))]]]}}}"]
        for opening in openings {
            for reader in readers {
                let findings = reader.read(context(reader.file, Array(("x = 1\n" + opening).utf8)))
                XCTAssertNotNil(findings, "\(reader.name): \(opening)")
            }
        }
    }

    /// Hostile shapes (a 1 MiB line, 20 000 levels of nesting) are read to
    /// the end without a crash or a stack overflow; how fast is the
    /// benchmark's business (`dockslim-benchmark`), not a test's.
    func testAOneMegabyteLineAndDeepNestingAreRead() {
        // Just under the 1 MiB a reader reads of one file, so the call after it counts.
        let line = Array(repeating: UInt8(ascii: "a"), count: (1 << 20) - 100) + Array("\nopen(\"x.txt\")\n".utf8)
        let nested = Array((String(repeating: "f(", count: 20_000) + "\"x\"" + String(repeating: ")", count: 20_000)).utf8)
        let calls = Array(String(repeating: "os.Open(os.Open(fopen(open(File.read(", count: 5_000).utf8)
        let templates = Array(String(repeating: "`${`${\"", count: 20_000).utf8)
        let attributes = Array(String(repeating: "#[", count: 20_000).utf8)
        for reader in readers {
            for input in [line, nested, calls, templates, attributes] { _ = reader.read(context(reader.file, input)) }
        }
        let findings = PythonSources.read(context("app.py", line))
        XCTAssertEqual(findings.reads.first?.evidence.line, 2)
    }

    func testBudgetsAndIncompleteScansBecomeUnknowns() {
        let big = Array(repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
        let findings = GoSources.read(BuildContext(files: ["a.go", "b.go", "huge.go"], contents: ["a.go": Array("package a".utf8), "huge.go": big], complete: false))
        XCTAssertEqual(findings.unknowns.map(\.kind), [.sourcesNotAllRead, .sourcesNotAllRead, .sourcesNotAllRead])
        XCTAssertEqual(Set(findings.unknowns.map(\.reason)), [
            "the build context was not completely scanned: Go sources may be missing",
            "b.go was not read by the context scan",
            "huge.go: only the first 1048576 of 1048586 bytes read",
        ])
        // A manifest the scan listed but did not read (the CLI reads no config/database.yml): unknown, not "no database".
        let rails = RubySources.read(BuildContext(files: ["config/application.rb", "config/database.yml"],
                                                  contents: ["config/application.rb": Array("class Application < Rails::Application; end".utf8)]))
        XCTAssertEqual(rails.unknowns.map(\.reason), ["config/database.yml was not read by the context scan"])
        var budget = SourceBudget()
        budget.maxFiles = 1
        let set = SourceFiles.select(sourceContext(["a.py": "x", "b.py": "y"]), root: "", extensions: ["py"], language: "Python", skip: { _ in false },
                                     budget: budget)
        XCTAssertEqual(set.files.map(\.path), ["a.py"])
        XCTAssertEqual(set.unknowns.map(\.reason), ["Python sources not all read: 1 of 2 files within the reader's budget"])
    }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
