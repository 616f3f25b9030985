import DockslimCLI
import Foundation
import XCTest

/// Runs the command line in-process and captures its output.
struct Run {
    let code: Int32
    let stdout: String
    let stderr: String
    let stdoutBytes: [UInt8]

    /// `terminal`: standard error behaves as a terminal (progress is drawn).
    init(_ args: [String], stdin: [UInt8] = [], terminal: Bool = false) {
        let console = Console.capturing(input: stdin, stderrIsTerminal: terminal)
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

/// A temporary folder holding `files` (paths relative to it), made the
/// current folder until the test ends.
func projectFolder(_ test: XCTestCase, _ files: [String: String]) throws -> URL {
    let dir = try temporaryFolder(test)
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try write(text, to: url)
    }
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(dir.path)
    test.addTeardownBlock { FileManager.default.changeCurrentDirectoryPath(previous) }
    return dir
}
