/// The files `docker buildx bake` reads when none is named, in the order it
/// merges them (docker/buildx `docs/bake-reference.md` "File format",
/// `bake/bake.go` `defaultFilenames`): every Compose file name Compose knows
/// (all that exist, not only the first), then the Bake files and their
/// overrides. Compose override files are not among them.
public enum BakeFileNames {
    public static let defaults = ComposeFileNames.main + [
        "docker-bake.json", "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl",
    ]

    enum Kind { case compose, hcl, json }

    /// How Bake reads a file: by its extension (`bake/bake.go`
    /// `validateComposeFile`); another name is Compose when it reads as a
    /// YAML mapping, HCL otherwise.
    static func kind(of path: String, bytes: [UInt8]) -> Kind {
        let lower = path.lowercased()
        if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return .compose }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".hcl") { return .hcl }
        if let documents = try? YAMLReader.read(bytes, file: path), documents.first?.root.mapping != nil { return .compose }
        return .hcl
    }
}
