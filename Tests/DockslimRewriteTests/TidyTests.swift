import BuiltinRecipes
import DockslimRewrite
import Foundation
import XCTest

/// The project's rules for passes and recipes, checked.
final class TidyTests: XCTestCase {
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    func testEveryPassFileDocumentsBeforeAndAfterAndIsRegistered() throws {
        let folder = Self.root + "/Sources/DockslimRewrite/Passes"
        let registered = Set(PassRegistry.all.map { String(describing: $0) })
        var passFiles = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            guard text.contains(": RewritePass {") else { continue }
            passFiles += 1
            let type = String(file.dropLast(".swift".count))
            XCTAssertTrue(text.contains("public struct \(type): RewritePass"), "\(file): the file is named after its pass type")
            XCTAssertTrue(text.contains("/// ## Before") && text.contains("/// ## After"), "\(file): no ## Before / ## After doc comment")
            XCTAssertTrue(registered.contains(type), "\(type) is not in PassRegistry.all")
        }
        XCTAssertEqual(passFiles, PassRegistry.all.count, "PassRegistry lists a pass with no file of its own")
    }

    func testPassAndRecipeIdsAreKebabCaseAndUnique() {
        let passIDs = PassRegistry.all.map { $0.id }
        XCTAssertEqual(Set(passIDs).count, passIDs.count)
        XCTAssertTrue(passIDs.allSatisfy(Recipe.isValidID))
        let recipeIDs = BuiltinRecipes.all.map(\.id)
        XCTAssertEqual(Set(recipeIDs).count, recipeIDs.count)
        XCTAssertTrue(recipeIDs.allSatisfy(Recipe.isValidID))
    }

    func testEveryBuiltinRecipePlansAndHasAGoldenCase() throws {
        let runner = RecipeRunner(recipes: BuiltinRecipes.all)
        for recipe in BuiltinRecipes.all {
            XCTAssertFalse(try runner.plan(recipe).isEmpty)
            let cases = (try? FileManager.default.contentsOfDirectory(atPath: Self.root + "/Golden/" + recipe.id)) ?? []
            XCTAssertFalse(cases.isEmpty, "recipe \(recipe.id) has no golden case")
        }
    }

    func testEveryPassIsUsedByABuiltinRecipe() {
        let used = Set(BuiltinRecipes.all.flatMap { $0.steps }.compactMap { step -> String? in
            if case .pass(let id, _, _) = step { return id } else { return nil }
        })
        for pass in PassRegistry.all { XCTAssertTrue(used.contains(pass.id), "\(pass.id) is in no builtin recipe, so it has no golden case") }
    }

    func testEveryRecipeFileIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/Recipes").filter { $0.hasSuffix(".swift") && $0 != "BuiltinRecipes.swift" }
        XCTAssertEqual(files.count, BuiltinRecipes.all.count, "one file per builtin recipe, each listed in BuiltinRecipes.all")
    }
}

final class RecipeTests: XCTestCase {
    func testUserRecipeJSON() throws {
        let recipe = try Recipe.decode(Array(#"{"id": "my-recipe", "summary": "both", "steps": [{"pass": "use-exec-form"}, {"recipe": "hoist-manifests"}]}"#.utf8))
        XCTAssertEqual(recipe.steps, [.pass("use-exec-form"), .recipe("hoist-manifests")])
        let plan = try RecipeRunner(recipes: BuiltinRecipes.all).plan(recipe)
        XCTAssertEqual(plan.map(\.id), ["use-exec-form", "hoist-manifests"])
    }

    func testRecipeErrors() {
        func error(_ json: String, recipes: [Recipe] = BuiltinRecipes.all) -> String {
            do {
                let r = try Recipe.decode(Array(json.utf8))
                _ = try RecipeRunner(recipes: recipes + [r]).plan(r)
                return ""
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(error(#"{"id": "Bad_Id", "summary": "", "steps": [{"pass": "use-exec-form"}]}"#).contains("kebab-case"))
        XCTAssertTrue(error(#"{"id": "x", "summary": "", "steps": []}"#).contains("no steps"))
        XCTAssertTrue(error(#"{"id": "x", "summary": "", "steps": [{"pass": "nope"}]}"#).contains("unknown pass 'nope'"))
        XCTAssertTrue(error(#"{"id": "x", "summary": "", "steps": [{"recipe": "nope"}]}"#).contains("unknown recipe 'nope'"))
        XCTAssertTrue(error(#"{"id": "x", "summary": "", "steps": [{"recipe": "x"}]}"#).contains("includes itself"))
        XCTAssertTrue(error(#"{"id": "x", "summary": "", "steps": [{"pass": "use-exec-form", "options": {"a": "b"}}]}"#).contains("has no option 'a'"))
        XCTAssertTrue(error(#"{"id": "x", "steps": []}"#).contains("missing \"summary\""))
        XCTAssertTrue(error("not json").contains("not a recipe"))
    }

    func testARecipeThatMakesTheFileWorseIsUndone() throws {
        // A pass whose edit would break the file: the runner refuses it.
        struct Breaker: RewritePass {
            static let id = "breaker"
            static let summary = "breaks things"
            init(options: [String: String]) throws(RecipeError) {}
            func apply(to file: FileContext) -> PassResult {
                var e = file.editor()
                e.replace(file.tree.root.childNodes[0].firstToken, with: "ENV X", reason: "test")
                return .applied(edits: e.edits, notes: PassNotes())
            }
        }
        let result = RecipeRunner(recipes: []).run([.init(try Breaker(options: [:]))], on: Array("FROM a\n".utf8), project: nil)
        XCTAssertFalse(result.changed)
        XCTAssertTrue(result.steps[0].notes.contains { $0.contains("not applied: the edit would introduce an error") })
    }

    func testAFileBuildKitRejectsIsSkipped() {
        let result = RecipeRunner(recipes: []).run([.init(try! UseExecForm(options: [:]))], on: Array("FROM a\nRUN <<EOF\n".utf8), project: nil)
        XCTAssertFalse(result.changed)
        XCTAssertEqual(result.skipped?.hasPrefix("BuildKit rejects this file"), true)
    }
}
