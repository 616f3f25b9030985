/// dockslim(1) in roff (man(7) macros): the root's overview, then each
/// subcommand's overview, usage, discussion and options as `--help` prints
/// them, then the exit status.
enum ManPage {
    static func render() -> String {
        let root = DockslimCLI.root
        var s = """
        .TH DOCKSLIM 1 "" "dockslim \(DockslimCLI.version)" "User Commands"
        .SH NAME
        dockslim \\- \(escape(root.overview))
        .SH SYNOPSIS
        .B dockslim
        .I subcommand
        .RI [ options ]
        .RI [ path \\ ...]
        .SH DESCRIPTION
        \(escape(root.overview))
        .PP
        Each subcommand prints its help with
        .BR \\-\\-help ;
        this page gathers them.

        """
        if let discussion = root.discussion { s += preformatted(discussion) }
        s += options(root.options + [CommandSpec.helpOption])
        s += ".SH COMMANDS\n"
        for (name, summary) in root.subcommands {
            s += ".SS \"\(escape(name))\"\n"
            guard let spec = DockslimCLI.commands[name]?.spec else {
                s += escape(summary) + "\n"
                continue
            }
            s += escape(spec.overview) + "\n.PP\n.B Usage:\n" + escape(spec.usage) + "\n"
            if let discussion = spec.discussion { s += preformatted(discussion) }
            for a in spec.arguments {
                s += ".TP\n.I \(quoted(a.label))\n\(escape(a.help))\n"
            }
            s += options(spec.options + [CommandSpec.helpOption])
        }
        s += """
        .SH EXIT STATUS
        .TP
        .B 0
        Success (with \\fB\\-\\-write\\fR, whether or not files changed).
        .TP
        .B 1
        A file failed, \\fBaudit\\fR found something at \\fB\\-\\-fail\\-on\\fR, or \\fBrewrite \\-\\-check\\fR found changes.
        .TP
        .B 64
        A usage error.
        .SH ENVIRONMENT
        .TP
        .B NO_COLOR
        No colour, whatever \\fB\\-\\-color auto\\fR decides.
        .TP
        .B DRY_RUN
        \\fBtrue\\fR makes \\fBrewrite \\-\\-write\\fR print the patch instead of writing.
        .TP
        .B JOB_COMPLETION_INDEX
        The shard index (from 0) when \\fB\\-\\-shard\\-index\\fR is not given and a shard count is; Kubernetes sets it in an Indexed Job.
        .TP
        .B DOCKSLIM_SHARD_COUNT
        The shard count when \\fB\\-\\-shard\\-count\\fR is not given.
        .SH SEE ALSO
        .BR git-apply (1),
        .BR patch (1)

        """
        return s
    }

    /// A discussion as `--help` lays it out: its lines kept (`.nf`), since
    /// its tables and examples are aligned with spaces.
    static func preformatted(_ text: String) -> String {
        ".PP\n.nf\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n") + "\n.fi\n"
    }

    /// The options as tagged paragraphs: `-j, --jobs <n>` then the help with
    /// its default and allowed values.
    static func options(_ list: [CommandSpec.Option]) -> String {
        var s = ".PP\n.B Options:\n"
        for o in list {
            var label = o.names.map { "\\fB\(escape($0))\\fR" }.joined(separator: ", ")
            if let v = o.valueName { label += " \\fI<\(escape(v))>\\fR" }
            var text = o.help
            if let d = o.defaultValue { text += " (default: \(d))" }
            s += ".TP\n\(label)\n\(escape(text))\n"
        }
        return s
    }

    /// Text safe in a roff line: backslashes as `\e`, dashes as `\-` (so
    /// options copy and search as typed), other than ASCII as `\[uXXXX]`,
    /// and a leading `.` or `'` (a request) made literal with `\&`.
    static func escape(_ text: String) -> String {
        var s = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": s += "\\e"
            case "-": s += "\\-"
            case _ where scalar.value > 0x7E:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                s += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default: s.unicodeScalars.append(scalar)
            }
        }
        if s.hasPrefix(".") || s.hasPrefix("'") { s = "\\&" + s }
        return s
    }

    static func quoted(_ text: String) -> String {
        "\"" + escape(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }
}
