import DockslimAudit
import DockslimReport

/// `dockslim config [PATH]`: the configuration a Dockerfile gets, resolved
/// (discovered file, then the command line on top), each value with where
/// it came from.
enum ConfigCommand {
    static let spec = CommandSpec(
        name: "config",
        overview: "Print the configuration a Dockerfile gets from .dockslim.json and the command line, as JSON.",
        discussion: """
        dockslim looks for .dockslim.json in the Dockerfile's folder, then in each folder
        above it, up to the repository's top (the folder holding .git) or '/'; the nearest
        file is used, whole. --config FILE replaces the search (its patterns are then
        relative to the current folder). The command line wins over the file.

          {
            "rules":   { "DS013": "off", "DS007": "error" },
            "options": { "family": "chainguard", "keep": ["migrations", "static"] },
            "exclude": ["**/testdata/**", "legacy/", "*.dev.Dockerfile"],
            "targets": { "services/api/Dockerfile": "runtime", "**/*.prod.Dockerfile": "prod" }
          }

        rules     "off", "error", "warning" or "note" per rule id (see 'dockslim audit --rules').
        options   recipe options, as 'dockslim rewrite --option key=value'; a recipe whose
                  passes do not take one ignores it.
        exclude   .gitignore patterns, relative to the file's folder; the Dockerfiles they
                  match are skipped, named on the command line or found in a folder.
        targets   the final stage of the Dockerfiles a pattern matches (the last matching
                  pattern wins), when no Compose or Bake file builds them; --target wins
                  over it, and a Compose or Bake target too.

        An error in the file is reported as file:line:col and fails the run (exit 1).
        """,
        usage: "dockslim config [<options>] [<path>]",
        arguments: [.init(label: "<path>", help: "A Dockerfile or a folder (the configuration a Dockerfile in it gets); default '.'.")],
        options: [
            CommandLineIgnores.configOption,
            CommandLineIgnores.option,
            .init(names: ["--option"], valueName: "key=value", help: "A recipe option, as 'dockslim rewrite --option' (repeatable).", repeatable: true),
            .init(names: ["--target"], valueName: "stage", help: "The final stage, as 'dockslim audit --target'."),
        ]
    )

    static func run(_ args: ParsedArguments, _ console: Console) -> Int32 {
        guard args.positionals.count <= 1 else {
            return DockslimCLI.usageError("Unexpected argument '\(args.positionals[1])'", spec, console)
        }
        let path = args.positionals.first.map(InputFiles.normalized) ?? "."
        guard PathKind(path) != .missing else {
            console.stderr.write(TerminalText.escaped("Error: \(path): No such file or directory", singleLine: true) + "\n")
            return DockslimCLI.ExitCode.failure
        }
        let ignores: [String]
        switch CommandLineIgnores.parse(args) {
        case .success(let ids): ignores = ids
        case .failure(let e): return DockslimCLI.usageError(e.message, spec, console)
        }
        var options: [(String, String)] = []
        for o in args.all("--option") {
            guard let eq = o.firstIndex(of: "="), eq != o.startIndex else {
                return DockslimCLI.usageError("The value '\(o)' is invalid for '--option <key=value>'", spec, console)
            }
            options.append((String(o[..<eq]), String(o[o.index(after: eq)...])))
        }
        if let t = args.value("--target"), t.isEmpty { return DockslimCLI.usageError("The value '' is invalid for '--target <stage>'", spec, console) }
        let configs: ProjectConfigs
        switch ProjectConfigs.make(explicit: args.value("--config")) {
        case .success(let c): configs = c
        case .failure(.usage(let message)): return DockslimCLI.usageError(message, spec, console)
        case .failure(.invalid(let e)):
            console.stderr.write(TerminalText.escaped("Error: \(e)", singleLine: true) + "\n")
            return DockslimCLI.ExitCode.failure
        }
        switch configs.config(for: path) {
        case .failure(let e):
            console.stderr.write(TerminalText.escaped("Error: \(e)", singleLine: true) + "\n")
            return DockslimCLI.ExitCode.failure
        case .success(let config):
            let real = PathKind(path) == .folder ? nil : TreeLinks.realPath(path)
            console.stdout.write(document(path: path, config: config, real: real, ignores: ignores, options: options, target: args.value("--target")).pretty)
            return DockslimCLI.ExitCode.success
        }
    }

    static let commandLine = "command line"

    static func document(path: String, config: ProjectConfig?, real: String?, ignores: [String], options: [(String, String)], target: String?) -> JSONValue {
        let settings = FileSettings(config, realPath: real, ignores: ignores)
        let rules: [JSONValue] = Auditor.rules.map { r in
            var setting = r.severity.rawValue
            var from = "default"
            if let s = config?.rules.last(where: { $0.id == r.id }) { setting = s.text; from = s.origin.description }
            if ignores.contains(r.id) { setting = "off"; from = "\(commandLine) (--ignore)" }
            return .object([("id", .string(r.id)), ("setting", .string(setting)), ("from", .string(from))])
        }
        var optionRows: [String: (String, String)] = [:]
        for o in config?.options ?? [] { optionRows[o.name] = (o.value, o.origin.description) }
        for (k, v) in options { optionRows[k] = (v, "\(commandLine) (--option)") }
        let targetValue: JSONValue
        if let target {
            targetValue = .object([("stage", .string(target)), ("from", .string("\(commandLine) (--target)"))])
        } else if let t = settings.target {
            targetValue = .object([("stage", .string(t.stage)), ("pattern", .string(t.pattern)), ("from", .string(t.origin.description))])
        } else {
            targetValue = .null
        }
        return .object([
            ("version", .string("1")),
            ("path", .string(path)),
            ("configFile", .optional(config?.file)),
            ("excluded", settings.excludedBy.map { .object([("pattern", .string($0.pattern)), ("from", .string($0.origin.description))]) } ?? .null),
            ("target", targetValue),
            ("rules", .array(rules)),
            ("options", .array(optionRows.keys.sorted().map { k in
                .object([("name", .string(k)), ("value", .string(optionRows[k]!.0)), ("from", .string(optionRows[k]!.1))])
            })),
            ("exclude", .array((config?.excludes ?? []).map { .object([("pattern", .string($0.pattern)), ("from", .string($0.origin.description))]) })),
        ])
    }
}
