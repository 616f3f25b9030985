import DockslimAudit

/// Compiler-style lines: `path:line:col: warning[DS012]: message (fix: …)`,
/// ending with `[service api, stage runtime]` when a project builds the file.
/// The path and the message come from the repository, so their control
/// characters are escaped (`TerminalText`), colour or not.
public enum FindingText {
    public static func lines(_ file: AuditedFile, color: Bool) -> String {
        var out = ""
        let path = TerminalText.escaped(file.path, singleLine: true)
        for f in file.result.findings {
            let message = TerminalText.escaped(f.message, singleLine: true)
            let where_ = "\(path):\(f.line):\(f.column):"
            let level = "\(f.severity.rawValue)[\(f.id)]:"
            var fix = ""
            if let recipe = f.fix { fix = " (fix: dockslim rewrite --recipe \(recipe))" }
            if let build = file.build { fix += " [" + TerminalText.escaped(build.summary, singleLine: true) + "]" }
            if color {
                let c = f.severity == .error ? "31" : f.severity == .warning ? "33" : "36"
                out += "\u{1B}[1m\(where_)\u{1B}[0m \u{1B}[1;\(c)m\(level)\u{1B}[0m \(message)\(fix.isEmpty ? "" : "\u{1B}[32m\(fix)\u{1B}[0m")\n"
            } else {
                out += "\(where_) \(level) \(message)\(fix)\n"
            }
        }
        return out
    }
}
