@testable import DockslimCLI
import DockslimReport
import Foundation
import XCTest

/// Escape and OSC sequences in file names and contents never reach a
/// terminal raw: text formats show them escaped, JSON as `\u00XX`.
final class TerminalEscapeTests: XCTestCase {
    /// ESC, an OSC title with BEL, CSI clear-screen, C1 CSI (U+009B), DEL.
    let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{7F}"

    func testTheEscapeFunction() {
        XCTAssertEqual(TerminalText.escaped("plain\ttext\n"), "plain\ttext\n")
        XCTAssertEqual(TerminalText.escaped("a\u{1B}[2Jb\u{07}\u{7F}\u{9B}\u{85}\r"), "a\\x1b[2Jb\\x07\\x7f\\u009b\\u0085\\x0d")
        XCTAssertEqual(TerminalText.escaped("a\nb\tc", singleLine: true), "a\\x0ab\\x09c")
        XCTAssertEqual(TerminalText.escaped("é ü → \\n"), "é ü → \\n", "non-ASCII and backslashes stay")
        XCTAssertEqual(TerminalText.escaped(bytes: [0x61, 0x1B, 0xFF, 0xC2, 0x9B, 0xC3, 0xA9, 0x0A]), Array("a\\x1b\\xff\\u009bé\n".utf8))
        XCTAssertEqual(TerminalText.escaped(bytes: [0xE2, 0x82]), Array("\\xe2\\x82".utf8), "a cut sequence is shown byte by byte")
    }

    func testJSONEscapesEveryControlCharacter() {
        var w = JSONWriter()
        w.string(Array("a\u{1B}b\u{7F}c\u{9B}d\u{A0}é".utf8) + [0xFF])
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), "\"a\\u001bb\\u007fc\\u009bd\u{A0}é\\udcff\"")
    }

    /// A folder and a Dockerfile whose names and contents carry escapes,
    /// through every command and text format.
    func testNoRawControlByteReachesATerminal() throws {
        let root = try temporaryFolder(self)
        let dir = root.appendingPathComponent("evil\(hostile)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let dockerfile = dir.appendingPathComponent("Dockerfile")
        let text = """
        FROM golang:1.22 AS build\(hostile)
        ENV PASSWORD=\(hostile)
        COPY . .
        RUN apt-get install -y gcc \(hostile) && go build -o /app .
        FROM ubuntu:latest
        COPY --from=build /app /app\(hostile)
        # \(hostile)
        CMD /app \(hostile)

        """
        try Data(text.utf8).write(to: dockerfile)
        try write("module x\n", to: dir.appendingPathComponent("go.mod"))
        let runs: [[String]] = [
            ["audit", "--color", "never", "--fail-on", "never", root.path],
            ["audit", "--color", "always", "--fail-on", "never", root.path],
            ["audit", "--format", "json", "--fail-on", "never", root.path],
            ["audit", "--format", "sarif", "--fail-on", "never", root.path],
            ["graph", dockerfile.path],
            ["graph", "--format", "dot", dockerfile.path],
            ["graph", "--format", "json", dockerfile.path],
            ["parse", dockerfile.path],
            ["parse", "--format", "json", dockerfile.path],
            ["parse", "--format", "buildkit", dockerfile.path],
            ["rewrite", "--recipe", "alpine", "--format", "json", root.path],
            ["rewrite", "--recipe", "alpine", root.path],
            ["rewrite", "--recipe", "cache-mounts", "--color", "always", root.path],
            ["rewrite", "--recipe", "cache-mounts", "--explain", root.path],
        ]
        for args in runs {
            guard let run = runWithin(args) else { continue }
            let colored = args.contains("always")
            // Colour codes are dockslim's own; whatever else is there must be escaped.
            let stdout = colored ? withoutColourCodes(run.stdoutBytes) : run.stdoutBytes
            if !args.contains("--explain") { assertNoRawControlBytes(stdout, "\(args) stdout") }
            assertNoRawControlBytes(run.stderr, "\(args) stderr")
            XCTAssertFalse(run.stdout.isEmpty && run.stderr.isEmpty, "\(args) said something")
        }
        // The patch itself stays byte-exact: the file's own bytes are in it.
        guard let patch = runWithin(["rewrite", "--recipe", "cache-mounts", "--color", "never", root.path]) else { return }
        XCTAssertTrue(patch.stdout.contains("\n COPY --from=build /app /app\(hostile)\n"), patch.stdout)
        // --explain's reason lines are escaped; its hunks are the patch's.
        guard let explained = runWithin(["rewrite", "--recipe", "cache-mounts", "--explain", root.path]) else { return }
        for line in explained.stdout.split(separator: "\n") where line.hasPrefix("@@ ") { assertNoRawControlBytes(String(line), "--explain reason") }
    }

    func testAuditTextShowsTheEscapesVisibly() throws {
        let dir = try temporaryFolder(self)
        let dockerfile = dir.appendingPathComponent("a\u{1B}[31m.Dockerfile")
        try write("FROM ubuntu:latest\nENV PASSWORD=x\u{1B}]0;t\u{07}\n", to: dockerfile)
        guard let run = runWithin(["audit", "--color", "never", dir.path]) else { return }
        XCTAssertTrue(run.stdout.contains("/a\\x1b[31m.Dockerfile:2:5: error[DS008]:"), run.stdout)
        assertNoRawControlBytes(run.stdoutBytes, "audit text")
    }

    /// File names in errors, notes and summaries: escaped, and a newline in a
    /// name cannot forge a line of its own.
    func testPathsInMessagesAreEscaped() throws {
        let dir = try temporaryFolder(self)
        let fifo = dir.appendingPathComponent("x\nError: forged\u{1B}[2J.Dockerfile")
        try HostileTree.fifo(fifo)
        try write("FROM golang:1.22\nCOPY . .\nCMD [\"go\", \"run\", \".\"]\n", to: dir.appendingPathComponent("b\u{9B}.Dockerfile"))
        for args in [["rewrite", "--recipe", "go-distroless", dir.path], ["audit", dir.path], ["parse", fifo.path], ["graph", fifo.path],
                     ["rewrite", "--recipe", "go-distroless", fifo.path], ["audit", fifo.path]] {
            guard let run = runWithin(args, unblocking: dir) else { continue }
            assertNoRawControlBytes(run.stderr, "\(args) stderr")
            XCTAssertFalse(run.stderr.split(separator: "\n").contains { $0.hasPrefix("Error: forged") }, "\(args): \(run.stderr)")
        }
        let run = runWithin(["rewrite", "--recipe", "go-distroless", dir.appendingPathComponent("b\u{9B}.Dockerfile").path])
        XCTAssertTrue(run?.stderr.contains("b\\u009b.Dockerfile: skipped: ") ?? false, run?.stderr ?? "")
        let usage = Run(["rewrite", "--recipe", "nope\u{1B}[2J"])
        XCTAssertEqual(usage.code, 64)
        XCTAssertTrue(usage.stderr.hasPrefix("Error: unknown recipe 'nope\\x1b[2J'"), usage.stderr)
    }

    func testARecipeFileIsShownEscaped() throws {
        let dir = try temporaryFolder(self)
        let recipe = dir.appendingPathComponent("r.json")
        try write(#"{"id": "mine", "summary": "title \u001b]0;pwned\u0007 here", "steps": [{"pass": "use-exec-form"}]}"#, to: recipe)
        let run = Run(["recipes", "show", recipe.path])
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("mine: title \\x1b]0;pwned\\x07 here\n"), run.stdout)
    }

    func testAColouredPatchShowsControlCharactersEscaped() {
        let patch = Array("--- a/D\n+++ b/D\n@@ -1 +1 @@\n-CMD x\u{1B}[2J\n+CMD [\"x\u{1B}[2J\"]\n context\u{9B}\r\n".utf8)
        let colored = PatchRenderer.colored(patch)
        assertNoRawControlBytes(withoutColourCodes(colored), "coloured patch")
        XCTAssertTrue(String(decoding: colored, as: UTF8.self).contains("-CMD x\\x1b[2J\u{1B}[0m\n"))
    }

    /// Drops the SGR colour codes dockslim writes (`ESC [ digits ; m`).
    private func withoutColourCodes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
                var j = i + 2
                while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == UInt8(ascii: ";") { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "m") { i = j + 1; continue }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
