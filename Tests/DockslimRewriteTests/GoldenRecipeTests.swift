import BuiltinRecipes
import DockerfileSyntax
import DockslimRewrite
import Foundation
import UnifiedDiff
import XCTest

/// `Golden/<recipe>/<case>/`: `Dockerfile`, `expected.Dockerfile`,
/// `expected.patch`, and any other files (the case folder is then the
/// project at hand). Checks the round trip, the output, the patch, that the
/// patch applies with `git apply`, and that a second run changes nothing.
/// Missing expected files are written; `DOCKSLIM_UPDATE_GOLDEN=1` rewrites them.
final class GoldenRecipeTests: XCTestCase {
    static let golden: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Golden"
    }()

    static let expectedNames: Set<String> = ["Dockerfile", "expected.Dockerfile", "expected.patch"]

    func testEveryRecipeCase() throws {
        let fm = FileManager.default
        let update = ProcessInfo.processInfo.environment["DOCKSLIM_UPDATE_GOLDEN"] == "1"
        let runner = RecipeRunner(recipes: BuiltinRecipes.all)
        var ran = 0
        for recipe in BuiltinRecipes.all {
            let folder = Self.golden + "/" + recipe.id
            let cases = (try? fm.contentsOfDirectory(atPath: folder))?.sorted() ?? []
            XCTAssertFalse(cases.isEmpty, "recipe \(recipe.id) has no golden case")
            let plan = try runner.plan(recipe)
            for name in cases {
                let dir = folder + "/" + name
                let input = try XCTUnwrap(fm.contents(atPath: dir + "/Dockerfile"), dir)
                let source = Array(input)
                XCTAssertEqual(Parser.parse(source).printed(), source, "\(recipe.id)/\(name): round trip")
                let project = try Self.facts(dir)
                let result = runner.run(plan, on: source, project: project)
                let patch = UnifiedPatch.patch(path: "Dockerfile", old: source, new: result.output)
                try check(dir + "/expected.Dockerfile", Data(result.output), update, "\(recipe.id)/\(name): output")
                try check(dir + "/expected.patch", Data(patch), update, "\(recipe.id)/\(name): patch")
                if !patch.isEmpty { try assertApplies(patch, to: input, expecting: Data(result.output), "\(recipe.id)/\(name)") }
                let again = runner.run(plan, on: result.output, project: project)
                XCTAssertFalse(again.changed, "\(recipe.id)/\(name): a second run changes the output")
                ran += 1
            }
        }
        XCTAssertGreaterThan(ran, 10)
    }

    /// The case folder as the project at hand, when it holds more than the Dockerfile.
    static func facts(_ dir: String) throws -> ProjectFacts? {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: dir).filter { !expectedNames.contains($0) }
        guard !names.isEmpty else { return nil }
        var files: Set<String> = ["Dockerfile"]
        var contents: [String: [UInt8]] = [:]
        for n in names {
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: dir + "/" + n, isDirectory: &isDir)
            if isDir.boolValue {
                files.insert(n + "/")
                for m in (try? fm.contentsOfDirectory(atPath: dir + "/" + n)) ?? [] { files.insert(n + "/" + m) }
            } else {
                files.insert(n)
                if ProjectFacts.isInteresting(n) { contents[n] = Array(fm.contents(atPath: dir + "/" + n) ?? Data()) }
            }
        }
        return ProjectFacts(files: files, contents: contents)
    }

    private func check(_ path: String, _ actual: Data, _ update: Bool, _ what: String) throws {
        if update || !FileManager.default.fileExists(atPath: path) {
            try actual.write(to: URL(fileURLWithPath: path))
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
