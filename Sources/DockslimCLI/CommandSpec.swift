/// A command's interface, described once: it drives both argument parsing
/// and help text, the way swift-argument-parser does.
struct CommandSpec: Sendable {
    struct Option: Sendable {
        /// Spellings, short first: `["-j", "--jobs"]`.
        let names: [String]
        /// The value's placeholder (`format`), or `nil` for a flag.
        let valueName: String?
        let help: String
        var allowed: [String]? = nil
        var defaultValue: String? = nil
        /// May be given more than once (values accumulate).
        var repeatable = false

        var label: String {
            names.joined(separator: ", ") + (valueName.map { " <\($0)>" } ?? "")
        }
        /// How errors name the option: its long form and value.
        var errorName: String {
            (names.last ?? "") + (valueName.map { " <\($0)>" } ?? "")
        }
    }

    struct Argument: Sendable {
        let label: String
        let help: String
    }

    let name: String
    let overview: String
    var discussion: String? = nil
    let usage: String
    var arguments: [Argument] = []
    var options: [Option] = []
    var subcommands: [(String, String)] = []

    static let helpOption = Option(names: ["-h", "--help"], valueName: nil, help: "Show help information.")

    /// The full help text.
    var help: String {
        var s = "OVERVIEW: \(overview)\n\n"
        if let discussion { s += discussion + "\n\n" }
        s += "USAGE: \(usage)\n"
        if !arguments.isEmpty {
            s += "\nARGUMENTS:\n"
            for a in arguments { s += Self.row(a.label, a.help) }
        }
        s += "\nOPTIONS:\n"
        for o in options + [Self.helpOption] {
            var text = o.help
            if let d = o.defaultValue { text += " (default: \(d))" }
            s += Self.row(o.label, text)
        }
        if !subcommands.isEmpty {
            s += "\nSUBCOMMANDS:\n"
            for (n, h) in subcommands { s += Self.row(n, h) }
            s += "\n  See 'dockslim help <subcommand>' for detailed help.\n"
        }
        return s
    }

    /// A help row: two spaces, the label padded to 24 columns, the text
    /// (on the next line when the label is too long).
    static func row(_ label: String, _ text: String) -> String {
        let pad = 24
        if label.count < pad - 1 {
            return "  " + label + String(repeating: " ", count: pad - label.count) + text + "\n"
        }
        return "  " + label + "\n" + String(repeating: " ", count: pad + 2) + text + "\n"
    }
}

/// What parsing the command line yielded.
struct ParsedArguments {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var wantsHelp = false

    func value(_ long: String) -> String? { values[long]?.last }
    func all(_ long: String) -> [String] { values[long] ?? [] }
    func has(_ long: String) -> Bool { flags.contains(long) }
}

/// A usage error: exit 64 with the message and the usage line.
struct UsageError: Error {
    let message: String
}

extension CommandSpec {
    /// Parses `args` against the options; values are keyed by long name.
    func parse(_ args: [String]) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < args.count {
            let a = args[i]
            i += 1
            if optionsEnded || a == "-" || !a.hasPrefix("-") {
                out.positionals.append(a)
                continue
            }
            if a == "--" { optionsEnded = true; continue }
            if a == "-h" || a == "--help" { out.wantsHelp = true; continue }
            var name = a
            var inline: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            }
            guard let option = options.first(where: { $0.names.contains(name) }) else {
                throw UsageError(message: "Unknown option '\(a)'")
            }
            let key = option.names.last!
            guard option.valueName != nil else {
                if inline != nil { throw UsageError(message: "The option '\(key)' does not take a value") }
                out.flags.insert(key)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if i < args.count {
                value = args[i]
                i += 1
            } else {
                throw UsageError(message: "Missing value for '\(option.errorName)'")
            }
            if let allowed = option.allowed, !allowed.contains(value) {
                let list = allowed.map { "'\($0)'" }
                let choices = list.count > 1 ? list.dropLast().joined(separator: ", ") + " and " + list.last! : list.joined()
                throw UsageError(message: "The value '\(value)' is invalid for '\(option.errorName)'. Please provide one of \(choices).")
            }
            if out.values[key] != nil && !option.repeatable {
                out.values[key] = [value]
            } else {
                out.values[key, default: []].append(value)
            }
        }
        return out
    }
}
