@testable import BuildDefinitions
import XCTest

func bake(_ files: [String: String], environment: [String: String] = [:], directory: String = "proj") -> BuildProject {
    BakeLoader(files: .inMemory(files), environment: environment).load(directory: directory)
}

final class BakeLoaderTests: XCTestCase {
    func testTargetsGroupsAndDefaults() throws {
        let project = bake(["proj/docker-bake.hcl": """
        group "default" {
          targets = ["app", "all"]
        }
        group "all" {
          targets = ["app", "db"]
        }
        target "app" {
          context = "src"
          dockerfile = "build/app.Dockerfile"
          target = "runtime"
          tags = ["repo/app:latest"]
          platforms = ["linux/amd64", "linux/arm64"]
          contexts = {
            base = "target:db"
            alpine = "docker-image://alpine:3.20"
            shared = "../shared"
            here = "cwd://tools"
          }
        }
        target "db" {
          dockerfile-inline = "FROM postgres:16"
        }
        """])
        XCTAssertEqual(messages(project), [])
        XCTAssertEqual(project.tool, .bake)
        XCTAssertEqual(project.builds.map(\.name), ["app", "db"])
        XCTAssertEqual(project.defaultBuilds, ["app", "db"])
        XCTAssertEqual(project.groups.map { "\($0.name): \($0.targets)" }, [#"all: ["app", "db"]"#, #"default: ["app", "db"]"#])
        let app = try XCTUnwrap(project.build(named: "app"))
        XCTAssertEqual(app.context, .local(path: "proj/src"))
        XCTAssertEqual(app.dockerfile, .file(path: "proj/src/build/app.Dockerfile", written: "build/app.Dockerfile"))
        XCTAssertEqual(app.target, "runtime")
        XCTAssertEqual(app.tags, ["repo/app:latest"])
        XCTAssertEqual(app.platforms, ["linux/amd64", "linux/arm64"])
        XCTAssertEqual(app.additionalContexts.map(\.source), [
            .image(reference: "alpine:3.20"), .target(name: "db"), .local(path: "proj/tools"), .local(path: "shared"),
        ])
        XCTAssertEqual(app.location?.description, "proj/docker-bake.hcl:7:1")
        let db = try XCTUnwrap(project.build(named: "db"))
        XCTAssertEqual(db.context, .local(path: "proj"))
        XCTAssertEqual(db.dockerfile, .inline(text: "FROM postgres:16"))
    }

    func testInheritsInOrderTheLastWinning() throws {
        let project = bake(["proj/docker-bake.hcl": """
        target "app-dev" {
          args = {
            GO_VERSION = "1.20"
            BUILDX_EXPERIMENTAL = 1
          }
          tags = ["docker.io/username/myapp"]
          dockerfile = "app.Dockerfile"
        }
        target "_release" {
          args = {
            BUILDKIT_CONTEXT_KEEP_GIT_DIR = 1
            BUILDX_EXPERIMENTAL = 0
          }
        }
        target "app-release" {
          inherits = ["app-dev", "_release"]
          platforms = ["linux/amd64", "linux/arm64"]
          args = { GO_VERSION = null }
        }
        """])
        XCTAssertEqual(messages(project), [])
        let release = try XCTUnwrap(project.build(named: "app-release"))
        XCTAssertEqual(release.args.map { "\($0.name)=\($0.value ?? "nil")" },
                       ["BUILDKIT_CONTEXT_KEEP_GIT_DIR=1", "BUILDX_EXPERIMENTAL=0", "GO_VERSION=1.20"],
                       "a null argument does not replace an inherited value (Target.Merge)")
        XCTAssertEqual(release.tags, ["docker.io/username/myapp"])
        XCTAssertEqual(release.dockerfile, .file(path: "proj/app.Dockerfile", written: "app.Dockerfile"))
        XCTAssertEqual(release.platforms, ["linux/amd64", "linux/arm64"])
        XCTAssertEqual(project.defaultBuilds, [])
    }

    func testInheritsCycleAndUnknownTarget() {
        let project = bake(["proj/docker-bake.hcl": """
        target "a" {
          inherits = ["b"]
          target = "a"
        }
        target "b" {
          inherits = ["a", "ghost"]
          dockerfile = "b.Dockerfile"
        }
        """])
        XCTAssertEqual(messages(project).sorted(), [
            "proj/docker-bake.hcl:6:15: error: inherits cycle: `b` inherits `a`, which leads back to `b` (Bake skips it) [inherits-cycle]",
            "proj/docker-bake.hcl:6:20: error: the target `b` inherits `ghost`, which is not defined [unknown-target]",
            "proj/docker-bake.hcl:2:15: error: inherits cycle: `a` inherits `b`, which leads back to `a` (Bake skips it) [inherits-cycle]",
        ].sorted())
        XCTAssertEqual(project.build(named: "a")?.dockerfile, .file(path: "proj/b.Dockerfile", written: "b.Dockerfile"))
        XCTAssertEqual(project.build(named: "b")?.target, "a")
    }

    func testDiamondsOfInheritanceResolveOnce() throws {
        // 60 levels, each target inheriting both of the level below: 2^60 paths.
        var text = "target \"l0a\" {\n  args = { ROOT = \"yes\" }\n}\ntarget \"l0b\" {}\n"
        for level in 1...60 {
            for side in ["a", "b"] {
                text += "target \"l\(level)\(side)\" {\n  inherits = [\"l\(level - 1)a\", \"l\(level - 1)b\"]\n  args = { L\(level) = \"\(side)\" }\n}\n"
            }
        }
        let project = bake(["proj/docker-bake.hcl": text])
        XCTAssertEqual(messages(project), [])
        let top = try XCTUnwrap(project.build(named: "l60a"))
        XCTAssertEqual(top.argument("ROOT")?.value, "yes")
        XCTAssertEqual(top.argument("L59")?.value, "b", "the last inherited target wins")
        XCTAssertEqual(top.args.count, 61)
    }

    func testVariablesFromDefaultsAndEnvironment() throws {
        let files = ["proj/docker-bake.hcl": """
        variable "TAG" {
          default = "latest"
        }
        variable "REGISTRY" {
          default = "docker.io/${OWNER}"
        }
        variable "OWNER" {
          default = "me"
        }
        variable "EMPTY" {}
        variable "UNSET_ARG" {
          default = null
        }
        SUFFIX = "-dev"
        target "app" {
          tags = ["${REGISTRY}/app:${TAG}${SUFFIX}"]
          args = {
            TAG = TAG
            EMPTY = EMPTY
            NONE = UNSET_ARG
            MIXED = "v${TAG}"
          }
        }
        """]
        let defaults = try XCTUnwrap(bake(files).build(named: "app"))
        XCTAssertEqual(defaults.tags, ["docker.io/me/app:latest-dev"])
        XCTAssertEqual(defaults.argument("TAG")?.provenance, .passedThrough(VariableUse(name: "TAG", origin: .defaultValue)))
        XCTAssertEqual(defaults.argument("EMPTY")?.value, "")
        XCTAssertEqual(defaults.argument("EMPTY")?.provenance, .passedThrough(VariableUse(name: "EMPTY", origin: .unset)))
        XCTAssertEqual(defaults.argument("NONE")?.value, nil)
        XCTAssertEqual(defaults.argument("MIXED")?.value, "vlatest")

        let overridden = bake(files, environment: ["TAG": "1.2", "OWNER": "ci", "SUFFIX": "-ignored"])
        XCTAssertEqual(messages(overridden), [])
        let app = try XCTUnwrap(overridden.build(named: "app"))
        XCTAssertEqual(app.tags, ["docker.io/ci/app:1.2-dev"], "a top-level attribute is not taken from the environment")
        XCTAssertEqual(app.argument("TAG")?.value, "1.2")
        XCTAssertEqual(app.argument("TAG")?.provenance, .passedThrough(VariableUse(name: "TAG", origin: .environment)))
        XCTAssertEqual(app.argument("MIXED")?.provenance, .interpolated([VariableUse(name: "TAG", origin: .environment)]))
    }

    func testUnsupportedConstructsAreReportedAndTheRestIsRead() throws {
        let project = bake(["proj/docker-bake.hcl": """
        variable "TAG" { default = "x" }
        function "tag" {
          params = [name]
          result = ["repo/${name}"]
        }
        target "app" {
          context = "app"
          tags = [tag("app"), "repo/app:${TAG}"]
          args = {
            OK = "1"
            COND = notequal("", TAG) ? TAG : "none"
          }
          labels = { a = upper(TAG) }
          dockerfile = "${BAKE_LOCAL_PLATFORM}.Dockerfile"
        }
        target "many" {
          matrix = { item = ["a", "b"] }
          name = "many-${item}"
        }
        target "refs" {
          inherits = ["app"]
          target = target.app.target
          args = { X = UNDEFINED }
        }
        """])
        XCTAssertEqual(messages(project), [
            "proj/docker-bake.hcl:2:1: warning: the function `tag` is not evaluated (calls to it leave their attribute unset) [unsupported-construct]",
            "proj/docker-bake.hcl:8:11: warning: function call `tag(…)` is not evaluated; `tags` of the target `app` is left unset [unsupported-expression]",
            "proj/docker-bake.hcl:11:12: warning: conditional expression is not evaluated; `COND` in `args` of the target `app` is left unset [unsupported-expression]",
            "proj/docker-bake.hcl:14:19: warning: `BAKE_LOCAL_PLATFORM` is the building machine's platform; it is not evaluated; `dockerfile` of the target `app` is left unset [unsupported-construct]",
            "proj/docker-bake.hcl:17:3: warning: `matrix` is not expanded: the target `many` is not read [unsupported-construct]",
            "proj/docker-bake.hcl:22:12: warning: reference `target.app.target` is not evaluated; `target` of the target `refs` is left unset [unsupported-expression]",
            "proj/docker-bake.hcl:23:16: error: there is no variable named `UNDEFINED`; `X` in `args` of the target `refs` is left unset [unknown-variable]",
        ])
        let app = try XCTUnwrap(project.build(named: "app"))
        XCTAssertEqual(app.context, .local(path: "proj/app"))
        XCTAssertEqual(app.tags, ["repo/app:x"])
        XCTAssertEqual(app.args.map(\.name), ["OK"])
        XCTAssertEqual(app.dockerfile, .file(path: "proj/app/Dockerfile", written: "Dockerfile"))
        XCTAssertEqual(project.builds.map(\.name), ["app", "refs"])
        XCTAssertEqual(project.build(named: "refs")?.context, .local(path: "proj/app"))
    }

    func testFileOrderComposeThenBakeThenOverrides() throws {
        let project = bake([
            "proj/compose.yaml": """
            services:
              web:
                build:
                  context: ./web
                  args: [FROM_COMPOSE=1, SHARED=compose]
                  tags: [bar]
                image: example/web
              db.main:
                image: postgres
                build:
                  context: ./db
                  additional_contexts: {base: "service:web"}
              cache:
                image: redis
            """,
            "proj/docker-compose.yml": "services:\n  worker:\n    build: ./worker\n",
            "proj/docker-bake.json": #"{"target": {"web": {"args": {"SHARED": "json", "FROM_JSON": "${V}"}}}, "variable": {"V": {"default": "j"}}}"#,
            "proj/docker-bake.hcl": "target \"web\" {\n  tags = [\"foo\"]\n  args = { SHARED = \"hcl\" }\n}\n",
            "proj/docker-bake.override.hcl": "target \"web\" {\n  target = \"final\"\n}\n",
            "proj/compose.override.yaml": "services: {web: {build: {target: never}}}\n",
        ])
        XCTAssertEqual(messages(project), [])
        XCTAssertEqual(project.files, ["proj/compose.yaml", "proj/docker-compose.yml", "proj/docker-bake.json", "proj/docker-bake.hcl", "proj/docker-bake.override.hcl"])
        XCTAssertEqual(project.builds.map(\.name), ["db_main", "web", "worker"])
        XCTAssertEqual(project.defaultBuilds, ["db_main", "web", "worker"])
        let web = try XCTUnwrap(project.build(named: "web"))
        XCTAssertEqual(web.context, .local(path: "proj/web"))
        XCTAssertEqual(web.tags, ["foo"], "tags are replaced by the last file")
        XCTAssertEqual(web.target, "final")
        XCTAssertEqual(web.args.map { "\($0.name)=\($0.value ?? "")" }, ["FROM_COMPOSE=1", "FROM_JSON=j", "SHARED=hcl"])
        XCTAssertEqual(project.build(named: "db_main")?.tags, ["postgres"], "Bake tags a service's image")
        XCTAssertEqual(project.build(named: "db_main")?.additionalContexts.first?.source, .target(name: "web"))
        XCTAssertEqual(project.services.map(\.name), ["cache", "db.main", "web", "worker"])
    }

    func testComposeArgsTakeTheServiceEnvironmentFirst() {
        let project = bake([
            "proj/compose.yaml": "services:\n  app:\n    build:\n      args: [A, B, C]\n    environment: {A: from-service}\n",
            "proj/.env": "B=from-dotenv\n",
        ], environment: ["A": "env", "C": "env"])
        XCTAssertEqual(project.builds.first?.args.map { "\($0.name)=\($0.value ?? "")" }, ["A=from-service", "B=from-dotenv", "C=env"])
        XCTAssertEqual(project.builds.first?.argument("A")?.provenance, .passedThrough(VariableUse(name: "A", origin: .serviceEnvironment)))
    }

    func testAGroupWinsOverATargetOfTheSameName() {
        let project = bake(["proj/docker-bake.hcl": """
        target "default" { dockerfile-inline = "FROM ubuntu" }
        group "default" { targets = ["alpine", "debian", "nowhere"] }
        target "alpine" { dockerfile-inline = "FROM alpine" }
        target "debian" { dockerfile-inline = "FROM debian" }
        """])
        XCTAssertEqual(project.defaultBuilds, ["alpine", "debian", "nowhere"])
        XCTAssertEqual(messages(project), ["proj/docker-bake.hcl:2:1: warning: the group `default` names `nowhere`, which is neither a target nor a group [unknown-target]"])
    }

    func testDefaultTargetWithoutGroup() {
        XCTAssertEqual(bake(["proj/docker-bake.hcl": "target \"default\" {}\n"]).defaultBuilds, ["default"])
    }

    func testNamedFilesAndTheirKinds() {
        let loader = BakeLoader(files: .inMemory([
            "ci/build.hcl": "target \"a\" {\n  context = \".\"\n}\n",
            "ci/more": "target \"b\" {}\n",
            "ci/services.yml": "services: {c: {build: ./c}}\n",
        ]), environment: [:])
        let project = loader.load(files: ["ci/build.hcl", "ci/more", "ci/services.yml"], workingDirectory: ".")
        XCTAssertEqual(messages(project), [])
        XCTAssertEqual(project.builds.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(project.build(named: "a")?.context, .local(path: "."), "Bake's paths start where it runs")
        XCTAssertEqual(project.build(named: "c")?.context, .local(path: "c"))
    }

    func testErrorsInOneFileLeaveTheOthersRead() {
        let project = bake([
            "proj/docker-bake.hcl": "target \"a\" {\n  context = \n}\n",
            "proj/docker-bake.override.hcl": "target \"b\" {}\n",
        ])
        XCTAssertEqual(messages(project), ["proj/docker-bake.hcl:2:13: error: expected an expression here [syntax-error]"])
        XCTAssertEqual(project.builds.map(\.name), ["b"])
    }

    func testJSONBakeFiles() throws {
        let project = bake(["proj/docker-bake.json": """
        {
          "variable": {"TAG": {"default": "latest"}, "OFF": {"default": null}},
          "group": {"default": {"targets": ["webapp"]}},
          "target": {
            "webapp": {
              "context": "https://github.com/example/webapp.git",
              "dockerfile": "Dockerfile.webapp",
              "tags": ["docker.io/username/webapp:${TAG}"],
              "args": {"N": 1, "B": true, "OFF": null, "ESCAPED": "$${NOT}"}
            }
          }
        }
        """], environment: ["TAG": "v2"])
        XCTAssertEqual(messages(project), [
            "proj/docker-bake.json:6:18: warning: the build context of `webapp` is remote (https://github.com/example/webapp.git); it is not fetched [remote-context]",
        ])
        let webapp = try XCTUnwrap(project.build(named: "webapp"))
        XCTAssertEqual(webapp.context, .remote(url: "https://github.com/example/webapp.git"))
        XCTAssertEqual(webapp.dockerfile, .remote(url: "https://github.com/example/webapp.git", path: "Dockerfile.webapp"))
        XCTAssertEqual(webapp.tags, ["docker.io/username/webapp:v2"])
        XCTAssertEqual(webapp.args.map { "\($0.name)=\($0.value ?? "nil")" }, ["B=true", "ESCAPED=${NOT}", "N=1", "OFF=nil"])
        XCTAssertEqual(project.defaultBuilds, ["webapp"])
    }

    func testJSONErrorsHavePositions() {
        let project = bake(["proj/docker-bake.json": "{\n  \"target\": {\"a\": {\"context\": \"${\"}}\n}\n"])
        XCTAssertEqual(messages(project), ["proj/docker-bake.json:2:31: error: this string is not a valid template: expected an expression before the end of the string [syntax-error]"])
    }

    func testNoFile() {
        XCTAssertEqual(bake([:]).diagnostics.map(\.code), ["no-bake-file"])
    }
}
