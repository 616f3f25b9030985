import DockerfileSyntax
import XCTest

/// Parses `source` and checks, first of all, that it prints back byte for
/// byte; then that every byte outside token text is trivia the trivia lexer
/// recognises, and that token texts and trivia, in order, are the file.
@discardableResult
func assertParse(_ source: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> SyntaxTree {
    let tree = Parser.parse(source)
    XCTAssertEqual(tree.printed(), source, "round trip", file: file, line: line)
    var leaves: [UInt8] = []
    for token in tree.allTokens {
        for piece in token.leadingTrivia + token.trailingTrivia {
            XCTAssertNotEqual(piece.kind, .unexpected, "unexpected trivia at \(piece.range)", file: file, line: line)
        }
        for piece in token.leadingTrivia { leaves += tree.source[piece.range] }
        leaves += token.bytes
        for piece in token.trailingTrivia { leaves += tree.source[piece.range] }
    }
    XCTAssertEqual(leaves, source, "leaves reproduce the file", file: file, line: line)
    return tree
}

@discardableResult
func assertParse(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> SyntaxTree {
    assertParse(Array(source.utf8), file: file, line: line)
}

/// Compares two texts and, when they differ, shows a line diff.
func assertTextEqual(_ actual: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    var report = "texts differ (- expected, + actual):\n"
    for i in 0..<max(a.count, e.count) {
        let x = i < e.count ? String(e[i]) : nil, y = i < a.count ? String(a[i]) : nil
        if x == y { report += "  \(x ?? "")\n" } else {
            if let x { report += "- \(x)\n" }
            if let y { report += "+ \(y)\n" }
        }
    }
    XCTFail(report, file: file, line: line)
}

extension SyntaxTree {
    /// The top-level instruction nodes.
    var instructions: [SyntaxNode] { root.childNodes.filter { $0.kind.isInstruction } }
}

extension SyntaxNode {
    /// The texts of the tokens under this node.
    var tokenTexts: [String] { tokens.map(\.text) }
}
