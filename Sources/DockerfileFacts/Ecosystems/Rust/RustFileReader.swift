/// One Rust file: `std::fs`/`tokio::fs` calls, `File::open`/`OpenOptions`,
/// dotenv, web frameworks' static folders and templates, SQLite, log
/// folders, `Command::new`. Items under `#[cfg(test)]` or `#[test]` are
/// skipped; `include_str!`/`include_bytes!` and askama templates are
/// compiled in and never read.
struct RustFileReader {
    let source: ScannedSource
    let paths: RustPaths
    var findings = SourceFindings()
    var usesRocketTemplates: Evidence?
    var rocketLaunch: Evidence?
    private var inTest: [Bool]

    init(source: ScannedSource, crateFolder: String) {
        self.source = source
        paths = RustPaths(source: source, crateFolder: crateFolder)
        inTest = Self.testItems(source)
    }

    mutating func read() {
        for call in source.calls() where !inTest[call.name] {
            let callee = source.text(call.name)
            let args = source.arguments(at: call.open)
            if let use = SourceNames.lookup(callee, in: RustCalls.table) {
                record(use, callee: callee, at: call.name, arguments: args)
            } else if callee == ".open" && isOpenOptionsChain(before: call.name) {
                record(.open, callee: "OpenOptions::open", at: call.name, arguments: args)
            } else if callee.hasPrefix("."), let method = RustCalls.methods[String(callee.dropFirst())] {
                recordMethod(method, at: call.name)
            }
        }
        readSQLiteURLs()
    }

    private mutating func record(_ use: RustCalls.Use, callee: String, at k: Int, arguments args: [Range<Int>]) {
        let evidence = source.evidence(token: k)
        switch use {
        case .path(let effect, let shape, let index, let necessity):
            guard index < args.count else { return }
            guard let value = paths.value(args[index]) else { return findings.unknownPath(callee, evidence: evidence) }
            findings.add(effect, value, shape: shape, necessity: necessity, via: callee, evidence: evidence)
        case .open:
            guard let a = args.first else { return }
            guard let value = paths.value(a) else { return findings.unknownPath(callee, evidence: evidence) }
            findings.add(opensForWriting(before: k) ? .write : .read, value, shape: .file, via: callee, evidence: evidence)
        case .dotenv(let defaultPath):
            if let d = defaultPath { return findings.add(.read, PathValue(d, base: .workingDirectory), shape: .file, via: callee, evidence: evidence) }
            guard let a = args.first else { return }
            guard let value = paths.value(a) else { return findings.unknownPath(callee, evidence: evidence) }
            findings.add(.read, value, shape: .file, via: callee, evidence: evidence)
        case .command:
            guard let a = args.first else { return }
            guard let program = paths.value(a) else { return findings.unknownProgram(callee, evidence: evidence) }
            findings.execute(program.path, via: callee, evidence: evidence)
        case .rocketTemplates:
            usesRocketTemplates = usesRocketTemplates ?? evidence
        case .rocketLaunch:
            rocketLaunch = rocketLaunch ?? evidence
        }
    }

    private func isOpenOptionsChain(before k: Int) -> Bool {
        var j = k - 1
        while j >= 0 && j > k - 48 && !source.isPunctuation(j, UInt8(ascii: ";")) && !source.isPunctuation(j, .openBrace) {
            if source.tokens[j].kind == .word && source.text(j).hasSuffix("OpenOptions::new") { return true }
            j -= 1
        }
        return false
    }

    /// `OpenOptions::new().append(true).open(…)`: written when the chain sets write, append or create.
    private func opensForWriting(before k: Int) -> Bool {
        var j = k - 1
        while j >= 0 && j > k - 48 && !source.isPunctuation(j, UInt8(ascii: ";")) && !source.isPunctuation(j, .openBrace) {
            if source.tokens[j].kind == .word, [".write", ".append", ".create", ".truncate", ".create_new"].contains(source.text(j)),
               source.isWord(j + 2, "true") { return true }
            j -= 1
        }
        return false
    }

    /// `Path::new("x").exists()` and the like: the receiver is the path.
    private mutating func recordMethod(_ method: RustCalls.Method, at k: Int) {
        guard source.isPunctuation(k - 1, .closeParen), let open = source.opening(k - 1), open > 0, source.tokens[open - 1].kind == .word,
              let value = paths.value((open - 1)..<k) else { return }
        let evidence = source.evidence(token: k)
        findings.add(method.effect, value, shape: method.shape, necessity: method.necessity, via: "Path::" + String(source.text(k).dropFirst()), evidence: evidence)
    }

    /// sqlx and diesel URLs: `"sqlite://data.db?mode=rwc"`, `"sqlite:app.db"`.
    private mutating func readSQLiteURLs() {
        for k in source.tokens.indices where source.isPlainString(k) && !inTest[k] {
            let text = source.value(k)
            guard text.hasPrefix("sqlite:") else { continue }
            var path = String(text.dropFirst(7))
            if path.hasPrefix("//") { path.removeFirst(2) }
            if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
            guard !path.isEmpty, !path.contains(":memory:") else { continue }
            findings.add(.readWrite, PathValue(path, base: .workingDirectory), shape: .file, via: "SQLite URL", evidence: source.evidence(token: k))
        }
    }

    /// Tokens of items marked `#[cfg(test)]` or `#[test]`: the attribute up to the end of the item's `{…}` (or its `;`).
    static func testItems(_ source: ScannedSource) -> [Bool] {
        var mask = Array(repeating: false, count: source.tokens.count)
        var k = 0
        while k < source.tokens.count {
            guard source.isPunctuation(k, .hash), source.isPunctuation(k + 1, .openBracket), let close = source.closing(k + 1), close - k < 32 else {
                k += 1
                continue
            }
            let attribute = ((k + 2)..<close).map { source.text($0) }.joined()
            guard attribute == "test" || attribute == "cfg(test)" || attribute.hasPrefix("tokio::test") else { k = close + 1; continue }
            var end = close + 1
            while end < source.tokens.count && !source.isPunctuation(end, .openBrace) && !source.isPunctuation(end, UInt8(ascii: ";")) { end += 1 }
            if source.isPunctuation(end, .openBrace) { end = source.closing(end) ?? source.tokens.count - 1 }
            for j in k...min(end, source.tokens.count - 1) { mask[j] = true }
            k = end + 1
        }
        return mask
    }
}
