import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// The audit's comments: `# dockslim ignore=ID[,ID…]` in the comment lines
/// directly above an instruction silences those findings there, and
/// `# dockslim ignore-file=ID[,ID…]` anywhere in the comments before the
/// first instruction silences them in the whole file. `all` names every
/// rule; anything after the list is the reason.
struct IgnoreComment: Sendable {
    /// Upper-cased ids, or `all`.
    let ids: [String]
    let fileWide: Bool
    /// Where the comment's `#` is.
    let offset: Int
    let line: Int
    /// The comment as written, without its `#`.
    let text: String

    func covers(_ id: String) -> Bool { ids.contains { $0 == id || $0 == "all" } }

    var suppression: Suppression {
        Suppression(kind: .inSource, justification: "# \(text) (line \(line))")
    }
}

enum IgnoreComments {
    /// The comments in the contiguous comment lines directly above `node`.
    static func above(_ node: SyntaxNode) -> [IgnoreComment] {
        let token = node.firstToken
        let range = token.leadingTriviaRange
        let tree = token.tree
        guard tree.source[range].contains(UInt8(ascii: "#")) else { return [] }
        var lines = commentLines(tree, range)
        lines.removeLast()  // the instruction's own indentation
        var out: [IgnoreComment] = []
        for (offset, line) in lines.reversed() {
            guard line.hasPrefix("#") else { break }
            if let c = comment(line, offset: offset, tree: tree), !c.fileWide { out.append(c) }
        }
        return out.reversed()
    }

    /// The `ignore-file=` comments before the first instruction.
    static func fileWide(_ file: Dockerfile) -> [IgnoreComment] {
        let tree = file.tree
        let end = file.instructions.first.map { $0.node.textRange.lowerBound } ?? tree.source.count
        return commentLines(tree, 0..<min(end, tree.source.count)).compactMap { offset, line in
            guard line.hasPrefix("#"), let c = comment(line, offset: offset, tree: tree), c.fileWide else { return nil }
            return c
        }
    }

    /// Each line of `range` with the offset of its first non-blank byte, trimmed.
    private static func commentLines(_ tree: SyntaxTree, _ range: Range<Int>) -> [(Int, Substring)] {
        var out: [(Int, Substring)] = []
        var start = range.lowerBound
        let bytes = tree.source
        while true {
            var end = start
            while end < range.upperBound && bytes[end] != 0x0A { end += 1 }
            var first = start == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : start  // a byte order mark is not text
            while first < end && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
            let text = String(decoding: bytes[first..<end], as: UTF8.self)
            out.append((first, Substring(text.trimmingCharacters(in: " \t\r"))))
            if end >= range.upperBound { break }
            start = end + 1
        }
        return out
    }

    private static func comment(_ line: Substring, offset: Int, tree: SyntaxTree) -> IgnoreComment? {
        let body = line.dropFirst().trimmingCharacters(in: " \t")
        let fileWide: Bool
        let rest: Substring
        if body.hasPrefix("dockslim ignore-file=") {
            fileWide = true
            rest = body.dropFirst("dockslim ignore-file=".count)
        } else if body.hasPrefix("dockslim ignore=") {
            fileWide = false
            rest = body.dropFirst("dockslim ignore=".count)
        } else {
            return nil
        }
        let list = rest.prefix { $0 != " " && $0 != "\t" }
        let ids = list.split(separator: ",").map { $0.uppercased() == "ALL" ? "all" : $0.uppercased() }
        return IgnoreComment(ids: ids, fileWide: fileWide, offset: offset, line: tree.location(of: offset).line, text: String(body))
    }
}
