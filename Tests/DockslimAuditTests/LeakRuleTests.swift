import DockslimAudit
import Foundation
import XCTest

/// DS003, DS004, DS015: what reaches the final image.
final class LeakRuleTests: XCTestCase {
    func testWholeContextInASingleStage() {
        assertFinds("DS003", "FROM node:22\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"s.js\"]\n", lines: [3])
        assertFinds("DS003", "FROM python:3.13-slim\nADD ./ /srv\n", lines: [2])
        assertFindsNothing("DS003", "FROM python:3.13-slim\nCOPY app.py requirements.txt /srv/\n")
    }

    func testWholeContextThroughACopyChain() {
        let chain = """
        FROM node:22 AS build
        WORKDIR /app
        COPY . .
        RUN npm ci && npm run build

        FROM node:22-slim
        COPY --from=build /app /app
        CMD ["node", "/app/dist/server.js"]

        """
        assertFinds("DS003", chain, lines: [7], message: "COPY . . (line 3, stage build) → COPY --from=build /app /app (line 7, stage #1)")
        // Copying a folder inside the context's destination is not the whole context.
        assertFindsNothing("DS003", chain.replacingOccurrences(of: "COPY --from=build /app /app", with: "COPY --from=build /app/dist /app/dist"))
        // The context's parent folder carries it too.
        assertFinds("DS003", chain.replacingOccurrences(of: "COPY --from=build /app /app", with: "COPY --from=build / /"), lines: [7])
    }

    func testWholeContextThroughAFromChainAndIndexes() {
        assertFinds("DS003", "FROM alpine:3.20 AS src\nCOPY . /src\nFROM src AS mid\nFROM alpine:3.20\nCOPY --from=1 /src /app\n", lines: [5])
        // Through a stage that builds on the one that copied.
        assertFinds("DS003", "FROM alpine:3.20 AS base\nWORKDIR /w\nCOPY . .\nFROM base\nCMD [\"/w/run\"]\n", lines: [3], message: "in stage base")
    }

    func testLeakedPathsNeedTheFolder() {
        let file = "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"index.js\"]\n"
        assertFinds("DS004", file, lines: [3], project: ["package.json": "{}", "node_modules/x/index.js": "", ".env": "KEY=1"],
                    message: "node_modules and .env reach the final image", severity: .error)
        assertFindsNothing("DS004", file, project: ["package.json": "{}", "node_modules/x/index.js": "", ".dockerignore": "node_modules\n"])
        assertFinds("DS004", file, lines: [3], project: ["tests/a.py": "", ".dockerignore": "**/node_modules\n# tests stay\n"], message: "tests reaches")
        // An exception brings a path back.
        assertFinds("DS004", file, lines: [3], project: ["tests/a.py": "", ".dockerignore": "tests\n!tests\n"])
        // Without the folder nothing can be said.
        assertFindsNothing("DS004", file)
        // COPY --exclude keeps them out.
        assertFindsNothing("DS004", "FROM node:22-slim\nCOPY --exclude=node_modules . /app\n", project: ["node_modules/a": ""])
    }

    func testLeakedPathsNamedExplicitly() {
        assertFinds("DS004", "FROM alpine:3.20\nCOPY .git /app/.git\n", lines: [2], message: ".git reaches")
        assertFindsNothing("DS004", "FROM alpine:3.20 AS b\nCOPY .git /src/.git\nFROM alpine:3.20\nCOPY --from=b /src/out /out\n")
    }

    func testCopyWholeFilesystem() {
        assertFinds("DS015", "FROM golang:1.25 AS build\nFROM alpine:3.20\nCOPY --from=build / /\n", lines: [3], message: "stage build")
        assertFinds("DS015", "FROM alpine:3.20\nCOPY --from=busybox:1.36 / /bb\n", lines: [2], message: "image busybox:1.36")
        assertFindsNothing("DS015", "FROM golang:1.25 AS build\nFROM alpine:3.20\nCOPY --from=build /go/bin/app /app\n")
    }
}

extension LeakRuleTests {
    /// `FROM scratch` + `COPY --from=build / /` squashes a stage: not a leak of
    /// its own, but what the stage holds ships and is judged.
    func testSquashIdiom() {
        let squash = "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build / /\nCMD [\"/bin/app\"]\n"
        assertFindsNothing("DS015", squash)
        assertFinds("DS002", squash, lines: [2])
        assertFinds("DS009", squash, lines: [2])
        assertFinds("DS015", "FROM debian:12 AS build\nFROM scratch\nRUN true\nCOPY --from=build / /\n", lines: [4])
    }
}
