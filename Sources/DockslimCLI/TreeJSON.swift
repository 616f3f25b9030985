import DockslimReport
import DockerfileSyntax

/// The lossless tree as JSON: a node is `{"kind","children"}`, a token is
/// `{"kind","text"}` and each trivia piece is a leaf `{"kind","text"}` of its
/// own (kinds `spaces`, `newline`, `comment`, `lineContinuation`,
/// `byteOrderMark`) next to the token that owns it. The leaves' texts, in
/// document order, are the file.
enum TreeJSON {
    static func write(_ node: SyntaxNode, into w: inout JSONWriter) {
        let source = node.tree.source
        w.open()
        w.key("kind"); w.string(node.kind.name)
        w.comma(); w.key("children")
        w.bytes.append(UInt8(ascii: "["))
        var first = true
        func separator(_ w: inout JSONWriter) {
            if !first { w.comma() }
            first = false
        }
        for child in node.children {
            switch child {
            case .node(let n):
                separator(&w)
                write(n, into: &w)
            case .token(let t):
                for piece in t.leadingTrivia {
                    separator(&w)
                    leaf(piece.kind.rawValue, source[piece.range], &w)
                }
                separator(&w)
                leaf(t.kind.name, t.bytes, &w)
                for piece in t.trailingTrivia {
                    separator(&w)
                    leaf(piece.kind.rawValue, source[piece.range], &w)
                }
            }
        }
        w.bytes.append(UInt8(ascii: "]"))
        w.close()
    }

    private static func leaf(_ kind: String, _ text: ArraySlice<UInt8>, _ w: inout JSONWriter) {
        w.open()
        w.key("kind"); w.string(kind)
        w.comma(); w.key("text"); w.string(text)
        w.close()
    }
}
