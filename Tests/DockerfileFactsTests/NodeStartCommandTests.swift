@testable import DockerfileFacts
import XCTest

/// What a Node.js image's command writes that its sources cannot say.
final class NodeStartCommandTests: XCTestCase {
    private func context(scripts: String) -> BuildContext {
        BuildContext(files: ["package.json"], contents: ["package.json": Array(#"{"name": "web", "scripts": {\#(scripts)}}"#.utf8)])
    }

    func testAScriptRunningViteWritesItsCaches() throws {
        let c = context(scripts: #""start": "vite preview --port 8080", "build": "vite build""#)
        let why = try XCTUnwrap(NodeStartCommand.whyWrites(["yarn", "start"], context: c))
        XCTAssertTrue(why.contains("vite (package.json's start script)"), why)
        XCTAssertNotNil(NodeStartCommand.whyWrites(["npm", "run", "build"], context: c))
    }

    func testScriptsCallingScriptsAreFollowed() {
        let c = context(scripts: #""start": "npm run migrate && node dist/main.js", "migrate": "cross-env NODE_ENV=production react-scripts start""#)
        XCTAssertTrue(NodeStartCommand.whyWrites(["npm", "start"], context: c)?.contains("react-scripts") == true)
    }

    func testNodeFileRunsTheSourcesWhichTheReaderAnswersFor() {
        let c = context(scripts: #""start": "NODE_ENV=production node server.js""#)
        XCTAssertNil(NodeStartCommand.whyWrites(["npm", "start"], context: c))
        XCTAssertNil(NodeStartCommand.whyWrites(["node", "index.js"], context: c))
        // npm's default start is `node server.js`.
        XCTAssertNil(NodeStartCommand.whyWrites(["npm", "start"], context: context(scripts: "")))
    }

    func testUnknownProgramsInScriptsAndMissingScriptsAreNotVouchedFor() {
        let c = context(scripts: #""start": "./bin/www-launcher --serve""#)
        XCTAssertTrue(NodeStartCommand.whyWrites(["npm", "start"], context: c)?.contains("does not know") == true)
        XCTAssertTrue(NodeStartCommand.whyWrites(["yarn", "dev"], context: c)?.contains("names no script") == true)
        XCTAssertTrue(NodeStartCommand.whyWrites(["npm", "start"], context: nil)?.contains("not at hand") == true)
    }

    func testScriptLoopsEnd() {
        let c = context(scripts: #""start": "npm run a", "a": "npm start""#)
        XCTAssertTrue(NodeStartCommand.whyWrites(["npm", "start"], context: c)?.contains("too deeply") == true)
    }
}
