/// What a Ruby app's sources say it needs at run time. Plain relative
/// paths resolve against the working directory; `__dir__`, `__FILE__`,
/// Sinatra's `views/` and `public/` against the source file's folder;
/// Rails conventions against the app's folder (the one holding
/// `config/application.rb`): `config/` and `public/` read, `log/`, `tmp/`
/// and `storage/` written, a SQLite production database read and written.
/// Specs and tests (`spec/`, `test/`, `features/`, `*_spec.rb`,
/// `*_test.rb`) are not read. Native needs come from `Gemfile.lock` (`RubyGems`).
public enum RubySources {
    public static func read(_ context: BuildContext, root: String = "") -> SourceFindings {
        let set = SourceFiles.select(context, root: root, extensions: ["rb", "ru"], language: "Ruby", skip: isTest)
        var findings = SourceFindings()
        findings.unknowns += set.unknowns
        let prefix = SourceFiles.folderPrefix(root)
        let rails = railsRoot(context, prefix: prefix)
        for file in set.files {
            var reader = RubyFileReader(source: ScannedSource(path: file.path, bytes: file.bytes, syntax: .ruby), railsRoot: rails)
            reader.read()
            findings.merge(reader.findings)
            if let sinatra = reader.sinatra { recordSinatra(reader, required: sinatra, into: &findings) }
        }
        if let rails { RailsConventions.record(context, root: rails, into: &findings) }
        RubyGems.read(context, root: root, into: &findings)
        return findings.normalized()
    }

    static func isTest(_ relative: String) -> Bool {
        let name = SourceFiles.name(relative)
        return name.hasSuffix("_spec.rb") || name.hasSuffix("_test.rb") || SourceFiles.inFolder(relative, ["spec", "test", "features"])
    }

    /// The folder holding `config/application.rb`: the app's root, else the first below it.
    static func railsRoot(_ context: BuildContext, prefix: String) -> String? {
        if context.has(prefix + "config/application.rb") { return prefix }
        let marker = "/config/application.rb"
        return context.files(under: prefix).first { $0.hasSuffix(marker) && !SourceFiles.inFolder($0, SourceFiles.dependencyFolders) }
            .map { String($0.dropLast(marker.count - 1)) }
    }

    /// Sinatra serves `views/` and `public/` beside the app file unless `set` says otherwise.
    private static func recordSinatra(_ reader: RubyFileReader, required evidence: Evidence, into findings: inout SourceFindings) {
        for (key, fallback) in [("views", "views"), ("public_folder", "public")] {
            if let (value, e) = reader.sinatraFolders[key] {
                guard let value else { findings.unknownPath("Sinatra \(key)", evidence: e); continue }
                let resolved = value.base == .workingDirectory ? PathValue.inFolder(reader.source.folder, value.path) : value
                findings.add(.read, resolved, shape: .folder, necessity: .ifPresent, via: "Sinatra \(key)", evidence: e)
            } else {
                findings.add(.read, PathValue.inFolder(reader.source.folder, fallback), shape: .folder, necessity: .ifPresent, via: "Sinatra \(key)",
                             evidence: evidence)
            }
        }
    }
}
