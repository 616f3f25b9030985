import BuiltinRecipes
import DockerfileModel
import DockerfileSyntax
import Foundation
import XCTest

/// Over every golden case of the compiled-language recipes that changes its
/// file: the final stage holds no compiler, package cache or source tree,
/// and keeps the original's CMD/ENTRYPOINT, EXPOSE, ENV (minus the
/// toolchain's), USER and WORKDIR.
final class CompiledRecipeInvariantTests: XCTestCase {
    static let recipes = ["go-distroless", "go-alpine", "go-scratch", "rust-distroless", "rust-alpine", "c-distroless", "c-alpine"]
    static let toolchainEnv: Set<String> = ["GOPATH", "GOFLAGS", "CGO_ENABLED", "GOPRIVATE", "RUSTFLAGS", "CC", "CARGO_TERM_COLOR"]

    func testFinalStagesOfEverySplit() throws {
        let fm = FileManager.default
        var checked = 0
        for recipe in Self.recipes {
            let folder = GoldenRecipeTests.golden + "/" + recipe
            for name in try fm.contentsOfDirectory(atPath: folder).sorted() {
                let dir = folder + "/" + name
                guard let input = fm.contents(atPath: dir + "/Dockerfile"), let output = fm.contents(atPath: dir + "/expected.Dockerfile"),
                      input != output else { continue }
                let before = Dockerfile(parsing: Array(input)), after = Dockerfile(parsing: Array(output))
                guard before.stages.count == 1, let original = before.stages.first, let final = after.stages.last else { continue }
                let what = "\(recipe)/\(name)"
                checked += 1
                // A slim base, no toolchain.
                switch final.base {
                case .scratch: break
                case .image(let ref):
                    XCTAssertTrue(ref.repository.hasPrefix("distroless/") || ref.name == "alpine" || ["cgr.dev", "dhi.io"].contains(ref.registry ?? ""), "\(what): final base \(ref.original)")
                default: XCTFail("\(what): final base \(final.baseText)")
                }
                // No RUN but the runtime packages and the user; no copy of the context or of a whole build folder.
                for i in final.instructions where i.kind == .run {
                    let text = i.original
                    XCTAssertTrue(text.contains("apk add --no-cache ca-certificates tzdata") || text.contains("adduser -D"), "\(what): \(text)")
                }
                for i in final.instructions where i.kind == .copy {
                    // A COPY from the context that came after the build stays where the user wrote it.
                    let kept = original.instructions.contains { $0.kind == .copy && $0.original == i.original }
                    XCTAssertTrue(i.flag("from") != nil || kept, "\(what): \(i.original) copies from the context")
                    // A whole folder only without the language's sources (the app folder, when the sources cannot say what the program reads).
                    let source = i.argumentStrings.first ?? ""
                    let excludesSources = i.flags.contains { $0.name == "exclude" && ["**/*.go", "**/*.rs", "**/*.c"].contains($0.value ?? "") }
                    XCTAssertTrue(excludesSources || !["/src", "/app", "/go", "/build", "/usr/src/app", "/"].contains(source), "\(what): \(i.original) copies a source tree")
                }
                // The configuration is kept.
                func words(_ i: Instruction?) -> [String] {
                    guard let i else { return [] }
                    switch i.command {
                    case .exec(let w)?: return w
                    case .shell(let s)?: return s.split(separator: " ").map(String.init)
                    default: return []
                    }
                }
                for kind in [InstructionKind.cmd, .entrypoint] {
                    let was = words(original.instructions.last { $0.kind == kind }), now = words(final.instructions.last { $0.kind == kind })
                    if Array(was.prefix(2)) == ["cargo", "run"] {
                        // `cargo run` becomes the binary the build made, with the program's own arguments.
                        XCTAssertTrue(now.first?.contains("/target/") == true, "\(what): \(kind) \(now)")
                        continue
                    }
                    XCTAssertEqual(now, was, "\(what): \(kind)")
                }
                XCTAssertEqual(final.instructions.filter { $0.kind == .expose }.flatMap(\.argumentStrings),
                               original.instructions.filter { $0.kind == .expose }.flatMap(\.argumentStrings), "\(what): EXPOSE")
                let env = { (s: Stage) in s.instructions.filter { $0.kind == .env }.flatMap(\.keyValues).filter { !Self.toolchainEnv.contains($0.name) }.map { "\($0.name)=\($0.valueString ?? "")" } }
                XCTAssertEqual(env(final), env(original), "\(what): ENV")
                if let user = original.instructions.last(where: { $0.kind == .user }) {
                    XCTAssertEqual(final.instructions.last { $0.kind == .user }?.argumentStrings, user.argumentStrings, "\(what): USER")
                }
                let workdir = { (s: Stage) in s.instructions.last { $0.kind == .workdir }?.argumentStrings }
                if let w = workdir(original) { XCTAssertEqual(workdir(final), w, "\(what): WORKDIR") }
            }
        }
        XCTAssertGreaterThan(checked, 40)
    }
}
