@testable import BuildDefinitions
import XCTest

/// Override files, `include` and `extends`, with Compose's merge rules.
final class ComposeMergeTests: XCTestCase {
    func testOverrideMergesByTheRulesOfEachKey() throws {
        let project = compose([
            "proj/compose.yaml": """
            services:
              app:
                build:
                  context: .
                  args: {A: "1", B: "2"}
                  tags: [app:1, app:2]
                image: app
                command: [serve, --all]
                volumes:
                  - ./data:/data
                  - logs:/logs
                ports: ["80:80"]
            """,
            "proj/compose.override.yaml": """
            services:
              app:
                build:
                  args:
                    - B=two
                    - C=3
                  tags: [app:2, app:dev]
                image:
                command: [debug]
                volumes:
                  - ./dev-data:/data
            """,
        ])
        XCTAssertEqual(messages(project), [])
        let app = try XCTUnwrap(project.build(named: "app"))
        XCTAssertEqual(app.args.map { "\($0.name)=\($0.value ?? "")" }, ["A=1", "B=two", "C=3"])
        XCTAssertEqual(app.argument("B")?.location?.description, "proj/compose.override.yaml:5:11")
        XCTAssertEqual(app.tags, ["app:1", "app:2", "app:dev"])
        XCTAssertEqual(app.runtime?.image, "app", "a null in the override keeps the value")
        XCTAssertEqual(app.runtime?.command, .exec(["debug"]))
        XCTAssertEqual(app.runtime?.volumes.map { "\($0.source ?? "") \($0.target)" }, ["proj/dev-data /data", "logs /logs"])
    }

    func testBuildStringMergesWithMapping() {
        let project = compose([
            "proj/compose.yaml": "services:\n  app:\n    build: ./src\n",
            "proj/compose.override.yaml": "services:\n  app:\n    build:\n      dockerfile: dev.Dockerfile\n",
        ])
        XCTAssertEqual(project.builds.first?.context, .local(path: "proj/src"))
        XCTAssertEqual(project.builds.first?.dockerfile, .file(path: "proj/src/dev.Dockerfile", written: "dev.Dockerfile"))
    }

    func testResetAndOverrideTags() throws {
        let project = compose([
            "proj/compose.yaml": """
            services:
              app:
                build:
                  context: .
                  args: {A: "1", B: "2"}
                command: serve
                volumes: [./a:/a]
                user: root
            """,
            "proj/compose.override.yaml": """
            services:
              app:
                build:
                  args: !override {C: "3"}
                volumes: !reset []
                user: !reset null
            """,
        ])
        let app = try XCTUnwrap(project.build(named: "app"))
        XCTAssertEqual(app.args.map(\.name), ["C"])
        XCTAssertEqual(app.runtime?.volumes, [])
        XCTAssertNil(app.runtime?.user)
        XCTAssertEqual(app.runtime?.command, .shell("serve"))
    }

    func testDocumentsOfAFileMergeInOrder() {
        let project = compose(["proj/compose.yaml": "services: {app: {build: ., image: a}}\n---\nservices: {app: {image: b}}\n"])
        XCTAssertEqual(project.builds.first?.runtime?.image, "b")
    }

    func testIncludeResolvesPathsInTheIncludedFolder() throws {
        let project = compose([
            "proj/compose.yaml": """
            include:
              - ../common/compose.yaml
              - path: ../db/compose.yaml
                project_directory: ../db/root
                env_file: ../db/db.env
            services:
              web:
                build: web
            """,
            "common/compose.yaml": "services:\n  cache:\n    build:\n      context: ./cache\n      args: {V: $CACHE_VERSION}\n",
            "common/.env": "CACHE_VERSION=7\n",
            "db/compose.yaml": "services:\n  db:\n    build: .\n    image: db:${DB_TAG}\n",
            "db/db.env": "DB_TAG=16\n",
        ])
        XCTAssertEqual(messages(project), [])
        XCTAssertEqual(project.builds.map(\.name), ["cache", "db", "web"])
        XCTAssertEqual(project.build(named: "cache")?.context, .local(path: "common/cache"))
        XCTAssertEqual(project.build(named: "cache")?.argument("V")?.value, "7")
        XCTAssertEqual(project.build(named: "cache")?.argument("V")?.provenance, .interpolated([VariableUse(name: "CACHE_VERSION", origin: .dotEnv(file: "common/.env"))]))
        XCTAssertEqual(project.build(named: "db")?.context, .local(path: "db/root"))
        XCTAssertEqual(project.build(named: "db")?.runtime?.image, "db:16")
        XCTAssertEqual(project.build(named: "web")?.context, .local(path: "proj/web"))
        XCTAssertEqual(project.files, ["proj/compose.yaml", "common/compose.yaml", "db/compose.yaml"])
    }

    func testTheIncludingEnvironmentWinsOverTheIncludedEnvFile() {
        let project = compose([
            "proj/compose.yaml": "include: [sub/compose.yaml]\n",
            "proj/sub/compose.yaml": "services: {s: {build: ., image: \"x:$TAG\"}}\n",
            "proj/sub/.env": "TAG=sub\n",
            "proj/.env": "TAG=project\n",
        ])
        XCTAssertEqual(project.builds.first?.runtime?.image, "x:project")
        XCTAssertEqual(project.builds.first?.context, .local(path: "proj/sub"))
    }

    func testIncludedServiceMergedWithTheLocalOneWinning() {
        let project = compose([
            "proj/compose.yaml": "include: [lib/compose.yaml]\nservices:\n  shared:\n    build:\n      target: local\n",
            "proj/lib/compose.yaml": "services:\n  shared:\n    build:\n      context: .\n      target: lib\n",
        ])
        XCTAssertEqual(project.builds.first?.target, "local")
        XCTAssertEqual(project.builds.first?.context, .local(path: "proj/lib"))
    }

    func testIncludeCycle() {
        let project = compose([
            "proj/compose.yaml": "include: [a/compose.yaml]\nservices: {x: {build: .}}\n",
            "proj/a/compose.yaml": "include: [../compose.yaml]\nservices: {a: {build: .}}\n",
        ])
        XCTAssertEqual(messages(project), ["proj/a/compose.yaml:1:11: error: include cycle: proj/compose.yaml includes proj/a/compose.yaml includes proj/compose.yaml [include-cycle]"])
        XCTAssertEqual(project.builds.map(\.name), ["a", "x"])
    }

    func testExtendsInTheSameFile() throws {
        let project = compose(["proj/compose.yaml": """
        services:
          base:
            build:
              context: app
              args: {A: "1", B: "1"}
            environment: {MODE: base}
            command: base
          worker:
            extends: base
            build:
              args: {B: "2"}
            command: [work]
          deep:
            extends:
              service: worker
            user: app
        """])
        XCTAssertEqual(messages(project), [])
        let worker = try XCTUnwrap(project.build(named: "worker"))
        XCTAssertEqual(worker.context, .local(path: "proj/app"))
        XCTAssertEqual(worker.args.map { "\($0.name)=\($0.value ?? "")" }, ["A=1", "B=2"])
        XCTAssertEqual(worker.runtime?.command, .exec(["work"]))
        XCTAssertEqual(worker.runtime?.environment, [EnvironmentEntry(name: "MODE", value: "base")])
        XCTAssertEqual(project.build(named: "deep")?.args.count, 2)
        XCTAssertEqual(project.build(named: "deep")?.runtime?.user, "app")
    }

    func testExtendsAnotherFileResolvesItsPathsThere() throws {
        let project = compose([
            "proj/compose.yaml": """
            services:
              api:
                extends:
                  file: ../shared/services.yaml
                  service: go
                build:
                  target: api
            """,
            "shared/services.yaml": "services:\n  go:\n    build:\n      context: ./go\n      dockerfile: Dockerfile.go\n    volumes: [./cache:/cache]\n",
        ])
        XCTAssertEqual(messages(project), [])
        let api = try XCTUnwrap(project.build(named: "api"))
        XCTAssertEqual(api.context, .local(path: "shared/go"))
        XCTAssertEqual(api.dockerfile, .file(path: "shared/go/Dockerfile.go", written: "Dockerfile.go"))
        XCTAssertEqual(api.target, "api")
        XCTAssertEqual(api.runtime?.volumes.first?.source, "shared/cache")
        XCTAssertEqual(project.files, ["proj/compose.yaml", "shared/services.yaml"])
    }

    func testExtendsErrors() {
        let project = compose(["proj/compose.yaml": """
        services:
          a: {extends: b, build: .}
          b: {extends: a}
          c: {extends: nowhere, build: .}
          d: {extends: {file: missing.yaml, service: x}, build: .}
        """])
        XCTAssertEqual(messages(project), [
            "proj/compose.yaml:3:16: error: extends cycle: `a` → `b` → `a` [extends-cycle]",
            "proj/compose.yaml:4:16: error: cannot extend service `c`: service `nowhere` not found in proj/compose.yaml [invalid-extends]",
            "proj/compose.yaml:5:23: error: cannot read `proj/missing.yaml`, named by `extends` [missing-file]",
        ])
        XCTAssertEqual(project.builds.map(\.name), ["a", "b", "c", "d"])
    }

    func testMergeKeysAndAnchorsInComposeFiles() throws {
        let project = compose(["proj/compose.yaml": """
        x-build: &build
          context: .
          args: &args
            GO: "1.22"
        services:
          a:
            build:
              <<: *build
              target: a
          b:
            build:
              <<: *build
              args:
                <<: *args
                EXTRA: "1"
        """])
        XCTAssertEqual(project.build(named: "a")?.target, "a")
        XCTAssertEqual(project.build(named: "b")?.args.map(\.name), ["EXTRA", "GO"])
    }
}
