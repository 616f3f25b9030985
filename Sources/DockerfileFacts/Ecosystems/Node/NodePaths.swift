/// JavaScript path expressions in one file: `"x"` (the working directory),
/// `path.join(__dirname, "x")`, `` `${__dirname}/x` ``, `__dirname + "/x"`,
/// `new URL("./x", import.meta.url)` (the file's folder),
/// `path.join(process.cwd(), "x")`, and names given one of these once
/// (`const publicDir = path.join(__dirname, "public")`).
struct NodePaths {
    let source: ScannedSource
    private(set) var names: [String: PathValue] = [:]

    init(source: ScannedSource) {
        self.source = source
        bindNames()
    }

    /// The file's own folder.
    private var here: PathValue { PathValue.inFolder(source.folder, ".") }

    func value(_ range: Range<Int>) -> PathValue? {
        guard range.count <= ScannedSource.maxExpressionTokens else { return nil }
        var r = range
        while r.count >= 3, source.isPunctuation(r.lowerBound, .openParen), source.closing(r.lowerBound) == r.upperBound - 1 {
            r = (r.lowerBound + 1)..<(r.upperBound - 1)
        }
        guard let first = r.first else { return nil }
        if r.count == 1 { return atom(first) }
        // `__dirname + "/public"`
        if r.count == 3, source.isPunctuation(first + 1, UInt8(ascii: "+")), let base = atom(first), source.isPlainString(first + 2) {
            return joined(base, source.value(first + 2))
        }
        guard source.tokens[first].kind == .word, source.isPunctuation(first + 1, .openParen), source.closing(first + 1) == r.upperBound - 1 else {
            if source.isWord(first, "new"), r.count > 1 { return value((first + 1)..<r.upperBound) }
            return nil
        }
        let callee = source.text(first)
        let args = source.arguments(at: first + 1)
        switch callee {
        case "path.join", "path.resolve", "join", "resolve", "path.posix.join":
            guard let head = args.first, var result = value(head) else { return nil }
            for a in args.dropFirst() {
                guard let part = value(a), part.base == .workingDirectory else { return nil }
                result = joined(result, part.path)
            }
            return result
        case "URL" where args.count == 2 && isImportMetaURL(args[1]):
            return args.first.flatMap { source.onlyString($0) }.map { PathValue.inFolder(source.folder, $0) }
        case "process.cwd":
            return PathValue(".", base: .workingDirectory)
        case "fileURLToPath", "url.fileURLToPath":
            return args.count == 1 ? value(args[0]) : nil
        case "path.dirname", "dirname":
            // `path.dirname(fileURLToPath(import.meta.url))`, `path.dirname(__filename)`: the file's folder.
            guard let a = args.first else { return nil }
            return a.contains(where: { source.isWord($0, "import.meta.url") || source.isWord($0, "__filename") }) ? here : nil
        default:
            return nil
        }
    }

    private func isImportMetaURL(_ r: Range<Int>) -> Bool { r.count == 1 && source.isWord(r.lowerBound, "import.meta.url") }

    /// One token: a string, `__dirname`, a bound name, or a template on a folder.
    private func atom(_ k: Int) -> PathValue? {
        let t = source.tokens[k]
        if t.kind == .string {
            if source.isPlainString(k) { return PathValue(source.value(k), base: .workingDirectory) }
            return template(source.value(k))
        }
        guard t.kind == .word else { return nil }
        let word = source.text(k)
        if word == "__dirname" || word == "import.meta.dirname" { return here }
        if word == "process.cwd" { return nil }
        return names[word]
    }

    /// `` `${__dirname}/public` ``, `` `${process.cwd()}/data` ``.
    private func template(_ text: String) -> PathValue? {
        guard text.hasPrefix("${"), let close = text.firstIndex(of: "}") else { return nil }
        let inner = text[text.index(text.startIndex, offsetBy: 2)..<close].trimmingCharacters(in: " ")
        let rest = String(text[text.index(after: close)...].drop { $0 == "/" })
        guard !rest.contains("${") else { return nil }
        if inner == "__dirname" || inner == "import.meta.dirname" { return joined(here, rest) }
        if inner == "process.cwd()" { return PathValue(rest.isEmpty ? "." : rest, base: .workingDirectory) }
        return names[inner].map { joined($0, rest) }
    }

    func joined(_ base: PathValue, _ part: String) -> PathValue {
        let part = part.hasPrefix("/") && base.base != .absolute ? String(part.drop { $0 == "/" }) : part
        if case .sourceFolder(let folder) = base.base {
            return PathValue.inFolder(folder, PathValue.join([base.path == "." ? "" : base.path, part]))
        }
        return PathValue(PathValue.join([base.path == "." ? "" : base.path, part]), base: base.base)
    }

    /// `const|let|var NAME = <path>` for names assigned once; `process.cwd()` binds the working directory.
    private mutating func bindNames() {
        var counts: [String: Int] = [:]
        var statements: [(String, Range<Int>)] = []
        for k in source.tokens.indices.dropFirst() where source.isPunctuation(k, .equals) && !source.isPunctuation(k + 1, .equals)
            && source.tokens[k - 1].kind == .word {
            let name = source.text(k - 1)
            counts[name, default: 0] += 1
            let declared = k >= 2 && ["const", "let", "var"].contains { source.isWord(k - 2, $0) }
            if declared { statements.append((name, source.expression(from: k + 1))) }
        }
        for (name, r) in statements where counts[name] == 1 {
            if let v = value(r) { names[name] = v }
        }
    }
}
