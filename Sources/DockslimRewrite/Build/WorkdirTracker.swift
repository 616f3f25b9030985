import DockerfileModel

/// The working folder through a stage, as BuildKit computes it: WORKDIR
/// joins onto the folder before it, and `$NAME`/`${NAME}` expand from the
/// stage's ENV values (and the image's known environment). An ARG's value
/// can change with `--build-arg`, so a folder named by one is unknown
/// (`nil`), as is any other unknown value, until an absolute WORKDIR names
/// it again.
package struct WorkdirTracker {
    package private(set) var current: String?
    private var env: [String: String]

    package init(image: ImageReference?, start: String?) {
        current = start
        env = image.map(Toolchains.environment(ofImage:)) ?? [:]
    }

    /// Steps over one instruction of the stage.
    package mutating func step(_ i: Instruction) {
        switch i.kind {
        case .env:
            for kv in i.keyValues { env[kv.name] = kv.valueString ?? "" }
        case .arg:
            for kv in i.keyValues { env[kv.name] = nil }
        case .workdir:
            guard let raw = i.argumentStrings.first else { return }
            current = resolve(raw).flatMap { d in d.hasPrefix("/") ? Paths.join("/", d) : current.map { Paths.join($0, d) } }
        default:
            break
        }
    }

    /// A path with the stage's variables expanded, or `nil` when one is unknown.
    package func resolve(_ path: String) -> String? {
        guard path.contains("$") else { return path }
        let expanded = ArgExpansion.expand(path, env)
        return expanded.failed || !expanded.unresolved.isEmpty ? nil : expanded.result
    }
}
