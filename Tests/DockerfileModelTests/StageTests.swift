import DockerfileModel
import DockerfileSyntax
import XCTest

final class StageTests: XCTestCase {
    func testStagesNamesBasesAndPlatform() {
        let file = Dockerfile(parsing: """
        ARG GO=1.22
        FROM --platform=$BUILDPLATFORM golang:${GO}-alpine AS Build
        RUN go build -o /app .
        FROM build AS test
        FROM gcr.io/distroless/static-debian13:nonroot
        COPY --from=build /app /app
        FROM scratch

        """)
        XCTAssertEqual(file.stages.map(\.index), [0, 1, 2, 3])
        XCTAssertEqual(file.stages.map(\.name), ["build", "test", nil, nil])
        XCTAssertEqual(file.stages[0].baseText, "golang:${GO}-alpine")
        XCTAssertEqual(file.stages[0].resolvedBase, "golang:1.22-alpine")
        XCTAssertEqual(file.stages[0].base, .image(ImageReference("golang:1.22-alpine")!))
        XCTAssertEqual(file.stages[0].platform, "$BUILDPLATFORM")
        XCTAssertEqual(file.stages[1].base, .stage(0))
        XCTAssertEqual(file.stages[2].base, .image(ImageReference("gcr.io/distroless/static-debian13:nonroot")!))
        XCTAssertEqual(file.stages[3].base, .scratch)
        XCTAssertEqual(file.stages[0].instructions.map(\.kind), [.run])
        XCTAssertEqual(file.stages[0].baseNode?.description, "golang:${GO}-alpine ")
        XCTAssertEqual(file.finalStage?.index, 3)
    }

    func testUnresolvedArgInFrom() {
        let file = Dockerfile(parsing: "ARG BASE\nFROM ${BASE}\n")
        XCTAssertEqual(file.stages[0].base, .unresolved)
        XCTAssertEqual(file.stages[0].unresolvedArgs, ["BASE"])
    }

    func testArgDefaultsAndModifiers() {
        let file = Dockerfile(parsing: "ARG V=3.20\nARG IMG=alpine:${V}\nFROM ${IMG}\nFROM ${MISSING:-debian}:${NOPE-12}\n")
        XCTAssertEqual(file.stages[0].resolvedBase, "alpine:3.20")
        XCTAssertEqual(file.stages[1].resolvedBase, "debian:12")
    }

    func testArgScoping() {
        let file = Dockerfile(parsing: "ARG A=global B=g2\nFROM alpine\nARG A\nARG C=local\nARG D=${C}-x\n")
        let visible = file.argValues(in: file.stages[0])
        XCTAssertEqual(visible["A"], "global")
        XCTAssertNil(visible["B"], "a global ARG is visible in a stage only once declared there")
        XCTAssertEqual(visible["C"], "local")
        XCTAssertEqual(visible["D"], "local-x")
        XCTAssertEqual(file.globalArgs.map(\.name), ["A", "B"])
    }

    func testFromErrors() {
        let file = Dockerfile(parsing: "FROM a b\nFROM c AS 1bad\nFROM d AS x\nFROM e AS X\n")
        let codes = file.diagnostics.map(\.code)
        XCTAssertTrue(codes.contains("from-arguments"))
        XCTAssertTrue(codes.contains("invalid-stage-name"))
        XCTAssertTrue(codes.contains("duplicate-stage-name"))
    }

    func testInstructionBeforeFirstFrom() {
        XCTAssertEqual(Dockerfile(parsing: "RUN x\nFROM a\n").diagnostics.first?.code, "no-stage")
    }

    func testDirectivesInTheModel() {
        let file = Dockerfile(parsing: "# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n")
        XCTAssertEqual(file.syntax, "docker/dockerfile:1")
        XCTAssertEqual(file.escape, "`")
        XCTAssertEqual(file.directives.map(\.name), [.syntax, .escape])
    }
}

final class StageGraphTests: XCTestCase {
    let file = Dockerfile(parsing: """
    FROM golang:1.22 AS deps
    FROM deps AS build
    RUN --mount=type=cache,target=/root/.cache --mount=from=tools,src=/bin/x,target=/x go build
    FROM alpine AS tools
    FROM node:22 AS unused
    FROM gcr.io/distroless/static-debian13
    COPY --from=build /out/app /app
    COPY --from=0 /go/pkg /pkg
    COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/
    ADD --from=tools a b /dest/

    """)

    func testEdges() {
        let edges = file.graph.edges(of: 4)
        XCTAssertEqual(edges.map(\.kind), [.base, .copy, .copy, .copy, .copy])
        XCTAssertEqual(edges.map(\.source), [
            .image(ImageReference("gcr.io/distroless/static-debian13")!), .stage(1), .stage(0),
            .image(ImageReference("nginx:1.27")!), .stage(2),
        ])
        XCTAssertEqual(edges[1].label, "/out/app → /app")
        XCTAssertEqual(edges[4].label, "a b → /dest/")
        XCTAssertEqual(file.graph.edges(of: 1).map(\.source), [.stage(0), .stage(2)],
                       "BuildKit resolves a mount's stage among all stages, later ones too")
    }

    func testWhatTheFinalStageNeeds() {
        XCTAssertEqual(file.graph.stagesNeeded(by: 4), [0, 1, 2, 4])
        XCTAssertEqual(file.graph.unreachable(from: 4), [3])
        XCTAssertEqual(file.graph.stagesNeeded(by: 1), [0, 1, 2])
    }

    func testCopyFromRules() {
        let f = Dockerfile(parsing: "FROM a AS one\nCOPY --from=two x y\nFROM b AS two\nCOPY --from=$X x y\nCOPY --from=5 x y\nCOPY --from=1 x y\n")
        let codes = f.diagnostics.map(\.code)
        XCTAssertTrue(codes.contains("copy-from-variable"))
        XCTAssertTrue(codes.contains("invalid-stage-index"))
        XCTAssertTrue(codes.contains("stage-defined-later"))
        XCTAssertEqual(f.graph.edges(of: 0).last?.source, .unresolved("two"))
    }

    func testFromMatchesEarlierStageNamesAsWritten() {
        let f = Dockerfile(parsing: "FROM a AS Base\nFROM base\nFROM BASE\nFROM later\nFROM b AS later\n")
        XCTAssertEqual(f.stages[1].base, .stage(0))
        XCTAssertEqual(f.stages[2].base, .image(ImageReference("BASE")!))
        XCTAssertEqual(f.stages[3].base, .image(ImageReference("later")!))
    }
}
