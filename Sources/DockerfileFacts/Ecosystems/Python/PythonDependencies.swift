/// Native needs from the app's dependency lists: `requirements*.txt` (and
/// the files they include with `-r`), `pyproject.toml` (`[project]
/// dependencies`, `[tool.poetry.dependencies]`) and `Pipfile` `[packages]`.
/// Development lists (`requirements-dev.txt`, poetry's dev group, Pipfile's
/// `[dev-packages]`) are not installed in production and are not read;
/// lockfiles are not read either (transitive packages are not seen).
enum PythonDependencies {
    static func read(_ context: BuildContext, root: String, into findings: inout SourceFindings) {
        let prefix = SourceFiles.folderPrefix(root)
        var queue = context.files(under: prefix).filter { isProductionRequirements(String($0.dropFirst(prefix.count))) }
        var seen = Set<String>()
        while let file = queue.first, seen.count < 64 {
            queue.removeFirst()
            guard seen.insert(file).inserted, let bytes = findings.manifest(context, file) else { continue }
            let lines = bytes.split(separator: .newline, omittingEmptySubsequences: false)
            for (n, raw) in lines.enumerated() {
                let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \t\r")
                if line.hasPrefix("-r ") || line.hasPrefix("--requirement ") {
                    let included = String(line.split(separator: " ").last ?? "")
                    queue.append(Paths.join("/" + Paths.dirname(file), included).dropFirst().description)
                    continue
                }
                guard !line.hasPrefix("#"), !line.hasPrefix("-") else { continue }
                add(requirement: line, evidence: Evidence(file: file, line: n + 1, text: String(line.prefix(200))), into: &findings)
            }
        }
        for name in ["pyproject.toml", "Pipfile"] {
            guard let bytes = findings.manifest(context, prefix + name) else { continue }
            readTOML(bytes, file: prefix + name, into: &findings)
        }
    }

    /// `requirements.txt`, `requirements-prod.txt` beside the app, or a file of
    /// its `requirements/` folder; not dev, test, lint or docs lists.
    static func isProductionRequirements(_ relative: String) -> Bool {
        let name = SourceFiles.name(relative).lowercased()
        let beside = !relative.contains("/") && name.hasPrefix("requirements")
        guard name.hasSuffix(".txt"), beside || relative.hasPrefix("requirements/") else { return false }
        return !["dev", "test", "lint", "doc", "ci", "local", "typing"].contains { name.contains($0) }
    }

    /// The dependency sections of pyproject.toml and Pipfile, line by line:
    /// `"psycopg2>=2.9",` in `[project]`'s array, `psycopg2 = "^2.9"` under the others.
    private static func readTOML(_ bytes: [UInt8], file: String, into findings: inout SourceFindings) {
        var section = ""
        var inProjectArray = false
        for (n, raw) in bytes.split(separator: .newline, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \t\r")
            let evidence = Evidence(file: file, line: n + 1, text: String(line.prefix(200)))
            if line.hasPrefix("[") && !inProjectArray { section = line; continue }
            if section == "[project]" && line.hasPrefix("dependencies") && line.contains("[") {
                inProjectArray = !line.contains("]")
                for item in line.split(separator: "\"").enumerated() where item.offset % 2 == 1 { add(requirement: String(item.element), evidence: evidence, into: &findings) }
                continue
            }
            if inProjectArray {
                if line.hasPrefix("]") { inProjectArray = false; continue }
                let item = line.trimmingCharacters(in: "\"',")
                add(requirement: item, evidence: evidence, into: &findings)
            } else if section == "[tool.poetry.dependencies]" || section == "[packages]" {
                guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
                let name = line[..<eq].trimmingCharacters(in: " \"'")
                if name != "python" { add(requirement: name + (line.contains("binary") ? "[binary]" : ""), evidence: evidence, into: &findings) }
            }
        }
    }

    /// One requirement (`psycopg2==2.9.9`, `psycopg[binary]>=3`, `uwsgi ; sys_platform != "win32"`).
    static func add(requirement: String, evidence: Evidence, into findings: inout SourceFindings) {
        let name = PythonRequirements.name(Substring(requirement))
        guard !name.isEmpty else { return }
        let extras = requirement.drop { $0 != "[" }.prefix { $0 != "]" }
        if name == "psycopg" && (extras.contains("binary") || extras.contains("c")) { return add("psycopg-binary", evidence, &findings) }
        add(name, evidence, &findings)
    }

    private static func add(_ name: String, _ evidence: Evidence, _ findings: inout SourceFindings) {
        if let libraries = systemLibraries[name] ?? PythonRequirements.linksSystemLibraries[name] {
            for library in libraries.split(separator: " and ") {
                findings.nativeNeeds.append(NativeNeed(dependency: name, requirement: .systemLibrary(String(library)),
                                                       detail: "built or loaded against \(library), which no wheel bundles: the runtime image must have it", evidence: evidence))
            }
        }
        if PythonRequirements.glibcOnly.contains(name) || glibcOnly[name] != nil {
            findings.nativeNeeds.append(NativeNeed(dependency: name, requirement: .glibc, detail: glibcOnly[name] ?? "only manylinux (glibc) wheels", evidence: evidence))
        }
        if let program = programs[name] {
            findings.nativeNeeds.append(NativeNeed(dependency: name, requirement: .program(program), detail: "runs \(program) at run time", evidence: evidence))
        }
        if wheelsForBoth.contains(name) {
            findings.nativeNeeds.append(NativeNeed(dependency: name, requirement: .compiledExtension(.glibcAndMusl),
                                                   detail: "manylinux and musllinux wheels: compiled for the installing image's C library", evidence: evidence))
        }
    }

    /// Beyond `PythonRequirements.linksSystemLibraries` (pip's source builds): libraries loaded at run time.
    static let systemLibraries: [String: String] = [
        "psycopg": "libpq", "cairocffi": "libcairo", "cairosvg": "libcairo", "pyvips": "libvips", "wand": "libMagickWand", "xmlsec": "libxmlsec1",
        "opencv-python": "libGL",
        // Open3D's Linux wheels load libGL and libgomp (its Docker documentation installs libegl1, libgl1 and libgomp1).
        "open3d": "libGL",
    ]

    static let glibcOnly: [String: String] = [
        "opencv-python": "only manylinux (glibc) wheels", "opencv-python-headless": "only manylinux (glibc) wheels",
        "playwright": "drives browsers `playwright install` downloads: glibc builds", "pyppeteer": "downloads a glibc Chromium at run time",
    ]

    static let programs: [String: String] = ["pdf2image": "pdftoppm", "pytesseract": "tesseract"]

    /// Compiled packages with wheels for glibc and musl (PyPI file lists).
    static let wheelsForBoth: Set<String> = [
        "lxml", "numpy", "pandas", "pillow", "cryptography", "orjson", "pydantic-core", "psycopg2-binary", "psycopg-binary", "bcrypt",
        "cffi", "greenlet", "uvloop", "httptools", "ujson", "msgpack", "pyyaml", "markupsafe", "grpcio", "asyncpg", "regex", "zstandard",
    ]
}
