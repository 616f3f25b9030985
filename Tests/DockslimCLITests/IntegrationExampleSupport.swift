import BuildDefinitions
@testable import DockslimCLI
import Foundation
import XCTest

/// Reading the examples under `integrations/` (and the top's `action.yml`
/// and `.pre-commit-hooks.yaml`) as their engines would, and holding every
/// dockslim command line in them against dockslim's own `CommandSpec`s.
enum IntegrationExamples {
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    /// The first document of a YAML file, read by dockslim's own reader.
    static func yaml(_ path: String) throws -> YAMLNode {
        let documents = try YAMLReader.read(try text(path), file: path)
        guard let first = documents.first else { throw Missing(what: "a YAML document in \(path)") }
        return first.root
    }

    struct Missing: Error, CustomStringConvertible {
        let what: String
        var description: String { "missing: \(what)" }
    }

    static let subcommands = Set(DockslimCLI.commands.keys)

    /// Every dockslim command line written in `text`: the words after a
    /// `dockslim` (or `${DOCKSLIM:-dockslim}`) that is followed by a
    /// subcommand, up to the end of the shell word list (a redirection,
    /// pipe, `;`, `&&`, the end of a Markdown code span or a comment). GitHub
    /// expressions `${{ … }}` stand for one word.
    static func commandLines(in text: String) -> [[String]] {
        var found: [[String]] = []
        let expression = try! NSRegularExpression(pattern: #"\$\{\{[^}]*\}\}"#)
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let full = NSRange(rawLine.startIndex..., in: rawLine)
            var line = expression.stringByReplacingMatches(in: String(rawLine), range: full, withTemplate: "1")
            // A comment line's text is read like the rest (a command quoted in a comment).
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("#") { line = String(trimmed.drop { $0 == "#" }) }
            // Markdown code spans: each piece between backticks on its own.
            for piece in line.split(separator: "`", omittingEmptySubsequences: true) {
                let words = shellWords(String(piece))
                for (i, word) in words.enumerated() where i + 1 < words.count {
                    let program = word.split(separator: "/").last.map(String.init) ?? word
                    guard program == "dockslim" || program == "${DOCKSLIM:-dockslim}" else { continue }
                    guard subcommands.contains(words[i + 1]) else { continue }
                    found.append(Array(words[(i + 1)...]))
                }
            }
        }
        return found
    }

    /// Splits a line into words as a shell would (quotes removed), ending
    /// at the first unquoted `>`, `<`, `|`, `;`, `&`, or `#` that
    /// starts a word. `$(…)` stays inside its word.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var parens = 0
        func finish() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                inWord = true
            case " ", "\t":
                if parens > 0 { word.append(c) } else { finish() }
            case ">", "<", "|", ";", "&":
                if parens > 0 { word.append(c); continue }
                finish()
                return words
            case "#" where !inWord:
                return words
            case "(" where word.hasSuffix("$"):
                parens += 1
                word.append(c)
            case ")" where parens > 0:
                parens -= 1
                word.append(c)
            default:
                word.append(c)
                inWord = true
            }
        }
        finish()
        return words
    }

    /// Parses `argv` (a subcommand and its arguments) with that
    /// subcommand's spec, as `dockslim` would; a builtin recipe named with
    /// `--recipe` must exist. Returns what is wrong, or nil.
    static func parseProblem(_ argv: [String]) -> String? {
        guard let name = argv.first, let spec = DockslimCLI.commands[name]?.spec else {
            return "not a dockslim subcommand: \(argv)"
        }
        do {
            let parsed = try spec.parse(Array(argv.dropFirst()))
            if let recipe = parsed.value("--recipe"), !recipe.hasSuffix(".json"), !CompletionModel.current().recipeIDs.contains(recipe) {
                return "no builtin recipe '\(recipe)'"
            }
            return nil
        } catch {
            return error.message
        }
    }

    static func assertParses(_ argv: [String], _ source: String, file: StaticString = #filePath, line: UInt = #line) {
        if let problem = parseProblem(argv) {
            XCTFail("\(source): dockslim \(argv.joined(separator: " ")): \(problem)", file: file, line: line)
        }
    }
}

extension YAMLNode {
    /// The node at a path of mapping keys.
    subscript(path: [String]) -> YAMLNode? {
        var node: YAMLNode? = self
        for key in path { node = node?[key] }
        return node
    }

    var strings: [String] { sequence?.compactMap(\.scalar) ?? [] }
}
