import DockslimAudit
import XCTest

/// DS001, DS002, DS005, DS013: what the final image is built on.
final class ToolchainAndBaseRuleTests: XCTestCase {
    func testToolchainImageInFinalStage() {
        assertFinds("DS001", "FROM golang:1.25\nCOPY . .\nRUN go build -o /app\nCMD [\"/app\"]\n", lines: [1], message: "Go toolchain")
        assertFinds("DS001", "FROM node:22\nCMD [\"node\", \"server.js\"]\n", lines: [1], message: "Node.js")
        assertFinds("DS001", "FROM maven:3-eclipse-temurin-21\n", lines: [1])
        // Through a FROM chain.
        assertFinds("DS001", "FROM rust:1.80 AS base\nFROM base\nCMD [\"/app\"]\n", lines: [2])
        assertFindsNothing("DS001", "FROM golang:1.25 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian13\nCOPY --from=build /app /app\n")
        assertFindsNothing("DS001", "FROM node:22-alpine\n")
        assertFindsNothing("DS001", "FROM python:3.13-slim\n")
        assertFindsNothing("DS001", "FROM eclipse-temurin:21-jre\n")
        assertFindsNothing("DS001", "FROM myorg/golang:1.25\n")
    }

    func testBuildToolsInstalledInFinalStage() {
        assertFinds("DS002", "FROM alpine:3.20\nRUN apk add --no-cache gcc musl-dev\n", lines: [2], message: "gcc and musl-dev")
        assertFinds("DS002", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y build-essential libpq-dev=15.1 && rm -rf /var/lib/apt/lists/*\n",
                    lines: [2], message: "build-essential and libpq-dev")
        // Removed again in the same RUN: nothing ships.
        assertFindsNothing("DS002", "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n")
        assertFindsNothing("DS002", "FROM debian:12\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n")
        // Only in a builder stage.
        assertFindsNothing("DS002", "FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /a /a\n")
        // Runtime packages are fine.
        assertFindsNothing("DS002", "FROM alpine:3.20\nRUN apk add --no-cache ca-certificates tzdata libpq\n")
    }

    func testLargeBaseInFinalStage() {
        assertFinds("DS005", "FROM golang:1.25 AS b\nFROM ubuntu:24.04\nCOPY --from=b /a /a\n", lines: [2], message: "ubuntu:24.04 (30 MB compressed)")
        assertFinds("DS005", "FROM debian:trixie\n", lines: [1])
        assertFindsNothing("DS005", "FROM debian:trixie-slim\n")
        assertFindsNothing("DS005", "FROM alpine:3.23\n")
        // A toolchain image is DS001's.
        assertFindsNothing("DS005", "FROM golang:1.25\n")
    }

    func testUnpinnedBaseImage() {
        assertFinds("DS013", "FROM ubuntu\n", lines: [1], message: "ubuntu:latest")
        assertFinds("DS013", "FROM node:latest AS a\nFROM a\nCOPY --from=nginx /etc/nginx /etc/nginx\n", lines: [1, 3])
        assertFindsNothing("DS013", "FROM ubuntu:24.04\nFROM ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM scratch\n")
        // A stage is not an image; an ARG default gives a tag.
        assertFindsNothing("DS013", "ARG V=1.25\nFROM golang:${V} AS build\nFROM build\n")
        // Unknown without the build argument: no claim.
        assertFindsNothing("DS013", "ARG V\nFROM golang:${V}\n")
    }
}

extension ToolchainAndBaseRuleTests {
    /// A removal this reading cannot list may remove anything the RUN installed.
    func testComputedRemovalIsNotClaimed() {
        assertFindsNothing("DS002", "FROM ubuntu:24.04\nRUN apt-get install -y golang && go build && apt-get remove --purge -y $(cat /tmp/new-packages)\n")
    }
}
