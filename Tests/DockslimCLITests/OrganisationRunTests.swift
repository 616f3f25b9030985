@testable import DockslimCLI
import Foundation
import XCTest

/// A run over a folder of many repositories, as a codemod engine does it:
/// shards are whole repositories, each repository's patch applies inside
/// it (`git apply`, `patch -p1`, with or without `--explain`), `--write`
/// gives exactly what applying the patches gives, links stay links, and a
/// rerun is byte-identical.
final class OrganisationRunTests: XCTestCase {
    static let repositories = (0..<9).map { "repo\($0)" }
    static let goApp: [String: String] = [
        "go.mod": "module example.com/api\n\ngo 1.22\n",
        "cmd/server/main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n",
        "Dockerfile": "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go mod download && go build -o /app/server ./cmd/server\nEXPOSE 8080\nCMD /app/server\n",
    ]

    /// Nine repositories (a Go app in some, nested and linked Dockerfiles
    /// in others) and one folder that is no repository; and a recipe that
    /// splits the Go builds onto distroless and writes exec form elsewhere.
    private func organisation() throws -> (org: URL, recipe: String) {
        let top = try temporaryFolder(self)
        let org = top.appendingPathComponent("org")
        for (n, name) in Self.repositories.enumerated() {
            var files = ["Dockerfile": "FROM alpine:3.20\nCMD ./run \(name)\n"]
            if n % 3 == 0 { files = Self.goApp }
            if n % 2 == 1 { files["services/api/Dockerfile"] = "FROM alpine:3.20\nWORKDIR /srv\nCMD ./api --repo \(name)\n" }
            if n == 4 { files["deep/x/y/Containerfile"] = "FROM alpine:3.20\nENTRYPOINT ./deep\n" }
            if n == 5 { files["docker/app.Dockerfile"] = "FROM alpine:3.20\nCMD ./linked\n"; files["Dockerfile"] = nil }
            try make(org.appendingPathComponent(name), files)
            XCTAssertEqual(try shell("git init -q", in: org.appendingPathComponent(name)).code, 0)
            if n == 5 {
                try FileManager.default.createSymbolicLink(atPath: org.appendingPathComponent("repo5/Dockerfile").path, withDestinationPath: "docker/app.Dockerfile")
            }
        }
        try make(org.appendingPathComponent("loose"), ["Dockerfile": "FROM alpine:3.20\nCMD ./loose\n"])
        let recipe = top.appendingPathComponent("org-recipe.json")
        try write(#"{"id": "org-test", "summary": "Go on distroless, else exec form", "steps": [{"firstOf": ["go-distroless", "use-exec-form"]}]}"#, to: recipe)
        return (org, recipe.path)
    }

    func testShardsByRepositoryPartitionTheRepositoriesForOneToEightShards() throws {
        let (org, recipe) = try organisation()
        let all = try patchFiles(Run(["rewrite", "--recipe", recipe, "-q", "--patch-dir", org.path + "-all", org.path]), org.path + "-all")
        XCTAssertEqual(Set(all.keys), Set(Self.repositories + ["org"]), "one patch per repository, and one for the loose folder")
        for count in 1...8 {
            var seen: [String: Int] = [:]
            for index in 0..<count {
                let dir = org.path + "-\(count)-\(index)"
                let run = Run(["rewrite", "--recipe", recipe, "-q", "--shard-index", "\(index)", "--shard-count", "\(count)", "--patch-dir", dir, org.path])
                XCTAssertEqual(run.code, 0, run.stderr)
                for (name, patch) in try patchFiles(run, dir) {
                    XCTAssertNil(seen[name], "\(name) in shards \(seen[name] ?? -1) and \(index) of \(count)")
                    seen[name] = index
                    XCTAssertEqual(patch, all[name], "\(name): a shard holds the repository's whole patch")
                }
                let viaEnvironment = withEnvironment(["JOB_COMPLETION_INDEX": "\(index)", "DOCKSLIM_SHARD_COUNT": "\(count)"]) {
                    Run(["rewrite", "--recipe", recipe, "-q", org.path])
                }
                let viaFlags = Run(["rewrite", "--recipe", recipe, "-q", "--shard-index", "\(index)", "--shard-count", "\(count)", org.path])
                XCTAssertEqual(viaEnvironment.stdout, viaFlags.stdout, "JOB_COMPLETION_INDEX \(index) of \(count)")
                XCTAssertEqual(Run(["rewrite", "--recipe", recipe, "-q", "--shard-index", "\(index)", "--shard-count", "\(count)", org.path]).stdoutBytes,
                               viaFlags.stdoutBytes, "a rerun is byte-identical")
            }
            XCTAssertEqual(Set(seen.keys), Set(all.keys), "\(count) shards cover every repository")
        }
    }

    func testEachRepositorysPatchAppliesInsideItAndWriteGivesTheSame() throws {
        let (org, recipe) = try organisation()
        let plain = org.path + "-patches", explained = org.path + "-explained"
        XCTAssertEqual(Run(["rewrite", "--recipe", recipe, "-q", "--patch-dir", plain, org.path]).code, 0)
        XCTAssertEqual(Run(["rewrite", "--recipe", recipe, "-q", "--explain", "--patch-dir", explained, org.path]).code, 0)
        XCTAssertTrue(try String(contentsOfFile: explained + "/repo0.patch", encoding: .utf8).contains(" @@ go-distroless › split-stages: "))
        var copies: [URL] = []
        for (kind, dir) in [("git apply", plain), ("patch -p1", plain), ("git apply", explained), ("patch -p1", explained)] {
            let copy = org.deletingLastPathComponent().appendingPathComponent("copy\(copies.count)")
            try shell("cp -R '\(org.path)' '\(copy.path)'", in: org.deletingLastPathComponent())
            for name in Self.repositories + ["org"] {
                let place = name == "org" ? copy : copy.appendingPathComponent(name)
                let command = kind == "git apply" ? "git apply '\(dir)/\(name).patch'" : "patch -p1 -s < '\(dir)/\(name).patch'"
                let result = try shell(command, in: place)
                XCTAssertEqual(result.code, 0, "\(kind) of \(dir)/\(name).patch inside \(name): \(result.output)")
            }
            copies.append(copy)
        }
        let written = Run(["rewrite", "--recipe", recipe, "-q", "-w", org.path])
        XCTAssertEqual(written.code, 0, written.stderr)
        let expected = try snapshot(org)
        XCTAssertEqual(expected["repo5/Dockerfile"], "link → docker/app.Dockerfile", "the link stays a link")
        XCTAssertTrue(expected["repo5/docker/app.Dockerfile"]?.contains("CMD [\"./linked\"]") ?? false)
        XCTAssertTrue(expected["repo0/Dockerfile"]?.contains("FROM gcr.io/distroless/") ?? false)
        for copy in copies { XCTAssertEqual(try snapshot(copy), expected, "\(copy.lastPathComponent) equals --write") }
        let again = Run(["rewrite", "--recipe", recipe, "-q", org.path])
        XCTAssertEqual(again.stdout, "", "a second run changes nothing")
        XCTAssertEqual(again.code, 0)
    }

    func testPatchesNameFilesFromTheRepositoryTopWhereverItRuns() throws {
        let (org, recipe) = try organisation()
        let previous = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        // In a repository's subfolder: named from its top (git apply takes that from anywhere inside).
        FileManager.default.changeCurrentDirectoryPath(org.appendingPathComponent("repo1/services").path)
        let inside = Run(["rewrite", "--recipe", recipe, "."])
        XCTAssertTrue(inside.stdout.hasPrefix("# apply in ..\n--- a/services/api/Dockerfile\n"), inside.stdout)
        // An absolute argument never gives `a//tmp/…`.
        let absolute = Run(["rewrite", "--recipe", recipe, org.appendingPathComponent("loose").path])
        XCTAssertTrue(absolute.stdout.contains("\n--- a/Dockerfile\n"), absolute.stdout)
        XCTAssertFalse(absolute.stdout.contains("a//"))
    }

    func testShardUsageErrors() {
        for (args, message) in [
            (["--shard-index", "3", "--shard-count", "3"], "Error: The value '3' is invalid for '--shard-index <i>': expected 0 ≤ i < 3\n"),
            (["--shard-index", "0"], "Error: '--shard-index' needs '--shard-count <n>' (or DOCKSLIM_SHARD_COUNT in the environment)\n"),
            (["--shard-count", "0", "--shard-index", "0"], "Error: The value '0' is invalid for '--shard-count <n>': expected a whole number ≥ 1\n"),
            (["--shard", "1/2", "--shard-count", "2"], "Error: '--shard' cannot be used with '--shard-index' or '--shard-count'\n"),
            (["--patch-dir", "out", "-"], "Error: '--patch-dir' is only valid with files, not standard input\n"),
            (["--shard-index", "+1", "--shard-count", "3"], "Error: The value '+1' is invalid for '--shard-index <i>': expected 0 ≤ i < 3\n"),
        ] {
            let run = Run(["rewrite", "--recipe", "use-exec-form"] + args)
            XCTAssertEqual(run.code, 64, "\(args)")
            XCTAssertTrue(run.stderr.hasPrefix(message), "\(args): \(run.stderr)")
        }
        let missingIndex = withEnvironment(["DOCKSLIM_SHARD_COUNT": "4"]) { Run(["rewrite", "--recipe", "use-exec-form", "-"]) }
        XCTAssertEqual(missingIndex.code, 64)
        XCTAssertTrue(missingIndex.stderr.hasPrefix("Error: DOCKSLIM_SHARD_COUNT needs '--shard-index <i>' (or JOB_COMPLETION_INDEX in the environment)\n"), missingIndex.stderr)
        let indexAlone = withEnvironment(["JOB_COMPLETION_INDEX": "2"]) { Run(["rewrite", "--recipe", "use-exec-form", "-"], stdin: Array("FROM alpine\nCMD ./x\n".utf8)) }
        XCTAssertEqual(indexAlone.code, 0, "an Indexed Job that does not shard dockslim gets all the work")
        XCTAssertTrue(indexAlone.stdout.contains("+CMD [\"./x\"]"))
    }

    func testPatchFilesNeverShareANameAndReadBackAsThePath() throws {
        let top = try temporaryFolder(self)
        for repo in ["p/api", "q/api", "p/api-2", "p/x%2Fy", "p/x/y"] {
            try make(top.appendingPathComponent(repo), ["Dockerfile": "FROM alpine:3.20\nCMD ./\(repo.count)\n"])
            XCTAssertEqual(try shell("git init -q", in: top.appendingPathComponent(repo)).code, 0)
        }
        let one = top.path + "/one", two = top.path + "/two"
        XCTAssertEqual(Run(["rewrite", "--recipe", "use-exec-form", "-q", "--patch-dir", one, top.path + "/p"]).code, 0)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: one)), ["api.patch", "api-2.patch", "x%252Fy.patch", "x%2Fy.patch"])
        let run = Run(["rewrite", "--recipe", "use-exec-form", "-q", "--patch-dir", two, top.path + "/p", top.path + "/q"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: two)
        XCTAssertEqual(names.count, 5, "\(names)")
        XCTAssertTrue(names.contains(top.path.replacingOccurrences(of: "/", with: "%2F") + "%2Fq%2Fapi.patch"), "\(names)")
    }

    func testABrokenFileFailsOnlyItsOwnShardAndItsRepositoryGetsNoPatch() throws {
        let (org, recipe) = try organisation()
        try write("{\"rules\": [}", to: org.appendingPathComponent("repo4/.dockslim.json"))
        try Data([0x46, 0x52, 0x00, 0x4D]).write(to: org.appendingPathComponent("repo7/services/api/Dockerfile"))
        var failing: [String] = []
        for index in 0..<4 {
            let dir = org.path + "-shard\(index)"
            let run = Run(["rewrite", "--recipe", recipe, "-q", "--shard-index", "\(index)", "--shard-count", "4", "--patch-dir", dir, org.path])
            if run.code != 0 { failing.append(run.stderr) }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            XCTAssertFalse(names.contains("repo7.patch"), "a repository with a failed file gets no patch")
            if run.stderr.contains("repo7") { XCTAssertTrue(run.stderr.contains("no patch written to \(dir): a file in this repository failed"), run.stderr) }
        }
        let shardsOf = { (name: String) in (0..<4).filter { i in Run(["rewrite", "--recipe", recipe, "-q", "--shard-index", "\(i)", "--shard-count", "4", org.path]).stderr.contains(name) } }
        XCTAssertEqual(shardsOf("repo4/.dockslim.json").count, 1, "the broken configuration is an error in one shard only")
        XCTAssertEqual(failing.count, Set(shardsOf("repo4/.dockslim.json") + shardsOf("repo7/services")).count)
    }

    func testShardsSpreadNamesOverPowersOfTwo() {
        let names = (0..<16).map { "svc-" + String(UnicodeScalar(UInt8(97 + $0))) }
        for count in [2, 4, 8] {
            let sizes = (0..<count).map { i in names.filter { Shard(index: i, count: count).takes(repository: .init(real: "/r/" + $0, display: $0, isRepository: true, name: $0)) }.count }
            XCTAssertEqual(sizes.reduce(0, +), 16)
            XCTAssertTrue(sizes.allSatisfy { $0 >= 16 / count / 2 }, "\(count) shards: \(sizes)")
        }
        // Names whose last letters differ only in a high bit (a and q) must not always share a shard (unmixed FNV-1a puts them together).
        func shard(_ name: String) -> Int { (0..<16).first { Shard(index: $0, count: 16).takes(repository: .init(real: "/r/" + name, display: name, isRepository: true, name: name)) }! }
        let together = ["api", "web", "svc", "db", "auth", "cart", "mail", "ui", "docs", "ops", "cli", "sdk", "bot", "etl", "cdn", "log"]
            .filter { shard($0 + "-a") == shard($0 + "-q") }
        XCTAssertLessThan(together.count, 8, "\(together)")
    }

    // MARK: - Helpers

    private func make(_ folder: URL, _ files: [String: String]) throws {
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try write(text, to: url)
        }
    }

    /// `--patch-dir`'s files by repository name (`repo3.patch` → `repo3`).
    private func patchFiles(_ run: Run, _ dir: String) throws -> [String: String] {
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertEqual(run.stdout, "", "--patch-dir prints no patch")
        guard FileManager.default.fileExists(atPath: dir) else { return [:] }
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".patch") {
            let key = String(name.dropLast(6))
            out[key.hasPrefix("dockslim-") ? "org" : key] = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
        }
        return out
    }

    /// Every file under `folder` (not `.git`): its text, or where a link points.
    private func snapshot(_ folder: URL) throws -> [String: String] {
        let fm = FileManager.default
        var out: [String: String] = [:]
        for case let relative as String in fm.enumerator(atPath: folder.path)! where !relative.hasPrefix(".git") && !relative.contains("/.git") {
            let path = folder.path + "/" + relative
            if let target = try? fm.destinationOfSymbolicLink(atPath: path) { out[relative] = "link → " + target; continue }
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                out[relative] = try String(contentsOfFile: path, encoding: .utf8)
            }
        }
        return out
    }

    @discardableResult
    private func shell(_ command: String, in folder: URL) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `body` with `variables` set in this process's environment.
    private func withEnvironment<T>(_ variables: [String: String], _ body: () -> T) -> T {
        for (k, v) in variables { setenv(k, v, 1) }
        defer { for k in variables.keys { unsetenv(k) } }
        return body()
    }
}
