@testable import DockerfileFacts
import BuiltinRecipes
import DockerfileModel
import DockslimRewrite
import XCTest

/// Setup commands, the Dockerfile's own venv, and Node.js start commands
/// as the python-slim and node-alpine recipes carry them into the runtime stage.
final class AppSetupSplitTests: XCTestCase {
    let runner = RecipeRunner(recipes: BuiltinRecipes.all)

    private func run(_ recipe: String, _ input: String, _ files: [String: String] = [:]) throws -> FileRewrite {
        let plan = try runner.plan(try XCTUnwrap(BuiltinRecipes.all.first { $0.id == recipe }))
        let project = BuildContext(files: Set(files.keys), contents: files.mapValues { Array($0.utf8) })
        return runner.run(plan, on: Array(input.utf8), project: project)
    }

    private func text(_ r: FileRewrite) -> String { String(decoding: r.output, as: UTF8.self) }

    func testChmodInsideTheAppFolderStaysInTheBuilderAndTheFolderIsCopied() throws {
        let r = try run("python-slim", "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nRUN chmod 640 requirements.txt\nCMD [\"python\", \"-m\", \"http.server\"]\n",
                        ["requirements.txt": "flask\n"])
        XCTAssertTrue(text(r).contains("COPY --from=build /app /app\n"), text(r))
        XCTAssertEqual(text(r).components(separatedBy: "chmod").count, 2, text(r))
    }

    func testSystemSetupRunsAgainBeforeTheUser() throws {
        let r = try run("python-slim", "FROM python:3.12\nRUN useradd -m worker\nRUN mkdir /data && chown worker /data\nWORKDIR /app\nCOPY . .\nRUN pip install flask\nUSER worker\nCMD [\"python\", \"-m\", \"http.server\"]\n")
        XCTAssertTrue(text(r).contains("RUN useradd -m worker && mkdir /data && chown worker /data\nUSER worker\n"), text(r))
    }

    func testSetupOutsideTheAppFolderAsAnotherUserIsRefused() throws {
        let r = try run("node-alpine", "FROM node:20\nUSER node\nRUN mkdir -p /home/node/cache\nWORKDIR /home/node/app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"index.js\"]\n",
                        ["package.json": "{}", "index.js": "1"])
        XCTAssertFalse(r.changed)
        XCTAssertTrue(r.skipped?.contains("as node") == true, r.skipped ?? "none")
    }

    func testNpmStartWithoutAScriptRunsServerJs() throws {
        let r = try run("node-alpine", "FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\nCMD [\"npm\", \"start\"]\n",
                        ["package.json": "{\"name\":\"x\",\"dependencies\":{}}", "server.js": "require('http')", ".dockerignore": "node_modules\n"])
        XCTAssertTrue(text(r).contains("CMD [\"node\", \"server.js\"]"), text(r))
    }

    func testDevelopmentStartScriptIsRefusedWithTheTool() throws {
        let r = try run("node-alpine", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD [\"npm\", \"start\"]\n",
                        ["package.json": "{\"scripts\":{\"start\":\"ts-node src/index.ts\"}}"])
        XCTAssertFalse(r.changed)
        XCTAssertTrue(r.skipped?.contains("ts-node") == true, r.skipped ?? "none")
    }

    func testVenvPathsAreRead() {
        XCTAssertEqual(PythonBuild.venvPath(["python", "-m", "venv", "/venv"]), "/venv")
        XCTAssertEqual(PythonBuild.venvPath(["virtualenv", "/env"]), "/env")
        XCTAssertEqual(PythonBuild.venvPath(["uv", "venv"]), ".venv")
        XCTAssertNil(PythonBuild.venvPath(["pip", "install", "x"]))
    }
}
