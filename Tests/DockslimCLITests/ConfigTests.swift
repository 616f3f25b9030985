import DockslimCLI
import Foundation
import XCTest

/// `.dockslim.json`, `--config`, `--ignore`, `dockslim config` and
/// `--exclude` as a team uses them, through the command line.
final class ConfigTests: XCTestCase {
    /// DS013 (no tag), DS012 (COPY . . before npm ci), DS007 (root).
    let nodeFile = "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
    let twoStages = "FROM alpine:3.20 AS build\nRUN true\nFROM alpine:3.20 AS runtime\nUSER nobody\n"

    private func project(_ files: [String: String]) throws -> URL { try projectFolder(self, files) }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Rule ids reported per path, from `audit --format json`.
    private func findings(_ args: [String]) throws -> [String: [String]] {
        let run = Run(["audit", "--format", "json"] + args)
        var out: [String: [String]] = [:]
        for f in try json(run.stdout)["files"] as? [[String: Any]] ?? [] {
            let ids = (f["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            out[f["path"] as! String, default: []] += ids
        }
        return out
    }

    // MARK: discovery

    func testNearestFileWinsWhole() throws {
        _ = try project([
            ".git/HEAD": "",
            "Dockerfile": nodeFile,
            ".dockslim.json": #"{"rules": {"DS013": "off"}}"#,
            "svc/Dockerfile": nodeFile,
            "svc/.dockslim.json": #"{"rules": {"DS012": "off"}}"#,
        ])
        let found = try findings([])
        XCTAssertFalse(found["Dockerfile"]!.contains("DS013"))
        XCTAssertTrue(found["Dockerfile"]!.contains("DS012"))
        XCTAssertTrue(found["svc/Dockerfile"]!.contains("DS013"), "files are not merged: the nearest is used whole")
        XCTAssertFalse(found["svc/Dockerfile"]!.contains("DS012"))
    }

    func testSearchStopsAtTheRepositoryTop() throws {
        _ = try project([
            ".dockslim.json": #"{"rules": {"DS013": "off"}}"#,
            "repo/.git/HEAD": "",
            "repo/svc/Dockerfile": nodeFile,
            "loose/svc/Dockerfile": nodeFile,
        ])
        let found = try findings(["repo", "loose"])
        XCTAssertTrue(found["repo/svc/Dockerfile"]!.contains("DS013"), "a file above the repository is not the repository's")
        XCTAssertFalse(found["loose/svc/Dockerfile"]!.contains("DS013"), "outside a repository the search goes up to /")
    }

    func testConfigFileAtTheRepositoryTopIsFound() throws {
        _ = try project(["repo/.git/HEAD": "", "repo/.dockslim.json": #"{"rules": {"DS013": "off"}}"#, "repo/a/b/Dockerfile": nodeFile])
        XCTAssertFalse(try findings(["repo"])["repo/a/b/Dockerfile"]!.contains("DS013"))
    }

    func testExplicitConfigReplacesDiscovery() throws {
        _ = try project([
            ".git/HEAD": "",
            ".dockslim.json": #"{"rules": {"DS013": "off"}}"#,
            "org.json": #"{"rules": {"DS012": "off"}, "exclude": ["/skip/"]}"#,
            "Dockerfile": nodeFile,
            "skip/Dockerfile": nodeFile,
        ])
        let found = try findings(["--config", "org.json"])
        XCTAssertTrue(found["Dockerfile"]!.contains("DS013"))
        XCTAssertFalse(found["Dockerfile"]!.contains("DS012"))
        XCTAssertNil(found["skip/Dockerfile"], "--config patterns are relative to the current folder")
    }

    // MARK: errors

    func testConfigPointingNowhereIsAUsageError() throws {
        _ = try project(["Dockerfile": nodeFile])
        for command in [["audit"], ["rewrite", "--recipe", "use-exec-form"], ["graph"], ["config"]] {
            let run = Run(command + ["--config", "nope.json"])
            XCTAssertEqual(run.code, 64, "\(command)")
            XCTAssertTrue(run.stderr.hasPrefix("Error: The value 'nope.json' is invalid for '--config <file>': no such file"), run.stderr)
        }
    }

    func testInvalidJSONIsAnErrorWithLineAndColumn() throws {
        _ = try project([".dockslim.json": "{\n  \"rules\": {\"DS013\": \"off\",}\n}\n", "Dockerfile": nodeFile])
        let run = Run(["audit"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("Error: .dockslim.json:2:28: expected a key in double quotes, found '}'"), run.stderr)
        XCTAssertEqual(run.stdout, "", "the Dockerfiles it governs are not audited")
        let explicit = Run(["audit", "--config", ".dockslim.json"])
        XCTAssertEqual(explicit.code, 1)
        XCTAssertTrue(explicit.stderr.hasPrefix("Error: .dockslim.json:2:28: "), explicit.stderr)
        let config = Run(["config"])
        XCTAssertEqual(config.code, 1)
        XCTAssertEqual(config.stderr, "Error: .dockslim.json:2:28: expected a key in double quotes, found '}'\n")
        XCTAssertEqual(config.stdout, "")
    }

    func testUnknownKeysRulesValuesAndOptionsAreErrors() throws {
        let cases: [(String, String)] = [
            ("{\"rulez\": {}}", ".dockslim.json:1:2: unknown key 'rulez' (known keys: rules, options, exclude, targets)"),
            ("{\"rules\": {\"DS099\": \"off\"}}", ".dockslim.json:1:12: unknown rule 'DS099' (known rules: DS000, DS001"),
            ("{\"rules\": {\"DS013\": \"of\"}}", ".dockslim.json:1:21: rule DS013 must be \"off\", \"error\", \"warning\" or \"note\""),
            ("{\"options\": {\"famly\": \"x\"}}", ".dockslim.json:1:14: no pass takes the option 'famly' (options: "),
            ("{\"exclude\": \"a\"}", ".dockslim.json:1:13: 'exclude' must be an array of patterns, not a string"),
            ("{\"targets\": {\"Dockerfile\": 3}}", ".dockslim.json:1:28: the target for 'Dockerfile' must be a stage name"),
            ("[1]", ".dockslim.json:1:1: the configuration must be a JSON object, not an array"),
            ("{\"rules\": {}, \"rules\": {}}", ".dockslim.json:1:15: duplicate key 'rules'"),
            ("", ".dockslim.json:1:1: expected a value, found the end of the file"),
            ("{\"a\": \"\u{1}\"}", ".dockslim.json:1:8: a control character in a string must be escaped"),
            (String(repeating: "[", count: 100), ".dockslim.json:1:65: nested more than 64 levels deep"),
            ("{\"$schema\": \"x\", \"exclude\": [\"a\"]} x", ".dockslim.json:1:36: unexpected text after the JSON value"),
            ("{\"exclude\": [\"\\q\"]}", ".dockslim.json:1:15: unknown escape '\\q'"),
        ]
        for (text, expected) in cases {
            _ = try project([".dockslim.json": text, "Dockerfile": nodeFile])
            let run = Run(["audit"])
            XCTAssertEqual(run.code, 1, text)
            XCTAssertTrue(run.stderr.contains("Error: " + expected), "\(text): \(run.stderr)")
        }
    }

    func testAnErrorFailsOnlyTheFilesItGoverns() throws {
        _ = try project([".git/HEAD": "", "Dockerfile": nodeFile, "bad/.dockslim.json": "{", "bad/Dockerfile": nodeFile])
        let run = Run(["audit", "--format", "json"])
        XCTAssertEqual(run.code, 1)
        let doc = try json(run.stdout)
        XCTAssertEqual((doc["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }, ["Dockerfile"])
        XCTAssertTrue(run.stderr.contains("Error: bad/.dockslim.json:1:2: expected a key in double quotes, found the end of the file"), run.stderr)
    }

    // MARK: rules and ignores

    func testSeverityFromTheConfigDecidesTheExitStatus() throws {
        _ = try project([".dockslim.json": #"{"rules": {"DS012": "error"}}"#, "Dockerfile": nodeFile])
        let run = Run(["audit", "--color", "never"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stdout.contains("Dockerfile:3:1: error[DS012]"), run.stdout)
        XCTAssertEqual(Run(["audit", "--ignore", "DS012"]).code, 0, "the command line wins over the file")
    }

    func testIgnoreFlagTakesListsAndRefusesUnknownIds() throws {
        _ = try project(["Dockerfile": nodeFile])
        let found = try findings(["--ignore", "DS013,ds012", "--ignore", "DS007"])
        XCTAssertTrue(Set(found["Dockerfile"]!).isDisjoint(with: ["DS013", "DS012", "DS007"]), "\(found)")
        let run = Run(["audit", "--ignore", "DS012,DS99"])
        XCTAssertEqual(run.code, 64)
        XCTAssertTrue(run.stderr.contains("unknown rule 'DS99' (known rules: DS000, DS001, "), run.stderr)
        XCTAssertTrue(run.stderr.contains("DS016)"), run.stderr)
    }

    func testSuppressedFindingsAreCountedInJSONAndKeptInSARIF() throws {
        _ = try project([
            ".dockslim.json": #"{"rules": {"DS007": "off"}}"#,
            "Dockerfile": "# dockslim ignore-file=DS013 pinned by the platform team\n" + nodeFile.replacingOccurrences(of: "COPY . .", with: "# dockslim ignore=DS012\nCOPY . ."),
        ])
        let doc = try json(Run(["audit", "--format", "json", "--ignore", "DS011"]).stdout)
        XCTAssertEqual((doc["summary"] as? [String: Any])?["suppressed"] as? Int, 4)
        let ids = ((doc["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertTrue(Set(ids).isDisjoint(with: ["DS007", "DS011", "DS012", "DS013"]), "\(ids)")

        let sarif = try json(Run(["audit", "--format", "sarif", "--ignore", "DS011"]).stdout)
        let results = try XCTUnwrap(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        var kinds: [String: String] = [:]
        var justifications: [String: String] = [:]
        for r in results {
            guard let s = (r["suppressions"] as? [[String: Any]])?.first else { continue }
            kinds[r["ruleId"] as! String] = s["kind"] as? String
            justifications[r["ruleId"] as! String] = s["justification"] as? String
        }
        XCTAssertEqual(kinds, ["DS007": "external", "DS011": "external", "DS012": "inSource", "DS013": "inSource"])
        XCTAssertEqual(justifications["DS011"], "--ignore on the command line")
        XCTAssertEqual(justifications["DS007"], "\"off\" in .dockslim.json:1:21")
        XCTAssertTrue(justifications["DS013"]!.contains("pinned by the platform team"), justifications["DS013"]!)
        XCTAssertTrue(results.contains { $0["suppressions"] == nil }, "unsuppressed findings carry no suppressions")
        // The text output hides them, and says how many.
        let text = Run(["audit", "--color", "never", "--ignore", "DS011"])
        XCTAssertFalse(text.stdout.contains("DS012"))
        XCTAssertTrue(text.stderr.contains("(4 suppressed)"), text.stderr)
    }

    func testUnknownIdInACommentIsAFindingNotAnError() throws {
        _ = try project(["Dockerfile": "# dockslim ignore-file=DS13\n" + nodeFile])
        let run = Run(["audit", "--color", "never"])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.contains("Dockerfile:1:1: warning[DS000]: `# dockslim ignore-file=DS13` names an unknown rule 'DS13' (known rules: DS000"), run.stdout)
    }

    // MARK: targets, options, excludes

    func testConfigTargetNamesTheFinalStageAndTheCommandLineWins() throws {
        _ = try project([".dockslim.json": #"{"targets": {"*.Dockerfile": "runtime", "app.Dockerfile": "build"}}"#, "app.Dockerfile": twoStages])
        func final(_ args: [String]) throws -> String? {
            let doc = try json(Run(["audit", "--format", "json"] + args).stdout)
            return ((doc["files"] as? [[String: Any]])?.first?["finalStage"] as? [String: Any])?["stage"] as? String
        }
        XCTAssertEqual(try final([]), "build", "the last matching pattern wins")
        XCTAssertEqual(try final(["--target", "runtime"]), "runtime")
    }

    func testComposeTargetWinsOverTheConfigTarget() throws {
        _ = try project([
            ".dockslim.json": #"{"targets": {"Dockerfile": "build"}}"#,
            "Dockerfile": twoStages,
            "compose.yaml": "services:\n  app:\n    build:\n      context: .\n      target: runtime\n",
        ])
        let doc = try json(Run(["audit", "--format", "json"]).stdout)
        let stage = ((doc["files"] as? [[String: Any]])?.first?["finalStage"] as? [String: Any])?["stage"] as? String
        XCTAssertEqual(stage, "runtime")
    }

    func testConfigOptionsReachTheRecipeAndBadValuesFailThatFile() throws {
        let goFile = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n"
        _ = try project([
            ".git/HEAD": "",
            "a/.dockslim.json": #"{"options": {"family": "chainguard"}}"#,
            "a/Dockerfile": goFile, "a/go.mod": "module a\n\ngo 1.22\n", "a/main.go": "package main\n\nfunc main() {}\n",
            "b/.dockslim.json": #"{"options": {"family": "nonsense"}}"#,
            "b/Dockerfile": goFile, "b/go.mod": "module b\n\ngo 1.22\n", "b/main.go": "package main\n\nfunc main() {}\n",
        ])
        let run = Run(["rewrite", "--recipe", "go-distroless"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stdout.contains("+FROM cgr.dev/chainguard/static"), run.stdout)
        XCTAssertFalse(run.stdout.contains("b/Dockerfile"), run.stdout)
        XCTAssertTrue(run.stderr.contains("Error: b/Dockerfile: the options of its .dockslim.json: swap-base: unknown family 'nonsense'"), run.stderr)
        // --option wins over the file.
        let flag = Run(["rewrite", "--recipe", "go-distroless", "--option", "family=distroless", "a"])
        XCTAssertTrue(flag.stdout.contains("+FROM gcr.io/distroless/static"), flag.stdout)
        // A recipe none of whose passes takes the option ignores it.
        XCTAssertEqual(Run(["rewrite", "--recipe", "use-exec-form", "a"]).code, 0)
    }

    func testConfigExcludeIsRelativeToItsFolderAndSkipsNamedFilesToo() throws {
        _ = try project([
            ".git/HEAD": "",
            "svc/.dockslim.json": #"{"exclude": ["/legacy/", "**/testdata/**", "*.dev.Dockerfile"]}"#,
            "svc/legacy/Dockerfile": nodeFile,
            "legacy/Dockerfile": nodeFile,
            "svc/api/testdata/Dockerfile": nodeFile,
            "svc/api/x.dev.Dockerfile": nodeFile,
            "svc/api/Dockerfile": nodeFile,
        ])
        XCTAssertEqual(try findings([]).keys.sorted(), ["legacy/Dockerfile", "svc/api/Dockerfile"])
        XCTAssertEqual(try findings(["svc/api/x.dev.Dockerfile", "svc/api/Dockerfile"]).keys.sorted(), ["svc/api/Dockerfile"])
        let rewrite = Run(["rewrite", "--recipe", "hoist-manifests", "--format", "json"])
        let paths = (try json(rewrite.stdout)["files"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
        XCTAssertEqual(paths, ["legacy/Dockerfile", "svc/api/Dockerfile"])
    }

    func testExcludeFlagMatchesThePathsAsPrinted() throws {
        _ = try project([
            "repos/a/Dockerfile": nodeFile,
            "repos/a/testdata/Dockerfile": nodeFile,
            "repos/b/Dockerfile": nodeFile,
            "repos/b/x.dev.Dockerfile": nodeFile,
            "repos/c/third_party/Dockerfile": nodeFile,
            "x/Dockerfile": nodeFile,
            "repos/x/Dockerfile": nodeFile,
        ])
        func paths(_ excludes: [String], _ roots: [String] = ["repos", "x"]) throws -> [String] {
            try findings(excludes.flatMap { ["--exclude", $0] } + roots).keys.sorted()
        }
        let all = try paths([])
        XCTAssertEqual(all.count, 7)
        XCTAssertEqual(try paths(["**/testdata/**"]), all.filter { !$0.contains("testdata") })
        XCTAssertEqual(try paths(["third_party/"]), all.filter { !$0.contains("third_party") })
        XCTAssertEqual(try paths(["*.dev.Dockerfile"]), all.filter { !$0.hasSuffix("x.dev.Dockerfile") })
        XCTAssertEqual(try paths(["/x"]), all.filter { $0 != "x/Dockerfile" }, "anchored at the printed path's start")
        XCTAssertEqual(try paths(["repos/a/**"]), all.filter { !$0.hasPrefix("repos/a/") }, "the path as printed, not relative to the folder walked")
        XCTAssertEqual(try paths(["a/**"]), all, "a slash anchors: a/** is not repos/a")
        XCTAssertEqual(try paths(["repos/*/", "!repos/b/"]), ["repos/b/Dockerfile", "repos/b/x.dev.Dockerfile", "x/Dockerfile"])
    }

    // MARK: dockslim config

    func testConfigCommandPrintsWhereEachValueCameFrom() throws {
        _ = try project([
            ".git/HEAD": "",
            ".dockslim.json": "{\n  \"rules\": {\"DS013\": \"off\", \"DS007\": \"error\"},\n  \"options\": {\"family\": \"chainguard\", \"keep\": [\"a\", \"b\"]},\n  \"exclude\": [\"**/testdata/**\"],\n  \"targets\": {\"svc/*\": \"runtime\"}\n}\n",
            "svc/Dockerfile": twoStages,
        ])
        let run = Run(["config", "svc/Dockerfile", "--ignore", "DS012", "--option", "keep=c"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let doc = try json(run.stdout)
        XCTAssertEqual(doc["configFile"] as? String, ".dockslim.json")
        XCTAssertEqual(doc["path"] as? String, "svc/Dockerfile")
        XCTAssertTrue(doc["excluded"] is NSNull)
        let rules = try XCTUnwrap(doc["rules"] as? [[String: String]])
        XCTAssertEqual(rules.count, 17)
        XCTAssertEqual(rules.first { $0["id"] == "DS013" }, ["id": "DS013", "setting": "off", "from": ".dockslim.json:2:22"])
        XCTAssertEqual(rules.first { $0["id"] == "DS007" }, ["id": "DS007", "setting": "error", "from": ".dockslim.json:2:38"])
        XCTAssertEqual(rules.first { $0["id"] == "DS012" }, ["id": "DS012", "setting": "off", "from": "command line (--ignore)"])
        XCTAssertEqual(rules.first { $0["id"] == "DS001" }, ["id": "DS001", "setting": "warning", "from": "default"])
        XCTAssertEqual(doc["options"] as? [[String: String]], [
            ["name": "family", "value": "chainguard", "from": ".dockslim.json:3:25"],
            ["name": "keep", "value": "c", "from": "command line (--option)"],
        ])
        XCTAssertEqual(doc["target"] as? [String: String], ["stage": "runtime", "pattern": "svc/*", "from": ".dockslim.json:5:24"])
        XCTAssertEqual(try json(Run(["config", "svc/Dockerfile", "--target", "build"]).stdout)["target"] as? [String: String],
                       ["stage": "build", "from": "command line (--target)"])
        XCTAssertEqual(try json(Run(["config", "svc"]).stdout)["configFile"] as? String, ".dockslim.json", "a folder stands for a Dockerfile in it")
    }

    func testConfigCommandShowsExclusionAndNoFile() throws {
        _ = try project([".git/HEAD": "", "a/testdata/Dockerfile": "FROM scratch\n", "b/Dockerfile": "FROM scratch\n",
                         "a/.dockslim.json": #"{"exclude": ["testdata/"]}"#])
        let doc = try json(Run(["config", "a/testdata/Dockerfile"]).stdout)
        XCTAssertEqual(doc["excluded"] as? [String: String], ["pattern": "testdata/", "from": "a/.dockslim.json:1:14"])
        let none = try json(Run(["config", "b/Dockerfile"]).stdout)
        XCTAssertTrue(none["configFile"] is NSNull)
        XCTAssertEqual(Run(["config", "missing/Dockerfile"]).code, 1)
        XCTAssertEqual(Run(["config", "a", "b"]).code, 64)
    }

    func testHelpNamesTheNewOptions() {
        XCTAssertTrue(Run(["audit", "--help"]).stdout.contains("--ignore <rule>"))
        XCTAssertTrue(Run(["audit", "--help"]).stdout.contains("--config <file>"))
        XCTAssertTrue(Run(["rewrite", "--help"]).stdout.contains("--config <file>"))
        XCTAssertTrue(Run(["help", "config"]).stdout.hasPrefix("OVERVIEW: Print the configuration"))
        XCTAssertTrue(Run(["--help"]).stdout.contains("  config "))
    }
}
