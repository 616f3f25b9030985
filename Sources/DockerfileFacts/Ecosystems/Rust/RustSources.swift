/// What a Rust program's sources say it needs at run time. Relative paths
/// resolve against the working directory; `env!("CARGO_MANIFEST_DIR")` and
/// Rocket's `relative!` bake the builder's crate path into the binary
/// (`PathBase.builderPathOf`). `tests/`, `benches/`, `examples/`, `target/`
/// and `#[cfg(test)]` items are not read. A `build.rs` runs in the crate's
/// folder at build time: the files it writes there (not under `OUT_DIR`)
/// are `generated`, the programs it runs are build-time needs; paths it
/// computes are taken to be under `OUT_DIR` and not reported. Native needs
/// come from `Cargo.toml` and `Cargo.lock` (`RustCrates`).
public enum RustSources {
    public static func read(_ context: BuildContext, root: String = "") -> SourceFindings {
        let set = SourceFiles.select(context, root: root, extensions: ["rs"], language: "Rust", skip: isSkipped)
        var findings = SourceFindings()
        findings.unknowns += set.unknowns
        var rocketTemplates: Evidence?
        var rocketLaunch: Evidence?
        for file in set.files {
            let source = ScannedSource(path: file.path, bytes: file.bytes, syntax: .rust)
            let folder = crateFolder(of: file.path, in: context)
            var reader = RustFileReader(source: source, crateFolder: folder)
            reader.read()
            if SourceFiles.name(file.path) == "build.rs" {
                recordBuildScript(reader.findings, crateFolder: folder, into: &findings)
                continue
            }
            findings.merge(reader.findings)
            rocketTemplates = rocketTemplates ?? reader.usesRocketTemplates
            rocketLaunch = rocketLaunch ?? reader.rocketLaunch
        }
        let prefix = SourceFiles.folderPrefix(root)
        let manifests = context.files(under: prefix).filter { SourceFiles.name($0) == "Cargo.toml" && !isSkipped(String($0.dropFirst(prefix.count))) }
        let dependencies = RustCrates.read(context, manifests: manifests, into: &findings)
        RustCrates.readLockfile(context, prefix + "Cargo.lock", into: &findings)
        if let rocket = dependencies.first(where: { $0.name == "rocket" }) {
            findings.add(.read, PathValue("Rocket.toml", base: .workingDirectory), shape: .file, necessity: .ifPresent, via: "Rocket configuration",
                         evidence: rocketLaunch ?? rocket.evidence)
            if let e = rocketTemplates { findings.add(.read, PathValue("templates", base: .workingDirectory), shape: .folder, via: "Rocket templates", evidence: e) }
        }
        return findings.normalized()
    }

    static func isSkipped(_ relative: String) -> Bool {
        SourceFiles.inFolder(relative, ["tests", "benches", "examples", "target"])
    }

    /// The folder of the nearest `Cargo.toml` above a file (`""`: the context's top).
    static func crateFolder(of path: String, in context: BuildContext) -> String {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            let folder = parts.joined(separator: "/") + "/"
            if context.has(folder + "Cargo.toml") { return folder }
            parts = parts.dropLast()
        }
        return ""
    }

    /// A build script's writes in its crate's folder become `generated`; its programs, build-time needs.
    private static func recordBuildScript(_ script: SourceFindings, crateFolder folder: String, into findings: inout SourceFindings) {
        for use in script.writes {
            let value: PathValue
            switch use.base {
            case .workingDirectory: value = PathValue.inFolder(folder, use.path)
            case .builderPathOf(let f): value = PathValue.inFolder(f, use.path)
            default: value = PathValue(use.path, base: use.base)
            }
            findings.add(.generated, value, shape: use.shape, via: "build.rs " + use.via, evidence: use.evidence)
        }
        for program in script.executes {
            findings.nativeNeeds.append(NativeNeed(dependency: "build.rs", requirement: .program(program.program), phase: .build,
                                                   detail: "the build script runs it", evidence: program.evidence))
        }
    }
}
