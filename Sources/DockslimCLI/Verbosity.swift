/// How much `rewrite`, `audit` and `graph` say on standard error besides
/// their output: `-q` errors only; the default adds notes, warnings and the
/// summary; `-v` also every file's `skipped` and `unchanged` line one by
/// one and the scan's own notes (a build context read only in part).
enum Verbosity: Int, Comparable, Sendable {
    case quiet, normal, verbose

    static func < (a: Verbosity, b: Verbosity) -> Bool { a.rawValue < b.rawValue }

    /// The two options, declared once for every command that takes them.
    static let options: [CommandSpec.Option] = [
        .init(names: ["-q", "--quiet"], valueName: nil, help: "Print only errors on standard error (no notes, warnings, progress or summary)."),
        .init(names: ["-v", "--verbose"], valueName: nil,
              help: "Also print every skipped and unchanged file, one line each, and the scan's notes (a build context read only in part)."),
    ]

    static func parse(_ args: ParsedArguments) -> Result<Verbosity, UsageError> {
        switch (args.has("--quiet"), args.has("--verbose")) {
        case (true, true): return .failure(UsageError(message: "'--quiet' and '--verbose' cannot be used together"))
        case (true, false): return .success(.quiet)
        case (false, true): return .success(.verbose)
        case (false, false): return .success(.normal)
        }
    }
}
