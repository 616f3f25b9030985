import DockslimAudit
import XCTest

/// DS009, DS010, DS011: package managers' leftovers in shipped layers.
final class PackageRuleTests: XCTestCase {
    func testAptListsKept() {
        assertFinds("DS009", "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n", lines: [2])
        assertFindsNothing("DS009", "FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\n")
        assertFindsNothing("DS009", "FROM debian:12-slim\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n")
        // Builder stages do not ship.
        assertFindsNothing("DS009", "FROM debian:12 AS b\nRUN apt-get install -y gcc\nFROM debian:12-slim\nCOPY --from=b /a /a\n")
        // A here-document is read too.
        assertFinds("DS009", "FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n", lines: [2])
    }

    func testAptInstallsRecommends() {
        assertFinds("DS010", "FROM debian:12-slim\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n", lines: [2], severity: .note)
        assertFindsNothing("DS010", "FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends curl\n")
        assertFindsNothing("DS010", "FROM debian:12-slim\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n")
    }

    func testPackageCacheKept() {
        assertFinds("DS011", "FROM alpine:3.20\nRUN apk add curl\n", lines: [2], message: "apk add without --no-cache")
        assertFindsNothing("DS011", "FROM alpine:3.20\nRUN apk add --no-cache curl\n")
        assertFindsNothing("DS011", "FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n")
        assertFinds("DS011", "FROM python:3.13-slim\nRUN pip install -r requirements.txt\n", lines: [2], message: "~/.cache/pip")
        assertFindsNothing("DS011", "FROM python:3.13-slim\nRUN pip install --no-cache-dir -r requirements.txt\n")
        assertFindsNothing("DS011", "FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n")
        assertFindsNothing("DS011", "FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n")
        assertFinds("DS011", "FROM fedora:40\nRUN dnf install -y nginx\n", lines: [2], message: "dnf clean all")
        assertFindsNothing("DS011", "FROM fedora:40\nRUN dnf install -y nginx && dnf clean all\n")
        assertFinds("DS011", "FROM node:22-slim\nRUN npm ci --omit=dev\n", lines: [2], message: "~/.npm")
        assertFindsNothing("DS011", "FROM node:22-slim\nRUN npm ci --omit=dev && npm cache clean --force\n")
    }
}
