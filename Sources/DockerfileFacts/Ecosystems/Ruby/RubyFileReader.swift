/// One Ruby file: `File`/`IO`/`Dir`/`FileUtils`/`YAML` calls (with or
/// without parentheses), `Logger.new("log/x.log")`, SQLite databases,
/// commands (`system`, `` `cmd` ``, `%x(…)`, `Open3`, `spawn`), and
/// Sinatra's `set :views`/`set :public_folder`.
struct RubyFileReader {
    let source: ScannedSource
    let paths: RubyPaths
    var findings = SourceFindings()
    /// The `require "sinatra"` line, and the folders `set` gives it.
    var sinatra: Evidence?
    var sinatraFolders: [String: (PathValue?, Evidence)] = [:]

    init(source: ScannedSource, railsRoot: String?) {
        self.source = source
        paths = RubyPaths(source: source, railsRoot: railsRoot)
    }

    mutating func read() {
        let t = source.tokens
        for k in t.indices {
            switch t[k].kind {
            case .word:
                readWord(k)
            case .string where t[k].flags.contains(.command):
                recordShell(k, via: "`…`")
            case .string:
                readString(k)
            case .punctuation:
                continue
            }
        }
    }

    private mutating func readWord(_ k: Int) {
        let name = source.text(k)
        if name == "require", source.isPlainString(k + 1) || (source.isPunctuation(k + 1, .openParen) && source.isPlainString(k + 2)) {
            let required = source.value(source.isPlainString(k + 1) ? k + 1 : k + 2)
            if required == "sinatra" || required.hasPrefix("sinatra/") { sinatra = sinatra ?? source.evidence(token: k) }
            return
        }
        if name == "Dir", source.isPunctuation(k + 1, .openBracket), source.tokens[k + 1].start == source.tokens[k].end {
            return recordPath(.init(.read, .glob), source.arguments(at: k + 1), via: "Dir[]", evidence: source.evidence(token: k))
        }
        if name == "set", source.isPunctuation(k + 1, .colon), let key = k + 2 < source.tokens.count ? source.text(k + 2) : nil,
           key == "views" || key == "public_folder" {
            let args = arguments(after: k + 2)
            sinatraFolders[key] = (args.count > 1 ? paths.value(args[1]) : nil, source.evidence(token: k))
            return
        }
        guard let use = SourceNames.lookup(name, in: RubyCalls.table) else { return }
        let args = arguments(after: k)
        let evidence = source.evidence(token: k)
        switch use {
        case .path(let rule): recordPath(rule, args, via: name, evidence: evidence)
        case .open: recordOpen(args, via: name, evidence: evidence)
        case .logger:
            // `Logger.new(STDOUT)`, `Logger.new($stdout)`: not a file.
            guard let a = args.first, !(a.count == 1 && source.tokens[a.lowerBound].kind == .word) else { return }
            recordPath(.init(.write, .file), args, via: name, evidence: evidence)
        case .command: recordCommand(args, via: name, evidence: evidence)
        }
    }

    /// The arguments of the call whose name is at `k`: `f(a, b)`, or `f a, b` to the end of the line (before a `do` block).
    func arguments(after k: Int) -> [Range<Int>] {
        if source.isPunctuation(k + 1, .openParen) && source.tokens[k + 1].start == source.tokens[k].end { return source.arguments(at: k + 1) }
        guard k + 1 < source.tokens.count, source.tokens[k + 1].line == source.tokens[k].line,
              !source.isPunctuation(k + 1, .dot), !source.isPunctuation(k + 1, .equals) else { return [] }
        var out: [Range<Int>] = []
        var start = k + 1
        var j = k + 1
        while j < source.tokens.count && j < k + 256 && source.tokens[j].line == source.tokens[k].line && !source.isWord(j, "do")
            && !source.isWord(j, "if") && !source.isWord(j, "unless") && !source.isPunctuation(j, UInt8(ascii: ";")) {
            if source.isPunctuation(j, .comma) { out.append(start..<j); start = j + 1 }
            if source.opening(j) != nil { break }
            j = (source.closing(j) ?? j) + 1
        }
        if start < j { out.append(start..<min(j, source.tokens.count)) }
        return out
    }

    mutating func recordPath(_ rule: RubyCalls.PathRule, _ args: [Range<Int>], via: String, evidence: Evidence) {
        guard rule.index < args.count else { return }
        guard let value = paths.value(args[rule.index]) else { return findings.unknownPath(via, evidence: evidence) }
        findings.add(rule.effect, value, shape: rule.shape, necessity: rule.necessity, via: via, evidence: evidence)
    }

    /// `File.open(path, "w")`: the mode says read or write.
    private mutating func recordOpen(_ args: [Range<Int>], via: String, evidence: Evidence) {
        guard let first = args.first else { return }
        guard let value = paths.value(first) else { return findings.unknownPath(via, evidence: evidence) }
        let mode = args.count > 1 ? source.onlyString(args[1]) ?? "r" : "r"
        findings.add(PythonFileReader.effect(ofMode: mode), value, shape: .file, via: via, evidence: evidence)
    }

    /// `system("git", "pull")` runs git; `system("git pull")` a shell line; an env hash may come first; `IO.popen(["git", …])`.
    private mutating func recordCommand(_ args: [Range<Int>], via: String, evidence: Evidence) {
        var args = args[...]
        if let first = args.first, source.isPunctuation(first.lowerBound, .openBrace) { args = args.dropFirst() }
        guard let first = args.first else { return }
        if source.isPunctuation(first.lowerBound, .openBracket), let head = source.arguments(at: first.lowerBound).first, let program = source.onlyString(head) {
            return findings.execute(program, via: via, evidence: evidence)
        }
        if first.count == 1, source.tokens[first.lowerBound].flags.contains(.wordList) {
            return recordProgram(source.value(first.lowerBound), shell: true, via: via, evidence: evidence)
        }
        guard let text = source.onlyString(first) else {
            if first.count == 1, source.tokens[first.lowerBound].kind == .string { return recordShell(first.lowerBound, via: via) }
            return findings.unknownProgram(via, evidence: evidence)
        }
        recordProgram(text, shell: args.count == 1, via: via, evidence: evidence)
    }

    private mutating func recordProgram(_ text: String, shell: Bool, via: String, evidence: Evidence) {
        guard let program = shell ? SourceNames.program(ofShellCommand: text) : text else { return findings.unknownProgram(via, evidence: evidence) }
        findings.execute(program, via: via, evidence: evidence)
    }

    /// A shell line in a string (possibly interpolated): its first word, when written out.
    private mutating func recordShell(_ k: Int, via: String) {
        let text = source.value(k)
        let literal = text.prefix { $0 != "#" }
        let evidence = source.evidence(token: k)
        guard let program = SourceNames.program(ofShellCommand: String(literal)), literal.count < text.count ? literal.contains(" ") : true else {
            return findings.unknownProgram(via, evidence: evidence)
        }
        findings.execute(program, via: via, evidence: evidence)
    }

    /// `sqlite://db/app.db` (Sequel), and `database: "db/x.sqlite3"` (ActiveRecord's `establish_connection`).
    private mutating func readString(_ k: Int) {
        guard source.isPlainString(k) else { return }
        let text = source.value(k)
        var path: String?
        if text.hasPrefix("sqlite://") || text.hasPrefix("sqlite3://") { path = String(text[text.range(of: "://")!.upperBound...]) }
        if source.isPunctuation(k - 1, .colon), source.isWord(k - 2, "database"), [".sqlite3", ".sqlite", ".db"].contains(where: { text.hasSuffix($0) }) {
            path = text
        }
        guard let p = path.map({ String($0.prefix { $0 != "?" }) }), !p.isEmpty else { return }
        findings.add(.readWrite, PathValue(p, base: .workingDirectory), shape: .file, via: "SQLite database", evidence: source.evidence(token: k))
    }
}
