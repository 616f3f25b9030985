/// What a Python app's sources say it needs at run time. `open("x")`
/// resolves against the working directory; `Path(__file__).parent / "x"`,
/// `os.path.dirname(__file__)`, Flask's folders and `load_dotenv()` against
/// the source file's folder. Tests (`test_*.py`, `*_test.py`, `tests.py`,
/// `conftest.py`, `tests/`, `test/`) and `setup.py` are not read. Native
/// needs come from the requirement files (`PythonDependencies`).
public enum PythonSources {
    public static func read(_ context: BuildContext, root: String = "") -> SourceFindings {
        let set = SourceFiles.select(context, root: root, extensions: ["py"], language: "Python", skip: isTestOrBuildFile)
        var findings = SourceFindings()
        findings.unknowns += set.unknowns
        var program = ProgramFacts()
        for file in set.files {
            var reader = PythonFileReader(source: ScannedSource(path: file.path, bytes: file.bytes, syntax: .python))
            reader.read()
            findings.merge(reader.findings)
            program.add(reader)
        }
        program.record(into: &findings)
        PythonDependencies.read(context, root: root, into: &findings)
        return findings.normalized()
    }

    static func isTestOrBuildFile(_ relative: String) -> Bool {
        let name = SourceFiles.name(relative)
        if name.hasPrefix("test_") || name.hasSuffix("_test.py") || ["tests.py", "conftest.py", "setup.py", "noxfile.py"].contains(name) { return true }
        return SourceFiles.inFolder(relative, ["tests", "test"])
    }

    /// What only the whole program decides: whether templates are rendered,
    /// and where Flask-SQLAlchemy puts relative SQLite files.
    struct ProgramFacts {
        var flaskApps: [(folder: String, evidence: Evidence, templates: PathValue?, statics: PathValue?)] = []
        var sqliteURLs: [(path: String, evidence: Evidence)] = []
        var modules: Set<String> = []
        var rendersTemplates = false

        mutating func add(_ reader: PythonFileReader) {
            flaskApps += reader.flaskApps
            sqliteURLs += reader.sqliteURLs
            modules.formUnion(reader.modules)
            rendersTemplates = rendersTemplates || reader.rendersTemplates
        }

        func record(into findings: inout SourceFindings) {
            for app in flaskApps {
                if let t = app.templates {
                    findings.add(.read, t, shape: .folder, necessity: rendersTemplates ? .required : .ifPresent, via: "Flask templates", evidence: app.evidence)
                }
                if let s = app.statics { findings.add(.read, s, shape: .folder, necessity: .ifPresent, via: "Flask static", evidence: app.evidence) }
            }
            // Flask-SQLAlchemy 3 resolves a relative SQLite path in the app's instance folder, which it creates.
            let app = modules.contains("flask_sqlalchemy") ? flaskApps.first?.folder : nil
            for url in sqliteURLs {
                guard let folder = app, !url.path.hasPrefix("/") else {
                    findings.add(.readWrite, PathValue(url.path, base: .workingDirectory), shape: .file, via: "SQLite URL", evidence: url.evidence)
                    continue
                }
                findings.add(.readWrite, PathValue.inFolder(folder, "instance/" + url.path), shape: .file, via: "SQLite URL (Flask-SQLAlchemy)", evidence: url.evidence)
                findings.add(.write, PathValue.inFolder(folder, "instance"), shape: .folder, via: "Flask-SQLAlchemy instance folder", evidence: url.evidence)
            }
        }
    }
}
