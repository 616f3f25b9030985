@testable import DockerfileFacts
import BuiltinRecipes
import DockerfileModel
import DockslimRewrite
import XCTest

/// A stage moved to a smaller image must still find every program it runs:
/// otherwise the recipe leaves the file alone and says which program.
final class MovedStageProgramsTests: XCTestCase {
    let runner = RecipeRunner(recipes: BuiltinRecipes.all)

    private func run(_ recipe: String, _ input: String, project: BuildContext? = nil) throws -> FileRewrite {
        let plan = try runner.plan(try XCTUnwrap(BuiltinRecipes.all.first { $0.id == recipe }))
        return runner.run(plan, on: Array(input.utf8), project: project)
    }

    private func assertSkipped(_ recipe: String, _ input: String, because reason: String, project: BuildContext? = nil,
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
        // Compiled in the stage: Alpine's GCC and musl may not build it as Debian's did.
        try assertSkipped("alpine", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc make\nCOPY . /src\nRUN make -C /src install\nCMD [\"/usr/local/bin/tool\"]\n",
                          because: "RUN on line 4 compiles C or C++ (make)")
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
        let file = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost:3000/\"]\nCMD [\"node\", \"dist/index.js\"]\n"
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
        // An Alpine builder keeps its image: the environment's wheels are built for musl.
        let alpine = try run("python-slim", "FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . /tests\nWORKDIR /tests\nCMD [\"python\", \"-m\", \"pytest\"]\n", project: reqs)
        let alpineOut = String(decoding: alpine.output, as: UTF8.self)
        XCTAssertTrue(alpineOut.contains("\nFROM python:3.12-alpine\nWORKDIR /\n"), alpineOut)
        XCTAssertTrue(alpineOut.contains("COPY --from=build /opt/venv /opt/venv\n"), alpineOut)
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
    // MARK: Native code that cannot build or run on musl

    /// MorphoDesignExplorer/morphodb-go, stellviaproject/uadmin: golang's Alpine image
    /// has no C compiler, so go build turns cgo off and go-sqlite3 fails at run time.
    func testGoModulesThatNeedCgo() throws {
        let sqlite = project(["go.mod": "module example.com/notes\n\ngo 1.23\n\nrequire github.com/mattn/go-sqlite3 v1.14.24\n",
                              "main.go": "package main\n\nimport (\n\t\"database/sql\"\n\n\t_ \"github.com/mattn/go-sqlite3\"\n)\n\nfunc main() { db, _ := sql.Open(\"sqlite3\", \"notes.db\"); db.Ping() }\n"])
        let dockerfile = "FROM golang:1.23\nWORKDIR /app\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n"
        try assertSkipped("alpine", dockerfile, because: "github.com/mattn/go-sqlite3 (main.go:6) needs cgo", project: sqlite)
        // With a C compiler and musl's headers, cgo stays on and links musl.
        let withCompiler = try run("alpine", "FROM golang:1.23\nRUN apt-get update && apt-get install -y gcc\nWORKDIR /app\nCOPY . .\nRUN go build -o /server .\nCMD [\"/server\"]\n", project: sqlite)
        XCTAssertTrue(String(decoding: withCompiler.output, as: UTF8.self).contains("RUN apk add --no-cache gcc musl-dev\n"), withCompiler.skipped ?? "")
        // Built without cgo on purpose: the same program either way.
        let pure = try run("alpine", "FROM golang:1.23\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /server .\nCMD [\"/server\"]\n", project: sqlite)
        XCTAssertTrue(pure.changed, pure.skipped ?? "")
        // A module required only indirectly counts too (gorm's SQLite driver).
        try assertSkipped("alpine", dockerfile, because: "needs cgo", project: project([
            "go.mod": "module example.com/admin\n\ngo 1.21\n\nrequire (\n\tgithub.com/mattn/go-sqlite3 v1.14.16 // indirect\n)\n", "main.go": "package main\n\nfunc main() {}\n"]))
    }

    /// Seew0/MeetTuber: playwright-go downloads a glibc driver and browser when it starts.
    func testGoModulesThatNeedGlibc() throws {
        try assertSkipped("alpine", "FROM golang:1.20.4-bullseye\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app ./main.go\nCMD [\"app\"]\n",
                          because: "does not run on Alpine (musl)", project: project([
                            "go.mod": "module meet\n\ngo 1.20\n\nrequire github.com/playwright-community/playwright-go v0.3500.0\n",
                            "main.go": "package main\n\nimport \"github.com/playwright-community/playwright-go\"\n\nfunc main() { playwright.Install() }\n"]))
    }

    /// MostlyMax/site-to-rss, art-off/telegram-todo-bot…: rust:alpine has only gcc and
    /// musl-dev and links statically, so openssl-sys and a system SQLite need static packages.
    func testRustCratesThatLinkSystemLibraries() throws {
        let dockerfile = "FROM rust:1.82.0\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/fetch\"]\n"
        let reqwest = project(["Cargo.toml": "[package]\nname = \"fetch\"\nversion = \"0.1.0\"\n\n[dependencies]\nreqwest = \"0.12\"\n",
                               "Cargo.lock": "[[package]]\nname = \"fetch\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"openssl-sys\"\nversion = \"0.9.104\"\n",
                               "src/main.rs": "fn main() {}\n"])
        try assertSkipped("alpine", dockerfile, because: "needs `apk add --no-cache openssl-dev openssl-libs-static pkgconf` first", project: reqwest)
        // The headers Debian's build installed are not enough: the static archive is missing.
        try assertSkipped("alpine", "FROM rust:1.82.0\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y pkg-config libssl-dev\nRUN cargo build --release\n",
                          because: "openssl-libs-static", project: reqwest)
        // rustls needs no system library.
        let rustls = try run("alpine", dockerfile, project: project(["Cargo.toml": "[package]\nname = \"fetch\"\nversion = \"0.1.0\"\n\n[dependencies]\nreqwest = { version = \"0.12\", default-features = false, features = [\"rustls-tls\"] }\n",
                                                                   "Cargo.lock": "[[package]]\nname = \"rustls\"\nversion = \"0.23.0\"\n", "src/main.rs": "fn main() {}\n"]))
        XCTAssertTrue(rustls.changed, rustls.skipped ?? "")
        // sqlx picks native-tls by feature; libsqlite3-sys from Cargo.lock without bundled.
        try assertSkipped("alpine", dockerfile, because: "runtime-async-std-native-tls uses native-tls", project: project([
            "Cargo.toml": "[package]\nname = \"crab\"\nversion = \"0.1.0\"\n\n[dependencies]\nsqlx = { version = \"0.8\", features = [\"mysql\", \"runtime-async-std-native-tls\"] }\n"]))
        try assertSkipped("alpine", dockerfile, because: "it links libsqlite3", project: project([
            "Cargo.toml": "[package]\nname = \"todo\"\nversion = \"0.1.0\"\n\n[dependencies]\nrefinery = \"0.5\"\n",
            "Cargo.lock": "[[package]]\nname = \"libsqlite3-sys\"\nversion = \"0.20.1\"\n\n[[package]]\nname = \"rusqlite\"\nversion = \"0.24.2\"\ndependencies = [\n \"libsqlite3-sys\",\n]\n"]))
        // sqlx builds SQLite in.
        let sqlx = try run("alpine", dockerfile, project: project([
            "Cargo.toml": "[package]\nname = \"api\"\nversion = \"0.1.0\"\n\n[dependencies]\nsqlx = { version = \"0.7\", features = [\"sqlite\", \"runtime-tokio-rustls\"] }\n",
            "Cargo.lock": "[[package]]\nname = \"libsqlite3-sys\"\nversion = \"0.27.0\"\n\n[[package]]\nname = \"sqlx-sqlite\"\nversion = \"0.7.3\"\ndependencies = [\n \"libsqlite3-sys\",\n]\n"]))
        XCTAssertTrue(sqlx.changed, sqlx.skipped ?? "")
    }

    /// NationalLibraryOfNorway/dhlab-app-ner, Ashish-singha08/MLDeploy, ever-ton/fullcycle-django…:
    /// pins that PyPI has no musllinux wheel for, decided offline from the table.
    func testPythonPinsWithoutMusllinuxWheels() throws {
        let dockerfile = "FROM python:3.10-slim-bookworm\nWORKDIR /app\nCOPY . /app\nRUN pip3 install -r requirements.txt\nCMD [\"streamlit\", \"run\", \"app.py\"]\n"
        try assertSkipped("alpine", dockerfile, because: "requirements.txt:2 pins kiwisolver==1.4.4; its first musllinux wheel for CPython 3.10 is 1.4.5",
                          project: project(["requirements.txt": "altair==5.0.1\nkiwisolver==1.4.4\nstreamlit==1.25.0\n"]))
        let newer = try run("alpine", dockerfile, project: project(["requirements.txt": "altair==5.0.1\nkiwisolver==1.4.5\nnumpy>=1.26\n"]))
        XCTAssertTrue(newer.changed, newer.skipped ?? "")
        // No musllinux wheel at all.
        try assertSkipped("alpine", "FROM python:3.11\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
                          because: "scikit-learn==1.3.0, which has no musllinux wheel for CPython 3.11", project: project(["requirements.txt": "Flask\nscikit-learn==1.3.0\n"]))
        // makarovxtp/Fraud-Detection-ML: CRLF line endings, no pins.
        try assertSkipped("alpine", "FROM python:3.11\nWORKDIR /app\nCOPY . /app\nRUN apt-get update && pip install -r requirements.txt\nCMD [\"streamlit\", \"run\", \"app.py\"]",
                          because: "requirements.txt:5 asks for scikit-learn, which has no musllinux wheel", project: project(["requirements.txt": "pandas\r\nnumpy\r\nseaborn\r\nmatplotlib\r\nscikit-learn\r\nxgboost\r\n"]))
        // An upper bound below the first wheel.
        try assertSkipped("alpine", "FROM python:3.11-slim\nRUN pip install 'numpy<1.25'\nCMD [\"python\", \"-c\", \"import numpy\"]\n", because: "numpy below 1.25")
        // Python 3.8's newest numpy has no musllinux wheel.
        try assertSkipped("alpine", "FROM python:3.8-slim\nRUN pip install numpy\nCMD [\"python\", \"-c\", \"import numpy\"]\n", because: "asks for numpy, which has no musllinux wheel for CPython 3.8")
        // Old pip: python 3.8.3's image has pip 20.1.1, and Django 4 brings backports.zoneinfo on 3.8.
        try assertSkipped("alpine", "FROM python:3.8.3\nRUN pip install Django\nCMD [\"python\", \"manage.py\", \"runserver\"]\n",
                          because: "backports-zoneinfo (RUN on line 2 asks for it through Django")
        // A virtual package that installs mysqlclient.
        try assertSkipped("alpine", "FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD [\"uvicorn\", \"main:app\"]\n",
                          because: "mysqlclient", project: project(["requirements.txt": "fastapi[standard]\nmysql\n"]))
        // With a compiler installed first, the source build is the user's: a warning, not a refusal.
        let compiled = try run("alpine", "FROM python:3.11\nRUN apt-get update && apt-get install -y build-essential\nRUN pip install scikit-learn==1.3.0\nCMD [\"python\", \"app.py\"]\n")
        XCTAssertTrue(compiled.changed, compiled.skipped ?? "")
        XCTAssertTrue(compiled.steps.flatMap(\.notes).contains { $0.contains("scikit-learn") && $0.contains("installs a C compiler first") })
    }

    func testPythonPackagesThatNeedGlibc() throws {
        try assertSkipped("alpine", "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"scrape.py\"]\n",
                          because: "asks for playwright", project: project(["requirements.txt": "playwright==1.47.0\n", "scrape.py": "from playwright.sync_api import sync_playwright\n"]))
    }

    func testMusllinuxWheelTableDecisions() {
        let r = PythonMuslWheels.parse("pandas~=2.0.0", source: "requirements.txt:1", minor: "3.10")!
        XCTAssertEqual(r.name, "pandas")
        XCTAssertEqual(r.below?.version, "2.1")
        XCTAssertNotNil(PythonMuslWheels.missingWheel(r, minor: "3.10", oldPip: false))
        XCTAssertNil(PythonMuslWheels.missingWheel(PythonMuslWheels.parse("pandas>=2.1", source: "x", minor: "3.10")!, minor: "3.10", oldPip: false))
        XCTAssertNil(PythonMuslWheels.parse("backports.zoneinfo; python_version < \"3.9\"", source: "x", minor: "3.11"))
        // psycopg2-binary had musllinux wheels for 3.6 from 2.9.3, but not its last release for 3.6.
        let unpinned = PythonMuslWheels.parse("psycopg2-binary", source: "x", minor: "3.6")!
        XCTAssertTrue(PythonMuslWheels.missingWheel(unpinned, minor: "3.6", oldPip: false)?.contains("newest release for CPython 3.6 (2.9.8) has no musllinux wheel") == true)
        XCTAssertNil(PythonMuslWheels.missingWheel(PythonMuslWheels.parse("psycopg2-binary<2.9.6", source: "x", minor: "3.6")!, minor: "3.6", oldPip: false))
        XCTAssertTrue(PythonMuslWheels.hasOldPip(minor: "3.8", patch: 3))
        XCTAssertFalse(PythonMuslWheels.hasOldPip(minor: "3.8", patch: 12))
        XCTAssertFalse(PythonMuslWheels.hasOldPip(minor: "3.11", patch: nil))
        XCTAssertTrue(PythonMuslWheels.less("1.4.9", "1.4.10"))
        XCTAssertFalse(PythonMuslWheels.less("1.1.3.post0", "1.1.3"))
        // Upgrading pip on its own first gives the new pip the rest.
        let chain = Dockerfile(parsing: Array("FROM python:3.8.3\nRUN pip install --upgrade pip\nRUN pip install greenlet==1.1.2\n".utf8)).stages
        XCTAssertNil(PythonMuslWheels.check(chain, image: ImageReference("python:3.8.3")!, project: nil).refusal)
    }

    /// Packages that download glibc browsers or bring native addons with them.
    func testNodePackagesWithoutMuslBuilds() throws {
        let dockerfile = "FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\nCMD [\"node\", \"index.js\"]\n"
        try assertSkipped("alpine", dockerfile, because: "does not run on Alpine (musl)", project: project(["package.json": #"{"dependencies":{"puppeteer":"^23.0.0"}}"#]))
        try assertSkipped("alpine", dockerfile, because: "gulp-sass before 5 depends on node-sass", project: project(["package.json": #"{"devDependencies":{"gulp":"^3.9.1","gulp-sass":"^3.1.0"}}"#]))
        let sass5 = try run("alpine", dockerfile, project: project(["package.json": #"{"devDependencies":{"gulp-sass":"^5.1.0","sass":"^1.77.0"}}"#]))
        XCTAssertTrue(sass5.changed, sass5.skipped ?? "")
        // instana/robot-shop: optional native addons npm skips; a warning says what is lost.
        let instana = try run("alpine", "FROM node:14\nENV INSTANA_AUTO_PROFILE true\nWORKDIR /opt/server\nCOPY package.json /opt/server/\nRUN npm install\nCOPY server.js /opt/server/\nCMD [\"node\", \"server.js\"]\n",
                              project: project(["package.json": #"{"dependencies":{"express":"^4.15.4","@instana/collector":"^1.132.2"}}"#, "server.js": "require('@instana/collector')();\n"]))
        XCTAssertTrue(instana.changed, instana.skipped ?? "")
        XCTAssertTrue(instana.steps.flatMap(\.notes).contains { $0.contains("@instana/autoprofile") })
    }

    // MARK: Programs the image runs that Alpine lacks

    /// kotarou1192/blog_api: CMD runs sbin/web, a #!/bin/bash script the scan does not read.
    func testStartedFileFromTheContextIsNotAssumedPortable() throws {
        let files = project(["requirements.txt": "flask\n", "sbin/web": "", "app.py": "print(1)\n"])
        try assertSkipped("alpine", "FROM python:3.12\nWORKDIR /usr/src/app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [ \"/usr/src/app/sbin/web\" ]\n",
                          because: "runs /usr/src/app/sbin/web, copied from the build context (sbin/web), which dockslim does not read",
                          project: BuildContext(files: files.files, contents: files.contents.filter { $0.key != "sbin/web" }))
        // A script it reads: bash from its first line.
        let bash = try run("alpine", "FROM python:3.12-slim\nWORKDIR /srv\nCOPY bin/start /srv/bin/start\nENTRYPOINT [\"./bin/start\"]\n",
                           project: project(["bin/start": "#!/usr/bin/env bash\nexec python -m http.server\n"]))
        XCTAssertTrue(String(decoding: bash.output, as: UTF8.self).contains("COPY bin/start /srv/bin/start\nRUN apk add --no-cache bash\nENTRYPOINT [\"./bin/start\"]\n"), bash.skipped ?? "")
        let sh = try run("alpine", "FROM python:3.12-slim\nWORKDIR /srv\nCOPY bin/start /srv/bin/start\nENTRYPOINT [\"./bin/start\"]\n",
                         project: project(["bin/start": "#!/bin/sh\nexec python -m http.server\n"]))
        XCTAssertEqual(String(decoding: sh.output, as: UTF8.self), "FROM python:3.12-alpine\nWORKDIR /srv\nCOPY bin/start /srv/bin/start\nENTRYPOINT [\"./bin/start\"]\n")
    }

    /// Araon/Hydra's worker runs whatever a task names: Alpine's busybox may lack it.
    func testProgramsNamedAtRunTimeAreRefused() throws {
        let r = try run("alpine", "FROM golang:1.20\nWORKDIR /app\nCOPY . .\nRUN go build -o worker .\nCMD [\"./worker\"]\n", project: project([
            "go.mod": "module worker\n\ngo 1.20\n",
            "worker.go": "package main\n\nimport \"os/exec\"\n\ntype Task struct{ Command string }\n\nfunc run(t Task) error {\n\treturn exec.Command(t.Command).Run()\n}\n\nfunc main() { run(Task{}) }\n"]))
        XCTAssertFalse(r.changed)
        XCTAssertTrue(r.skipped?.contains("runs commands it names at run time (worker.go:8)") == true, r.skipped ?? "")
    }
}

/// A language recipe says "not this language" for another language's build, even one it could not split.
final class OtherLanguageBuildsTests: XCTestCase {
    func testAGoBuildThatCannotSplitIsNotARustRecipesRefusal() throws {
        let plan = try RecipeRunner(recipes: BuiltinRecipes.all).plan(XCTUnwrap(BuiltinRecipes.all.first { $0.id == "rust-distroless" }))
        let go = "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go install ./cmd/...\nCMD [\"server\"]\n"
        let result = RecipeRunner(recipes: BuiltinRecipes.all).run(plan, on: Array(go.utf8), project: nil)
        XCTAssertEqual(result.outcome.name, "not-applicable", result.outcome.reason ?? "")
        XCTAssertTrue(result.outcome.reason?.contains("it builds go, and this recipe is for rust") == true, result.outcome.reason ?? "")
    }
}
