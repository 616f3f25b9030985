import Foundation
import UnifiedDiff
import XCTest

final class UnifiedPatchTests: XCTestCase {
    private func patch(_ old: String, _ new: String, path: String = "Dockerfile") -> String {
        String(decoding: UnifiedPatch.patch(path: path, old: Array(old.utf8), new: Array(new.utf8)), as: UTF8.self)
    }

    func testEqualFilesGiveNoPatch() {
        XCTAssertEqual(patch("a\nb\n", "a\nb\n"), "")
    }

    func testHunkShapeWithThreeLinesOfContext() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        XCTAssertEqual(patch(old, new), """
        --- a/Dockerfile
        +++ b/Dockerfile
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8

        """)
    }

    func testDistantChangesMakeSeparateHunksAndCloseOnesMerge() {
        let old = (1...20).map { "l\($0)\n" }.joined()
        var lines = (1...20).map { "l\($0)\n" }
        lines[1] = "X\n"; lines[18] = "Y\n"
        XCTAssertEqual(UnifiedPatch.hunks(old: splitLines(Array(old.utf8)), new: splitLines(Array(lines.joined().utf8))).count, 2)
        lines = (1...20).map { "l\($0)\n" }
        lines[1] = "X\n"; lines[7] = "Y\n"
        XCTAssertEqual(UnifiedPatch.hunks(old: splitLines(Array(old.utf8)), new: splitLines(Array(lines.joined().utf8))).count, 1)
    }

    func testInsertionAtTheStartAndPureDeletion() {
        XCTAssertEqual(patch("a\n", "new\na\n"), "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1,2 @@\n+new\n a\n")
        XCTAssertEqual(patch("a\nb\n", ""), "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +0,0 @@\n-a\n-b\n")
        XCTAssertEqual(patch("", "a\n"), "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -0,0 +1 @@\n+a\n")
    }

    func testNoNewlineAtEndOfFile() {
        XCTAssertEqual(patch("a\nb", "a\nc"), """
        --- a/Dockerfile
        +++ b/Dockerfile
        @@ -1,2 +1,2 @@
         a
        -b
        \\ No newline at end of file
        +c
        \\ No newline at end of file

        """)
        XCTAssertEqual(patch("a\nb", "a\nb\n"), "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
    }

    func testCRLFIsKeptByteForByte() {
        let p = UnifiedPatch.patch(path: "x", old: Array("a\r\nb\r\n".utf8), new: Array("a\r\nc\r\n".utf8))
        XCTAssertEqual(p, Array("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n".utf8))
    }

    func testPathsAreQuotedAsGitQuotesThem() {
        XCTAssertTrue(patch("a\n", "b\n", path: "dir/Dockerfile").hasPrefix("--- a/dir/Dockerfile\n+++ b/dir/Dockerfile\n"))
        XCTAssertTrue(patch("a\n", "b\n", path: "tab\there").hasPrefix("--- \"a/tab\\there\"\n"))
    }

    func testMinimalEditScript() {
        let a = splitLines(Array("a\nb\nc\na\nb\nb\na\n".utf8))
        let b = splitLines(Array("c\nb\na\nb\na\nc\n".utf8))
        let ops = diffLines(a, b)
        XCTAssertEqual(ops.filter { if case .keep = $0 { return false } else { return true } }.count, 5, "Myers' example: D = 5")
        // Replaying the script gives the new file.
        var rebuilt: [Line] = []
        for op in ops {
            switch op {
            case .keep(let i, _): rebuilt.append(a[i])
            case .insert(let j): rebuilt.append(b[j])
            case .delete: break
            }
        }
        XCTAssertEqual(rebuilt, b)
    }

    /// git apply and patch -p1 both accept what we print, and reproduce the new file.
    func testGitApplyAndPatchAcceptThePatch() throws {
        let cases: [(String, String)] = [
            ("FROM a\nRUN b\nCMD c\n", "FROM a\nCOPY x ./\nRUN b\nCMD [\"c\"]\n"),
            ("FROM a\r\nRUN b\r\n", "FROM a\r\nRUN c\r\n"),
            ("FROM a\nRUN b", "FROM a\nRUN c"),
            ("FROM a\nRUN b", "FROM a\nRUN b\n"),
            ((1...40).map { "RUN \($0)\n" }.joined(), (1...40).map { $0 % 9 == 0 ? "RUN changed \($0)\n" : "RUN \($0)\n" }.joined()),
        ]
        for tool in ["git", "patch"] {
            for (old, new) in cases {
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dockslim-diff-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: dir) }
                let file = dir.appendingPathComponent("sub/Dockerfile")
                try Data(old.utf8).write(to: file)
                let patchFile = dir.appendingPathComponent("p.patch")
                try Data(UnifiedPatch.patch(path: "sub/Dockerfile", old: Array(old.utf8), new: Array(new.utf8))).write(to: patchFile)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = tool == "git" ? ["git", "apply", patchFile.path] : ["patch", "-p1", "-s", "-i", patchFile.path]
                process.currentDirectoryURL = dir
                try process.run()
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0, "\(tool) rejected the patch for \(old.debugDescription)")
                XCTAssertEqual(try Data(contentsOf: file), Data(new.utf8), tool)
            }
        }
    }
}
