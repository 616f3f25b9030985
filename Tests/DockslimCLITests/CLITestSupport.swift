import DockslimCLI
import Foundation
import XCTest

/// Runs the command line in-process and captures its output.
struct Run {
    let code: Int32
    let stdout: String
    let stderr: String
    let stdoutBytes: [UInt8]

    init(_ args: [String], stdin: [UInt8] = []) {
        let console = Console.capturing(input: stdin)
        code = DockslimCLI.run(args, console: console)
        stdoutBytes = console.stdout.captured
        stdout = console.stdout.capturedText
        stderr = console.stderr.capturedText
    }
}

/// A temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dockslim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}
