/// What a Node.js app's sources say it needs at run time. Plain relative
/// paths (`express.static("public")`, `fs.readFileSync("data.json")`,
/// dotenv's `.env`) resolve against the working directory;
/// `path.join(__dirname, …)` and `new URL(…, import.meta.url)` against the
/// source file's folder. Tests (`*.test.*`, `*.spec.*`, `__tests__/`,
/// `test/`, `tests/`), type declarations and minified bundles are not read.
/// Native needs and git dependencies come from `package.json` and
/// `package-lock.json` (`NodePackages`).
public enum NodeSources {
    static let extensions: Set<String> = ["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx"]

    public static func read(_ context: BuildContext, root: String = "") -> SourceFindings {
        let set = SourceFiles.select(context, root: root, extensions: extensions, language: "JavaScript", skip: isTestOrBundle)
        var findings = SourceFindings()
        findings.unknowns += set.unknowns
        var viewEngine: Evidence?
        var setsViews = false
        for file in set.files {
            var reader = NodeFileReader(source: ScannedSource(path: file.path, bytes: file.bytes, syntax: .javaScript))
            reader.read()
            findings.merge(reader.findings)
            viewEngine = viewEngine ?? reader.setsViewEngine
            setsViews = setsViews || reader.setsViews
        }
        // Express looks for views in `./views` unless told otherwise.
        if let e = viewEngine, !setsViews {
            findings.add(.read, PathValue("views", base: .workingDirectory), shape: .folder, via: "Express view engine default", evidence: e)
        }
        NodePackages.read(context, root: root, into: &findings)
        return findings.normalized()
    }

    static func isTestOrBundle(_ relative: String) -> Bool {
        let name = SourceFiles.name(relative)
        let parts = name.split(separator: ".")
        if parts.contains("test") || parts.contains("spec") || name.hasSuffix(".d.ts") || name.hasSuffix(".min.js") { return true }
        return SourceFiles.inFolder(relative, ["__tests__", "__mocks__", "test", "tests"])
    }
}
