import DockslimAudit
import XCTest

/// DS006, DS007, DS008: how the container runs, and what it carries.
final class RuntimeRuleTests: XCTestCase {
    func testShellFormCommand() {
        assertFinds("DS006", "FROM alpine:3.20\nCMD ./server --port 80\n", lines: [2], severity: .warning)
        assertFinds("DS006", "FROM alpine:3.20\nENTRYPOINT exec /app\nCMD [\"--verbose\"]\n", lines: [2])
        // No shell in the image: it cannot start.
        assertFinds("DS006", "FROM gcr.io/distroless/static-debian13\nCMD /app\n", lines: [2], message: "no /bin/sh", severity: .error)
        assertFinds("DS006", "FROM scratch\nHEALTHCHECK CMD /app -check\nCMD [\"/app\"]\n", lines: [2], severity: .error)
        // The command in effect only: a later CMD replaces an earlier one.
        assertFindsNothing("DS006", "FROM alpine:3.20 AS base\nCMD run\nFROM base\nCMD [\"run\"]\n")
        assertFinds("DS006", "FROM alpine:3.20 AS base\nCMD run\nFROM base\nRUN true\n", lines: [2])
        // Builder stages do not run.
        assertFindsNothing("DS006", "FROM alpine:3.20 AS b\nCMD make\nFROM alpine:3.20\nCMD [\"/app\"]\n")
    }

    func testRunsAsRoot() {
        assertFinds("DS007", "FROM alpine:3.20\nCMD [\"/app\"]\n", lines: [1], message: "default of alpine:3.20")
        assertFinds("DS007", "FROM node:22-slim\nUSER node\nUSER root\nCMD [\"node\"]\n", lines: [3])
        assertFinds("DS007", "FROM gcr.io/distroless/static-debian13\n", lines: [1])
        assertFindsNothing("DS007", "FROM gcr.io/distroless/static-debian13:nonroot\n")
        assertFindsNothing("DS007", "FROM alpine:3.20 AS base\nUSER 10001\nFROM base\n")
        assertFindsNothing("DS007", "FROM node:22-slim\nUSER node:node\n")
        // Whom an unknown image runs as is unknown: no claim.
        assertFindsNothing("DS007", "FROM myorg/runtime:1\n")
    }

    func testSecretInArgOrEnv() {
        assertFinds("DS008", "FROM alpine:3.20\nENV API_KEY=abc123\n", lines: [2], severity: .error)
        assertFinds("DS008", "FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo $NPM_TOKEN\n", lines: [2], severity: .warning)
        assertFinds("DS008", "ARG GITHUB_TOKEN\nFROM alpine:3.20\n", lines: [1], severity: .note)
        assertFinds("DS008", "FROM alpine:3.20 AS build\nARG DB_PASSWORD\nFROM alpine:3.20\n", lines: [2], severity: .note)
        assertFinds("DS008", "FROM alpine:3.20\nARG T\nENV CLIENT_SECRET=$T\n", lines: [3], severity: .warning)
        assertFinds("DS008", "FROM alpine:3.20\nENV AWS=AKIAIOSFODNN7EXAMPLE\n", lines: [2], message: "looks like a credential")
        // Names that point at secrets, and public values.
        assertFindsNothing("DS008", "FROM alpine:3.20\nENV PASSWORD_FILE=/run/secrets/db GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D TOKEN_URL=https://x\n")
        assertFindsNothing("DS008", "FROM alpine:3.20\nENV PASSENGER_APP_ENV=production KEYBOARD=us\n")
    }
}
