/// The file names Compose looks for, in its order of preference
/// (compose-spec/compose-go `cli/options.go`, `DefaultFileNames` and
/// `DefaultOverrideFileNames`): the first of each list found is used, and
/// finding several is worth a warning.
public enum ComposeFileNames {
    public static let main = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]
    public static let override = ["compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"]
}
