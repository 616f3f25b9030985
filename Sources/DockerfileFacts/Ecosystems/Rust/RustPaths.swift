/// Rust path expressions in one file: `"x"`, `Path::new("x")`,
/// `PathBuf::from("x")`, constants (`const STATIC: &str = "static";`),
/// `.join("x")` chains, and paths compiled to the builder's crate folder:
/// `env!("CARGO_MANIFEST_DIR")` (with `concat!`, `format!("{}/x", …)` or
/// `.join`) and Rocket's `relative!("x")`.
struct RustPaths {
    let source: ScannedSource
    /// The folder of the crate (its Cargo.toml) in the context.
    let crateFolder: String
    let constants: [String: String]

    init(source: ScannedSource, crateFolder: String) {
        self.source = source
        self.crateFolder = crateFolder
        constants = source.constants()
    }

    func value(_ range: Range<Int>) -> PathValue? {
        guard range.count <= ScannedSource.maxExpressionTokens else { return nil }
        var r = range
        // `&x`, `x.to_string()`, `x.as_str()`
        while let first = r.first, source.isPunctuation(first, UInt8(ascii: "&")) { r = (first + 1)..<r.upperBound }
        while r.count >= 3, let method = Self.trailingCall(source, r), ["to_string", "to_owned", "as_str", "into", "as_path", "to_path_buf"].contains(method.name),
              method.arguments.isEmpty {
            r = r.lowerBound..<method.start
        }
        if r.count >= 4, let join = Self.trailingCall(source, r), join.name == "join", join.arguments.count == 1 {
            guard let base = value(r.lowerBound..<join.start), let part = value(join.arguments[0]), part.base == .workingDirectory else { return nil }
            return joined(base, part.path)
        }
        return primary(r)
    }

    /// A string, constant, `Path::new(x)`, `relative!("x")`, `concat!(env!("CARGO_MANIFEST_DIR"), "/x")`, `format!("{}/x", env!(…))`.
    private func primary(_ r: Range<Int>) -> PathValue? {
        guard let first = r.first else { return nil }
        if r.count == 1 {
            if source.isPlainString(first) { return PathValue(source.value(first), base: .workingDirectory) }
            if source.tokens[first].kind == .word, let c = constants[source.text(first)] { return PathValue(c, base: .workingDirectory) }
            return nil
        }
        guard source.tokens[first].kind == .word, source.isPunctuation(first + 1, .openParen), source.closing(first + 1) == r.upperBound - 1 else { return nil }
        let args = source.arguments(at: first + 1)
        switch source.text(first) {
        case "Path::new", "PathBuf::from", "String::from", "std::path::Path::new", "std::path::PathBuf::from", "OsStr::new":
            return args.count == 1 ? value(args[0]) : nil
        case "relative!", "rocket::fs::relative!":
            return args.first.flatMap { source.onlyString($0) }.map { builderPath($0) }
        case "env!":
            return args.first.flatMap { source.onlyString($0) } == "CARGO_MANIFEST_DIR" ? builderPath(".") : nil
        case "concat!":
            guard let head = args.first, let base = value(head) else { return nil }
            let rest = args.dropFirst().compactMap { source.onlyString($0) }
            return rest.count == args.count - 1 ? joined(base, rest.joined()) : nil
        case "format!":
            guard args.count == 2, let pattern = source.onlyString(args[0]), pattern.hasPrefix("{}"), !pattern.dropFirst(2).contains("{"),
                  let base = value(args[1]) else { return nil }
            return joined(base, String(pattern.dropFirst(2)))
        default:
            return nil
        }
    }

    private func builderPath(_ path: String) -> PathValue {
        let inContext = PathValue.inFolder(crateFolder, path)
        guard case .sourceFolder(let folder) = inContext.base else { return inContext }
        return PathValue(inContext.path, base: .builderPathOf(folder))
    }

    func joined(_ base: PathValue, _ part: String) -> PathValue {
        let part = String(part.drop { $0 == "/" })
        let path = PathValue.join([base.path == "." ? "" : base.path, part])
        switch base.base {
        case .builderPathOf(let folder):
            return PathValue(PathValue.inFolder(folder, path).path, base: .builderPathOf(folder))
        default:
            return PathValue(path.isEmpty ? "." : path, base: base.base)
        }
    }

    /// `… .name(args)` at the end of a range: the method, its arguments, and where `.name` starts.
    static func trailingCall(_ source: ScannedSource, _ r: Range<Int>) -> (name: String, arguments: [Range<Int>], start: Int)? {
        let close = r.upperBound - 1
        guard source.isPunctuation(close, .closeParen), let open = source.opening(close), open - 1 > r.lowerBound,
              source.tokens[open - 1].kind == .word else { return nil }
        let word = source.text(open - 1)
        guard let dot = word.lastIndex(of: ".") else { return nil }
        let name = String(word[word.index(after: dot)...])
        // `x.join(…)` is one word: the receiver is the word's front; `).join(…)` the tokens before.
        if word.hasPrefix(".") && word.filter({ $0 == "." }).count == 1 { return (name, source.arguments(at: open), open - 1) }
        return nil
    }
}
