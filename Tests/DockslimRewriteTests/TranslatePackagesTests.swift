@testable import DockerfileFacts
import DockslimRewrite
import XCTest

/// `translate-packages` (stages already on Alpine) and `use-alpine-base`.
final class TranslatePackagesTests: XCTestCase {
    let pass = try! TranslatePackages(options: [:])
    let move = try! UseAlpineBase(options: [:])

    func testInstallWithPinsAndFlags() {
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt-get update && apt-get install -y --no-install-recommends libssl-dev=3.0.* zlib1g-dev && rm -rf /var/lib/apt/lists/*\n",
                      expected: "FROM alpine:3.24\nRUN apk add --no-cache openssl-dev zlib-dev\n")
    }

    func testContinuationLayoutAndCommentsStay() {
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt-get update \\\n  && apt-get install -y \\\n     curl \\\n     # for builds\n     build-essential \\\n  && apt-get clean\n",
                      expected: "FROM alpine:3.24\nRUN apk add --no-cache \\\n     curl \\\n     # for builds\n     build-base\n")
    }

    func testDropsAndDuplicates() {
        // locales installs nothing on Alpine; git-core and git are both git there.
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt-get install -y locales curl git-core git\n",
                      expected: "FROM alpine:3.24\nRUN apk add --no-cache curl git\n")
    }

    func testRunOfOnlyFoldedCommandsGoes() {
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt-get update\nRUN apt-get install -y curl\n", expected: "FROM alpine:3.24\nRUN apk add --no-cache curl\n")
    }

    func testOtherCommandsStay() {
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt-get install -y make && make -C /src && echo done\n",
                      expected: "FROM alpine:3.24\nRUN apk add --no-cache make && make -C /src && echo done\n")
    }

    func testUsersAndGroups() {
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN groupadd --system --gid 1001 web && useradd --system --uid 1001 --gid web --create-home web\n",
                      expected: "FROM alpine:3.24\nRUN addgroup -S -g 1001 web && adduser -D -S -u 1001 -G web web\n")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN useradd -G docker,wheel ci\n", reason: "useradd -G has no busybox adduser counterpart")
    }

    func testRefusals() {
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get install -y libfrobnicate9\n", reason: "libfrobnicate9 is not in dockslim's Debian → Alpine table")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get install -y gcc-multilib\n", reason: "gcc-multilib")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get install -y -t bookworm-backports curl\n", reason: "picks a repository or release")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get install -y $(cat packages.txt)\n", reason: "uses shell constructs dockslim does not follow")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get update || true && apt-get install -y curl\n", reason: "joined with `||`")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN dpkg -i /tmp/tool.deb\n", reason: "`dpkg` has no Alpine counterpart")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]\n", reason: "exec form")
        // The fonts row is not verified: not trusted.
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get install -y fonts-dejavu\n", reason: "has not been checked against Alpine's packages")
    }

    func testOnlyAlpineStages() {
        assertNotApplicable(pass, input: "FROM debian:12\nRUN apt-get install -y curl\n", reason: "no stage runs on Alpine")
        let file = "FROM debian:12 AS b\nRUN apt-get install -y curl\nFROM alpine:3.24\nRUN apt-get install -y git\n"
        assertRewrite(pass, input: file, expected: "FROM debian:12 AS b\nRUN apt-get install -y curl\nFROM alpine:3.24\nRUN apk add --no-cache git\n")
    }

    func testBashIsInstalledWhereTheStageRunsIt() {
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt-get install -y curl\nRUN bash -c 'echo hi'\n",
                      expected: "FROM alpine:3.24\nRUN apk add --no-cache curl bash\nRUN bash -c 'echo hi'\n")
        assertRewrite(pass, input: "FROM alpine:3.24\nSHELL [\"/bin/bash\", \"-c\"]\nRUN apt-get install -y curl\n",
                      expected: "FROM alpine:3.24\nRUN apk add --no-cache bash\nSHELL [\"/bin/bash\", \"-c\"]\nRUN apk add --no-cache curl\n")
    }

    /// quemet/C-ConsoleApp-Builder: `sudo apt install …` after `apt install sudo`
    /// was left as it was, so apt ran on Alpine.
    func testPackageCommandsBehindSudo() {
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt update && apt install sudo -y && sudo apt install build-essential -y && sudo -E apt-get install manpages-dev -y\n",
                      expected: "FROM alpine:3.24\nRUN apk add --no-cache sudo && sudo apk add --no-cache build-base && sudo -E apk add --no-cache man-pages\n")
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN sudo apt-get update && sudo apt-get upgrade -y\n", expected: "FROM alpine:3.24\nRUN sudo apk upgrade --no-cache\n")
    }

    /// No apt, dpkg or yum word may survive the translation: it would run on Alpine.
    func testPackageManagerLeftAfterTranslationIsRefused() {
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get update && sudo -u builder apt-get install -y curl\n", reason: "would still run apt-get on Alpine")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-get update && xargs apt-get install -y < packages.txt\n", reason: "would still run apt-get on Alpine")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apt-cache policy curl\n", reason: "`apt-cache` has no Alpine counterpart")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN rpm -qa\n", reason: "`rpm` has no Alpine counterpart")
    }

    /// axis-sato/pouch-api: TZ and a link into /usr/share/zoneinfo, which only tzdata fills.
    func testTimeZoneNeedsTzdata() {
        assertRewrite(pass, input: "FROM node:8.9.3-alpine\nENV TZ=Asia/Tokyo\nRUN ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone\nCMD [\"node\", \"app.js\"]\n",
                      expected: "FROM node:8.9.3-alpine\nENV TZ=Asia/Tokyo\nRUN apk add --no-cache tzdata\nRUN ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone\nCMD [\"node\", \"app.js\"]\n")
        // Added to the stage's translated install when there is one.
        assertRewrite(pass, input: "FROM alpine:3.24\nENV TZ=Europe/Paris\nRUN apt-get update && apt-get install -y curl\n",
                      expected: "FROM alpine:3.24\nENV TZ=Europe/Paris\nRUN apk add --no-cache curl tzdata\n")
        // Only TZ: the data can come anywhere before the program starts.
        assertRewrite(pass, input: "FROM alpine:3.24\nENV TZ Europe/Paris\nCMD [\"date\"]\n", expected: "FROM alpine:3.24\nENV TZ Europe/Paris\nRUN apk add --no-cache tzdata\nCMD [\"date\"]\n")
        // UTC needs no data; tzdata installed already; apt's tzdata translated.
        assertNotApplicable(pass, input: "FROM alpine:3.24\nENV TZ=UTC\n", reason: "no package command to translate")
        assertNotApplicable(pass, input: "FROM alpine:3.24\nRUN apk add --no-cache tzdata\nENV TZ=Asia/Tokyo\n", reason: "no package command to translate")
        assertRewrite(pass, input: "FROM alpine:3.24\nRUN apt-get install -y tzdata\nENV TZ=Asia/Tokyo\n", expected: "FROM alpine:3.24\nRUN apk add --no-cache tzdata\nENV TZ=Asia/Tokyo\n")
    }

    /// quequeo/url-shortener-api: docker-compose.yml starts the image with `bash -c "…"`.
    func testComposeCommandThatRunsBash() {
        let compose = project(["docker-compose.yml": """
        services:
          db:
            image: postgres:16-alpine
          app:
            build: .
            command: bash -c "rm -f tmp/pids/server.pid && rails server -b 0.0.0.0"
          worker:
            build:
              context: ./worker
            entrypoint: ["/bin/bash", "run.sh"]

        """])
        assertRewrite(pass, input: "FROM ruby:3.3-alpine\nRUN apt-get update -qq && apt-get install -y build-essential libpq-dev\nCMD [\"rails\", \"server\"]\n",
                      expected: "FROM ruby:3.3-alpine\nRUN apk add --no-cache build-base libpq-dev bash\nCMD [\"rails\", \"server\"]\n", project: compose)
        assertRewrite(pass, input: "FROM ruby:3.3-alpine\nWORKDIR /app\nCMD [\"rails\", \"server\"]\n",
                      expected: "FROM ruby:3.3-alpine\nWORKDIR /app\nRUN apk add --no-cache bash\nCMD [\"rails\", \"server\"]\n", project: compose)
        // The service builds another folder: not this image.
        let other = project(["docker-compose.yml": "services:\n  web:\n    build:\n      context: ./web\n    command: [\"bash\", \"-c\", \"x\"]\n"])
        assertNotApplicable(pass, input: "FROM ruby:3.3-alpine\nCMD [\"rails\", \"server\"]\n", reason: "no package command to translate", project: other)
        // A build target names the stage the service runs.
        let target = project(["compose.yaml": "services:\n  web:\n    build:\n      context: .\n      target: base\n    command:\n      - bash\n      - start\n"])
        assertRewrite(pass, input: "FROM alpine:3.24 AS base\nCMD [\"start\"]\nFROM base\nCMD [\"other\"]\n",
                      expected: "FROM alpine:3.24 AS base\nRUN apk add --no-cache bash\nCMD [\"start\"]\nFROM base\nCMD [\"other\"]\n", project: target)
    }

    /// The program itself runs bash (`exec.Command("bash", …)`): the last stage gets it.
    func testSourcesThatRunBash() {
        let sources = project(["go.mod": "module example.com/runner\n\ngo 1.23\n",
                               "main.go": "package main\n\nimport \"os/exec\"\n\nfunc main() {\n\texec.Command(\"bash\", \"-c\", \"./cleanup\").Run()\n}\n"])
        assertRewrite(pass, input: "FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /runner .\nFROM golang:1.23-alpine\nCOPY --from=build /runner /runner\nCMD [\"/runner\"]\n",
                      expected: "FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /runner .\nFROM golang:1.23-alpine\nCOPY --from=build /runner /runner\nRUN apk add --no-cache bash\nCMD [\"/runner\"]\n", project: sources)
    }

    func testMoveToAlpine() {
        assertRewrite(move, input: "FROM python:3.12-slim-bookworm AS app\nFROM app\n", expected: "FROM python:3.12-alpine AS app\nFROM app\n")
        assertRewrite(move, input: "FROM node:22\n", expected: "FROM node:22-alpine\n")
        assertRewrite(move, input: "FROM docker.io/library/golang:1.25-trixie\n", expected: "FROM docker.io/library/golang:1.25-alpine\n")
        assertRewrite(move, input: "FROM eclipse-temurin:21-jre-jammy\n", expected: "FROM eclipse-temurin:21-jre-alpine\n")
        assertRewrite(move, input: "FROM ubuntu\n", expected: "FROM alpine:3.24\n")
        assertNotApplicable(move, input: "FROM debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", reason: "pinned by digest")
        assertNotApplicable(move, input: "ARG V=3.12\nFROM python:${V}-slim\n", reason: "with a variable")
        assertNotApplicable(move, input: "FROM php:8.3-apache\n", reason: "php has never published -apache-alpine tags")
        assertNotApplicable(move, input: "FROM node:18-apline\n", reason: "was never published")
        assertRewrite(move, input: "FROM nginx:1.27\n", expected: "FROM nginx:1.27-alpine\n")
        assertNotApplicable(move, input: "FROM debian:12 AS b\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /app /app\n", reason: "(glibc) but copies from stage b")
    }

    /// Found by `scripts/fuzz rewrite`: invalid UTF-8 in a RUN made the logical
    /// text's offsets disagree with the source's, and an edit indexed past the end.
    func testInvalidUTF8IsLeftAlone() {
        var input = Array("FROM alpine:3.24\nRUN apt-get update && \\\n    apt-get install -y --no-install-recom".utf8)
        input += [UInt8](repeating: 0xFF, count: 40)
        input += Array("mends jq && \\\n    rm -rf /var/lib/apt/lists/*\n".utf8)
        let result = RecipeRunner(recipes: []).run([RecipeRunner.PlannedPass(pass)], on: input, project: nil)
        XCTAssertFalse(result.changed)
        XCTAssertTrue(result.declined.first?.text.contains("not UTF-8") == true, "\(result.declined)")
    }
}
