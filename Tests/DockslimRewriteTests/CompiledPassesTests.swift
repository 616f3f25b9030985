import DockslimRewrite
import DockerfileFacts
import XCTest

final class SplitBuilderAndRuntimeStagesTests: XCTestCase {
    let pass = try! SplitBuilderAndRuntimeStages(options: [:])

    func testGoBuildWithOutputFlag() {
        assertRewrite(pass, input: """
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go build -o /out/server ./cmd/server
        EXPOSE 8080
        CMD ["/out/server"]

        """, expected: """
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN go build -o /out/server ./cmd/server

        FROM golang:1.22
        WORKDIR /src
        COPY --from=build /out/server /out/server
        EXPOSE 8080
        CMD ["/out/server"]

        """, project: goApp(at: "cmd/server/main.go"))
    }

    func testToolchainEnvStaysAndProgramEnvMoves() {
        assertRewrite(pass, input: "FROM golang:1.22\nENV GOFLAGS=-mod=vendor APP_MODE=prod\nCOPY . /src\nWORKDIR /src\nRUN go build -o app .\nENV PORT=80 CGO_ENABLED=0\nCMD ./app\n",
                      expected: "FROM golang:1.22 AS build\nENV GOFLAGS=-mod=vendor APP_MODE=prod\nCOPY . /src\nWORKDIR /src\nRUN go build -o app .\n\nFROM golang:1.22\nWORKDIR /src\nCOPY --from=build /src/app /src/app\nENV APP_MODE=prod\nENV PORT=80\nCMD ./app\n",
                      project: goApp())
    }

    func testGoInstallIsCopiedOntoThePath() {
        assertRewrite(pass, input: "FROM golang:1.22\nCOPY . /x\nRUN cd /x && go install ./cmd/tool\nENTRYPOINT [\"tool\"]\n",
                      expected: "FROM golang:1.22 AS build\nCOPY . /x\nRUN cd /x && go install ./cmd/tool\n\nFROM golang:1.22\nWORKDIR /go\nCOPY --from=build /go/bin/tool /usr/local/bin/tool\nENTRYPOINT [\"tool\"]\n",
                      project: goApp(at: "cmd/tool/main.go"))
    }

    /// What the sources read goes along (templates, .env); keep= adds paths.
    func testFilesTheSourcesReadAndTheKeepOption() throws {
        let keep = try SplitBuilderAndRuntimeStages(options: ["keep": "migrations,/etc/app.yaml"])
        let main = "package main\n\nimport (\n\t\"html/template\"\n\t\"github.com/joho/godotenv\"\n)\n\nfunc main() {\n\tgodotenv.Load()\n\ttemplate.Must(template.ParseGlob(\"templates/*.html\"))\n}\n"
        assertRewrite(keep, input: "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\nCMD [\"/app/svc\"]\n",
                      expected: "FROM golang:1.22 AS build\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\n\nFROM golang:1.22\nWORKDIR /app\nCOPY --from=build /app/svc /app/svc\nCOPY --from=build /app/.env /app/.env\nCOPY --from=build /app/templates /app/templates\nCOPY --from=build /app/migrations /app/migrations\nCOPY --from=build /etc/app.yaml /etc/app.yaml\nCMD [\"/app/svc\"]\n",
                      project: project(["go.mod": "module x\n", "templates/": "", "templates/index.html": "", ".env": "A=1\n", "static/": "", "main.go": main]))
        XCTAssertThrowsError(try SplitBuilderAndRuntimeStages(options: ["keep": "../secret"]))
    }

    /// Without the sources, the runtime stage takes the app folder without what only builds the program.
    func testTheAppFolderWhenTheSourcesCannotSay() {
        assertRewrite(pass, input: "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\nCMD [\"/app/svc\"]\n",
                      expected: "# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\n\nFROM golang:1.22\nWORKDIR /app\nCOPY --from=build \\\n    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \\\n    --exclude=.git \\\n    /app /app\nCMD [\"/app/svc\"]\n")
        assertNotApplicable(pass, input: "# syntax=docker/dockerfile:1.4\nFROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\nCMD [\"/app/svc\"]\n",
                            reason: "pins the Dockerfile syntax 1.4")
    }

    func testCargoNameFromTheManifest() {
        assertRewrite(pass, input: "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/api\"]\n",
                      expected: "FROM rust:1.80 AS build\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\nFROM rust:1.80\nWORKDIR /app\nCOPY --from=build /app/target/release/api /app/target/release/api\nCMD [\"./target/release/api\"]\n",
                      project: project(["Cargo.toml": "[package]\nname = \"api\"\n", "src/": "", "src/main.rs": "fn main() {}\n"]))
    }

    func testCAndMakeByTheCommandsEvidence() {
        assertRewrite(pass, input: "FROM gcc:14\nWORKDIR /w\nCOPY . .\nRUN make\nCMD [\"./out/prog\"]\n",
                      expected: "FROM gcc:14 AS build\nWORKDIR /w\nCOPY . .\nRUN make\n\nFROM gcc:14\nWORKDIR /w\nCOPY --from=build /w/out/prog /w/out/prog\nCMD [\"./out/prog\"]\n",
                      project: project(["Makefile": "out/prog: main.c\n\tcc -o out/prog main.c\n", "main.c": "int main(void) { return 0; }\n"]))
    }

    /// A program the builder installs and the program runs stays in the builder: refused.
    func testProgramsTheProgramRuns() {
        let main = "package main\n\nimport \"os/exec\"\n\nfunc main() { exec.Command(\"ffprobe\", \"x\").Run() }\n"
        assertNotApplicable(pass, input: "FROM golang:1.22\nRUN apt-get update && apt-get install -y git\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\nCMD [\"/app/svc\"]\n",
                            reason: "runs ffprobe", project: project(["go.mod": "module x\n", "main.go": main]))
    }

    func testWhenTheProgramCannotBeIdentified() {
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . .\nRUN go build -o /a .\nCMD [\"/b\"]\n", reason: "runs /b, which is not what the build makes (/a)")
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . .\nRUN go build -o /a .\n", reason: "no CMD or ENTRYPOINT names the program")
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . .\nRUN go build ./...\nCMD [\"x\"]\n", reason: "cannot see which are programs")
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . .\nCMD [\"go\", \"run\", \".\"]\n", reason: "no RUN builds a program")
        assertNotApplicable(pass, input: "FROM mycompany/builder\nRUN go build -o /a .\nCMD [\"/a\"]\n", reason: "the folder the build runs in is not known")
    }

    func testWhatWouldBreakAtRunTime() {
        assertNotApplicable(pass, input: "FROM golang:1.22\nRUN apt-get update && apt-get install -y ffmpeg\nCOPY . /s\nRUN cd /s && go build -o /a .\nCMD [\"/a\"]\n", reason: "installs ffmpeg")
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . /s\nRUN cd /s && go build -o /a .\nRUN chmod +x /a\nCMD [\"/a\"]\n", reason: "RUN on line 4 comes after the build")
        assertNotApplicable(pass, input: "FROM golang:1.22\nRUN useradd app\nCOPY . /s\nRUN cd /s && go build -o /a .\nUSER app\nCMD [\"/a\"]\n", reason: "USER app is created by RUN on line 2")
        assertNotApplicable(pass, input: "FROM --platform=$BUILDPLATFORM golang:1.22\nCOPY . /s\nRUN cd /s && go build -o /a .\nCMD [\"/a\"]\n", reason: "cross-platform")
    }

    func testAlreadySplit() {
        let result = rewrite(pass, "FROM golang AS b\nRUN go build -o /a .\nFROM scratch\nCOPY --from=b /a /a\nCMD [\"/a\"]\n")
        XCTAssertFalse(result.changed)
        XCTAssertTrue(result.steps[0].alreadyDone)
    }
}

/// A Go module whose program reads and writes nothing.
func goApp(at path: String = "main.go") -> BuildContext {
    project(["go.mod": "module example.com/app\n\ngo 1.22\n", path: "package main\n\nfunc main() {}\n"])
}

final class SwapBaseImageTests: XCTestCase {
    let split = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM golang:1.22\nCOPY --from=build /out/app /out/app\n"

    func testStaticGoToEachTarget() throws {
        assertRewrite(try SwapBaseImage(options: ["to": "distroless"]), input: split + "CMD /out/app\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/static-debian13:nonroot\nCOPY") + "CMD [\"/out/app\"]\n", project: goApp())
        assertRewrite(try SwapBaseImage(options: ["to": "alpine"]), input: split + "CMD /out/app\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM alpine:3.24\nRUN apk add --no-cache ca-certificates tzdata\nCOPY") + "CMD /out/app\n", project: goApp())
        assertRewrite(try SwapBaseImage(options: ["to": "scratch"]), input: split + "CMD [\"/out/app\"]\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY") + "CMD [\"/out/app\"]\n", project: goApp())
        // A program that writes files, or sources not at hand, keeps the image's default user (root).
        assertRewrite(try SwapBaseImage(options: ["to": "distroless"]), input: split + "CMD /out/app\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/static-debian13:latest\nCOPY") + "CMD [\"/out/app\"]\n")
        let writer = project(["go.mod": "module x\n", "main.go": "package main\n\nimport \"os\"\n\nfunc main() { os.WriteFile(\"state.json\", nil, 0o600) }\n"])
        assertRewrite(try SwapBaseImage(options: ["to": "distroless"]), input: split + "CMD /out/app\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/static-debian13:latest\nCOPY") + "CMD [\"/out/app\"]\n", project: writer)
    }

    func testImageAndTagOptions() throws {
        assertRewrite(try SwapBaseImage(options: ["to": "distroless", "tag": "latest"]), input: split,
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/static-debian13:latest\nCOPY"))
        assertRewrite(try SwapBaseImage(options: ["to": "alpine", "tag": "3.23"]), input: split,
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM alpine:3.23\nRUN apk add --no-cache ca-certificates tzdata\nCOPY"))
        XCTAssertThrowsError(try SwapBaseImage(options: [:]))
        XCTAssertThrowsError(try SwapBaseImage(options: ["to": "busybox"]))
    }

    func testDynamicGoGoesToBaseAndRustToCC() throws {
        let dynamic = split.replacingOccurrences(of: "CGO_ENABLED=0 ", with: "")
        assertRewrite(try SwapBaseImage(options: ["to": "distroless"]), input: dynamic,
                      expected: dynamic.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/base-debian13:nonroot\nCOPY"), project: goApp())
        let rust = "FROM rust:1.80 AS build\nWORKDIR /a\nCOPY . .\nRUN cargo build --release --bin x\nFROM rust:1.80\nCOPY --from=build /a/target/release/x /x\n"
        assertRewrite(try SwapBaseImage(options: ["to": "distroless"]), input: rust,
                      expected: rust.replacingOccurrences(of: "FROM rust:1.80\nCOPY", with: "FROM gcr.io/distroless/cc-debian13:nonroot\nCOPY"),
                      project: project(["Cargo.toml": "[package]\nname = \"x\"\n", "src/main.rs": "fn main() {}\n"]))
    }

    func testWhatDoesNotFit() throws {
        let dynamic = split.replacingOccurrences(of: "CGO_ENABLED=0 ", with: "")
        assertNotApplicable(try SwapBaseImage(options: ["to": "alpine"]), input: dynamic, reason: "glibc-linked binary does not run on musl")
        assertNotApplicable(try SwapBaseImage(options: ["to": "scratch"]), input: dynamic, reason: "not static")
        let distroless = try SwapBaseImage(options: ["to": "distroless"])
        assertNotApplicable(distroless, input: split + "RUN mkdir /data\n", reason: "RUN on line 8 needs a shell")
        assertNotApplicable(distroless, input: split + "USER app\n", reason: "names the user app")
        assertNotApplicable(distroless, input: split + "CMD /out/app $FLAGS\n", reason: "CMD on line 8 needs a shell")
        assertNotApplicable(distroless, input: "FROM golang:1.22\nRUN go build -o /a .\nCMD [\"/a\"]\n", reason: "no runtime stage")
        assertNotApplicable(distroless, input: "FROM golang AS b\nRUN wget -O /a https://x\nFROM golang\nCOPY --from=b /a /a\n", reason: "how its program is linked is not known")
    }

    func testHealthchecksThatNeedAShellOrMissingTools() throws {
        let distroless = try SwapBaseImage(options: ["to": "distroless"])
        let out = rewrite(distroless, split + "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD [\"/out/app\", \"health\"]\n", project: goApp())
        XCTAssertEqual(String(decoding: out.output, as: UTF8.self), split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/static-debian13:nonroot\nCOPY") + "HEALTHCHECK CMD [\"/out/app\", \"health\"]\n")
        XCTAssertTrue(out.steps[0].edits.contains { $0.reason.contains("HEALTHCHECK on line 8 dropped: it runs curl through a shell") })
        let alpine = rewrite(try SwapBaseImage(options: ["to": "alpine"]), split + "HEALTHCHECK CMD wget -q -O- http://localhost/\n")
        XCTAssertTrue(String(decoding: alpine.output, as: UTF8.self).hasSuffix("HEALTHCHECK CMD wget -q -O- http://localhost/\n"), "busybox has wget")
    }

    func testASmallRuntimeIsKept() throws {
        let result = rewrite(try SwapBaseImage(options: ["to": "alpine"]), "FROM golang AS b\nRUN CGO_ENABLED=0 go build -o /a .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /a /a\n")
        XCTAssertFalse(result.changed)
        XCTAssertTrue(result.steps[0].alreadyDone)
    }
}

final class BuildStaticBinaryTests: XCTestCase {
    let pass = try! BuildStaticBinary(options: [:])

    func testGo() {
        assertRewrite(pass, input: "FROM golang:1.22\nRUN go mod download && go build -tags netgo -o /a .\n",
                      expected: "FROM golang:1.22\nRUN go mod download && CGO_ENABLED=0 go build -tags netgo -o /a .\n")
        assertRewrite(pass, input: "FROM golang:1.22\nRUN GOOS=linux go install ./cmd/x\n", expected: "FROM golang:1.22\nRUN GOOS=linux CGO_ENABLED=0 go install ./cmd/x\n")
    }

    func testCgoSigns() {
        assertNotApplicable(pass, input: "FROM golang:1.22\nRUN apt-get install -y gcc\nRUN go build -o /a .\n", reason: "installs gcc")
        assertNotApplicable(pass, input: "FROM golang:1.22\nRUN go build -tags sqlite -o /a .\n", reason: "build tags sqlite")
        assertNotApplicable(pass, input: "FROM golang:1.22\nENV CGO_ENABLED=1\nRUN go build -o /a .\n", reason: "CGO_ENABLED=1")
        assertNotApplicable(pass, input: "FROM golang:1.22\nRUN CGO_ENABLED=0 go build -o /a .\n", reason: "no go build")
    }

    func testCOnMuslOnly() {
        assertRewrite(pass, input: "FROM alpine:3.20\nRUN gcc -O2 -o /p p.c -lm\n", expected: "FROM alpine:3.20\nRUN gcc -O2 -static -o /p p.c -lm\n")
        assertNotApplicable(pass, input: "FROM gcc:14\nRUN gcc -o /p p.c\n", reason: "only against musl")
        assertNotApplicable(pass, input: "FROM alpine:3.20\nRUN gcc -o /p p.c -lcurl\n", reason: "it links curl")
        assertNotApplicable(pass, input: "FROM alpine:3.20\nRUN g++ -o /p p.cpp\n", reason: "static libstdc++")
    }

    func testRustIsLeftOnGlibc() {
        assertNotApplicable(pass, input: "FROM rust:1.80\nRUN cargo build --release\n", reason: "Rust stays linked to glibc")
    }
}

final class UseNonRootUserTests: XCTestCase {
    let pass = try! UseNonRootUser(options: [:])
    let split = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\n"

    func testAddsAUserBeforeTheCommand() {
        assertRewrite(pass, input: split + "FROM alpine:3.24\nCOPY --from=build /out/app /app\nCMD [\"/app\"]\n",
                      expected: split + "FROM alpine:3.24\nCOPY --from=build /out/app /app\nRUN adduser -D -u 10001 app\nUSER app\nCMD [\"/app\"]\n", project: goApp())
        assertRewrite(pass, input: split + "FROM scratch\nCOPY --from=build /out/app /app\n",
                      expected: split + "FROM scratch\nCOPY --from=build /out/app /app\nUSER 65532:65532\n", project: goApp())
        assertRewrite(pass, input: split + "FROM gcr.io/distroless/static-debian13\nCOPY --from=build /out/app /app\nUSER root\nENTRYPOINT [\"/app\"]\n",
                      expected: split + "FROM gcr.io/distroless/static-debian13\nCOPY --from=build /out/app /app\nUSER root\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n", project: goApp())
        // The official node images create the user node (uid 1000).
        let node = project(["package.json": "{\"main\": \"s.js\"}", "s.js": "console.log('hi')\n"])
        assertRewrite(pass, input: "FROM node:22\nCOPY . .\nCMD [\"node\", \"s.js\"]\n", expected: "FROM node:22\nCOPY . .\nUSER node\nCMD [\"node\", \"s.js\"]\n", project: node)
    }

    /// A user who cannot write what the program writes would break it.
    func testKeepsRootWhereTheProgramNeedsIt() {
        let writer = project(["package.json": "{}", "s.js": "const fs = require('fs')\nfs.writeFileSync('data.json', '{}')\n"])
        assertNotApplicable(pass, input: "FROM node:22\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"s.js\"]\n", reason: "writes /app/data.json", project: writer)
        assertNotApplicable(pass, input: split + "FROM scratch\nCOPY --from=build /out/app /app\n", reason: "build context is not at hand")
        assertNotApplicable(pass, input: split + "FROM scratch\nCOPY --from=build /out/app /app\nVOLUME /data\n", reason: "VOLUME on line 8", project: goApp())
        assertNotApplicable(pass, input: "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n", reason: "runs nginx, which starts as root")
        let action = project(["go.mod": "module x\n", "main.go": "package main\n\nfunc main() {}\n", "action.yml": "name: x\nruns:\n  using: 'docker'\n  image: Dockerfile\n"])
        assertNotApplicable(pass, input: split + "FROM scratch\nCOPY --from=build /out/app /app\n", reason: "GitHub Docker action", project: action)
        assertNotApplicable(pass, input: "FROM python:3.12\nCMD [\"python\"]\n", reason: "not known")
        // A Compose service that bind-mounts a host folder: its files belong to the host's user.
        let compose = project(["go.mod": "module x\n", "main.go": "package main\n\nfunc main() {}\n",
                               "compose.yaml": "services:\n  app:\n    build: .\n    volumes:\n      - ./data:/data\n"])
        assertNotApplicable(pass, input: split + "FROM scratch\nCOPY --from=build /out/app /app\n", reason: "compose service app mounts ./data at /data", project: compose)
    }

    /// A Compose service's own command meets the new image: distroless node runs node itself.
    func testComposeCommandsMeetTheNewImage() throws {
        let swap = try SwapBaseImage(options: ["to": "distroless"])
        let file = "FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm prune --omit=dev\n\nFROM node:22\nWORKDIR /app\nCOPY --from=build /app /app\nCMD [\"node\", \"server.js\"]\n"
        let app = ["package.json": "{}", "package-lock.json": "{}", "server.js": "console.log('up')\n"]
        assertNotApplicable(swap, input: file, reason: "compose service web (compose.yaml line 2) sets its own command",
                            project: project(app.merging(["compose.yaml": "services:\n  web:\n    build: .\n    command: node server.js --port 80\n"]) { $1 }))
        XCTAssertTrue(rewrite(swap, file, project: project(app)).changed)
    }

    func testAlreadyNonRoot() {
        assertNotApplicable(pass, input: "FROM gcr.io/distroless/static-debian13:nonroot\nCMD [\"/a\"]\n", reason: "runs as nonroot")
        assertNotApplicable(pass, input: "FROM alpine\nUSER 1000\nCMD [\"/a\"]\n", reason: "already runs as 1000")
    }

    func testLowPortsKeepRoot() {
        assertNotApplicable(pass, input: split + "FROM scratch\nCOPY --from=build /out/app /app\nEXPOSE 80 8080/tcp\n",
                            reason: "EXPOSE on line 8 names port 80", project: goApp())
        XCTAssertTrue(rewrite(pass, split + "FROM scratch\nCOPY --from=build /out/app /app\nEXPOSE 8080/tcp\n", project: goApp()).changed)
    }
}
