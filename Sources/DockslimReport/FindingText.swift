import DockslimAudit

/// Compiler-style lines: `path:line:col: warning[DS012]: message (fix: …)`.
public enum FindingText {
    public static func lines(_ file: AuditedFile, color: Bool) -> String {
        var out = ""
        for f in file.result.findings {
            let where_ = "\(file.path):\(f.line):\(f.column):"
            let level = "\(f.severity.rawValue)[\(f.id)]:"
            var fix = ""
            if let recipe = f.fix { fix = " (fix: dockslim rewrite --recipe \(recipe))" }
            if color {
                let c = f.severity == .error ? "31" : f.severity == .warning ? "33" : "36"
                out += "\u{1B}[1m\(where_)\u{1B}[0m \u{1B}[1;\(c)m\(level)\u{1B}[0m \(f.message)\(fix.isEmpty ? "" : "\u{1B}[32m\(fix)\u{1B}[0m")\n"
            } else {
                out += "\(where_) \(level) \(f.message)\(fix)\n"
            }
        }
        return out
    }
}
