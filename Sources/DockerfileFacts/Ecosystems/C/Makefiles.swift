/// A Makefile, line by line: variables (`TARGET = server`), rules and
/// their recipes. The programs it makes are the targets of rules that link
/// (`-o $@`, `-o server`), or else a `TARGET`-like variable, or else the
/// first target when it is not a phony name; `-l` and sanitizer flags
/// anywhere become needs (`CLinkFlags`).
enum Makefiles {
    static let programVariables = ["TARGET", "BIN", "BINARY", "PROG", "PROGRAM", "EXEC", "EXECUTABLE", "APP", "NAME", "OUT"]
    static let phonyNames: Set<String> = ["all", "clean", "install", "build", "default", "test", "check", "run", "debug", "release", "dist"]

    static func read(_ bytes: [UInt8], file: String, into findings: inout SourceFindings) {
        let lines = logicalLines(bytes)
        var variables: [String: String] = [:]
        var rules: [(targets: [String], line: Int)] = []
        var linking: [(target: String, line: Int)] = []
        var flagLines: [(words: [String], line: Int)] = []
        for (text, line) in lines {
            if text.hasPrefix("\t") {
                guard let rule = rules.last else { continue }
                let words = expand(text, variables).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                flagLines.append((words, line))
                if let o = words.firstIndex(of: "-o"), o + 1 < words.count, words[o + 1] == "$@" || rule.targets.contains(words[o + 1]) {
                    linking += rule.targets.map { ($0, rule.line) }
                }
                continue
            }
            let trimmed = text.trimmingCharacters(in: " ")
            if trimmed.hasPrefix("#") || trimmed.isEmpty { continue }
            if let assignment = assignment(trimmed) {
                let value = expand(assignment.value, variables)
                let combined = assignment.append ? (variables[assignment.name].map { $0 + " " } ?? "") + value : value
                variables[assignment.name] = String(combined.prefix(16_000))
                flagLines.append((value.split(separator: " ").map(String.init), line))
            } else if let colon = trimmed.firstIndex(of: ":"), !trimmed.hasPrefix(".") {
                let targets = expand(String(trimmed[..<colon]), variables).split(separator: " ").map(String.init)
                rules.append((targets, line))
            }
        }
        let texts = Dictionary(lines.map { ($0.1, $0.0) }, uniquingKeysWith: { a, _ in a })
        recordProducts(linking: linking, rules: rules, variables: variables, file: file, texts: texts, into: &findings)
        let staticBuild = flagLines.contains { CLinkFlags.linksStatically($0.words) }
        // A flag in a variable shows again in the recipes that use it: the first line names it.
        var named = Set<String>()
        for f in flagLines {
            for need in CLinkFlags.needs(in: f.words, staticBuild: staticBuild, evidence: evidence(file, f.line, texts)) where named.insert(need.dependency).inserted {
                findings.nativeNeeds.append(need)
            }
        }
    }

    private static func recordProducts(linking: [(target: String, line: Int)], rules: [(targets: [String], line: Int)], variables: [String: String],
                                       file: String, texts: [Int: String], into findings: inout SourceFindings) {
        var products = linking.filter { !$0.target.hasSuffix(".o") && !$0.target.contains("%") && !phonyNames.contains($0.target) }
        if products.isEmpty, let name = programVariables.first(where: { variables[$0] != nil }), let value = variables[name]?.split(separator: " ").first {
            products = [(String(value), rules.first { $0.targets.contains(String(value)) }?.line ?? 1)]
        }
        if products.isEmpty, let first = rules.first, let target = first.targets.first, !phonyNames.contains(target), !target.contains("%") {
            products = [(target, first.line)]
        }
        var seen = Set<String>()
        for p in products where seen.insert(p.target).inserted {
            findings.products.append(BuildProduct(name: p.target, evidence: evidence(file, p.line, texts)))
        }
    }

    /// `NAME = v`, `NAME := v`, `NAME ?= v`, `NAME += v` (`override`/`export` allowed in front).
    static func assignment(_ line: String) -> (name: String, value: String, append: Bool)? {
        guard let eq = line.firstIndex(of: "=") else { return nil }
        var name = line[..<eq]
        let append = name.hasSuffix("+")
        while let last = name.last, ":?+".contains(last) { name = name.dropLast() }
        let words = name.split(separator: " ")
        guard let last = words.last, words.count <= 2, !last.contains(":"), !last.contains("$") else { return nil }
        return (String(last), line[line.index(after: eq)...].trimmingCharacters(in: " "), append)
    }

    /// `$(NAME)` and `${NAME}` replaced by known values (one level, as written so far), in one pass.
    static func expand(_ text: String, _ variables: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            guard let open = after.first, open == "(" || open == "{", let close = after.firstIndex(of: open == "(" ? ")" : "}") else {
                out.append("$")
                rest = after
                continue
            }
            let name = String(after[after.index(after: after.startIndex)..<close])
            out += variables[name] ?? "$\(open)\(name)\(open == "(" ? ")" : "}")"
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    /// Lines joined over backslash-newlines, with the number of their first line (at most 100,000 lines of 4,000 bytes).
    static func logicalLines(_ bytes: [UInt8]) -> [(String, Int)] {
        var out: [(String, Int)] = []
        var pending: (String, Int)?
        for (n, raw) in bytes.split(separator: .newline, omittingEmptySubsequences: false).prefix(100_000).enumerated() {
            var text = String(decoding: raw.prefix(4_000), as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            let continued = text.hasSuffix("\\")
            if continued { text.removeLast() }
            let joined = pending.map { ($0.0 + " " + text.trimmingCharacters(in: " \t"), $0.1) } ?? (text, n + 1)
            if continued && joined.0.count < 16_000 { pending = joined } else { out.append(joined); pending = nil }
        }
        if let p = pending { out.append(p) }
        return out
    }

    static func evidence(_ file: String, _ line: Int, _ texts: [Int: String]) -> Evidence {
        let text = texts[line] ?? ""
        return Evidence(file: file, line: line, text: String(text.trimmingCharacters(in: " \t").prefix(200)))
    }
}
