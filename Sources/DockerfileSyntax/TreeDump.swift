/// A readable text dump of the tree, for people debugging and for the
/// golden files in `Golden/parse/`: one line per node or token, indented by
/// depth; tokens show their text and trivia as escaped strings.
///
/// ```
/// sourceFile
///   runInstruction
///     keyword "RUN" trailing=[spaces " "]
///     shellCommand
///       text "echo hi" leading=[] trailing=[]
/// ```
public enum TreeDump {
    public static func dump(_ tree: SyntaxTree) -> String {
        var out = ""
        write(tree.root, depth: 0, into: &out)
        if !tree.diagnostics.isEmpty {
            out += "diagnostics\n"
            for d in tree.diagnostics { out += "  \(d)\n" }
        }
        return out
    }

    private static func write(_ node: SyntaxNode, depth: Int, into out: inout String) {
        out += String(repeating: "  ", count: depth) + node.kind.name + "\n"
        for child in node.children {
            switch child {
            case .node(let n):
                write(n, depth: depth + 1, into: &out)
            case .token(let t):
                out += String(repeating: "  ", count: depth + 1) + t.kind.name + " " + quoted(t.bytes)
                let lead = t.leadingTrivia, trail = t.trailingTrivia
                if !lead.isEmpty { out += " leading=" + describe(lead, t.tree) }
                if !trail.isEmpty { out += " trailing=" + describe(trail, t.tree) }
                out += "\n"
            }
        }
    }

    private static func describe(_ pieces: [TriviaPiece], _ tree: SyntaxTree) -> String {
        "[" + pieces.map { "\($0.kind.rawValue) \(quoted(tree.source[$0.range]))" }.joined(separator: ", ") + "]"
    }

    /// A double-quoted rendering: printable ASCII and valid UTF-8 as is,
    /// `\n`, `\r`, `\t`, `\\`, `\"`, other bytes as `\xNN`.
    public static func quoted<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var s = "\""
        let a = Array(bytes)
        var i = 0
        a.withUnsafeBufferPointer { b in
            while i < b.count {
                let c = b[i]
                switch c {
                case 0x0A: s += "\\n"; i += 1
                case 0x0D: s += "\\r"; i += 1
                case 0x09: s += "\\t"; i += 1
                case 0x5C: s += "\\\\"; i += 1
                case 0x22: s += "\\\""; i += 1
                case 0x20...0x7E: s.unicodeScalars.append(Unicode.Scalar(c)); i += 1
                case 0x80...:
                    let (v, w) = UTF8Decoding.decode(b, i, b.count)
                    if w > 1, let u = Unicode.Scalar(v) { s.unicodeScalars.append(u); i += w } else { s += hex(c); i += 1 }
                default: s += hex(c); i += 1
                }
            }
        }
        return s + "\""
    }

    private static func hex(_ c: UInt8) -> String {
        let d = Array("0123456789abcdef".utf8)
        return "\\x" + String(decoding: [d[Int(c >> 4)], d[Int(c & 15)]], as: UTF8.self)
    }
}
