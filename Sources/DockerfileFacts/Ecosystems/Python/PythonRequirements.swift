import DockerfileModel

/// The Python packages a stage asks pip (or uv) for: named on the command
/// line, or listed in a requirements file the command names and the project
/// holds. Passes check them against what a new base cannot run.
package enum PythonRequirements {
    /// Each requested package (normalised: lowercase, `_` as `-`) with where it is asked for.
    package static func requested(in stages: [Stage], project: BuildContext?) -> [(name: String, source: String)] {
        var out: [(String, String)] = []
        var files: [String] = []
        for stage in stages {
            for run in stage.instructions where run.kind == .run {
                for words in ShellScan(run: run).commands {
                    let tool = words.first.map(Paths.basename) ?? ""
                    guard ["pip", "pip3", "uv", "python", "python3"].contains(tool), words.contains("install") else { continue }
                    var skip = false
                    for (k, w) in words.enumerated() {
                        if skip { skip = false; continue }
                        if w == "-r" || w == "--requirement" || w == "-c" || w == "--constraint" {
                            if w.hasSuffix("r") || w == "--requirement", k + 1 < words.count { files.append(words[k + 1]) }
                            skip = true
                            continue
                        }
                        if w.hasPrefix("-") || k == 0 { continue }
                        out.append((name(w[...]), "\(run.keyword) on line \(run.startLine)"))
                    }
                }
            }
        }
        for file in files {
            guard let text = project?.text(file) ?? project?.text(Paths.basename(file)) else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                let n = name(line.drop { $0 == " " })
                if !n.isEmpty { out.append((n, file)) }
            }
        }
        return out
    }

    /// `Uvicorn[standard]==0.30 ; python_version > "3.9"` → `uvicorn`.
    static func name(_ requirement: Substring) -> String {
        String(requirement.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }).lowercased().replacing("_", with: "-")
    }

    /// Packages with only manylinux wheels whose sources do not build on
    /// Alpine either (PyPI file lists, 2026).
    package static let glibcOnly: Set<String> = ["tensorflow", "tensorflow-cpu", "tensorflow-gpu", "torch", "torchvision", "torchaudio",
                                         "jaxlib", "onnxruntime", "onnxruntime-gpu", "ray", "tensorflow-io", "tensorflow-text"]

    /// Packages pip builds from source against a system library that a
    /// full python image has and a slim one lacks (psycopg2 → libpq,
    /// mysqlclient → libmariadb, …): the environment breaks in the slim runtime.
    package static let linksSystemLibraries: [String: String] = [
        "psycopg2": "libpq", "mysqlclient": "libmariadb", "python-ldap": "libldap", "pyodbc": "libodbc", "pycairo": "libcairo",
        "uwsgi": "libxml2 and libpcre", "gssapi": "libkrb5", "pykerberos": "libkrb5", "pygraphviz": "libgraphviz", "mod-wsgi": "libapr",
        "pyaudio": "libportaudio", "python-magic": "libmagic", "pyzbar": "libzbar", "weasyprint": "libpango",
    ]
}
