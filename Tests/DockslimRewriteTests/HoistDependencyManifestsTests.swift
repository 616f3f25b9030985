@testable import DockerfileFacts
import DockslimRewrite
import XCTest

final class HoistDependencyManifestsTests: XCTestCase {
    let pass = try! HoistDependencyManifests(options: [:])

    func testGoSplitWithoutTheFolder() {
        assertRewrite(pass, input: """
        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN go mod download && go build -o /out/app ./cmd/app

        """, expected: """
        FROM golang:1.22
        WORKDIR /src
        COPY go.mod go.su[m] ./
        RUN go mod download
        COPY . .
        RUN go build -o /out/app ./cmd/app

        """)
    }

    func testGoWithTheFolderCopiesOnlyWhatExists() {
        let facts = project(["go.mod": "module x\n", "main.go": ""])
        assertRewrite(pass, input: "FROM golang:1.22\nCOPY . /src\nRUN go mod download\n",
                      expected: "FROM golang:1.22\nCOPY go.mod /src/\nRUN go mod download\nCOPY . /src\n", project: facts)
    }

    func testWholeRunMovesWithItsCommentsAndLayout() {
        assertRewrite(pass, input: """
        FROM node:22
        WORKDIR /app
        COPY --chown=node:node . .
        # production dependencies only
        RUN --mount=type=cache,target=/root/.npm \\
            npm ci --omit=dev
        CMD ["node", "server.js"]

        """, expected: """
        FROM node:22
        WORKDIR /app
        COPY --chown=node:node package*.json npm-shrinkwra[p].json .npmr[c] ./
        # production dependencies only
        RUN --mount=type=cache,target=/root/.npm \\
            npm ci --omit=dev
        COPY --chown=node:node . .
        CMD ["node", "server.js"]

        """)
    }

    func testSplitKeepsRunFlagsAndContinuation() {
        assertRewrite(pass, input: "FROM python:3.12\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt && \\\n    python manage.py collectstatic\n",
                      expected: "FROM python:3.12\nCOPY requirements.txt ./\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/pip python manage.py collectstatic\n")
    }

    func testFileStyleIsFollowed() {
        assertRewrite(pass, input: "from golang:1.22\r\ncopy . .\r\nrun go mod download\r\n",
                      expected: "from golang:1.22\r\ncopy go.mod go.su[m] ./\r\nrun go mod download\r\ncopy . .\r\n")
    }

    func testBacktickEscape() {
        assertRewrite(pass, input: "# escape=`\nFROM golang:1.22\nCOPY . .\nRUN go mod download && `\n    go build .\n",
                      expected: "# escape=`\nFROM golang:1.22\nCOPY go.mod go.su[m] ./\nRUN go mod download\nCOPY . .\nRUN go build .\n")
    }

    func testSeveralInstalls() {
        assertRewrite(pass, input: "FROM x\nCOPY . .\nRUN npm ci\nRUN pip install -r requirements.txt\nRUN make\n",
                      expected: "FROM x\nCOPY package*.json npm-shrinkwra[p].json .npmr[c] requirements.txt ./\nRUN npm ci\nRUN pip install -r requirements.txt\nCOPY . .\nRUN make\n")
    }

    func testSomethingBetweenCopyAndInstall() {
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nENV GOFLAGS=-mod=vendor\nRUN go mod download\n", reason: "ENV on line 3 comes between")
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nENV PIP_CONFIG_FILE=/src/pip.conf\nRUN go mod download\n", reason: "ENV on line 3 comes between")
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nRUN make generate\nRUN go mod download\n", reason: "RUN on line 3")
    }

    /// A USER, or an ENV that is not a path, stays above the install; the whole-context copy moves below it.
    func testSettingsBetweenCopyAndInstallStayPut() {
        assertRewrite(pass, input: "FROM golang\nCOPY . .\nUSER app\nRUN go mod download\n",
                      expected: "FROM golang\nCOPY go.mod go.su[m] ./\nUSER app\nRUN go mod download\nCOPY . .\n")
        assertRewrite(pass, input: "FROM node:22\nWORKDIR /app\nCOPY . .\nENV NODE_ENV=production\nRUN npm ci\n",
                      expected: "FROM node:22\nWORKDIR /app\nCOPY package*.json npm-shrinkwra[p].json .npmr[c] ./\nENV NODE_ENV=production\nRUN npm ci\nCOPY . .\n")
    }

    func testInstallsThatNeedTheSources() {
        assertNotApplicable(pass, input: "FROM python\nCOPY . .\nRUN poetry install\n", reason: "--no-root")
        assertNotApplicable(pass, input: "FROM python\nCOPY . .\nRUN uv sync --frozen\n", reason: "--no-install-project")
        assertNotApplicable(pass, input: "FROM rust\nCOPY . .\nRUN cargo build --release\n", reason: "cargo cannot read a manifest")
        assertNotApplicable(pass, input: "FROM php\nCOPY . .\nRUN composer install\n", reason: "--no-scripts --no-autoloader")
        assertNotApplicable(pass, input: "FROM python\nCOPY . .\nRUN pip install .\n", reason: "does not start with a dependency install")
        assertNotApplicable(pass, input: "FROM maven\nCOPY . .\nRUN mvn dependency:go-offline\n", reason: "only when the Dockerfile's folder holds its build files")
    }

    func testBuildContextThatForbidTheHoist() {
        assertNotApplicable(pass, input: "FROM node\nCOPY . .\nRUN npm ci\n", reason: "\"postinstall\" script",
                            project: project(["package.json": #"{"scripts": {"postinstall": "node build.js"}}"#]))
        assertNotApplicable(pass, input: "FROM node\nCOPY . .\nRUN npm ci\n", reason: "workspaces",
                            project: project(["package.json": #"{"workspaces": ["a"]}"#]))
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nRUN go mod download\n", reason: "local folder",
                            project: project(["go.mod": "module x\nreplace example.com/y => ../y\n"]))
        assertNotApplicable(pass, input: "FROM python\nCOPY . .\nRUN pip install -r requirements.txt\n", reason: "local packages",
                            project: project(["requirements.txt": "flask\n-e .\n"]))
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nRUN go mod download\n", reason: ".dockerignore excludes go.mod",
                            project: project(["go.mod": "module x\n", ".dockerignore": "*.mod\n"]))
        assertNotApplicable(pass, input: "FROM maven\nCOPY . .\nRUN mvn dependency:go-offline\n", reason: "multi-module",
                            project: project(["pom.xml": "<project><modules><module>a</module></modules></project>"]))
    }

    // The folder at hand is the build context: a manifest it lacks would stop the build at the hoisted COPY.
    func testAManifestTheContextLacksIsNeverNamed() {
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nRUN go mod download\n", reason: "has no go.mod, so a COPY naming it would stop the build",
                            project: project(["main.go": ""]))
        assertNotApplicable(pass, input: "FROM node:16-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install\n", reason: "has no package.json",
                            project: project(["client/package.json": "{}", "server/package.json": "{}", ".dockerignore": "node_modules\n"]))
        assertNotApplicable(pass, input: "FROM node:22\nCOPY . .\nRUN npm install\n", reason: "has no package.json",
                            project: project(["api/package.json": "{}"]))
        assertNotApplicable(pass, input: "FROM python:3.12\nCOPY . .\nRUN pip install -r requirements/prod.txt\n", reason: "has no requirements/prod.txt",
                            project: project(["requirements.txt": "flask\n"]))
    }

    // COPY . . after the install lays the context's node_modules over the installed one, unless .dockerignore leaves it out.
    func testNodeModulesOfTheContext() {
        let pkg = #"{"dependencies": {"express": "^4"}}"#
        assertNotApplicable(pass, input: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n", reason: "no .dockerignore excludes node_modules",
                            project: project(["package.json": pkg, "package-lock.json": "{}"]))
        assertNotApplicable(pass, input: "FROM node:22\nCOPY . .\nRUN npm ci\n", reason: "no .dockerignore excludes node_modules",
                            project: project(["package.json": pkg, ".dockerignore": ".git\n*.log\n"]))
        for ignore in ["node_modules\n", "**/node_modules\n", "/node_modules/\n", "node_modules/*\n"] {
            assertRewrite(pass, input: "FROM node:22\nCOPY . .\nRUN npm ci\n", expected: "FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n",
                          project: project(["package.json": pkg, "package-lock.json": "{}", ".dockerignore": ignore]))
        }
        // Without the context, the rewrite says what to check.
        let notes = rewrite(pass, "FROM node:22\nCOPY . .\nRUN npm ci\n").steps.flatMap(\.notes)
        XCTAssertTrue(notes.contains { $0.contains("check that its .dockerignore excludes node_modules") }, "\(notes)")
    }

    func testAGeneratedDockerfileIsLeftAlone() {
        assertNotApplicable(pass, input: "# Code generated by gen.sh. DO NOT EDIT.\nFROM golang:1.22\nCOPY . .\nRUN go mod download\n", reason: "the Dockerfile is generated")
    }

    func testMavenWithTheFolder() {
        assertRewrite(pass, input: "FROM maven:3\nWORKDIR /b\nCOPY . .\nRUN mvn -B dependency:go-offline\nRUN mvn package\n",
                      expected: "FROM maven:3\nWORKDIR /b\nCOPY pom.xml ./\nRUN mvn -B dependency:go-offline\nCOPY . .\nRUN mvn package\n",
                      project: project(["pom.xml": "<project/>"]))
    }

    func testAlreadyHoistedOrNothingToDo() {
        assertNotApplicable(pass, input: "FROM golang\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build\n", reason: "does not start with a dependency install")
        assertNotApplicable(pass, input: "FROM alpine\nCOPY app /app\n", reason: "no COPY . or ADD .")
        assertNotApplicable(pass, input: "FROM golang\nCOPY --from=build . .\nRUN go mod download\n", reason: "no COPY . or ADD .")
    }

    func testCommentInsideTheSplitPartIsNeverDropped() {
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nRUN go mod download && \\\n  # then build\n  go build\n", reason: "comments inside the install")
    }

    func testMixedOperatorsAreLeftAlone() {
        assertNotApplicable(pass, input: "FROM golang\nCOPY . .\nRUN go mod download || true\n", reason: "joins the install")
    }
}
