import DockerfileFacts
import DockerfileModel

/// How findings name things: short, the way a person would write them.
enum Describe {
    static func language(_ id: String) -> String {
        if id == "c" { return "C/C++" }
        if let e = Ecosystems.named(Language(rawValue: id)) { return e.name }
        return ["dotnet": ".NET", "swift": "Swift", "php": "PHP"][id] ?? id
    }

    /// `a`, `a and b`, `a, b and c`, `a, b, c and 4 more`.
    static func list(_ items: [String], limit: Int = 4) -> String {
        var unique: [String] = []
        for i in items where !unique.contains(i) { unique.append(i) }
        if unique.count > limit { return unique.prefix(limit - 1).joined(separator: ", ") + " and \(unique.count - limit + 1) more" }
        if unique.count <= 1 { return unique.first ?? "" }
        return unique.dropLast().joined(separator: ", ") + " and " + unique.last!
    }

    /// An instruction as one short line: `COPY --from=build /app /app`.
    static func short(_ i: Instruction, limit: Int = 60) -> String {
        var words = i.original.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        if words.count > limit { words = String(words.prefix(limit - 1)) + "…" }
        return words
    }
}

extension AuditContext {
    /// `build` or `#0` for a stage without a name.
    func stageLabel(_ index: Int?) -> String {
        guard let index, index < stages.count else { return "?" }
        return stages[index].stage.name ?? "#\(index)"
    }

    /// The stage an instruction belongs to.
    func stageIndex(of instruction: Instruction) -> Int? {
        let line = instruction.startLine
        return stages.last { $0.stage.from.startLine <= line }?.stage.index
    }
}
