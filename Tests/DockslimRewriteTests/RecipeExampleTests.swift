import BuiltinRecipes
import DockslimRewrite
import Foundation
import XCTest

/// The example user recipe in `Recipes/examples/` decodes, plans, and does
/// what its summary says on a golden input.
final class RecipeExampleTests: XCTestCase {
    func testTeamJavaExample() throws {
        let root = GoldenRecipeTests.golden.dropLast("/Golden".count)
        let data = try XCTUnwrap(FileManager.default.contents(atPath: root + "/Recipes/examples/team-java.json"))
        let recipe = try Recipe.decode(Array(data))
        let runner = RecipeRunner(recipes: BuiltinRecipes.all + [recipe])
        let plan = try runner.plan(recipe)
        XCTAssertEqual(plan.map(\.id), ["use-cache-mounts", "hoist-manifests", "split-stages", "swap-base", "use-exec-form"])
        let dir = GoldenRecipeTests.golden + "/java-distroless/spring-boot-maven"
        let input = Array(try XCTUnwrap(FileManager.default.contents(atPath: dir + "/Dockerfile")))
        let out = String(decoding: runner.run(plan, on: input, project: try GoldenRecipeTests.facts(dir)).output, as: UTF8.self)
        XCTAssertTrue(out.contains("FROM gcr.io/distroless/java21-debian13:debug-nonroot\n"), out)
        XCTAssertTrue(out.contains("RUN --mount=type=cache,target=/root/.m2/repository mvn -B package -DskipTests\n"), out)
        XCTAssertTrue(out.hasPrefix("# syntax=docker/dockerfile:1\n"), out)
    }
}
