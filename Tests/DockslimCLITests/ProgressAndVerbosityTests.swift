@testable import DockslimCLI
import Foundation
import XCTest

/// Standard error as people read it: progress that never shares a line
/// with a diagnostic, `-q`/`-v`, and many skipped files grouped by reason.
final class ProgressAndVerbosityTests: XCTestCase {
    static let clear = "\r\u{1B}[K"

    /// What a terminal shows: `\r\e[K` empties the current line, `\n` ends it.
    /// Returns the finished lines and what is left on the last one.
    static func screen(_ stderr: String) -> (lines: [String], current: String) {
        var lines: [String] = []
        var current = ""
        var rest = Substring(stderr)
        while !rest.isEmpty {
            if rest.hasPrefix(clear) { current = ""; rest = rest.dropFirst(clear.count); continue }
            let c = rest.removeFirst()
            if c == "\n" { lines.append(current); current = "" } else { current.append(c) }
        }
        return (lines, current)
    }

    static func isProgress(_ line: String, total: Int) -> Bool {
        line.hasPrefix("[") && line.contains("/\(total)] ")
    }

    /// 201 files: 81 change, 80 are left alone with a note, 40 are unchanged.
    private func manyFiles() throws -> URL {
        var files: [String: String] = [:]
        for i in 1...201 {
            let name = String(format: "Dockerfile.%03d", i)
            switch i % 5 {
            case 0, 1: files[name] = "FROM alpine:3.20\nCMD echo \(i)\n"
            case 2, 3: files[name] = "FROM alpine:3.20\nCMD echo $HOME && ls | wc -l\n"
            default: files[name] = "FROM alpine:3.20\nCMD [\"x\"]\n"
            }
        }
        return try projectFolder(self, files)
    }

    func testProgressNeverSharesALineWithADiagnostic() throws {
        _ = try manyFiles()
        let run = Run(["rewrite", "--recipe", "use-exec-form", "."], terminal: true)
        XCTAssertEqual(run.code, 0, run.stderr)
        let (lines, current) = Self.screen(run.stderr)
        XCTAssertEqual(current, "", "the progress line is cleared at the end")
        let notes = lines.filter { $0.contains(": left alone: use-exec-form:") }
        XCTAssertEqual(notes.count, 80)
        for line in lines {
            XCTAssertFalse(Self.isProgress(line, total: 201), "a progress line was left in the output: \(line)")
            XCTAssertFalse(line.contains("/201] "), "progress ran into a line: \(line)")
        }
        XCTAssertEqual(lines.last, "dockslim: 201 files scanned, 81 would change, 120 unchanged, 0 skipped, 0 failed")
        // Progress was drawn for every file, and redrawn after each note.
        XCTAssertEqual(run.stderr.components(separatedBy: "/201] ").count - 1, 201 + 80)
        XCTAssertTrue(run.stderr.contains(Self.clear + "[201/201] Dockerfile.201"))
    }

    func testNoProgressWhenNotATerminalOrQuietOrFewFiles() throws {
        _ = try manyFiles()
        XCTAssertFalse(Run(["rewrite", "--recipe", "use-exec-form", "."]).stderr.contains("\u{1B}"))
        XCTAssertEqual(Run(["rewrite", "--recipe", "use-exec-form", "-q", "."], terminal: true).stderr, "")
        XCTAssertFalse(Run(["rewrite", "--recipe", "use-exec-form", "Dockerfile.001", "Dockerfile.002"], terminal: true).stderr.contains("\u{1B}"))
    }

    /// The status line on its own: a diagnostic clears the progress and
    /// draws it again below.
    func testStatusLineKeepsProgressBelowDiagnostics() {
        let stream = OutputStream()
        let status = StatusLine(stream, showsProgress: true)
        status.diagnostic("before")
        status.progress(done: 1, total: 2, path: "a")
        status.diagnostic("a: warning")
        status.progress(done: 2, total: 2, path: "b\u{1B}")
        status.finish()
        XCTAssertEqual(stream.capturedText, "before\n" + Self.clear + "[1/2] a" + Self.clear + "a: warning\n[1/2] a" + Self.clear + "[2/2] b\\x1b" + Self.clear)
        let quiet = OutputStream()
        let off = StatusLine(quiet, showsProgress: false)
        off.progress(done: 1, total: 1, path: "a")
        off.diagnostic("x")
        off.finish()
        XCTAssertEqual(quiet.capturedText, "x\n")
    }

    func testQuietPrintsOnlyErrorsAndVerboseAddsUnchangedFiles() throws {
        _ = try projectFolder(self, [
            "a/Dockerfile": "FROM alpine:3.20\nCMD echo hi\n",
            "b/Dockerfile": "FROM alpine:3.20\nCMD echo $HOME && ls | wc -l\n",
            "c/Dockerfile": "FROM alpine:3.20\nCMD [\"x\"]\n",
        ])
        let normal = Run(["rewrite", "--recipe", "use-exec-form", "."])
        XCTAssertEqual(normal.stderr, """
            b/Dockerfile: left alone: use-exec-form: CMD on line 2 left in shell form: it is more than one simple command
            dockslim: 3 files scanned, 1 would change, 2 unchanged, 0 skipped, 0 failed

            """)
        let verbose = Run(["rewrite", "--recipe", "use-exec-form", "-v", "."])
        XCTAssertEqual(verbose.stdout, normal.stdout)
        XCTAssertEqual(verbose.stderr, """
            b/Dockerfile: left alone: use-exec-form: CMD on line 2 left in shell form: it is more than one simple command
            c/Dockerfile: unchanged: no shell-form CMD or ENTRYPOINT
            dockslim: 3 files scanned, 1 would change, 2 unchanged, 0 skipped, 0 failed

            """)
        let quiet = Run(["rewrite", "--recipe", "use-exec-form", "-q", ".", "missing/Dockerfile"])
        XCTAssertEqual(quiet.code, 1)
        XCTAssertTrue(quiet.stderr.hasPrefix("Error: missing/Dockerfile:"), quiet.stderr)
        XCTAssertEqual(quiet.stderr.split(separator: "\n").count, 1, quiet.stderr)
        let both = Run(["rewrite", "--recipe", "use-exec-form", "-q", "-v", "."])
        XCTAssertEqual(both.code, 64)
        XCTAssertTrue(both.stderr.hasPrefix("Error: '--quiet' and '--verbose' cannot be used together"), both.stderr)
        for command in ["audit", "graph"] {
            XCTAssertEqual(Run([command, "-q", "-v", "."]).code, 64, command)
            XCTAssertTrue(Run(["help", command]).stdout.contains("-v, --verbose"), command)
        }
        XCTAssertTrue(Run(["help", "rewrite"]).stdout.contains("-v, --verbose"))
    }

    func testAuditQuietHasNoNotesAndVerboseSaysAContextWasReadInPart() throws {
        var files = ["Dockerfile": "FROM golang:1.25 AS build\nRUN go build -o /app\nFROM alpine:3.22 AS other\nFROM alpine:3.22\nCOPY --from=build /app /app\n"]
        // Deeper than the scan goes: the context is read only in part.
        files[(1...ReadLimits.projectDepth + 1).map { "d\($0)" }.joined(separator: "/") + "/x.go"] = "package x\n"
        _ = try projectFolder(self, files)
        let normal = Run(["audit", "--fail-on", "never", "Dockerfile"])
        XCTAssertTrue(normal.stderr.contains("note: Dockerfile: no target named"), normal.stderr)
        XCTAssertFalse(normal.stderr.contains("read limit"), normal.stderr)
        XCTAssertEqual(Run(["audit", "--fail-on", "never", "-q", "Dockerfile"]).stderr, "")
        let verbose = Run(["audit", "--fail-on", "never", "-v", "Dockerfile"])
        XCTAssertTrue(verbose.stderr.hasPrefix("note: .: the scan stopped at a read limit"), verbose.stderr)
        XCTAssertTrue(Run(["graph", "-v", "Dockerfile"]).stderr.hasPrefix("note: .: the scan stopped at a read limit"))
    }

    func testManySkippedFilesAreGroupedByReason() throws {
        var files: [String: String] = [:]
        for i in 1...21 { files["go\(i)/Dockerfile"] = "FROM alpine:3.20\nCMD [\"x\"]\n" }
        files["py/Dockerfile"] = "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"
        files["py/requirements.txt"] = "flask\n"
        _ = try projectFolder(self, files)
        let run = Run(["rewrite", "--recipe", "go-distroless", "."])
        let skipped = run.stderr.split(separator: "\n").filter { $0.hasPrefix("skipped: ") || $0.contains(": skipped: ") }
        XCTAssertEqual(skipped.count, 2, run.stderr)
        XCTAssertEqual(skipped.first, "skipped: 22 files: split-stages does not apply: go1/Dockerfile, go10/Dockerfile, go11/Dockerfile and 19 more")
        XCTAssertEqual(skipped.last, "skipped: 22 files in all, grouped by reason (-v lists each file with its full reason)")
        let verbose = Run(["rewrite", "--recipe", "go-distroless", "-v", "."])
        XCTAssertEqual(verbose.stderr.split(separator: "\n").filter { $0.contains(": skipped: split-stages does not apply: stage 0 not split") }.count, 22)
        // Few skipped files: one line each, as before.
        let few = Run(["rewrite", "--recipe", "go-distroless", "go1", "go2", "py"])
        XCTAssertEqual(few.stderr.split(separator: "\n").filter { $0.contains(": skipped: split-stages does not apply") }.count, 3, few.stderr)
    }

    func testGroupingCountsEachReasonKind() {
        var s = SkippedFiles()
        for i in 0..<SkippedFiles.screenful { s.add(path: "a\(i)", reason: "no RUN builds it: x") }
        XCTAssertEqual(s.report.count, SkippedFiles.screenful)
        s.add(path: "b", reason: "the file already has what the recipe makes: y")
        XCTAssertEqual(s.report, [
            "skipped: 20 files: no RUN builds it: a0, a1, a2 and 17 more",
            "skipped: 1 file: the file already has what the recipe makes: b",
            "skipped: 21 files in all, grouped by reason (-v lists each file with its full reason)",
        ])
    }
}
