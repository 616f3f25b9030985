@testable import DockerfileFacts
import BuiltinRecipes
import DockerfileSyntax
import DockslimRewrite
import Foundation
import UnifiedDiff
import XCTest

/// `Golden/<recipe>/<case>/`: `Dockerfile`, `expected.Dockerfile`,
/// `expected.patch`, `expected.outcome` (the file's outcome, its reason and
/// the warnings: what a user reads on stderr), and any other files (the
/// case folder is then the project at hand). Checks the round trip, the output, the outcome, the patch, that the
/// patch applies with `git apply`, and that a second run changes nothing.
/// A missing expected file fails the test (and is written for review); `DOCKSLIM_UPDATE_GOLDEN=1` rewrites them all.
final class GoldenRecipeTests: XCTestCase {
    static let golden: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Golden"
    }()

    static let expectedNames: Set<String> = ["Dockerfile", "expected.Dockerfile", "expected.patch", "expected.outcome", "options"]

    func testEveryRecipeCase() throws {
        let fm = FileManager.default
        let update = ProcessInfo.processInfo.environment["DOCKSLIM_UPDATE_GOLDEN"] == "1"
        let runner = RecipeRunner(recipes: BuiltinRecipes.all)
        var ran = 0
        for recipe in BuiltinRecipes.all {
            let folder = Self.golden + "/" + recipe.id
            let cases = (try? fm.contentsOfDirectory(atPath: folder))?.sorted() ?? []
            XCTAssertFalse(cases.isEmpty, "recipe \(recipe.id) has no golden case")
            let defaultPlan = try runner.plan(recipe)
            for name in cases {
                let dir = folder + "/" + name
                // An `options` file holds the case's `--option key=value` lines.
                let plan = try Self.options(dir).map { try runner.plan(recipe, overrides: $0) } ?? defaultPlan
                let input = try XCTUnwrap(fm.contents(atPath: dir + "/Dockerfile"), dir)
                let source = Array(input)
                XCTAssertEqual(Parser.parse(source).printed(), source, "\(recipe.id)/\(name): round trip")
                let project = try Self.facts(dir)
                let result = runner.run(plan, on: source, project: project)
                let patch = UnifiedPatch.patch(path: "Dockerfile", old: source, new: result.output)
                try check(dir + "/expected.Dockerfile", Data(result.output), update, "\(recipe.id)/\(name): output")
                try check(dir + "/expected.patch", Data(patch), update, "\(recipe.id)/\(name): patch")
                try check(dir + "/expected.outcome", Data(Self.outcome(result).utf8), update, "\(recipe.id)/\(name): outcome")
                if !patch.isEmpty { try assertApplies(patch, to: input, expecting: Data(result.output), "\(recipe.id)/\(name)") }
                let again = runner.run(plan, on: result.output, project: project)
                XCTAssertFalse(again.changed, "\(recipe.id)/\(name): a second run changes the output")
                ran += 1
            }
        }
        XCTAssertGreaterThan(ran, 10)
    }

    static func options(_ dir: String) -> [String: String]? {
        guard let text = try? String(contentsOfFile: dir + "/options", encoding: .utf8) else { return nil }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where line.contains("=") {
            let parts = line.split(separator: "=", maxSplits: 1)
            out[String(parts[0])] = String(parts[1])
        }
        return out
    }

    /// The outcome as a user reads it: what happened, why, and each warning.
    static func outcome(_ result: FileRewrite) -> String {
        var lines = ["outcome: \(result.outcome.name)"]
        if let reason = result.outcome.reason { lines.append("reason: \(reason)") }
        if let chosen = result.chosen { lines.append("chosen: \(chosen)") }
        lines += result.warnings.map { "warning: \($0.pass): \($0.text)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The case folder as the build context at hand, when it holds more
    /// than the Dockerfile: every path, and the files facts read, as the
    /// command line's scan phase gathers them.
    static func facts(_ dir: String) throws -> BuildContext? {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: dir).filter { !expectedNames.contains($0) }
        guard !names.isEmpty else { return nil }
        var files: Set<String> = []
        var contents: [String: [UInt8]] = [:]
        let walker = fm.enumerator(atPath: dir)
        while let relative = walker?.nextObject() as? String {
            if expectedNames.contains(relative) && relative != "Dockerfile" { continue }
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: dir + "/" + relative, isDirectory: &isDir)
            if isDir.boolValue {
                files.insert(relative + "/")
            } else {
                files.insert(relative)
                if BuildContext.isInteresting(relative) { contents[relative] = Array(fm.contents(atPath: dir + "/" + relative) ?? Data()) }
            }
        }
        return BuildContext(files: files, contents: contents)
    }

    private func check(_ path: String, _ actual: Data, _ update: Bool, _ what: String) throws {
        let missing = !FileManager.default.fileExists(atPath: path)
        if update || missing {
            try actual.write(to: URL(fileURLWithPath: path))
            if missing && !update { XCTFail("\(what): \(path) was missing (written now; commit it after reading it)") }
            return
        }
        let expected = try Data(contentsOf: URL(fileURLWithPath: path))
        if expected != actual {
            XCTFail("\(what) differs from \(path):\n\(String(decoding: actual, as: UTF8.self))")
        }
    }

    private func assertApplies(_ patch: [UInt8], to input: Data, expecting output: Data, _ what: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dockslim-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try input.write(to: dir.appendingPathComponent("Dockerfile"))
        try Data(patch).write(to: dir.appendingPathComponent("p.patch"))
        for args in [["git", "apply", "--check", "p.patch"], ["git", "apply", "p.patch"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = args
            p.currentDirectoryURL = dir
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "\(what): \(args.joined(separator: " ")) failed")
        }
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("Dockerfile")), output, "\(what): git apply gives another file")
    }
}
