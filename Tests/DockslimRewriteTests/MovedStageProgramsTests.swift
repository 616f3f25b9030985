import BuiltinRecipes
import DockslimRewrite
import XCTest

/// A stage moved to a smaller image must still find every program it runs:
/// otherwise the recipe leaves the file alone and says which program.
final class MovedStageProgramsTests: XCTestCase {
    let runner = RecipeRunner(recipes: BuiltinRecipes.all)

    private func run(_ recipe: String, _ input: String, project: ProjectFacts? = nil) throws -> FileRewrite {
        let plan = try runner.plan(try XCTUnwrap(BuiltinRecipes.all.first { $0.id == recipe }))
        return runner.run(plan, on: Array(input.utf8), project: project)
    }

    private func assertSkipped(_ recipe: String, _ input: String, because reason: String, project: ProjectFacts? = nil,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try run(recipe, input, project: project)
        XCTAssertFalse(r.changed, String(decoding: r.output, as: UTF8.self), file: file, line: line)
        XCTAssertTrue(r.skipped?.contains(reason) == true, "skip reason: \(r.skipped ?? "none")", file: file, line: line)
    }

    func testToolsOfTheFullDebianImageAreNotOnAlpine() throws {
        // python:3.12 (buildpack-deps) has git and curl; python:3.12-alpine has neither.
        try assertSkipped("alpine", "FROM python:3.12\nRUN git clone https://example.com/x.git /app\nCMD [\"python\", \"/app/main.py\"]\n",
                          because: "RUN on line 2 runs git, which the new image does not have")
        try assertSkipped("alpine", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\nCMD [\"node\", \"index.js\"]\n",
                          because: "HEALTHCHECK on line 5 runs curl")
    }

    func testInstalledToolsAndBusyboxAppletsAreThere() throws {
        let r = try run("alpine", """
        FROM python:3.12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends git curl && rm -rf /var/lib/apt/lists/*
        RUN git clone https://example.com/x.git /app && wget -q -O /tmp/x https://example.com && tar -xf /tmp/x -C /srv
        RUN pip install --no-cache-dir -r /app/requirements.txt gunicorn
        HEALTHCHECK CMD wget -q -O- http://localhost:8000/ || exit 1
        CMD ["gunicorn", "app:app"]

        """)
        XCTAssertNil(r.skipped)
        XCTAssertTrue(String(decoding: r.output, as: UTF8.self).contains("FROM python:3.12-alpine\nRUN apk add --no-cache git curl\n"))
    }

    func testScriptsAreNotAssumedPortable() throws {
        try assertSkipped("alpine", "FROM debian:bookworm-slim\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n",
                          because: "runs the script /entrypoint.sh")
        try assertSkipped("alpine", "FROM debian:bookworm-slim\nCOPY setup.sh /tmp/\nRUN sh /tmp/setup.sh\n", because: "runs the script /tmp/setup.sh")
    }

    func testCopiedProgramsMustBeBuiltHereOrComeFromMuslImages() throws {
        // A program from the build context may be linked against glibc.
        try assertSkipped("alpine", "FROM debian:bookworm-slim\nCOPY bin/server /usr/local/bin/\nCMD [\"/usr/local/bin/other\"]\n",
                          because: "runs other, which the new image does not have")
        try assertSkipped("alpine", "FROM debian:bookworm-slim\nCOPY --from=example/tools:1 /usr/bin/tool /usr/bin/tool\nCMD [\"tool\"]\n",
                          because: "takes files from example/tools:1, whose programs may be linked against glibc")
        // Compiled in the stage: built against musl once the stage moves.
        let built = try run("alpine", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc make\nCOPY . /src\nRUN make -C /src install\nCMD [\"/usr/local/bin/tool\"]\n")
        XCTAssertTrue(built.changed, built.skipped ?? "")
    }

    func testSystemPipOnAlpineIsExternallyManaged() throws {
        try assertSkipped("alpine", "FROM fedora:40\nRUN dnf install -y python3 python3-pip\nRUN pip3 install flask\nCMD [\"python3\", \"-m\", \"flask\", \"run\"]\n",
                          because: "PEP 668")
        let venv = try run("alpine", "FROM fedora:40\nRUN dnf install -y python3\nRUN python3 -m venv /opt/venv && /opt/venv/bin/pip install flask\nCMD [\"/opt/venv/bin/flask\", \"run\"]\n")
        XCTAssertTrue(venv.changed, venv.skipped ?? "")
    }

    func testHereDocumentsAreReadForPackageCommands() throws {
        try assertSkipped("alpine", "# syntax=docker/dockerfile:1\nFROM debian:bookworm-slim\nRUN <<EOT\napt-get update\napt-get install -y curl\nEOT\nCMD [\"curl\"]\n",
                          because: "runs a here-document")
    }

    func testRuntimeMovesCheckTheHealthcheck() throws {
        let node = project(["package.json": #"{"scripts":{"build":"tsc"},"dependencies":{"express":"4"}}"#, "package-lock.json": "{}"])
        let file = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost:3000/\"]\nCMD [\"node\", \"dist/index.js\"]\n"
        // The split moved the HEALTHCHECK; the reason names its line in the user's file.
        try assertSkipped("node-alpine", file, because: "HEALTHCHECK on line 5 runs curl", project: node)
        // distroless has no curl either: the check is dropped, with a warning the user sees.
        let distroless = try run("node-distroless", file, project: node)
        XCTAssertTrue(distroless.changed, distroless.skipped ?? "")
        XCTAssertTrue(distroless.warnings.contains { $0.text.contains("`HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost:3000/\"]` dropped") }, "\(distroless.warnings)")
        let python = project(["requirements.txt": "flask\n"])
        try assertSkipped("python-slim", "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nCMD [\"gunicorn\", \"app:app\"]\n",
                          because: "runs curl, which the new image does not have", project: python)
    }

    func testWarningsAndRefusalsAreKeptApart() throws {
        let pinned = try run("translate-packages", "FROM alpine:3.20\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n")
        XCTAssertEqual(pinned.warnings.map(\.pass), ["translate-packages"])
        XCTAssertTrue(pinned.warnings[0].text.contains("version pins dropped"))
        XCTAssertTrue(pinned.declined.isEmpty)
        let ppa = try run("translate-packages", "FROM alpine:3.20\nRUN add-apt-repository ppa:x/y && apt-get install -y python3.12\n")
        XCTAssertFalse(ppa.changed)
        XCTAssertTrue(ppa.declined.first?.text.contains("add-apt-repository") == true, "\(ppa.declined)")
        XCTAssertTrue(ppa.warnings.isEmpty)
    }

    func testPackagePathsAndMusllessDependencies() throws {
        // Debian's tini is /usr/bin/tini; Alpine's package installs /sbin/tini.
        try assertSkipped("alpine", "FROM node:18-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*\nENTRYPOINT [\"/usr/bin/tini\", \"--\"]\nCMD [\"node\", \"server.js\"]\n",
                          because: "runs /usr/bin/tini, a path the new image's package may not use")
        try assertSkipped("alpine", "FROM python:3.12\nRUN pip install tensorflow\nCMD [\"python\", \"train.py\"]\n", because: "RUN on line 2 asks for tensorflow, which has no musllinux wheels")
        try assertSkipped("alpine", "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
                          because: "requirements.txt asks for torch", project: project(["requirements.txt": "numpy==2.1\ntorch>=2.4 ; python_version > '3.9'\n"]))
        try assertSkipped("alpine", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"index.js\"]\n",
                          because: "depends on bcrypt", project: project(["package.json": #"{"dependencies":{"bcrypt":"5"}}"#]))
    }

    func testNothingToMoveIsSaidFirst() throws {
        let r = try run("alpine", "FROM mcr.microsoft.com/devcontainers/base:bookworm\nRUN apt-get update && apt-get install -y curl\n")
        XCTAssertFalse(r.changed)
        XCTAssertTrue(r.skipped?.contains("(use-alpine-base: no stage is on a Debian, Ubuntu or Fedora-family image dockslim can move)") == true, r.skipped ?? "")
    }

    /// Found in real Dockerfiles (python-docs-samples, dataflow flex templates, opentelemetry-demo).
    func testPythonSplitsThatWouldLoseFiles() throws {
        let reqs = project(["requirements.txt": "flask\n"])
        // ENV names the folder: the runtime stage gets it as a literal path, and the sources with it.
        let env = try run("python-slim", "FROM python:3.12\nENV APP_HOME /app\nWORKDIR $APP_HOME\nCOPY . .\nRUN pip install Flask gunicorn\nCMD exec gunicorn main:app\n")
        let out = String(decoding: env.output, as: UTF8.self)
        XCTAssertTrue(out.contains("FROM python:3.12-slim\nWORKDIR /app\n"), out)
        XCTAssertTrue(out.contains("COPY --from=build /app /app\n"), out)
        // An ARG can change with --build-arg: the folder is not known.
        try assertSkipped("python-slim", "FROM python:3.12\nARG DIR=/srv\nWORKDIR ${DIR}/app\nCOPY . .\nRUN pip install flask\nCMD [\"python\", \"-m\", \"app\"]\n",
                          because: "to a folder dockslim cannot name")
        try assertSkipped("python-slim", "FROM python:3.12\nARG DIR=/srv\nWORKDIR $DIR\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD exec gunicorn main:app\n",
                          because: "WORKDIR on line 3 names its folder with a variable whose value is not known", project: reqs)
        try assertSkipped("python-slim", "FROM python:3.12-slim\nCOPY --from=apache/beam_python3.12_sdk:2.60.0 /opt/apache/beam /opt/apache/beam\nWORKDIR /template\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nENTRYPOINT [\"/opt/apache/beam/boot\"]\n",
                          because: "brings in files from apache/beam_python3.12_sdk:2.60.0", project: reqs)
        try assertSkipped("python-slim", "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\nCMD [\"python\", \"-m\", \"app\"]\n",
                          because: "editable mode")
        try assertSkipped("python-slim", "FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . /tests\nWORKDIR /tests\nCMD [\"python\", \"-m\", \"pytest\"]\n",
                          because: "(musl)", project: reqs)
    }

    func testSourceBuildsAgainstTheFullImagesLibrariesStayThere() throws {
        try assertSkipped("python-slim", "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n",
                          because: "requirements.txt asks for psycopg2, which pip builds against libpq from python:3.12",
                          project: project(["requirements.txt": "Django==5.1\npsycopg2==2.9.9\ngunicorn\n"]))
        // The binary wheel carries its own libpq.
        let binary = try run("python-slim", "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"gunicorn\", \"app:app\"]\n",
                             project: project(["requirements.txt": "Django==5.1\npsycopg2-binary==2.9.9\ngunicorn\n"]))
        XCTAssertTrue(binary.changed, binary.skipped ?? "")
    }

    /// An Alpine stage with nothing to translate does not make the file "done":
    /// every required step must have nothing to do.
    func testAlpineBuilderAndDebianRuntime() throws {
        let r = try run("alpine", "FROM node:22-alpine AS web\nWORKDIR /b\nCOPY web/ .\nRUN npm ci && npm run build\n\nFROM python:3.11-slim-bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\nCOPY --from=web /b/dist /app/dist\nCMD [\"python\", \"-m\", \"http.server\"]\n")
        XCTAssertNil(r.skipped)
        XCTAssertTrue(String(decoding: r.output, as: UTF8.self).contains("FROM python:3.11-alpine\nRUN apk add --no-cache git\n"))
    }

    /// awesome-compose's nginx-nodejs-redis: a builder already on Alpine keeps its
    /// exact image for the runtime, and npm 6 (node 14) prunes with --production.
    func testNodeBuilderOnAlpineKeepsItsImage() throws {
        let r = try run("node-alpine", "FROM node:14.17.3-alpine3.14\nWORKDIR /usr/src/app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY ./server.js ./\nCMD [\"npm\",\"start\"]\n",
                        project: project(["package.json": #"{"scripts":{"start":"node server.js"},"dependencies":{"express":"4"}}"#, "package-lock.json": "{}"]))
        let out = String(decoding: r.output, as: UTF8.self)
        XCTAssertTrue(out.contains("RUN npm prune --production\n"), out)
        XCTAssertTrue(out.contains("\nFROM node:14.17.3-alpine3.14\nWORKDIR /usr/src/app\n"), out)
        XCTAssertTrue(out.hasSuffix("CMD [\"node\", \"server.js\"]\n"), out)
    }

    /// Debian's www-data, daemon, bin… are not Alpine's: a USER or --chown must name
    /// root, nobody, a user the image creates on both, or one the Dockerfile creates.
    func testUsersAlpineMayNotHave() throws {
        try assertSkipped("alpine", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nUSER www-data\nCMD [\"curl\", \"--version\"]\n",
                          because: "USER on line 3 names www-data")
        try assertSkipped("alpine", "FROM nginx:1.27\nCOPY --chown=www-data:www-data site/ /usr/share/nginx/html/\n", because: "COPY on line 2 names www-data")
        let made = try run("alpine", "FROM debian:bookworm-slim\nRUN groupadd -r web && useradd -r -g web web\nCOPY --chown=web:web app/ /app/\nUSER web\nCMD [\"cat\", \"/app/index.html\"]\n")
        XCTAssertTrue(made.changed, made.skipped ?? "")
        let nginx = try run("alpine", "FROM nginx:1.27\nCOPY --chown=nginx:nginx site/ /usr/share/nginx/html/\n")
        XCTAssertTrue(nginx.changed, nginx.skipped ?? "")
    }
}
