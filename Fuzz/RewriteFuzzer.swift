// A libFuzzer target for the recipes: every builtin recipe must run over any
// bytes without a trap, and what it writes must print back byte for byte and
// be left alone by a second run of the same recipe's required steps' checks.
//
// Built and run by `scripts/fuzz SECONDS rewrite` (swiftc -sanitize=fuzzer,address).
import DockerfileFacts
import BuiltinRecipes
import DockerfileModel
import DockerfileSyntax
import DockslimRewrite

/// A project folder as passes see it: manifests for each language, so the
/// Node.js, Python and Java paths run too.
private let project = BuildContext(
    files: ["Dockerfile", "package.json", "package-lock.json", "requirements.txt", "pom.xml", "go.mod", "src/", "app/"],
    contents: ["package.json": Array(#"{"scripts":{"build":"tsc","start":"node dist/index.js"},"dependencies":{"express":"4"}}"#.utf8),
               "requirements.txt": Array("flask\ngunicorn\n".utf8),
               "pom.xml": Array("<project><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>".utf8)]
)

private let runner = RecipeRunner(recipes: BuiltinRecipes.all)
private let plans: [[RecipeRunner.PlannedPass]] = BuiltinRecipes.all.compactMap { try? runner.plan($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parsed = Dockerfile(tree: Parser.parse(bytes))
    for (k, plan) in plans.enumerated() {
        let result = runner.run(plan, on: bytes, project: k % 2 == 0 ? project : nil, parsed: parsed)
        guard result.changed else { continue }
        if Parser.parse(result.output).printed() != result.output { fatalError("recipe \(k): the output does not print back") }
        if result.skipped != nil { fatalError("recipe \(k): a skipped file changed") }
        _ = runner.run(plan, on: result.output, project: k % 2 == 0 ? project : nil)
    }
    return 0
}
