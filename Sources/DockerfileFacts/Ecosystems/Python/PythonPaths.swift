/// Python path expressions in one file: `"x"`, `Path("x")`, names given a
/// path once (`DB_PATH = "app.db"`), and folders found from `__file__`
/// (`BASE_DIR = Path(__file__).resolve().parent.parent`,
/// `os.path.dirname(os.path.abspath(__file__))`) joined with `/`,
/// `os.path.join` or an f-string's `{BASE_DIR}/x`.
struct PythonPaths {
    let source: ScannedSource
    /// Names assigned a path once in this file, in order of assignment.
    private(set) var names: [String: PathValue] = [:]

    init(source: ScannedSource) {
        self.source = source
        bindNames()
    }

    /// The path an expression names, or `nil` when it is computed at run time.
    func value(_ range: Range<Int>) -> PathValue? {
        guard range.count <= ScannedSource.maxExpressionTokens else { return nil }
        let r = unwrapped(range)
        guard !r.isEmpty else { return nil }
        var operands: [Range<Int>] = []
        var start = r.lowerBound
        var k = r.lowerBound
        while k < r.upperBound {
            if source.isPunctuation(k, .slash) { operands.append(start..<k); start = k + 1 }
            k = (source.closing(k) ?? k) + 1
        }
        operands.append(start..<min(k, r.upperBound))
        guard var result = atom(operands[0]) else { return nil }
        for operand in operands.dropFirst() {
            guard let part = atom(operand), part.base == .workingDirectory else { return nil }
            result = joined(result, part.path)
        }
        return result
    }

    /// `str(x)`, `Path(x)`, `os.path.abspath(x)`… around one argument, and parentheses.
    private func unwrapped(_ range: Range<Int>) -> Range<Int> {
        var r = range
        for _ in 0..<8 {
            if r.count >= 2, source.isPunctuation(r.lowerBound, .openParen), source.closing(r.lowerBound) == r.upperBound - 1 {
                r = (r.lowerBound + 1)..<(r.upperBound - 1)
                continue
            }
            guard r.count >= 3, source.tokens[r.lowerBound].kind == .word, Self.wrappers.contains(source.text(r.lowerBound)),
                  source.isPunctuation(r.lowerBound + 1, .openParen), source.closing(r.lowerBound + 1) == r.upperBound - 1 else { break }
            let args = source.arguments(at: r.lowerBound + 1)
            guard args.count == 1 else { break }
            r = args[0]
        }
        return r
    }

    private static let wrappers: Set<String> = ["str", "Path", "pathlib.Path", "PurePath", "os.path.abspath", "os.path.realpath", "os.fspath", "os.path.normpath"]

    /// One operand: a string, a bound name, a `__file__` folder, `os.path.join(…)`, an f-string on a folder.
    private func atom(_ range: Range<Int>) -> PathValue? {
        let r = unwrapped(range)
        guard let first = r.first else { return nil }
        if r.count == 1 {
            if source.isPlainString(first) { return PathValue(source.value(first), base: .workingDirectory) }
            if source.tokens[first].kind == .word { return names[source.text(first)] }
            if source.tokens[first].kind == .string { return formatted(first) }
            return nil
        }
        if let folder = fileFolder(r) { return PathValue.inFolder(folder, ".") }
        if source.tokens[first].kind == .word, ["os.path.join", "path.join", "posixpath.join"].contains(source.text(first)),
           source.isPunctuation(first + 1, .openParen), source.closing(first + 1) == r.upperBound - 1 {
            let args = source.arguments(at: first + 1)
            guard let head = args.first, var result = atom(head) else { return nil }
            for a in args.dropFirst() {
                guard let part = atom(a), part.base == .workingDirectory else { return nil }
                result = joined(result, part.path)
            }
            return result
        }
        return nil
    }

    /// `f"{BASE_DIR}/static"` with a bound name in front.
    private func formatted(_ k: Int) -> PathValue? {
        let text = source.value(k)
        guard text.hasPrefix("{"), let close = text.firstIndex(of: "}") else { return nil }
        let name = String(text[text.index(after: text.startIndex)..<close])
        let rest = String(text[text.index(after: close)...])
        guard let base = names[name], !rest.contains("{") else { return nil }
        return joined(base, String(rest.drop { $0 == "/" }))
    }

    private func joined(_ base: PathValue, _ part: String) -> PathValue {
        switch base.base {
        case .sourceFolder(let folder):
            return PathValue.inFolder(folder, PathValue.join([base.path == "." ? "" : base.path, part]))
        default:
            return PathValue(PathValue.join([base.path, part]), base: base.base)
        }
    }

    /// The context folder an expression on `__file__` names: each `.parent`
    /// or `dirname` goes one up from the file; `parents[n]` goes n + 1.
    func fileFolder(_ range: Range<Int>) -> String? {
        guard range.contains(where: { source.isWord($0, "__file__") }) else { return nil }
        var levels = 0
        var mentionsFile = false
        for k in range where source.tokens[k].kind == .word {
            let parts = source.text(k).split(separator: ".")
            if parts.contains("__file__") { mentionsFile = true }
            levels += parts.filter { $0 == "parent" || $0 == "dirname" }.count
            if parts.last == "parents", source.isPunctuation(k + 1, .openBracket), k + 2 < range.upperBound, let n = Int(source.text(k + 2)) {
                levels += n + 1
            }
        }
        guard mentionsFile, levels >= 1 else { return nil }
        var parts = source.folder.split(separator: "/").map(String.init)
        parts.removeLast(min(parts.count, levels - 1))
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }

    /// `NAME = <path>` statements whose name is assigned once, evaluated in order.
    private mutating func bindNames() {
        var counts: [String: Int] = [:]
        var statements: [(name: String, value: Range<Int>)] = []
        let t = source.tokens
        for k in t.indices.dropFirst() where source.isPunctuation(k, .equals) && !source.isPunctuation(k + 1, .equals)
            && t[k - 1].kind == .word && (k == 1 || t[k - 2].line != t[k - 1].line) {
            let name = source.text(k - 1)
            counts[name, default: 0] += 1
            statements.append((name, (k + 1)..<statementEnd(from: k + 1)))
        }
        for s in statements where counts[s.name] == 1 {
            if let v = value(s.value) { names[s.name] = v }
        }
    }

    /// Past the last token of the statement starting at `k`: its line, and brackets opened on it.
    func statementEnd(from k: Int) -> Int {
        guard k < source.tokens.count else { return k }
        let line = source.tokens[k].line
        var j = k
        while j < source.tokens.count && j < k + 256 && source.tokens[j].line == line {
            j = (source.closing(j) ?? j) + 1
        }
        return min(j, source.tokens.count)
    }
}
