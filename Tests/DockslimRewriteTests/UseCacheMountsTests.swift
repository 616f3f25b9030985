import DockslimRewrite
import XCTest

final class UseCacheMountsTests: XCTestCase {
    let pass = try! UseCacheMounts(options: [:])
    let syntax = "# syntax=docker/dockerfile:1\n"

    func testEcosystems() {
        let cases: [(String, String)] = [
            ("FROM node:22\nRUN npm ci\n", "RUN --mount=type=cache,target=/root/.npm npm ci\n"),
            ("FROM golang:1.25\nRUN go build -o /a .\n", "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /a .\n"),
            ("FROM alpine:3.24\nRUN apk add --no-cache go && go build -o /a .\n", "RUN --mount=type=cache,target=/root/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build apk add --no-cache go && go build -o /a .\n"),
            ("FROM python:3.12\nRUN python -m pip install -r r.txt\n", "RUN --mount=type=cache,target=/root/.cache/pip python -m pip install -r r.txt\n"),
            ("FROM rust:1.80\nRUN cargo install ripgrep\n", "RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo install ripgrep\n"),
            ("FROM alpine:3.24\nRUN apk update && apk add curl\n", "RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk update && apk add curl\n"),
            ("FROM node:22\nENV PNPM_HOME=/pnpm\nRUN pnpm install\n", "RUN --mount=type=cache,target=/pnpm/store pnpm install\n"),
            ("FROM rustlang/rust:nightly\nRUN cargo build --release\n", "RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build --release\n"),
        ]
        for (input, run) in cases {
            let lines = input.split(separator: "\n", omittingEmptySubsequences: false)
            let expected = syntax + lines.dropLast(2).map { $0 + "\n" }.joined() + run
            assertRewrite(pass, input: input, expected: expected)
        }
    }

    func testWhatItLeavesAlone() {
        assertNotApplicable(pass, input: "FROM python:3.12\nRUN pip install --no-cache-dir flask\n", reason: "pip's cache is disabled")
        assertNotApplicable(pass, input: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n", reason: "pip's cache is disabled")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apk add --no-cache curl\n", reason: "apk --no-cache keeps no cache")
        assertNotApplicable(pass, input: "FROM debian:12\nRUN apt-get install -y curl\n", reason: "without apt-get update in the same RUN")
        assertNotApplicable(pass, input: "FROM golang:1.25\nENV GOPATH=/work\nRUN go build .\n", reason: "moves GOPATH")
        // An ENV of the stage built on overrides the image's own (GOPATH=/go), as Docker sets it.
        assertNotApplicable(pass, input: "FROM golang:1.25 AS base\nENV GOPATH=/work\nFROM base\nRUN go build .\n", reason: "moves GOPATH")
        assertNotApplicable(pass, input: "FROM rust:1.80\nENV CARGO_HOME=/cargo\nRUN cargo build\n", reason: "moves CARGO_HOME")
        assertNotApplicable(pass, input: "FROM node:22\nENV HOME=/srv\nRUN npm ci\n", reason: "the stage sets HOME")
        assertNotApplicable(pass, input: "FROM node:22\nUSER node\nRUN npm ci\n", reason: "it runs as node")
        assertNotApplicable(pass, input: "FROM node:22\nRUN <<EOF\nnpm ci\nEOF\n", reason: "here-document")
        assertNotApplicable(pass, input: "FROM gradle:8-jdk21\nRUN gradle build\n", reason: "GRADLE_USER_HOME is not known")
        // A cache another stage copies out of stays in the layer.
        assertNotApplicable(pass, input: "FROM golang:1.25 AS deps\nRUN go mod download\nFROM golang:1.25\nCOPY --from=deps /go/pkg/mod /go/pkg/mod\n",
                            reason: "another stage copies /go/pkg/mod")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN echo hi\n", reason: "no RUN uses a package manager")
    }

    func testExistingMountsAndSyntaxAreKept() {
        assertRewrite(pass, input: "# syntax=docker/dockerfile:1.7\nFROM golang:1.25\nRUN --mount=type=cache,target=/go/pkg/mod go build .\n",
                      expected: "# syntax=docker/dockerfile:1.7\nFROM golang:1.25\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build .\n")
    }

    // The container builds or installs when it starts: what the build downloaded must stay in the image.
    func testToolRunAtStartKeepsItsCacheInTheImage() {
        assertNotApplicable(pass, input: "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"cargo\", \"run\", \"--release\"]\n", reason: "the container runs `cargo run --release` at start (CMD on line 5)")
        assertNotApplicable(pass, input: "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn clean install\nCMD mvn spring-boot:run\n", reason: "runs `mvn spring-boot:run` at start")
        assertNotApplicable(pass, input: "FROM golang:1.23-alpine\nCOPY go.mod go.sum ./\nRUN go mod download\nCMD [\"air\", \"-c\", \".air.toml\"]\n", reason: "runs `air -c .air.toml` at start")
        assertNotApplicable(pass, input: "FROM golang:1.23\nCOPY . .\nRUN go mod download\nENTRYPOINT [\"sh\", \"-c\", \"go run ./cmd/api\"]\n", reason: "at start (ENTRYPOINT on line 4)")
        // A later stage that runs the tool keeps the cache of the stage it is built on.
        assertNotApplicable(pass, input: "FROM golang:1.23 AS base\nRUN go mod download\nFROM base AS dev\nCMD [\"go\", \"run\", \".\"]\n", reason: "CMD on line 4")
        // Only the caches the start reads: apt's lists still get their mount.
        assertRewrite(pass, input: "FROM rust:1.80\nRUN apt-get update && apt-get install -y libssl-dev && cargo build\nCMD cargo run\n",
                      expected: syntax + "FROM rust:1.80\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y libssl-dev && cargo build\nCMD cargo run\n")
        // A tool installed by name (air's own modules) is not what the start builds: its mount stays.
        assertRewrite(pass, input: "FROM golang:1.23\nRUN go install github.com/air-verse/air@latest\nWORKDIR /app\nCMD [\"air\", \"-c\", \".air.toml\"]\n",
                      expected: syntax + "FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go install github.com/air-verse/air@latest\nWORKDIR /app\nCMD [\"air\", \"-c\", \".air.toml\"]\n")
        // The program the build made is not a build tool: the mounts stay.
        assertRewrite(pass, input: "FROM rust:1.80\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n",
                      expected: syntax + "FROM rust:1.80\nRUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build --release\nCMD [\"./target/release/app\"]\n")
    }

    func testComposeCommandThatRunsTheToolKeepsItsCache() {
        let compose = project(["compose.yaml": "services:\n  api:\n    build:\n      context: .\n      dockerfile: Dockerfile\n    command: cargo run preview\n  db:\n    image: postgres\n    command: [\"cargo\", \"run\"]\n"])
        assertNotApplicable(pass, input: "FROM rust:latest\nCOPY . /app\nRUN cargo install --path .\nCMD [\"app\"]\n", reason: "runs `cargo run preview` at start (compose.yaml line 2, service api", project: compose)
        // A service built from another folder, a commented-out one or an image does not run this Dockerfile.
        let elsewhere = project(["docker-compose.yml": "services:\n  api:\n    build: ./api\n    command: cargo run\n  # web:\n  #   build: .\n  #   command: cargo run\n"])
        assertRewrite(pass, input: "FROM rust:1.80\nRUN cargo build\n", expected: syntax + "FROM rust:1.80\nRUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build\n", project: elsewhere)
        // The service's target stage is the one that starts with its command.
        let target = project(["compose.yml": "services:\n  dev:\n    build:\n      target: dev\n    command:\n      - go\n      - run\n      - .\n"])
        assertNotApplicable(pass, input: "FROM golang:1.23 AS dev\nRUN go mod download\nFROM alpine:3.20 AS prod\nCOPY . .\n", reason: "service dev", project: target)
    }

    // A mount keeps nothing when a later step needs the cache's content in the image.
    func testLaterReaderWithoutAMountKeepsTheCacheInTheImage() {
        assertNotApplicable(pass, input: "FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN if [ -f Makefile ]; then make; else go build -o /app .; fi\n", reason: "line 5 (stage 0) reads it without a cache mount")
        assertNotApplicable(pass, input: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git\n", reason: "line 3 (stage 0) reads it without a cache mount")
        // A RUN that empties the cache itself does not need what an earlier RUN left there.
        assertRewrite(pass, input: "FROM node:18-slim\nRUN npm install -g nodemon\nCOPY package*.json ./\nRUN npm ci && npm cache clean --force\n",
                      expected: syntax + "FROM node:18-slim\nRUN --mount=type=cache,target=/root/.npm npm install -g nodemon\nCOPY package*.json ./\nRUN npm ci && npm cache clean --force\n")
        // A wrapper like exec no longer hides the tool: both RUNs get their mounts.
        assertRewrite(pass, input: "FROM golang:1.22\nRUN go mod download\nRUN [ -z \"$AIR\" ] && exec go build -o main . || exec go get github.com/cosmtrek/air\n",
                      expected: syntax + "FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build [ -z \"$AIR\" ] && exec go build -o main . || exec go get github.com/cosmtrek/air\n")
    }

    // Mounts that would keep nothing are not added.
    func testMountsThatKeepNothing() {
        assertNotApplicable(pass, input: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n", reason: "`rm -rf /var/lib/apt/lists/*` in the same RUN empties it")
        assertNotApplicable(pass, input: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n", reason: "/etc/apt/apt.conf.d/docker-clean")
        assertNotApplicable(pass, input: "FROM debian:13\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean\n", reason: "`apt-get dist-clean` in the same RUN empties it")
        assertNotApplicable(pass, input: "FROM node:22\nRUN npm ci && npm cache clean --force\n", reason: "`npm cache clean --force` in the same RUN empties it")
        assertNotApplicable(pass, input: "FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache cmake\n", reason: "apk update alone")
        // The lists survive the RUN: only they are mounted (docker-clean deletes the packages).
        assertRewrite(pass, input: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
                      expected: syntax + "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n")
        // Docker's documented setup in an earlier RUN keeps the packages too.
        assertRewrite(pass, input: "FROM ubuntu:24.04\nRUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache\nRUN apt update && apt-get install -y gcc\n",
                      expected: syntax + "FROM ubuntu:24.04\nRUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt update && apt-get install -y gcc\n")
        // Cleaning one cache leaves the other: go clean -modcache, and the build cache still helps.
        assertRewrite(pass, input: "FROM golang:1.22\nRUN go build -o /app . && go clean -modcache\n",
                      expected: syntax + "FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /app . && go clean -modcache\n")
        // Cleaning before the install empties nothing the install puts there.
        assertRewrite(pass, input: "FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add curl\n",
                      expected: syntax + "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk,sharing=locked rm -rf /var/cache/apk/* && apk add curl\n")
    }

    // RUN --mount needs BuildKit; where the project builds without it, or the file is generated, the file stays as it is.
    func testBuildersWithoutBuildKitAndGeneratedFiles() {
        let npm = "FROM node:22\nRUN npm ci\n"
        assertNotApplicable(pass, input: "#\n# NOTE: THIS DOCKERFILE IS GENERATED VIA \"apply-templates.sh\"\n# PLEASE DO NOT EDIT IT DIRECTLY.\n" + npm, reason: "the Dockerfile is generated")
        assertNotApplicable(pass, input: npm, reason: "cloudbuild.yaml builds with Cloud Build's docker step",
                            project: project(["cloudbuild.yaml": "steps:\n  - name: 'gcr.io/cloud-builders/docker'\n    args: [\"build\", \"-t\", \"gcr.io/$PROJECT_ID/app\", \".\"]\n"]))
        assertNotApplicable(pass, input: npm, reason: "cloudbuild.json builds with Cloud Build's docker step",
                            project: project(["cloudbuild.json": "{\"steps\": [{\"name\": \"gcr.io/cloud-builders/docker\", \"args\": [\"build\", \".\"]}]}"]))
        assertNotApplicable(pass, input: npm, reason: ".gcloudignore", project: project([".gcloudignore": "target/\n"]))
        assertNotApplicable(pass, input: npm, reason: ".github/workflows/ci.yml sets DOCKER_BUILDKIT=0",
                            project: project([".github/workflows/ci.yml": "env:\n  DOCKER_BUILDKIT: 0\njobs: {}\n"]))
        assertNotApplicable(pass, input: npm, reason: ".gitlab-ci.yml builds with kaniko",
                            project: project([".gitlab-ci.yml": "build:\n  image: gcr.io/kaniko-project/executor:debug\n"]))
        assertNotApplicable(pass, input: npm, reason: "runs docker build in docker:20.10",
                            project: project([".gitlab-ci.yml": "build:\n  image: docker:20.10\n  services: [docker:20.10-dind]\n  script:\n    - docker build -t app .\n"]))
        assertNotApplicable(pass, input: npm, reason: "builds with Buildah",
                            project: project([".github/workflows/docker.yaml": "steps:\n  - uses: redhat-actions/buildah-build@v2\n"]))
        // A Cloud Build step that builds another Dockerfile of the folder says nothing about this one.
        let other = project(["cloudbuild.yaml": "steps:\n- name: 'gcr.io/cloud-builders/docker'\n  args: ['build', '-f', 'api.prod.Dockerfile', '.']\n",
                             "api.prod.Dockerfile": "FROM golang:1.23\nRUN go build -o /api .\n", "Makefile": "deploy:\n\tgcloud builds submit --region=asia-east1\n"])
        assertRewrite(pass, input: npm, expected: syntax + "FROM node:22\nRUN --mount=type=cache,target=/root/.npm npm ci\n", project: other)
        assertNotApplicable(pass, input: "FROM golang:1.23\nRUN go build -o /api .\n", reason: "cloudbuild.yaml builds api.prod.Dockerfile", project: other)
        // Cloud Build with BuildKit turned on, or with buildx, builds RUN --mount.
        let withBuildKit = project(["cloudbuild.yaml": "steps:\n- name: gcr.io/cloud-builders/docker\n  env: ['DOCKER_BUILDKIT=1']\n  args: ['build', '.']\n", ".gcloudignore": ""])
        assertRewrite(pass, input: npm, expected: syntax + "FROM node:22\nRUN --mount=type=cache,target=/root/.npm npm ci\n", project: withBuildKit)
        // Nothing to mount: nothing to refuse.
        assertNotApplicable(pass, input: "# DO NOT EDIT\nFROM alpine:3.20\nRUN echo hi\n", reason: "no RUN uses a package manager")
    }
}
