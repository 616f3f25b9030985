/// Ruby path expressions in one file: `"x"` (the working directory),
/// `File.join(__dir__, "x")`, `File.expand_path("x", __dir__)`,
/// `File.expand_path("../x", __FILE__)`, `File.dirname(__FILE__)` (the
/// file's folder), `Rails.root.join("x")` and `"#{Rails.root}/x"` (the
/// Rails app's folder), and constants (`CONFIG = "config.yml"`).
struct RubyPaths {
    let source: ScannedSource
    /// The folder holding `config/application.rb`, when the app is a Rails app.
    let railsRoot: String?
    let constants: [String: String]

    init(source: ScannedSource, railsRoot: String?) {
        self.source = source
        self.railsRoot = railsRoot
        constants = source.constants()
    }

    private var here: PathValue { PathValue.inFolder(source.folder, ".") }

    func value(_ range: Range<Int>) -> PathValue? {
        guard range.count <= ScannedSource.maxExpressionTokens else { return nil }
        var r = range
        while r.count >= 3, source.isPunctuation(r.lowerBound, .openParen), source.closing(r.lowerBound) == r.upperBound - 1 {
            r = (r.lowerBound + 1)..<(r.upperBound - 1)
        }
        guard let first = r.first else { return nil }
        if r.count == 1 { return atom(first) }
        guard source.tokens[first].kind == .word, source.isPunctuation(first + 1, .openParen), source.closing(first + 1) == r.upperBound - 1 else { return nil }
        let args = source.arguments(at: first + 1)
        switch source.text(first) {
        case "File.join", "Rails.root.join", "Pathname.new", "File.absolute_path":
            var result = source.text(first) == "Rails.root.join" ? railsFolder : nil
            for a in args {
                guard let part = value(a) else { return nil }
                if result == nil { result = part; continue }
                guard part.base == .workingDirectory, let base = result else { return nil }
                result = joined(base, part.path)
            }
            return result
        case "File.expand_path":
            guard let name = args.first.flatMap({ source.onlyString($0) }) else { return nil }
            guard args.count == 2 else { return PathValue(name, base: .workingDirectory) }
            if source.isWord(args[1].lowerBound, "__dir__") { return PathValue.inFolder(source.folder, name) }
            // Relative to the file itself: `../x` is beside it.
            if source.isWord(args[1].lowerBound, "__FILE__") { return PathValue.inFolder(source.path + "/", name) }
            return value(args[1]).map { joined($0, name) }
        case "File.dirname":
            return args.count == 1 && source.isWord(args[0].lowerBound, "__FILE__") ? here : nil
        default:
            return nil
        }
    }

    private var railsFolder: PathValue? { railsRoot.map { PathValue.inFolder($0, ".") } }

    private func atom(_ k: Int) -> PathValue? {
        let t = source.tokens[k]
        if t.kind == .string {
            if source.isPlainString(k) { return PathValue(source.value(k), base: .workingDirectory) }
            return interpolated(source.value(k))
        }
        guard t.kind == .word else { return nil }
        switch source.text(k) {
        case "__dir__": return here
        case "Rails.root": return railsFolder
        case "Rails.public_path": return railsFolder.map { joined($0, "public") }
        case let name: return constants[name].map { PathValue($0, base: .workingDirectory) }
        }
    }

    /// `"#{Rails.root}/tmp/x"`, `"#{__dir__}/views"`.
    private func interpolated(_ text: String) -> PathValue? {
        guard text.hasPrefix("#{"), let close = text.firstIndex(of: "}") else { return nil }
        let inner = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
        let rest = String(text[text.index(after: close)...].drop { $0 == "/" })
        guard !rest.contains("#{") else { return nil }
        switch inner {
        case "__dir__": return joined(here, rest)
        case "Rails.root": return railsFolder.map { joined($0, rest) }
        default: return nil
        }
    }

    func joined(_ base: PathValue, _ part: String) -> PathValue {
        if case .sourceFolder(let folder) = base.base {
            return PathValue.inFolder(folder, PathValue.join([base.path == "." ? "" : base.path, part]))
        }
        return PathValue(PathValue.join([base.path == "." ? "" : base.path, part]), base: base.base)
    }
}
