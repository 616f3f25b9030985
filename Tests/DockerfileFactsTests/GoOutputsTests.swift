@testable import DockerfileFacts
import DockerfileModel
import XCTest

final class GoOutputsTests: XCTestCase {
    func testProgramIsNamedAfterTheLastElementBeforeAMajorVersion() {
        XCTAssertEqual(GoOutputs.execName(importPath: "github.com/acme/ledger/v2", moduleMode: true), "ledger")
        XCTAssertEqual(GoOutputs.execName(importPath: "github.com/acme/ledger/v2", moduleMode: false), "v2")
        XCTAssertEqual(GoOutputs.execName(importPath: "github.com/acme/tool/v1", moduleMode: true), "v1")
        XCTAssertEqual(GoOutputs.execName(importPath: "github.com/acme/tool/v0", moduleMode: true), "v0")
        XCTAssertEqual(GoOutputs.execName(importPath: "github.com/acme/tool/cmd/api", moduleMode: true), "api")
        XCTAssertEqual(GoOutputs.execName(importPath: "v3", moduleMode: true), "v3")
        XCTAssertEqual(GoOutputs.execName(importPath: "dispatch", moduleMode: true), "dispatch")
    }

    func testModulePathIgnoresCommentsAndQuotes() {
        XCTAssertEqual(GoOutputs.modulePath("// header\nmodule github.com/acme/x // the x\n\ngo 1.22\n"), "github.com/acme/x")
        XCTAssertEqual(GoOutputs.modulePath("module \"example.com/y\"\n"), "example.com/y")
        XCTAssertNil(GoOutputs.modulePath("go 1.22\n"))
    }

    func testGoVersionOfTags() {
        XCTAssertEqual(GoOutputs.version(of: ImageReference("golang:1.16.0-alpine3.13")!), [1, 16, 0])
        XCTAssertEqual(GoOutputs.version(of: ImageReference("golang:1.9-alpine3.7")!), [1, 9])
        XCTAssertNil(GoOutputs.version(of: ImageReference("golang:1-alpine")!))
        XCTAssertNil(GoOutputs.version(of: ImageReference("golang:alpine")!))
        XCTAssertNil(GoOutputs.version(of: ImageReference("golang")!))
    }

    func testModuleModeByVersionAndSetting() {
        func mode(_ image: String, _ env: [String: String] = [:]) -> Bool? {
            GoOutputs(folder: "/go/src/app", site: nil, context: nil, image: ImageReference(image)!, environment: env).moduleMode
        }
        XCTAssertEqual(mode("golang:1.16"), true)
        XCTAssertEqual(mode("golang:latest"), true)
        XCTAssertEqual(mode("golang:1.10"), false)
        XCTAssertEqual(mode("golang:1.22", ["GO111MODULE": "off"]), false)
        XCTAssertEqual(mode("golang:1.12", ["GO111MODULE": "on"]), true)
        // Go 1.11–1.15 without a setting depend on a go.mod that is not in sight here.
        XCTAssertNil(mode("golang:1.14"))
    }

    func testGOPATHModeNamesTheProgramAfterItsFolder() {
        let o = GoOutputs(folder: "/go/src/github.com/acme/pinger", site: nil, context: nil, image: ImageReference("golang:1.10")!, environment: [:])
        XCTAssertEqual(o.programName(ofPackageIn: "/go/src/github.com/acme/pinger"), "pinger")
        XCTAssertEqual(o.installFolder, "/go/bin")
        let bin = GoOutputs(folder: "/src", site: nil, context: nil, image: ImageReference("golang:1.22")!, environment: ["GOBIN": "/out"])
        XCTAssertEqual(bin.installFolder, "/out")
        // Module mode without a go.mod in sight: a subfolder is named after itself, the folder itself is not known.
        XCTAssertEqual(bin.programName(ofPackageIn: "/src/cmd/api"), "api")
        XCTAssertNil(bin.programName(ofPackageIn: "/src"))
    }

    func testPackageClauseSkipsFilesConstraintsLeaveOut() {
        XCTAssertEqual(GoPackageClause.name(ofBuildable: "// Copyright\n\npackage main\n"), "main")
        XCTAssertNil(GoPackageClause.name(ofBuildable: "//go:build ignore\n\npackage main\n"))
        XCTAssertNil(GoPackageClause.name(ofBuildable: "//go:build tools\npackage tools\n"))
        XCTAssertNil(GoPackageClause.name(ofBuildable: "// +build windows\n\npackage main\n"))
        XCTAssertEqual(GoPackageClause.name(ofBuildable: "//go:build linux || darwin\n\npackage main\n"), "main")
        XCTAssertEqual(GoPackageClause.name(ofBuildable: "//go:build !windows\n\npackage main\n"), "main")
    }

    func testImportsOutsideTheStandardLibrary() {
        XCTAssertTrue(GoFetches.isRemote("github.com/gorilla/mux"))
        XCTAssertFalse(GoFetches.isRemote("net/http"))
        XCTAssertFalse(GoFetches.isRemote("./..."))
        XCTAssertFalse(GoFetches.isRemote("app/server"))
        let text = "package main\n\nimport (\n\t\"fmt\"\n\tmux \"github.com/gorilla/mux\"\n)\nimport \"os\"\n"
        XCTAssertEqual(GoFetches.imports(text).map(\.1), ["fmt", "github.com/gorilla/mux", "os"])
        XCTAssertEqual(GoFetches.imports(text).map(\.0), [4, 5, 7])
    }

    func testChecksThatOnlyRead() {
        let go = Go()
        XCTAssertTrue(go.isCheckCommand(["go", "vet", "./..."]))
        XCTAssertTrue(go.isCheckCommand(["go", "test", "-v", "./..."]))
        XCTAssertFalse(go.isCheckCommand(["go", "test", "-coverprofile=c.out", "./..."]))
        XCTAssertFalse(go.isCheckCommand(["go", "env", "-w", "GOPROXY=direct"]))
        XCTAssertFalse(go.isCheckCommand(["go", "build", "."]))
    }
}
