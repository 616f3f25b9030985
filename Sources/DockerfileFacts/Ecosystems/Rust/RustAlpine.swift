import DockerfileModel

/// What moving a Rust build from the `rust` image (buildpack-deps, with
/// libssl-dev, libsqlite3-dev, pkg-config, git, make) to `rust:*-alpine`
/// means: that image has only gcc and musl-dev, and its musl target links
/// statically, so a crate that links a system library needs that library's
/// headers and static archive (`AlpineStaticLibraries`). When the stage does
/// not install them the move is refused with the packages it would need:
/// dockslim does not add them itself.
///
/// The crates come from the source reader (`RustCrates`: Cargo.toml
/// dependencies and features, `-sys` crates in Cargo.lock), from features
/// that pick native-tls (`runtime-tokio-native-tls` of sqlx or sea-orm),
/// from a `libsqlite3-sys` in Cargo.lock that no dependent builds bundled,
/// and from the -dev packages the stage installs for its build.
enum RustAlpine {
    static func move(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?, findings: SourceFindings?) -> AlpineMove {
        guard ImageCatalog.officialName(image) == "rust", let build = cargoBuild(chain) else { return AlpineMove() }
        let label = "\(build.keyword) on line \(build.startLine)"
        var needs: [(library: String, why: String)] = []
        for need in findings?.nativeNeeds ?? [] {
            let at = "\(need.dependency) (\(need.evidence.file):\(need.evidence.line))"
            switch need.requirement {
            case .glibc:
                return AlpineMove(refusal: "\(at) \(need.detail): it does not run on Alpine (musl)")
            case .program(let program) where program.contains(" ") || !ImageCommands.alpine.contains(program):
                if AlpineInstalls.packages(in: chain).contains(program) { continue }
                return AlpineMove(refusal: "\(at) needs \(program) to build (\(need.detail)), which rust:alpine does not have (it carries only gcc and musl-dev)")
            case .systemLibrary(let library):
                needs.append((library, "\(at) \(need.detail)"))
            default:
                continue
            }
        }
        if let context {
            needs += nativeTLS(context) + bundledSQLiteMissing(context)
        }
        // -dev packages the stage installs for its build: it links their library.
        for words in chain.flatMap({ $0.instructions.filter { $0.kind == .run } }).flatMap({ ShellScan(run: $0).commands }) {
            for name in PackageInstalls.installedPackages(words) {
                if let library = AlpineStaticLibraries.libraryOfDevPackage[name] {
                    needs.append((library, "the stage installs \(name) for its build"))
                }
            }
        }
        // Cargo.lock says which -sys crates the build compiles: a library
        // whose crate is not there, or is built in (openssl-src), is not linked.
        if let lock = context?.text("Cargo.lock") {
            let locked = Set(lockPackages(lock).map(\.name))
            needs.removeAll { need in
                guard let crate = sysCrate[need.library] else { return false }
                return !locked.contains(crate) || need.library == "libssl" && locked.contains("openssl-src")
            }
        }
        let installed = AlpineInstalls.packages(in: chain)
        var seen = Set<String>()
        for need in needs where seen.insert(need.library).inserted {
            guard let packages = AlpineStaticLibraries.table[need.library] else {
                return AlpineMove(refusal: "\(need.why): it links \(need.library), and dockslim does not know which Alpine packages let \(label) link it statically on rust:alpine (musl)")
            }
            let missing = packages.names.filter { !installed.contains($0) }
            guard missing.isEmpty else {
                let instead = need.library == "libssl" ? "; with rustls instead of OpenSSL (or openssl's vendored feature) it needs none"
                    : need.library == "libsqlite3" ? "; with the bundled feature of rusqlite or libsqlite3-sys it needs none" : ""
                return AlpineMove(refusal: "\(need.why): it links \(need.library), but rust:alpine has only gcc and musl-dev and links musl programs statically, so \(label) needs `apk add --no-cache \(packages.names.joined(separator: " "))` first (\(packages.evidence))\(instead)")
            }
        }
        var move = AlpineMove()
        if let context, context.has("Cargo.toml"), !context.has("Cargo.lock") {
            move.warnings.append("there is no Cargo.lock: the crates cargo resolves when building may link system libraries that rust:alpine lacks (it has only gcc and musl-dev)")
        }
        return move
    }

    /// The `-sys` crate that links each library.
    static let sysCrate: [String: String] = [
        "libssl": "openssl-sys", "libsqlite3": "libsqlite3-sys", "libpq": "pq-sys", "libmysqlclient": "mysqlclient-sys",
        "libz": "libz-sys", "libcurl": "curl-sys", "libzmq": "zmq-sys", "librdkafka": "rdkafka-sys",
    ]

    /// The first RUN of the chain that builds with cargo.
    static func cargoBuild(_ chain: [Stage]) -> Instruction? {
        for stage in chain {
            for run in stage.instructions where run.kind == .run {
                if ShellScan(run: run).commands.contains(where: { $0.first == "cargo" && ["build", "install", "run", "test"].contains($0.dropFirst().first ?? "") }) {
                    return run
                }
            }
        }
        return nil
    }

    /// Dependencies whose features pick native-tls (OpenSSL on Linux):
    /// `runtime-tokio-native-tls` (sqlx 0.6/0.7, sea-orm), `native-tls`,
    /// `tls-native-tls`; not the vendored ones.
    static func nativeTLS(_ context: BuildContext) -> [(library: String, why: String)] {
        var out: [(String, String)] = []
        for path in context.files(under: "") where SourceFiles.name(path) == "Cargo.toml" && !RustSources.isSkipped(path) {
            guard let bytes = context.contents[path] else { continue }
            for d in CargoManifest.parse(bytes, file: path).dependencies where !["reqwest", "native-tls", "openssl", "openssl-sys", "git2"].contains(d.name) {
                if let f = d.features.sorted().first(where: { $0.contains("native-tls") && !$0.contains("vendored") }) {
                    out.append(("libssl", "\(d.name) (\(d.evidence.file):\(d.evidence.line)) feature \(f) uses native-tls, which links the system OpenSSL on Linux"))
                }
            }
        }
        return out
    }

    /// Crates that depend on libsqlite3-sys with its `bundled` feature on.
    static let bundlingSQLite: Set<String> = ["sqlx-sqlite", "sqlx-core", "libsql", "libsql-ffi"]

    /// A `libsqlite3-sys` in Cargo.lock that links the system SQLite: no
    /// Cargo.toml turns on `bundled` for it or rusqlite, and a dependent of
    /// it is not one that bundles (sqlx builds SQLite in).
    static func bundledSQLiteMissing(_ context: BuildContext) -> [(library: String, why: String)] {
        guard let lock = context.text("Cargo.lock"), let line = lockPackages(lock).first(where: { $0.name == "libsqlite3-sys" })?.line else { return [] }
        for path in context.files(under: "") where SourceFiles.name(path) == "Cargo.toml" {
            guard let bytes = context.contents[path] else { continue }
            let parsed = CargoManifest.parse(bytes, file: path)
            if parsed.dependencies.contains(where: { ["rusqlite", "libsqlite3-sys", "diesel"].contains($0.name) && $0.features.contains { $0.hasPrefix("bundled") || $0.hasPrefix("sqlite-bundled") } })
                || parsed.featureStrings.contains(where: { $0.contains("libsqlite3-sys/bundled") || $0.contains("rusqlite/bundled") }) {
                return []
            }
        }
        let dependents = lockPackages(lock).filter { $0.dependencies.contains("libsqlite3-sys") }.map(\.name)
        guard dependents.contains(where: { !bundlingSQLite.contains($0) }) else { return [] }
        return [("libsqlite3", "libsqlite3-sys (Cargo.lock:\(line), used by \(dependents.joined(separator: ", "))) is not built with its bundled feature, so it links the system SQLite")]
    }

    /// `[[package]]` entries of a Cargo.lock: name, line, dependency names.
    static func lockPackages(_ text: String) -> [(name: String, line: Int, dependencies: [String])] {
        var out: [(String, Int, [String])] = []
        var inDependencies = false
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            if line == "[[package]]" { inDependencies = false; continue }
            if line.hasPrefix("name = \""), !inDependencies {
                out.append((line.dropFirst(8).trimmingCharacters(in: "\""), n + 1, []))
            } else if line.hasPrefix("dependencies = [") {
                inDependencies = !line.hasSuffix("]")
            } else if inDependencies {
                if line.hasPrefix("]") { inDependencies = false; continue }
                let name = line.trimmingCharacters(in: "\",").split(separator: " ").first.map(String.init) ?? ""
                if !name.isEmpty, !out.isEmpty { out[out.count - 1].2.append(name) }
            }
        }
        return out
    }
}
