import DockerfileSyntax

/// New Dockerfile text is built by writing Dockerfile text and parsing it,
/// not by assembling tokens: a fragment is accepted only if it parses, in
/// the file's escape character, into exactly the instructions expected,
/// with no problem reported.
public enum Fragment {
    /// Parses `lines` (instructions, one or more lines each, without line
    /// endings) and returns their syntax kinds, or `nil` if they do not
    /// parse cleanly.
    public static func check(_ text: String, style: FileStyle) -> [SyntaxKind]? {
        let prefix = style.escape == "`" ? "# escape=`\n" : ""
        let tree = Parser.parse(prefix + text)
        guard tree.diagnostics.allSatisfy({ $0.severity != .error }) else { return nil }
        return tree.root.childNodes.filter { $0.kind.isInstruction }.map(\.kind)
    }
}
