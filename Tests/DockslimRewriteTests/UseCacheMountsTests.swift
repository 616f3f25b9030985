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
}
