import BuildDefinitions
@testable import DockslimCLI
import Foundation
import XCTest

/// The examples in `integrations/`, `action.yml` and `.pre-commit-hooks.yaml`
/// hold the keys their engines need, and every dockslim command line in them
/// parses with dockslim's own specs (a renamed option fails here).
final class IntegrationExamplesTests: XCTestCase {
    typealias E = IntegrationExamples

    /// Every file of the examples with the command lines it must contain at least.
    static let files: [(path: String, minimumCommands: Int)] = [
        ("integrations/multi-gitter/dockslim-slim.sh", 1),
        ("integrations/multi-gitter/README.md", 1),
        ("integrations/turbolift/README.md", 2),
        ("integrations/batch-changes/dockslim-slim.batch.yaml", 1),
        ("integrations/batch-changes/README.md", 1),
        ("integrations/github-actions/dockslim.yml", 1),
        ("integrations/github-actions/README.md", 2),
        ("integrations/kubernetes/README.md", 0),
        ("integrations/kubernetes/dockslim-job.yaml", 0),
        ("action.yml", 0),
        (".pre-commit-hooks.yaml", 0),
    ]

    func testEveryCommandLineInTheExamplesParses() throws {
        var total = 0
        for (path, minimum) in Self.files {
            let lines = E.commandLines(in: try E.text(path))
            XCTAssertGreaterThanOrEqual(lines.count, minimum, "\(path): expected at least \(minimum) dockslim command lines")
            for argv in lines { E.assertParses(argv, path) }
            total += lines.count
        }
        XCTAssertGreaterThanOrEqual(total, 10)
    }

    func testTheCommandLineCheckCatchesARenamedOptionOrRecipe() {
        XCTAssertEqual(E.commandLines(in: "run: exec \"${DOCKSLIM:-dockslim}\" rewrite --recipe slim -w . # note"),
                       [["rewrite", "--recipe", "slim", "-w", "."]])
        XCTAssertEqual(E.commandLines(in: "`dockslim audit --format sarif . > x.sarif`"), [["audit", "--format", "sarif", "."]])
        XCTAssertEqual(E.commandLines(in: "args: --shard-index ${{ matrix.shard }} -q"), [])
        XCTAssertEqual(E.parseProblem(["rewrite", "--recipes", "slim"]), "Unknown option '--recipes'")
        XCTAssertNotNil(E.parseProblem(["audit", "--format", "sarif2"]))
        XCTAssertEqual(E.parseProblem(["rewrite", "--recipe", "slimmer"]), "no builtin recipe 'slimmer'")
        XCTAssertNil(E.parseProblem(["rewrite", "--recipe", "slim", "-w", "."]))
    }

    func testMultiGitterAndTurbolift() throws {
        let script = try E.text("integrations/multi-gitter/dockslim-slim.sh")
        XCTAssertEqual(E.commandLines(in: script), [["rewrite", "--recipe", "slim", "-w", "."]])
        let run = try E.text("integrations/multi-gitter/run.sh")
        for flag in ["multi-gitter run", "--commit-message", "--pr-title", "--pr-body", "--branch"] {
            XCTAssertTrue(run.contains(flag), "run.sh lacks \(flag)")
        }
        let turbolift = try E.text("integrations/turbolift/README.md")
        XCTAssertTrue(turbolift.contains("turbolift foreach -- dockslim rewrite --recipe slim -w ."))
    }

    func testBatchChangesSpec() throws {
        let spec = try E.yaml("integrations/batch-changes/dockslim-slim.batch.yaml")
        XCTAssertNotNil(spec["name"]?.scalar)
        XCTAssertNotNil(spec["description"]?.scalar)
        let on = try XCTUnwrap(spec["on"]?.sequence)
        XCTAssertTrue(on.contains { $0["repositoriesMatchingQuery"]?.scalar?.isEmpty == false })
        let steps = try XCTUnwrap(spec["steps"]?.sequence)
        XCTAssertFalse(steps.isEmpty)
        for step in steps {
            let run = try XCTUnwrap(step["run"]?.scalar)
            XCTAssertEqual(E.commandLines(in: run).count, 1, run)
            XCTAssertTrue(step["container"]?.scalar?.contains("dockslim") == true)
        }
        let template = try XCTUnwrap(spec["changesetTemplate"])
        for key in ["title", "body", "branch"] { XCTAssertNotNil(template[key]?.scalar, key) }
        XCTAssertNotNil(template[["commit", "message"]]?.scalar)
    }

    func testGitHubActionsWorkflow() throws {
        let workflow = try E.yaml("integrations/github-actions/dockslim.yml")
        XCTAssertNotNil(workflow["on"], "a workflow needs its triggers")
        let jobs = try XCTUnwrap(workflow["jobs"]?.mapping)
        let action = try E.yaml("action.yml")
        let inputs = Set(try XCTUnwrap(action["inputs"]?.mapping).compactMap(\.key.scalar))

        // The steps that use this repository's action pass only its inputs,
        // and the command line the action assembles parses.
        var commands: [[String]] = []
        for job in jobs {
            for step in job.value["steps"]?.sequence ?? [] {
                guard let uses = step["uses"]?.scalar, uses.contains("/dockslim@") else { continue }
                let with = try XCTUnwrap(step["with"]?.mapping)
                for key in with.compactMap(\.key.scalar) { XCTAssertTrue(inputs.contains(key), "'\(key)' is not an input of action.yml") }
                let argv = Self.actionCommandLine(step["with"]!)
                E.assertParses(argv, "dockslim.yml job \(job.key.scalar ?? "")")
                commands.append(argv)
            }
        }

        // The audit job: SARIF written, then uploaded to code scanning with the permission it needs.
        let audit = try XCTUnwrap(jobs.first { job in
            job.value["steps"]?.sequence?.contains { $0["uses"]?.scalar?.hasPrefix("github/codeql-action/upload-sarif@") == true } == true
        }?.value)
        XCTAssertEqual(audit[["permissions", "security-events"]]?.scalar, "write")
        let auditSteps = try XCTUnwrap(audit["steps"]?.sequence)
        let sarifStep = try XCTUnwrap(auditSteps.first { $0[["with", "format"]]?.scalar == "sarif" })
        XCTAssertEqual(sarifStep[["with", "command"]]?.scalar, "audit")
        let upload = try XCTUnwrap(auditSteps.first { $0["uses"]?.scalar?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        XCTAssertEqual(upload[["with", "sarif_file"]]?.scalar, sarifStep[["with", "output"]]?.scalar)

        // The shard matrix: indexes 0..N-1 with N the count passed to dockslim, patches uploaded.
        let rewrite = try XCTUnwrap(jobs.first { $0.value[["strategy", "matrix", "shard"]] != nil }?.value)
        let shards = try XCTUnwrap(rewrite[["strategy", "matrix", "shard"]]?.strings.compactMap { Int($0) })
        let count = try XCTUnwrap(Int(workflow[["env", "SHARD_COUNT"]]?.scalar ?? ""))
        XCTAssertEqual(shards, Array(0..<count))
        XCTAssertLessThanOrEqual(count, 256, "GitHub runs at most 256 jobs of a matrix")
        let rewriteSteps = try XCTUnwrap(rewrite["steps"]?.sequence)
        let args = try XCTUnwrap(rewriteSteps.compactMap { $0[["with", "args"]]?.scalar }.first)
        XCTAssertTrue(args.contains("--shard-index ${{ matrix.shard }}"), args)
        XCTAssertTrue(args.contains("--shard-count ${{ env.SHARD_COUNT }}"), args)
        let patchDir = try XCTUnwrap(Self.value(of: "--patch-dir", in: args.split(separator: " ").map(String.init)))
        let uploadArtifact = try XCTUnwrap(rewriteSteps.first { $0["uses"]?.scalar?.hasPrefix("actions/upload-artifact@") == true })
        XCTAssertTrue(uploadArtifact[["with", "path"]]?.scalar?.hasPrefix(patchDir) == true)
        XCTAssertTrue(uploadArtifact[["with", "name"]]?.scalar?.contains("${{ matrix.shard }}") == true,
                      "each shard's artifact needs its own name")
        XCTAssertEqual(commands.count, 2)
    }

    func testActionInputs() throws {
        let action = try E.yaml("action.yml")
        XCTAssertNotNil(action["name"]?.scalar)
        XCTAssertNotNil(action["description"]?.scalar)
        let inputs = Set(try XCTUnwrap(action["inputs"]?.mapping).compactMap(\.key.scalar))
        XCTAssertTrue(inputs.isSuperset(of: ["command", "recipe", "paths", "format"]))
        XCTAssertEqual(action[["runs", "using"]]?.scalar, "composite")
        let steps = try XCTUnwrap(action[["runs", "steps"]]?.sequence)
        for step in steps where step["run"] != nil { XCTAssertEqual(step["shell"]?.scalar, "bash") }
        XCTAssertEqual(action[["inputs", "command", "default"]]?.scalar, "audit")
        E.assertParses(Self.actionCommandLine(YAMLNode.mapping(["command": "audit", "format": "sarif", "paths": "."])), "action.yml defaults")
    }

    func testKubernetesIndexedJob() throws {
        let job = try E.yaml("integrations/kubernetes/dockslim-job.yaml")
        XCTAssertEqual(job["apiVersion"]?.scalar, "batch/v1")
        XCTAssertEqual(job["kind"]?.scalar, "Job")
        let spec = try XCTUnwrap(job["spec"])
        XCTAssertEqual(spec["completionMode"]?.scalar, "Indexed")
        let completions = try XCTUnwrap(spec["completions"]?.scalar)
        XCTAssertEqual(spec["parallelism"]?.scalar, completions)
        let container = try XCTUnwrap(spec[["template", "spec", "containers"]]?.sequence?.first)
        let env = container["env"]?.sequence ?? []
        let count = env.first { $0["name"]?.scalar == "DOCKSLIM_SHARD_COUNT" }?["value"]?.scalar
        XCTAssertEqual(count, completions, "DOCKSLIM_SHARD_COUNT must equal completions")
        XCTAssertEqual(spec[["template", "spec", "restartPolicy"]]?.scalar, "Never")

        let args = try XCTUnwrap(container["args"]).strings
        E.assertParses(args, "dockslim-job.yaml")
        XCTAssertFalse(args.contains("--shard-index"), "the index comes from JOB_COMPLETION_INDEX")
        let patchDir = try XCTUnwrap(Self.value(of: "--patch-dir", in: args))
        XCTAssertTrue(patchDir.contains("$(JOB_COMPLETION_INDEX)"), "each index writes its own folder")
        let mounts = container["volumeMounts"]?.sequence ?? []
        XCTAssertTrue(mounts.contains { patchDir.hasPrefix(($0["mountPath"]?.scalar ?? "\u{0}") + "/") && $0["readOnly"]?.scalar != "true" },
                      "the patch folder is on a writable volume")
    }

    func testPreCommitHooks() throws {
        let hooks = try XCTUnwrap(try E.yaml(".pre-commit-hooks.yaml").sequence)
        let ids = hooks.compactMap { $0["id"]?.scalar }
        XCTAssertTrue(Set(ids).isSuperset(of: ["dockslim-audit", "dockslim-check"]), "\(ids)")
        let names = ["Dockerfile", "api/Dockerfile.prod", "svc/Dockerfile-dev", "web.Dockerfile", "build/x.dockerfile", "Containerfile",
                     "a/b.containerfile", "DOCKERFILE", "README.md", "Dockerfile.md", "Dockerfile.dockerignore", ".dockerignore",
                     "compose.yaml", "Dockerfile.j2", "Dockerfile.bak", "docs/dockerfile-guide.md", "mydockerfile", "src/main.go"]
        for hook in hooks {
            let id = hook["id"]?.scalar ?? "?"
            let entry = try XCTUnwrap(hook["entry"]?.scalar, id)
            XCTAssertTrue(["swift", "system"].contains(hook["language"]?.scalar ?? ""), id)
            let words = entry.split(separator: " ").map(String.init)
            XCTAssertEqual(words.first, "dockslim", id)
            let argv = Array(words.dropFirst()) + (hook["args"]?.strings ?? []) + ["Dockerfile"]
            E.assertParses(argv, id)
            if id.hasPrefix("dockslim-check") { XCTAssertTrue(argv.contains("--check"), id) }
            // pre-commit passes the files whose path matches `files` and not `exclude`:
            // exactly the names dockslim itself takes for Dockerfiles.
            let files = try NSRegularExpression(pattern: try XCTUnwrap(hook["files"]?.scalar, id))
            let exclude = try hook["exclude"]?.scalar.map { try NSRegularExpression(pattern: $0) }
            for path in names {
                let range = NSRange(path.startIndex..., in: path)
                let chosen = files.firstMatch(in: path, range: range) != nil && exclude?.firstMatch(in: path, range: range) == nil
                let name = String(path.split(separator: "/").last!)
                XCTAssertEqual(chosen, FileWalker.isDockerfileName(name), "\(id): \(path)")
            }
        }
    }

    // MARK: Helpers

    /// The command line `action.yml` assembles from its inputs.
    static func actionCommandLine(_ with: YAMLNode) -> [String] {
        var argv = [with["command"]?.scalar ?? "audit"]
        if let recipe = with["recipe"]?.scalar, !recipe.isEmpty { argv += ["--recipe", recipe] }
        if let format = with["format"]?.scalar, !format.isEmpty { argv += ["--format", format] }
        argv += (with["args"]?.scalar ?? "").split(separator: " ").map(String.init)
        argv += (with["paths"]?.scalar ?? ".").split(separator: " ").map(String.init)
        return argv
    }

    static func value(of option: String, in words: [String]) -> String? {
        guard let i = words.firstIndex(of: option), i + 1 < words.count else { return nil }
        return words[i + 1]
    }
}

extension YAMLNode {
    /// A mapping of plain scalars, for a test's own input.
    static func mapping(_ pairs: KeyValuePairs<String, String>) -> YAMLNode {
        let yaml = pairs.map { "\($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        return try! YAMLReader.read(yaml, file: "test").first!.root
    }
}

