/// The variables a project interpolates with, each with where its value
/// comes from. The environment the loader is given always wins over a
/// `.env` file (compose-spec/compose-go `types/mapping.go` `Merge` keeps the
/// values already set; docker/buildx `bake/compose.go` `loadDotEnv` too).
struct VariableTable: Sendable, Equatable {
    private var values: [String: Entry] = [:]

    struct Entry: Sendable, Equatable {
        var value: String
        var origin: VariableOrigin
    }

    init(environment: [String: String]) {
        for (name, value) in environment { values[name] = Entry(value: value, origin: .environment) }
    }

    /// Adds values read from a file, for the names not set yet.
    mutating func addMissing(_ entries: [(String, String)], origin: VariableOrigin) {
        for (name, value) in entries where values[name] == nil {
            values[name] = Entry(value: value, origin: origin)
        }
    }

    func lookup(_ name: String) -> (value: String, origin: VariableOrigin)? {
        values[name].map { ($0.value, $0.origin) }
    }

    func value(_ name: String) -> String? { values[name]?.value }
}
