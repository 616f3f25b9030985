import DockslimCLI
import Foundation
import XCTest

final class RewriteCommandTests: XCTestCase {
    let goFile = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build -o /app .\nCMD /app\n"
    let goExpected = "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\nCMD /app\n"

    /// A project folder with a Go Dockerfile; the current folder is set to it for the test.
    private func goProject() throws -> URL {
        let dir = try temporaryFolder(self)
        try write(goFile, to: dir.appendingPathComponent("Dockerfile"))
        try write("module x\n", to: dir.appendingPathComponent("go.mod"))
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir.path)
        addTeardownBlock { FileManager.default.changeCurrentDirectoryPath(previous) }
        return dir
    }

    private func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    func testPrintsThePatchAndWritesNothing() throws {
        let dir = try goProject()
        let run = Run(["rewrite", "--recipe", "hoist-manifests"])
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(run.stdout, """
        --- a/Dockerfile
        +++ b/Dockerfile
        @@ -1,5 +1,7 @@
         FROM golang:1.22
         WORKDIR /src
        +COPY go.mod ./
        +RUN go mod download
         COPY . .
        -RUN go mod download && go build -o /app .
        +RUN go build -o /app .
         CMD /app

        """)
        XCTAssertEqual(try read(dir.appendingPathComponent("Dockerfile")), goFile)
        XCTAssertEqual(run.stderr, "dockslim: 1 file scanned, 1 would change, 0 unchanged, 0 skipped, 0 failed\n")
    }

    func testWriteReplacesTheFileAndKeepsItsMode() throws {
        let dir = try goProject()
        let file = dir.appendingPathComponent("Dockerfile")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let run = Run(["rewrite", "--recipe", "hoist-manifests", "--write", "Dockerfile"])
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(try read(file), goExpected)
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue, 0o640)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["Dockerfile", "go.mod"], "no temporary file left")
        XCTAssertTrue(run.stderr.contains("1 rewritten"))
        // Idempotent: nothing more to do, nothing printed.
        let again = Run(["rewrite", "--recipe", "hoist-manifests", "--write", "Dockerfile"])
        XCTAssertEqual(again.code, 0)
        XCTAssertEqual(again.stdout, "")
        XCTAssertEqual(again.stderr, "")
    }

    func testDryRunPreviewsEvenWithWrite() throws {
        let dir = try goProject()
        setenv("DRY_RUN", "true", 1)
        defer { unsetenv("DRY_RUN") }
        let run = Run(["rewrite", "--recipe", "hoist-manifests", "--write"])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.hasPrefix("--- a/Dockerfile\n"))
        XCTAssertEqual(try read(dir.appendingPathComponent("Dockerfile")), goFile)
    }

    func testCheck() throws {
        _ = try goProject()
        let run = Run(["rewrite", "--recipe", "hoist-manifests", "--check"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stdout.hasPrefix("--- a/Dockerfile"))
        XCTAssertEqual(Run(["rewrite", "--recipe", "use-exec-form", "--check", "--exclude", "Dockerfile"]).code, 0)
    }

    func testNothingAppliesPrintsNothing() throws {
        let dir = try temporaryFolder(self)
        try write("FROM alpine\nCMD [\"sh\"]\n", to: dir.appendingPathComponent("Dockerfile"))
        let run = Run(["rewrite", "--recipe", "use-exec-form", dir.path])
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "")
    }

    /// A file the recipe leaves as it was while the audit reports a finding
    /// the recipe fixes gets one line saying why; other unchanged files stay quiet.
    func testUnchangedFilesWithAFixableFindingSayWhy() throws {
        let dir = try temporaryFolder(self)
        try write("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nENV GOFLAGS=-mod=vendor\nRUN go mod download\nRUN go build -o /app .\nCMD [\"/app\"]\n",
                  to: dir.appendingPathComponent("Dockerfile"))
        let run = Run(["rewrite", "--recipe", "hoist-manifests", dir.path])
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("/Dockerfile: unchanged: hoist-manifests: stage 0: ENV on line 4 comes between the copy and any install, and could change it (the audit reports DS012 on line 3, which this recipe fixes)"), run.stderr)
        let json = Run(["rewrite", "--recipe", "hoist-manifests", "--format", "json", dir.path])
        XCTAssertTrue(json.stdout.contains("\"outcome\":\"nothing-to-do\""), json.stdout)
    }

    /// What a pass left alone, and what the user must check, are said on
    /// stderr in text mode and kept apart in JSON.
    func testLeftAloneAndWarningsAreSaid() throws {
        let dir = try temporaryFolder(self)
        try write("FROM alpine:3.20\nRUN add-apt-repository ppa:x/y && apt-get install -y python3.12\n", to: dir.appendingPathComponent("Dockerfile"))
        let other = dir.appendingPathComponent("pinned")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try write("FROM alpine:3.20\nRUN apt-get install -y curl=7.88.1-10\n", to: other.appendingPathComponent("Dockerfile"))
        let run = Run(["rewrite", "--recipe", "translate-packages", dir.path])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stderr.contains("\(dir.path)/Dockerfile: left alone: translate-packages: stage 0: RUN on line 2 left as it is: `add-apt-repository`"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(dir.path)/pinned/Dockerfile: warning: translate-packages: stage 0, line 2: version pins dropped"), run.stderr)
        XCTAssertEqual(Run(["rewrite", "--recipe", "translate-packages", "-q", dir.path]).stderr, "")
        let json = Run(["rewrite", "--recipe", "translate-packages", "--format", "json", dir.path])
        let files = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["files"] as? [[String: Any]])
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0["path"] as? String ?? "", $0) })
        let ppa = try XCTUnwrap(byPath[dir.path + "/Dockerfile"])
        XCTAssertEqual((ppa["leftAlone"] as? [[String: Any]])?.first?["pass"] as? String, "translate-packages")
        XCTAssertEqual((ppa["warnings"] as? [Any])?.count, 0)
        let pinned = try XCTUnwrap(byPath[dir.path + "/pinned/Dockerfile"])
        XCTAssertTrue(((pinned["warnings"] as? [[String: Any]])?.first?["message"] as? String ?? "").contains("curl=7.88.1-10"))
    }

    func testJSONFormat() throws {
        _ = try goProject()
        let run = Run(["rewrite", "--recipe", "hoist-manifests", "--format", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["recipe"] as? String, "hoist-manifests")
        let files = try XCTUnwrap(object["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(files[0]["path"] as? String, "Dockerfile")
        XCTAssertEqual(files[0]["changed"] as? Bool, true)
        let applied = try XCTUnwrap(files[0]["applied"] as? [[String: Any]])
        XCTAssertEqual(applied.first?["pass"] as? String, "hoist-manifests")
        XCTAssertTrue(((applied.first?["reasons"] as? [String])?.first ?? "").contains("keeps the install cached"))
        XCTAssertTrue((files[0]["patch"] as? String ?? "").hasPrefix("--- a/Dockerfile"))
        XCTAssertEqual((object["summary"] as? [String: Any])?["changed"] as? Int, 1)

        let other = try temporaryFolder(self)
        try write("FROM node:22\nCMD node server.js\n", to: other.appendingPathComponent("Dockerfile"))
        let notApplied = Run(["rewrite", "--recipe", "use-exec-form", "--format", "json", other.path])
        let o2 = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(notApplied.stdout.utf8)) as? [String: Any])
        let f2 = try XCTUnwrap((o2["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(f2["changed"] as? Bool, false)
        let reasons = ((f2["notApplied"] as? [[String: Any]])?.first?["reasons"] as? [String]) ?? []
        XCTAssertTrue(reasons.contains { $0.contains("may set an ENTRYPOINT") }, "\(reasons)")
    }

    func testExplainNamesEachHunksPassAndReasonOnItsHeaderLine() throws {
        _ = try goProject()
        let run = Run(["rewrite", "--recipe", "hoist-manifests", "--explain"])
        let lines = run.stdout.split(separator: "\n")
        let at = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("@@") })
        XCTAssertTrue(lines[at - 1].hasPrefix("+++ b/"), "nothing between the file header and its hunk")
        XCTAssertTrue(lines[at].contains(" @@ hoist-manifests: stage 0: copying go.mod and installing (go) before"), String(lines[at]))
    }

    func testColour() throws {
        _ = try goProject()
        XCTAssertTrue(Run(["rewrite", "--recipe", "hoist-manifests", "--color", "always"]).stdout.contains("\u{1B}[32m+COPY go.mod ./\u{1B}[0m\n"))
        XCTAssertFalse(Run(["rewrite", "--recipe", "hoist-manifests"]).stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    func testFolderWalk() throws {
        let dir = try temporaryFolder(self)
        let fm = FileManager.default
        for sub in ["b", "a/deep", ".git", "node_modules/x", "vendor", "skipme"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let names = ["Dockerfile", "b/Dockerfile.prod", "a/deep/api.Dockerfile", "a/Containerfile", "a/web.containerfile",
                     ".git/Dockerfile", "node_modules/x/Dockerfile", "vendor/Dockerfile", "skipme/Dockerfile", "a/README.md", "a/Dockerfile.txt"]
        for n in names { try write("FROM alpine\nCMD ./run\n", to: dir.appendingPathComponent(n)) }
        let run = Run(["rewrite", "--recipe", "use-exec-form", "--exclude", "skipme", dir.path])
        // Outside the current folder and any repository, files are named from the folder given.
        let patched = run.stdout.split(separator: "\n").filter { $0.hasPrefix("--- a/") }.map { String($0.dropFirst(6)) }
        XCTAssertEqual(patched, ["Dockerfile", "a/Containerfile", "a/Dockerfile.txt", "a/deep/api.Dockerfile", "a/web.containerfile", "b/Dockerfile.prod"])
    }

    func testSymlinksAreNotFollowedOutOfTheTree() throws {
        let outside = try temporaryFolder(self)
        try write("FROM alpine\nCMD ./run\n", to: outside.appendingPathComponent("Dockerfile"))
        let dir = try temporaryFolder(self)
        try write("FROM alpine\nCMD ./run\n", to: dir.appendingPathComponent("real.Dockerfile"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("Dockerfile").path, withDestinationPath: outside.appendingPathComponent("Dockerfile").path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("inside.Dockerfile").path, withDestinationPath: dir.appendingPathComponent("real.Dockerfile").path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("linked").path, withDestinationPath: outside.path)
        let run = Run(["rewrite", "--recipe", "use-exec-form", dir.path])
        let patched = run.stdout.split(separator: "\n").filter { $0.hasPrefix("--- a/") }.map { $0.split(separator: "/").last! }
        XCTAssertEqual(patched, ["real.Dockerfile"], "the link inside the tree is its target, patched once")
    }

    func testShardsPartitionTheFilesAndJobsDoNotChangeTheOutput() throws {
        let dir = try temporaryFolder(self)
        for i in 0..<40 {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("r\(i)"), withIntermediateDirectories: true)
            try write("FROM alpine\nCMD ./run\(i)\n", to: dir.appendingPathComponent("r\(i)/Dockerfile"))
        }
        let all = Run(["rewrite", "--recipe", "use-exec-form", "-j", "1", dir.path]).stdout
        XCTAssertEqual(Run(["rewrite", "--recipe", "use-exec-form", "--jobs", "4", dir.path]).stdout, all)
        func files(_ s: String) -> Set<String> { Set(s.split(separator: "\n").filter { $0.hasPrefix("--- a/") }.map(String.init)) }
        let shards = (1...3).map { files(Run(["rewrite", "--recipe", "use-exec-form", "--shard", "\($0)/3", dir.path]).stdout) }
        XCTAssertEqual(shards.reduce(Set()) { $0.union($1) }, files(all))
        XCTAssertEqual(shards.map(\.count).reduce(0, +), 40, "shards do not overlap")
        XCTAssertTrue(shards.allSatisfy { !$0.isEmpty })
        XCTAssertEqual(Run(["rewrite", "--recipe", "use-exec-form", "--shard", "2/3", dir.path]).stdout,
                       Run(["rewrite", "--recipe", "use-exec-form", "--shard", "2/3", dir.path]).stdout)
    }

    func testStandardInput() {
        let run = Run(["rewrite", "--recipe", "use-exec-form", "-"], stdin: Array("FROM alpine\nCMD ./x\n".utf8))
        XCTAssertEqual(run.stdout, "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM alpine\n-CMD ./x\n+CMD [\"./x\"]\n")
        let named = Run(["rewrite", "--recipe", "use-exec-form", "--stdin-filename", "app/Dockerfile", "-"], stdin: Array("FROM alpine\nCMD ./x\n".utf8))
        XCTAssertTrue(named.stdout.hasPrefix("--- a/app/Dockerfile\n+++ b/app/Dockerfile\n"))
    }

    func testBadInputIsNotFatal() throws {
        let dir = try temporaryFolder(self)
        try write("FROM alpine\nCMD ./x\n", to: dir.appendingPathComponent("a.Dockerfile"))
        try Data([0x46, 0x52, 0x00, 0xFF, 0x00]).write(to: dir.appendingPathComponent("b.Dockerfile"))
        try write("FROM alpine\nCMD ./y\n", to: dir.appendingPathComponent("c.Dockerfile"))
        let missing = dir.appendingPathComponent("gone/Dockerfile").path
        let run = Run(["rewrite", "--recipe", "use-exec-form", dir.path, missing])
        XCTAssertEqual(run.code, 1)
        XCTAssertEqual(run.stdout.split(separator: "\n").filter { $0.hasPrefix("--- a/") }.count, 2)
        XCTAssertTrue(run.stderr.contains("Error: \(dir.path)/b.Dockerfile: not a text file\n"))
        XCTAssertTrue(run.stderr.contains("Error: \(missing): No such file or directory\n"))
        XCTAssertTrue(run.stderr.contains("2 would change, 0 unchanged, 0 skipped, 2 failed"))
    }

    func testUnreadableFile() throws {
        guard getuid() != 0 else { throw XCTSkip("root can read any file") }
        let dir = try temporaryFolder(self)
        let f = dir.appendingPathComponent("Dockerfile")
        try write("FROM alpine\nCMD ./x\n", to: f)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: f.path)
        let run = Run(["rewrite", "--recipe", "use-exec-form", f.path])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("Permission denied"))
    }

    /// A file that cannot be replaced (immutable: even root cannot rename
    /// over it) is reported, left exactly as it was, and the others are done.
    func testAFileThatCannotBeWrittenIsLeftAsItWas() throws {
        let dir = try temporaryFolder(self)
        let locked = dir.appendingPathComponent("a.Dockerfile"), other = dir.appendingPathComponent("b.Dockerfile")
        try write("FROM alpine\nCMD ./x\n", to: locked)
        try write("FROM alpine\nCMD ./y\n", to: other)
        func chattr(_ flag: String) -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["chattr", flag, locked.path]
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return -1 }
            p.waitUntilExit()
            return p.terminationStatus
        }
        guard chattr("+i") == 0 else { throw XCTSkip("chattr +i is not available here") }
        defer { _ = chattr("-i") }
        let run = Run(["rewrite", "--recipe", "use-exec-form", "--write", dir.path])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("Error: \(locked.path): cannot write: Operation not permitted\n"), run.stderr)
        XCTAssertTrue(run.stderr.contains("1 rewritten, 0 unchanged, 0 skipped, 1 failed"), run.stderr)
        XCTAssertEqual(try read(locked), "FROM alpine\nCMD ./x\n")
        XCTAssertEqual(try read(other), "FROM alpine\nCMD [\"./y\"]\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["a.Dockerfile", "b.Dockerfile"], "no temporary file left")
    }

    func testFilesBuildKitRejectsAreSkippedWithTheReason() throws {
        let dir = try temporaryFolder(self)
        try write("FROM alpine\nRUN <<EOF\nnever ends\n", to: dir.appendingPathComponent("Dockerfile"))
        let run = Run(["rewrite", "--recipe", "use-exec-form", "--format", "json", dir.path])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.contains("\"skipped\":\"BuildKit rejects this file (line 2: unterminated heredoc"))
    }

    func testUserRecipeFile() throws {
        let dir = try goProject()
        try write(#"{"id": "both", "summary": "exec form and manifests", "steps": [{"pass": "use-exec-form"}, {"recipe": "hoist-manifests"}]}"#,
                  to: dir.appendingPathComponent("both.json"))
        let run = Run(["rewrite", "--recipe", "./both.json"])
        XCTAssertTrue(run.stdout.contains("+COPY go.mod ./\n"))
        XCTAssertTrue(run.stdout.contains("+CMD [\"/app\"]\n"), "golang sets no ENTRYPOINT: \(run.stdout)")
        XCTAssertTrue(Run(["recipes", "show", "./both.json"]).stdout.hasPrefix("both: exec form and manifests\n\nSTEPS:\n  1. pass use-exec-form\n"))
    }

    func testRecipeOptionsFromTheCommandLine() throws {
        let dir = try temporaryFolder(self)
        try write("FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/web .\nCMD [\"/app/web\"]\n", to: dir.appendingPathComponent("Dockerfile"))
        try write("module example.com/web\n\ngo 1.22\n", to: dir.appendingPathComponent("go.mod"))
        try write("package main\n\nfunc main() {}\n", to: dir.appendingPathComponent("main.go"))
        let run = Run(["rewrite", "--recipe", "go-alpine", "--option", "tag=3.23", "--option", "keep=templates", dir.path])
        XCTAssertTrue(run.stdout.contains("+FROM alpine:3.23\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("+COPY --from=build /app/templates /app/templates\n"), run.stdout)
        let bad = Run(["rewrite", "--recipe", "use-exec-form", "--option", "tag=1", dir.path])
        XCTAssertEqual(bad.code, 64)
        XCTAssertTrue(bad.stderr.hasPrefix("Error: no pass of recipe 'use-exec-form' takes the option 'tag'\n"))
    }

    func testSkipReasonsGoToStandardError() throws {
        let dir = try temporaryFolder(self)
        try write("FROM golang:1.22\nCOPY . .\nCMD [\"go\", \"run\", \".\"]\n", to: dir.appendingPathComponent("Dockerfile"))
        let run = Run(["rewrite", "--recipe", "go-distroless", dir.path])
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("/Dockerfile: skipped: split-stages does not apply: stage 0 not split: no RUN builds a program"), run.stderr)
    }

    func testUsageErrors() throws {
        let cases: [([String], String)] = [
            (["rewrite"], "Error: Missing expected argument '--recipe <recipe>'\n"),
            (["rewrite", "--recipe", "nope"], "Error: unknown recipe 'nope' (see 'dockslim recipes')\n"),
            (["rewrite", "--recipe", "use-exec-form", "--write", "-"], "Error: '--write' is only valid with files, not standard input\n"),
            (["rewrite", "--recipe", "use-exec-form", "--write", "--check"], "Error: '--write' and '--check' cannot be used together\n"),
            (["rewrite", "--recipe", "use-exec-form", "--shard", "4/3"], "Error: The value '4/3' is invalid for '--shard <i/n>': expected I/N with 1 ≤ I ≤ N\n"),
            (["rewrite", "--recipe", "use-exec-form", "--jobs", "0"], "Error: The value '0' is invalid for '--jobs <n>'\n"),
            (["rewrite", "--recipe", "use-exec-form", "--format", "json", "--explain"], "Error: '--explain' is only valid with '--format patch'\n"),
        ]
        for (args, first) in cases {
            let run = Run(args)
            XCTAssertEqual(run.code, 64, "\(args)")
            XCTAssertTrue(run.stderr.hasPrefix(first), "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasSuffix("Usage: dockslim rewrite --recipe <recipe> [<options>] [<path> ...]\n  See 'dockslim rewrite --help' for more information.\n"))
        }
    }

    func testRecipesCommand() {
        let list = Run(["recipes"])
        XCTAssertEqual(list.code, 0)
        let lines = list.stdout.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("hoist-manifests ") && $0.hasSuffix(" Copy dependency manifests and install before COPY . ., so code changes keep the install cached.") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("use-exec-form ") && $0.contains(" Write CMD and ENTRYPOINT in exec form") })
        let show = Run(["recipes", "show", "use-exec-form"])
        XCTAssertEqual(show.stdout, "use-exec-form: Write CMD and ENTRYPOINT in exec form when the command is a plain word list.\n\nSTEPS:\n  1. pass use-exec-form\n     Write CMD and ENTRYPOINT in exec form when the command is a plain word list.\n")
        XCTAssertEqual(Run(["recipes", "show", "nope"]).code, 1)
    }

    /// Kills a `--write` run part-way: every file is then either untouched or
    /// completely rewritten, never cut short.
    func testKilledMidRunLeavesEveryFileWholeOrUntouched() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dockslim")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("no dockslim binary beside the tests") }
        let dir = try temporaryFolder(self)
        let body = "FROM alpine\n" + String(repeating: "# padding to make writes take a little time\n", count: 2000) + "CMD ./server --port 8080\n"
        let expected = body.replacingOccurrences(of: "CMD ./server --port 8080", with: "CMD [\"./server\", \"--port\", \"8080\"]")
        for i in 0..<1500 {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("p\(i)"), withIntermediateDirectories: true)
            try write(body, to: dir.appendingPathComponent("p\(i)/Dockerfile"))
        }
        let p = Process()
        p.executableURL = binary
        p.arguments = ["rewrite", "--recipe", "use-exec-form", "--write", "--jobs", "1", "-q", dir.path]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Kill once some files, not all, have been rewritten.
        var rewritten = 0
        for _ in 0..<400 {
            usleep(5_000)
            rewritten = (0..<1500).filter { (try? String(contentsOf: dir.appendingPathComponent("p\($0)/Dockerfile"), encoding: .utf8)) == expected }.count
            if rewritten > 0 { break }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        var whole = 0, untouched = 0
        for i in 0..<1500 {
            let text = try String(contentsOf: dir.appendingPathComponent("p\(i)/Dockerfile"), encoding: .utf8)
            if text == expected { whole += 1 } else if text == body { untouched += 1 } else { XCTFail("p\(i)/Dockerfile is neither the original nor the rewrite") }
        }
        XCTAssertEqual(whole + untouched, 1500)
        XCTAssertGreaterThan(whole, 0)
        XCTAssertGreaterThan(untouched, 0, "the run finished before it was killed; make it longer")
    }
}
