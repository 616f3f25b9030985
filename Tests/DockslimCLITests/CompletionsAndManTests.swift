@testable import DockslimCLI
import Foundation
import XCTest

/// `dockslim completions` and `dockslim man`: made from the specs, so every
/// subcommand, option, allowed value and recipe id appears; each script is
/// checked by its shell where that shell is installed, the page by groff.
final class CompletionsAndManTests: XCTestCase {
    static let shells = ["bash", "zsh", "fish"]

    func testEveryScriptNamesEverySubcommandOptionAndValue() throws {
        let model = CompletionModel.current()
        XCTAssertEqual(model.subcommands.map(\.name), DockslimCLI.root.subcommands.map(\.0))
        for shell in Self.shells {
            let run = Run(["completions", shell])
            XCTAssertEqual(run.code, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("dockslim"), shell)
            for (name, _) in DockslimCLI.root.subcommands {
                XCTAssertTrue(run.stdout.contains(name), "\(shell): \(name)")
                for option in DockslimCLI.commands[name]?.spec.options ?? [] {
                    for spelling in option.names {
                        // fish writes `-l write` / `-s w`; the others the spelling itself.
                        let written = shell == "fish" ? (spelling.hasPrefix("--") ? "-l " + spelling.dropFirst(2) : "-s " + spelling.dropFirst()) : spelling
                        XCTAssertTrue(run.stdout.contains(written), "\(shell): \(name) \(spelling)")
                    }
                    for value in option.allowed ?? [] { XCTAssertTrue(run.stdout.contains(value), "\(shell): \(name) \(option.names) \(value)") }
                }
            }
            for id in model.recipeIDs { XCTAssertTrue(run.stdout.contains(id), "\(shell): recipe \(id)") }
        }
    }

    func testBashOffersWhatTheSpecsAllow() throws {
        let script = Run(["completions", "bash"]).stdout
        try XCTSkipUnless(Self.which("bash") != nil, "bash is not installed")
        XCTAssertEqual(try Self.complete(script, ["dockslim", "re"]).sorted(), ["recipes", "rewrite"])
        XCTAssertEqual(try Self.complete(script, ["dockslim", "audit", "--format", ""]).sorted(), ["json", "sarif", "text"])
        XCTAssertEqual(try Self.complete(script, ["dockslim", "rewrite", "--recipe", "go-"]).sorted(), ["go-alpine", "go-distroless", "go-scratch"])
        XCTAssertEqual(try Self.complete(script, ["dockslim", "recipes", "show", "slim"]), ["slim"])
        XCTAssertEqual(try Self.complete(script, ["dockslim", "completions", "z"]), ["zsh"])
        XCTAssertTrue(try Self.complete(script, ["dockslim", "rewrite", "--ch"]).contains("--check"))
    }

    func testFishOffersWhatTheSpecsAllow() throws {
        guard let fish = Self.which("fish") else { throw XCTSkip("fish is not installed") }
        let file = try temporaryFolder(self).appendingPathComponent("dockslim.fish")
        try Run(["completions", "fish"]).stdout.write(to: file, atomically: true, encoding: .utf8)
        func complete(_ line: String) throws -> [String] {
            let out = try Self.execute(fish, ["-c", "source \(file.path); complete -C '\(line)'"]).output
            return out.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }.sorted()
        }
        XCTAssertEqual(try complete("dockslim re"), ["recipes", "rewrite"])
        XCTAssertEqual(try complete("dockslim audit --format "), ["json", "sarif", "text"])
        XCTAssertEqual(try complete("dockslim recipes show go-"), ["go-alpine", "go-distroless", "go-scratch"])
        XCTAssertEqual(try complete("dockslim completions "), ["bash", "fish", "zsh"])
    }

    func testEachShellAcceptsItsScript() throws {
        for (shell, check) in [("bash", ["-n"]), ("zsh", ["-n"]), ("fish", ["--no-execute"])] {
            guard let path = Self.which(shell) else { continue }  // zsh and fish may be absent
            let file = try temporaryFolder(self).appendingPathComponent("dockslim.\(shell)")
            try Run(["completions", shell]).stdout.write(to: file, atomically: true, encoding: .utf8)
            let result = try Self.execute(path, check + [file.path])
            XCTAssertEqual(result.code, 0, "\(shell): \(result.output)")
        }
    }

    func testCompletionsUsageErrors() {
        let none = Run(["completions"])
        XCTAssertEqual(none.code, 64)
        XCTAssertTrue(none.stderr.hasPrefix("Error: Missing expected argument '<shell>'\nUsage: dockslim completions <shell>\n"), none.stderr)
        let bad = Run(["completions", "tcsh"])
        XCTAssertEqual(bad.code, 64)
        XCTAssertTrue(bad.stderr.hasPrefix("Error: The value 'tcsh' is invalid for '<shell>'"), bad.stderr)
        XCTAssertEqual(Run(["man", "extra"]).code, 64)
    }

    func testTheManPageHoldsEveryHelpText() throws {
        let run = Run(["man"])
        XCTAssertEqual(run.code, 0)
        let page = run.stdout
        XCTAssertTrue(page.hasPrefix(".TH DOCKSLIM 1 "))
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS", "ENVIRONMENT"] {
            XCTAssertTrue(page.contains("\n.SH \(section)\n"), section)
        }
        for (name, _) in DockslimCLI.root.subcommands {
            XCTAssertTrue(page.contains(".SS \"\(name)\""), name)
            for option in DockslimCLI.commands[name]?.spec.options ?? [] {
                for spelling in option.names { XCTAssertTrue(page.contains(ManPage.escape(spelling)), "\(name) \(spelling)") }
            }
        }
        XCTAssertFalse(page.unicodeScalars.contains { $0.value > 0x7E }, "roff input is ASCII; other characters are escaped")
        XCTAssertFalse(page.split(separator: "\n").contains { $0.hasPrefix(".") && !$0.hasPrefix(".TH") && !Self.macros.contains(String($0.prefix(3))) },
                       "every request line is a man(7) macro")
        guard let groff = Self.which("groff") else { throw XCTSkip("groff is not installed") }
        let file = try temporaryFolder(self).appendingPathComponent("dockslim.1")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.execute(groff, ["-man", "-Tutf8", "-ww", "-z", file.path])
        XCTAssertEqual(result.code, 0)
        XCTAssertEqual(result.output, "", "groff warns about the page")
        let text = try Self.execute(groff, ["-man", "-Tascii", "-P", "-cbou", file.path]).output
        XCTAssertTrue(text.contains("dockslim rewrite --recipe <recipe>"), "usage lines read as typed")
        XCTAssertTrue(text.contains("--shard"), "options read as typed")
    }

    static let macros: Set<String> = [".SH", ".SS", ".TP", ".PP", ".B ", ".I ", ".BR", ".RI", ".nf", ".fi"]

    // MARK: Helpers

    static func which(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func execute(_ program: String, _ args: [String]) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// What the bash script offers for the last word of `words`.
    static func complete(_ script: String, _ words: [String]) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = script + """
        COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
        cd /nonexistent-dockslim 2>/dev/null || cd "$(mktemp -d)"
        _dockslim
        printf '%s\\n' "${COMPREPLY[@]}"
        """
        let result = try execute(which("bash")!, ["-c", program])
        return result.output.split(separator: "\n").map(String.init)
    }
}
