@testable import BuildDefinitions
import XCTest

/// Loads a project from files held in memory.
func compose(_ files: [String: String], environment: [String: String] = [:], directory: String = "proj") -> BuildProject {
    ComposeLoader(files: .inMemory(files), environment: environment).load(directory: directory)
}

func messages(_ project: BuildProject) -> [String] { project.diagnostics.map(\.description) }

final class ComposeLoaderTests: XCTestCase {
    func testBuildForms() throws {
        let project = compose(["proj/compose.yaml": """
        services:
          short:
            build: ./web
          long:
            build:
              context: backend
              dockerfile: ../backend.Dockerfile
              target: runtime
          defaults:
            build: {}
          inline:
            build:
              context: .
              dockerfile_inline: |
                FROM alpine
          remote:
            build: https://github.com/example/app.git#main:sub
          image-only:
            image: redis
        """])
        XCTAssertEqual(messages(project), [
            "proj/compose.yaml:17:12: warning: the build context of `remote` is remote (https://github.com/example/app.git#main:sub); it is not fetched [remote-context]",
        ])
        XCTAssertEqual(project.builds.map(\.name), ["defaults", "inline", "long", "remote", "short"])
        let short = try XCTUnwrap(project.build(named: "short"))
        XCTAssertEqual(short.context, .local(path: "proj/web"))
        XCTAssertEqual(short.dockerfile, .file(path: "proj/web/Dockerfile", written: "Dockerfile"))
        XCTAssertEqual(short.location?.description, "proj/compose.yaml:2:3")
        let long = try XCTUnwrap(project.build(named: "long"))
        XCTAssertEqual(long.context, .local(path: "proj/backend"))
        XCTAssertEqual(long.dockerfile, .file(path: "proj/backend.Dockerfile", written: "../backend.Dockerfile"))
        XCTAssertEqual(long.target, "runtime")
        XCTAssertEqual(project.build(named: "defaults")?.context, .local(path: "proj"))
        XCTAssertEqual(project.build(named: "inline")?.dockerfile, .inline(text: "FROM alpine\n"))
        XCTAssertEqual(project.build(named: "remote")?.context, .remote(url: "https://github.com/example/app.git#main:sub"))
        XCTAssertEqual(project.build(named: "remote")?.dockerfile, .remote(url: "https://github.com/example/app.git#main:sub", path: "Dockerfile"))
        XCTAssertEqual(project.services.map(\.name), ["defaults", "image-only", "inline", "long", "remote", "short"])
        XCTAssertEqual(project.services.first { $0.name == "image-only" }?.builds, false)
        XCTAssertEqual(project.defaultBuilds, ["defaults", "inline", "long", "remote", "short"])
        XCTAssertEqual(project.files, ["proj/compose.yaml"])
    }

    func testFileNamesAndOverride() {
        let project = compose([
            "proj/docker-compose.yml": "services: {a: {build: old}}\n",
            "proj/compose.yaml": "services:\n  a:\n    build: .\n    image: a:1\n",
            "proj/compose.override.yml": "services:\n  a:\n    build:\n      target: dev\n",
            "proj/docker-compose.override.yaml": "services: {a: {image: never}}\n",
        ])
        XCTAssertEqual(project.files, ["proj/compose.yaml", "proj/compose.override.yml"])
        XCTAssertEqual(messages(project), [
            "warning: found several Compose files: proj/compose.yaml, proj/docker-compose.yml; using proj/compose.yaml [several-compose-files]",
            "warning: found several override files: proj/compose.override.yml, proj/docker-compose.override.yaml; using proj/compose.override.yml [several-compose-files]",
        ])
        XCTAssertEqual(project.builds.first?.context, .local(path: "proj"))
        XCTAssertEqual(project.builds.first?.target, "dev")
        XCTAssertEqual(project.builds.first?.runtime?.image, "a:1")
    }

    func testNoComposeFile() {
        XCTAssertEqual(messages(compose([:])), ["error: no Compose file in proj (looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml) [no-compose-file]"])
    }

    func testComposeFileVariableNamesTheFiles() {
        let project = compose([
            "proj/compose.yaml": "services: {a: {build: .}}\n",
            "proj/base.yml": "services: {b: {build: b}}\n",
            "proj/extra.yml": "services: {b: {build: {target: t}}}\n",
            "proj/.env": "COMPOSE_FILE=base.yml:extra.yml\n",
        ])
        XCTAssertEqual(project.files, ["proj/base.yml", "proj/extra.yml"])
        XCTAssertEqual(project.builds.map(\.name), ["b"])
        XCTAssertEqual(project.builds.first?.target, "t")
    }

    func testArgsWithProvenance() throws {
        let project = compose([
            "proj/compose.yaml": """
            services:
              app:
                build:
                  context: .
                  args:
                    LITERAL: "1.0"
                    NUMBER: 3
                    FROM_ENV: ${TAG}
                    FROM_DOTENV: v${GO}
                    WITH_DEFAULT: ${NODE:-22}
                    BARE_ENV:
                    BARE_NONE:
              list:
                build:
                  context: .
                  args:
                    - A=x=y
                    - TAG
                    - EMPTY=
            """,
            "proj/.env": "GO=1.22\nTAG=from-dotenv\n",
        ], environment: ["TAG": "env", "BARE_ENV": "yes"])
        let app = try XCTUnwrap(project.build(named: "app"))
        func arg(_ name: String) -> String {
            guard let a = app.argument(name) else { return "missing" }
            return "\(a.value ?? "nil") \(a.provenance)"
        }
        XCTAssertEqual(arg("LITERAL"), "1.0 literal")
        XCTAssertEqual(arg("NUMBER"), "3 literal")
        XCTAssertEqual(arg("FROM_ENV"), #"env interpolated([BuildDefinitions.VariableUse(name: "TAG", origin: BuildDefinitions.VariableOrigin.environment)])"#)
        XCTAssertEqual(app.argument("FROM_DOTENV")?.value, "v1.22")
        XCTAssertEqual(app.argument("FROM_DOTENV")?.provenance, .interpolated([VariableUse(name: "GO", origin: .dotEnv(file: "proj/.env"))]))
        XCTAssertEqual(app.argument("WITH_DEFAULT")?.value, "22")
        XCTAssertEqual(app.argument("WITH_DEFAULT")?.provenance, .interpolated([VariableUse(name: "NODE", origin: .defaultValue)]))
        XCTAssertEqual(app.argument("BARE_ENV")?.value, "yes")
        XCTAssertEqual(app.argument("BARE_ENV")?.provenance, .passedThrough(VariableUse(name: "BARE_ENV", origin: .environment)))
        XCTAssertEqual(app.argument("BARE_NONE")?.value, nil)
        XCTAssertEqual(app.argument("BARE_NONE")?.provenance, .passedThrough(VariableUse(name: "BARE_NONE", origin: .unset)))
        XCTAssertEqual(app.argument("LITERAL")?.location?.description, "proj/compose.yaml:6:18")
        let list = try XCTUnwrap(project.build(named: "list"))
        XCTAssertEqual(list.args.map { "\($0.name)=\($0.value ?? "nil")" }, ["A=x=y", "EMPTY=", "TAG=env"])
    }

    func testAdditionalContextsAreTyped() throws {
        let project = compose(["proj/compose.yaml": """
        services:
          app:
            build:
              context: app
              additional_contexts:
                - base=service:base
                - alpine=docker-image://alpine:3.20
                - src=../shared
                - git=https://github.com/example/lib.git
                - oci=oci-layout://./layout
          base:
            build:
              context: .
              additional_contexts:
                tools: ./tools
        """])
        let app = try XCTUnwrap(project.build(named: "app"))
        XCTAssertEqual(app.additionalContexts.map(\.source), [
            .image(reference: "alpine:3.20"), .service(name: "base"), .remote(url: "https://github.com/example/lib.git"),
            .other("oci-layout://./layout"), .local(path: "shared"),
        ])
        XCTAssertEqual(project.build(named: "base")?.additionalContexts.first?.source, .local(path: "proj/tools"))
    }

    func testInterpolation() throws {
        let project = compose(["proj/compose.yaml": """
        services:
          app:
            image: "$REG/app:${TAG-latest}"
            build:
              context: ${CTX:-.}
              dockerfile: ${DF:+custom.Dockerfile}
              target: ${EMPTY:-fallback}
            command: echo $$HOME ${EMPTY-kept} ${SET+alt} ${UNSET+alt}
            user: ${EMPTY}
        """], environment: ["REG": "r.example", "DF": "x", "EMPTY": "", "SET": "1"])
        XCTAssertEqual(messages(project), [])
        let app = try XCTUnwrap(project.build(named: "app"))
        XCTAssertEqual(app.runtime?.image, "r.example/app:latest")
        XCTAssertEqual(app.context, .local(path: "proj"))
        XCTAssertEqual(app.dockerfile, .file(path: "proj/custom.Dockerfile", written: "custom.Dockerfile"))
        XCTAssertEqual(app.target, "fallback")
        XCTAssertEqual(app.runtime?.command, .shell("echo $HOME  alt "))
        XCTAssertEqual(app.runtime?.user, "")
    }

    func testInterpolationErrorsAndUnsetVariables() {
        let project = compose(["proj/compose.yaml": """
        services:
          app:
            build: .
            image: ${REQUIRED:?set REQUIRED to the registry}
            user: ${BAD-}${
            working_dir: /srv/${MISSING}
        """])
        XCTAssertEqual(messages(project), [
            "proj/compose.yaml:4:12: error: required variable REQUIRED is missing a value: set REQUIRED to the registry [interpolation]",
            "proj/compose.yaml:5:11: error: invalid interpolation format `${` (a `$` may need to be written `$$`) [interpolation]",
            "proj/compose.yaml:6:18: warning: the variable `MISSING` is not set; an empty string is used [unset-variable]",
        ])
        XCTAssertEqual(project.builds.map(\.name), ["app"])
    }

    func testSyntaxErrorsHavePositions() {
        let project = compose(["proj/compose.yaml": "services:\n  app:\n    build: .\n   image: x\n"])
        XCTAssertEqual(messages(project), ["proj/compose.yaml:4:4: error: this line is indented more than the keys of its mapping (column 3) [syntax-error]"])
    }

    func testRuntime() throws {
        let project = compose(["proj/compose.yaml": """
        services:
          app:
            build: .
            image: shop/app
            command: ["serve", "--port", "80"]
            entrypoint: /entry.sh
            user: "1000:1000"
            working_dir: /srv
            environment:
              MODE: prod
              TOKEN:
            volumes:
              - ./data:/data:ro
              - cache:/cache
              - /tmp/anon
              - type: bind
                source: ../conf
                target: /etc/app
                read_only: true
              - type: tmpfs
                target: /run
        """])
        let runtime = try XCTUnwrap(project.build(named: "app")?.runtime)
        XCTAssertEqual(runtime.command, .exec(["serve", "--port", "80"]))
        XCTAssertEqual(runtime.entrypoint, .shell("/entry.sh"))
        XCTAssertEqual(runtime.user, "1000:1000")
        XCTAssertEqual(runtime.workingDirectory, "/srv")
        XCTAssertEqual(runtime.environment, [EnvironmentEntry(name: "MODE", value: "prod"), EnvironmentEntry(name: "TOKEN", value: nil)])
        XCTAssertEqual(runtime.volumes.map { "\($0.kind) \($0.source ?? "-") \($0.target) \($0.readOnly)" }, [
            "bind proj/data /data true", "volume cache /cache false", "volume - /tmp/anon false",
            "bind conf /etc/app true", "tmpfs - /run false",
        ])
    }

    func testHealthchecksInEveryForm() throws {
        let project = compose(["proj/compose.yaml": """
        services:
          exec:
            build: .
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost/health"]
          shell:
            build: .
            healthcheck:
              test: ["CMD-SHELL", "wget -qO- localhost || exit 1"]
          string:
            build: .
            healthcheck:
              test: pg_isready -U app
          none:
            build: .
            healthcheck:
              test: ["NONE"]
          disabled:
            build: .
            healthcheck:
              test: ["CMD", "curl", "localhost"]
              disable: true
        """])
        XCTAssertEqual(project.build(named: "exec")?.runtime?.healthcheck, .exec(["curl", "-f", "http://localhost/health"]))
        XCTAssertEqual(project.build(named: "shell")?.runtime?.healthcheck, .shell("wget -qO- localhost || exit 1"))
        XCTAssertEqual(project.build(named: "string")?.runtime?.healthcheck, .shell("pg_isready -U app"))
        XCTAssertNil(try XCTUnwrap(project.build(named: "none")?.runtime).healthcheck)
        XCTAssertNil(try XCTUnwrap(project.build(named: "disabled")?.runtime).healthcheck)
    }

    func testABillionLaughsComposeFileIsAnErrorNotAnOutOfMemory() {
        var text = "x-a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for level in 1...9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            text += "x-l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        text += "services:\n  app:\n    build: .\n    command: *l9\n"
        let project = compose(["proj/compose.yaml": text])
        XCTAssertEqual(project.diagnostics.map(\.code), ["syntax-error"])
        XCTAssertTrue(project.diagnostics[0].message.contains("more than 100000 nodes"), project.diagnostics[0].message)
        XCTAssertEqual(project.builds, [])
    }

    func testProfiles() {
        let project = compose(["proj/compose.yaml": """
        services:
          app: {build: .}
          debug: {build: ., profiles: [debug]}
          docs: {build: ., profiles: [docs]}
        """], environment: ["COMPOSE_PROFILES": "debug"])
        XCTAssertEqual(project.defaultBuilds, ["app", "debug"])
        XCTAssertEqual(project.build(named: "docs")?.profiles, ["docs"])
    }
}
