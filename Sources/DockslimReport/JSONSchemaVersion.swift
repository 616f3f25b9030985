/// The version every JSON document dockslim prints carries first
/// (`"version": "1"`: audit, rewrite, graph, recipes, rules), so tools that
/// read them can refuse a shape they do not know. Raised only when a key
/// is removed or changes meaning; new keys keep the version.
public enum JSONSchemaVersion {
    public static let current = "1"
}
