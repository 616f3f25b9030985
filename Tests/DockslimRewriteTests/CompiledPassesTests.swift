import DockslimRewrite
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

        """)
    }

    func testToolchainEnvStaysAndProgramEnvMoves() {
        assertRewrite(pass, input: "FROM golang:1.22\nENV GOFLAGS=-mod=vendor APP_MODE=prod\nCOPY . /src\nWORKDIR /src\nRUN go build -o app .\nENV PORT=80 CGO_ENABLED=0\nCMD ./app\n",
                      expected: "FROM golang:1.22 AS build\nENV GOFLAGS=-mod=vendor APP_MODE=prod\nCOPY . /src\nWORKDIR /src\nRUN go build -o app .\n\nFROM golang:1.22\nWORKDIR /src\nCOPY --from=build /src/app /src/app\nENV APP_MODE=prod\nENV PORT=80\nCMD ./app\n")
    }

    func testGoInstallIsCopiedOntoThePath() {
        assertRewrite(pass, input: "FROM golang:1.22\nCOPY . /x\nRUN cd /x && go install ./cmd/tool\nENTRYPOINT [\"tool\"]\n",
                      expected: "FROM golang:1.22 AS build\nCOPY . /x\nRUN cd /x && go install ./cmd/tool\n\nFROM golang:1.22\nWORKDIR /go\nCOPY --from=build /go/bin/tool /usr/local/bin/tool\nENTRYPOINT [\"tool\"]\n")
    }

    func testKeepOptionAndRuntimeFoldersAtHand() throws {
        let keep = try SplitBuilderAndRuntimeStages(options: ["keep": "migrations,/etc/app.yaml"])
        assertRewrite(keep, input: "FROM golang:1.22\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\nCMD [\"/app/svc\"]\n",
                      expected: "FROM golang:1.22 AS build\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/svc .\n\nFROM golang:1.22\nWORKDIR /app\nCOPY --from=build /app/svc /app/svc\nCOPY --from=build /app/templates /app/templates\nCOPY --from=build /app/migrations /app/migrations\nCOPY --from=build /etc/app.yaml /etc/app.yaml\nCMD [\"/app/svc\"]\n",
                      project: project(["go.mod": "module x\n", "templates/": "", "main.go": ""]))
        XCTAssertThrowsError(try SplitBuilderAndRuntimeStages(options: ["keep": "../secret"]))
    }

    func testCargoNameFromTheManifest() {
        assertRewrite(pass, input: "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/api\"]\n",
                      expected: "FROM rust:1.80 AS build\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\nFROM rust:1.80\nWORKDIR /app\nCOPY --from=build /app/target/release/api /app/target/release/api\nCMD [\"./target/release/api\"]\n",
                      project: project(["Cargo.toml": "[package]\nname = \"api\"\n"]))
    }

    func testCAndMakeByTheCommandsEvidence() {
        assertRewrite(pass, input: "FROM gcc:14\nWORKDIR /w\nCOPY . .\nRUN make\nCMD [\"./out/prog\"]\n",
                      expected: "FROM gcc:14 AS build\nWORKDIR /w\nCOPY . .\nRUN make\n\nFROM gcc:14\nWORKDIR /w\nCOPY --from=build /w/out/prog /w/out/prog\nCMD [\"./out/prog\"]\n")
    }

    func testWhenTheProgramCannotBeIdentified() {
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . .\nRUN go build -o /a .\nCMD [\"/b\"]\n", reason: "runs /b, which is not what the build makes (/a)")
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . .\nRUN go build -o /a .\n", reason: "no CMD or ENTRYPOINT names the program")
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY . .\nRUN go build ./...\nCMD [\"x\"]\n", reason: "several packages")
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

final class SwapBaseImageTests: XCTestCase {
    let split = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM golang:1.22\nCOPY --from=build /out/app /out/app\n"

    func testStaticGoToEachTarget() throws {
        assertRewrite(try SwapBaseImage(options: ["to": "distroless"]), input: split + "CMD /out/app\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/static-debian13:nonroot\nCOPY") + "CMD [\"/out/app\"]\n")
        assertRewrite(try SwapBaseImage(options: ["to": "alpine"]), input: split + "CMD /out/app\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM alpine:3.24\nRUN apk add --no-cache ca-certificates tzdata\nCOPY") + "CMD /out/app\n")
        assertRewrite(try SwapBaseImage(options: ["to": "scratch"]), input: split + "CMD [\"/out/app\"]\n",
                      expected: split.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY") + "CMD [\"/out/app\"]\n")
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
                      expected: dynamic.replacingOccurrences(of: "FROM golang:1.22\nCOPY", with: "FROM gcr.io/distroless/base-debian13:nonroot\nCOPY"))
        let rust = "FROM rust:1.80 AS build\nWORKDIR /a\nCOPY . .\nRUN cargo build --release --bin x\nFROM rust:1.80\nCOPY --from=build /a/target/release/x /x\n"
        assertRewrite(try SwapBaseImage(options: ["to": "distroless"]), input: rust,
                      expected: rust.replacingOccurrences(of: "FROM rust:1.80\nCOPY", with: "FROM gcr.io/distroless/cc-debian13:nonroot\nCOPY"))
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
        let out = rewrite(distroless, split + "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD [\"/out/app\", \"health\"]\n")
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

    func testAddsAUserBeforeTheCommand() {
        assertRewrite(pass, input: "FROM alpine:3.24\nCOPY app /app\nCMD [\"/app\"]\n", expected: "FROM alpine:3.24\nCOPY app /app\nRUN adduser -D -u 10001 app\nUSER app\nCMD [\"/app\"]\n")
        assertRewrite(pass, input: "FROM scratch\nCOPY app /app\n", expected: "FROM scratch\nCOPY app /app\nUSER 65532:65532\n")
        assertRewrite(pass, input: "FROM gcr.io/distroless/static-debian13\nUSER root\nENTRYPOINT [\"/app\"]\n",
                      expected: "FROM gcr.io/distroless/static-debian13\nUSER root\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n")
    }

    func testAlreadyNonRoot() {
        assertNotApplicable(pass, input: "FROM gcr.io/distroless/static-debian13:nonroot\nCMD [\"/a\"]\n", reason: "runs as nonroot")
        assertNotApplicable(pass, input: "FROM alpine\nUSER 1000\nCMD [\"/a\"]\n", reason: "already runs as 1000")
        assertNotApplicable(pass, input: "FROM python:3.12\nCMD [\"python\"]\n", reason: "only on distroless, scratch, Alpine and the node images")
        // The official node images create the user node (uid 1000).
        assertRewrite(pass, input: "FROM node:22\nCMD [\"node\", \"s.js\"]\n", expected: "FROM node:22\nUSER node\nCMD [\"node\", \"s.js\"]\n")
    }

    func testWarnsAboutLowPorts() {
        let result = rewrite(pass, "FROM scratch\nEXPOSE 80 8080/tcp\n")
        XCTAssertTrue(result.steps[0].notes.contains { $0.contains("EXPOSE 80 on line 2") })
        XCTAssertFalse(result.steps[0].notes.contains { $0.contains("8080") })
    }
}
