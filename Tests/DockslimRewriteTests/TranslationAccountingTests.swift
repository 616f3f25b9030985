@testable import DockerfileFacts
import BuiltinRecipes
import DockerfileModel
@testable import DockslimRewrite
import Foundation
import XCTest

/// Every golden input of `alpine` and `translate-packages`: each command the
/// rewrite removed is accounted for (replaced by its apk or busybox
/// equivalent, or folded away with a note that names it), and every comment
/// line survives.
final class TranslationAccountingTests: XCTestCase {
    func testEveryRemovedCommandIsAccountedFor() throws {
        let runner = RecipeRunner(recipes: BuiltinRecipes.all)
        var checked = 0, changedFiles = 0
        for recipe in ["alpine", "translate-packages"] {
            let folder = GoldenRecipeTests.golden + "/" + recipe
            let plan = try runner.plan(XCTUnwrap(BuiltinRecipes.recipe(recipe)))
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                let input = Array(try XCTUnwrap(FileManager.default.contents(atPath: folder + "/" + name + "/Dockerfile")))
                let result = runner.run(plan, on: input, project: nil)
                guard result.changed else { continue }
                changedFiles += 1
                let notes = result.steps.flatMap(\.notes).joined(separator: "\n")
                let before = commands(input), after = commands(result.output)
                var remaining = after
                for c in before {
                    if let i = remaining.firstIndex(of: c) { remaining.remove(at: i); continue }
                    checked += 1
                    XCTAssertTrue(accounted(c, output: after, notes: notes), "\(recipe)/\(name): `\(c.joined(separator: " "))` was removed without an equivalent or a note")
                }
                XCTAssertEqual(commentLines(input), commentLines(result.output), "\(recipe)/\(name): a comment line was lost")
            }
        }
        if ProcessInfo.processInfo.environment["DOCKSLIM_PRINT_COUNTS"] == "1" { print("accounting: \(changedFiles) files, \(checked) removed commands") }
        XCTAssertGreaterThanOrEqual(changedFiles, 15)
        XCTAssertGreaterThanOrEqual(checked, 40)
    }

    /// The simple commands of every shell-form RUN, as words.
    private func commands(_ bytes: [UInt8]) -> [[String]] {
        Dockerfile(parsing: bytes).instructions.filter { $0.kind == .run }.flatMap { run -> [[String]] in
            guard case .shell(let text)? = run.command, let list = ShellCommandList.parse(text) else { return [] }
            return list.commands.map(\.texts)
        }
    }

    private func commentLines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: " \t") }.filter { $0.hasPrefix("#") }
    }

    private func accounted(_ c: [String], output: [[String]], notes: String) -> Bool {
        var words = Array(c.drop { $0.contains("=") && !$0.hasPrefix("-") })
        // A command behind sudo is translated behind it: `sudo apk add …`.
        let sudo = words.first == "sudo"
        if sudo { words = Array(words.dropFirst().drop { $0.hasPrefix("-") }) }
        guard let tool = words.first else { return false }
        let text = c.joined(separator: " ")
        let apk = output.map { sudo && $0.first == "sudo" ? Array($0.dropFirst().drop { $0.hasPrefix("-") }) : $0 }.filter { $0.first == "apk" }
        switch tool {
        case "apt-get", "apt", "yum", "dnf", "microdnf":
            let family: PackageTable.Family = tool.hasPrefix("apt") ? .apt : .rpm
            guard let sub = words.dropFirst().first(where: { !$0.hasPrefix("-") }) else { return false }
            switch sub {
            case "install", "remove", "purge":
                let verb = sub == "install" ? "add" : "del"
                let produced = Set(apk.filter { $0.dropFirst().first == verb }.flatMap { $0 })
                var i = words.firstIndex(of: sub)! + 1
                var ok = true
                while i < words.count {
                    let w = words[i]
                    i += 1
                    if w.hasPrefix("-") { if ["-o", "--setopt"].contains(w) { i += 1 }; continue }
                    var name = String(w.split(separator: "=").first ?? "")
                    name = String(name.split(separator: ":").first ?? "")
                    switch PackageTable.translate(name, family) {
                    case .packages(let names): ok = ok && names.allSatisfy(produced.contains)
                    case .drop: ok = ok && notes.contains(name)
                    case .unknown: ok = false
                    }
                }
                return ok
            case "upgrade", "dist-upgrade": return apk.contains { $0.starts(with: ["apk", "upgrade"]) }
            default: return notes.contains("folded away `\(text)`")
            }
        case "rm":
            return notes.contains("folded away `\(text)`") || notes.contains("from rm")
        case "useradd": return notes.contains("useradd becomes busybox adduser: `\(text)`") && output.contains { $0.first == "adduser" }
        case "groupadd": return notes.contains("groupadd becomes busybox addgroup: `\(text)`") && output.contains { $0.first == "addgroup" }
        default: return false
        }
    }
}
