/// Native needs from `Cargo.toml` (and `Cargo.lock` for crates pulled in
/// by others): crates that link system libraries unless a feature bundles
/// them. `[dev-dependencies]` and `[build-dependencies]` are not linked
/// into the program and are not read.
enum RustCrates {
    struct Dependency {
        let name: String
        var features: Set<String>
        var defaultFeatures: Bool
        let evidence: Evidence
    }

    static func read(_ context: BuildContext, manifests: [String], into findings: inout SourceFindings) -> [Dependency] {
        var dependencies: [Dependency] = []
        var featureStrings = Set<String>()
        for path in manifests {
            guard let bytes = findings.manifest(context, path) else { continue }
            let parsed = CargoManifest.parse(bytes, file: path)
            dependencies += parsed.dependencies
            featureStrings.formUnion(parsed.featureStrings)
        }
        // `[features] default = ["openssl/vendored"]` turns on a dependency's feature.
        for i in dependencies.indices {
            for f in featureStrings {
                let parts = f.split(separator: "/", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: "?") == dependencies[i].name { dependencies[i].features.insert(String(parts[1])) }
            }
        }
        let bundlesSQLite = dependencies.contains { ["rusqlite", "libsqlite3-sys"].contains($0.name) && $0.features.contains { $0.hasPrefix("bundled") } }
        for d in dependencies {
            for need in needs(of: d, bundlesSQLite: bundlesSQLite) {
                findings.nativeNeeds.append(NativeNeed(dependency: d.name, requirement: need.requirement, phase: need.phase, detail: need.detail, evidence: d.evidence))
            }
        }
        return dependencies
    }

    typealias Need = (requirement: NativeNeed.Requirement, phase: NativeNeed.Phase, detail: String)

    /// What one dependency links, given its features.
    static func needs(of d: Dependency, bundlesSQLite: Bool) -> [Need] {
        let f = d.features
        let library = { (name: String, why: String) -> Need in (.systemLibrary(name), .run, why) }
        switch d.name {
        case "openssl", "openssl-sys", "native-tls":
            return f.contains("vendored") ? [] : [library("libssl", "links the system OpenSSL (the vendored feature builds it in)")]
        case "reqwest":
            let nativeTLS = (d.defaultFeatures || f.contains("default-tls") || f.contains("native-tls")) && !f.contains("native-tls-vendored")
            return nativeTLS ? [library("libssl", "default TLS is native-tls, which links OpenSSL on Linux (rustls-tls avoids it)")] : []
        case "git2":
            return d.defaultFeatures && !f.contains("vendored-openssl") ? [library("libssl", "the https feature links OpenSSL (vendored-openssl builds it in)")] : []
        case "diesel":
            var out: [Need] = []
            if f.contains("postgres") { out.append(library("libpq", "the postgres backend links libpq")) }
            if f.contains("mysql") { out.append(library("libmysqlclient", "the mysql backend links libmysqlclient")) }
            if f.contains("sqlite") && !bundlesSQLite { out.append(library("libsqlite3", "the sqlite backend links libsqlite3 unless libsqlite3-sys is bundled")) }
            return out
        case "rusqlite", "libsqlite3-sys":
            return f.contains { $0.hasPrefix("bundled") } ? [] : [library("libsqlite3", "links the system SQLite (the bundled feature builds it in)")]
        case "pq-sys":
            return f.contains("bundled") ? [] : [library("libpq", "links libpq")]
        case "mysqlclient-sys":
            return f.contains("bundled") ? [] : [library("libmysqlclient", "links libmysqlclient")]
        case "rdkafka":
            return rdkafkaNeeds(d)
        case "zmq":
            return f.contains("vendored") ? [] : [library("libzmq", "links libzmq")]
        case "curl":
            return f.contains("static-curl") ? [] : [library("libcurl", "links the builder's libcurl when it has one (static-curl builds it in)")]
        case "tch":
            return [(.glibc, .run, "links a prebuilt libtorch (glibc)")]
        case "ort":
            return [(.glibc, .run, "downloads a prebuilt onnxruntime (glibc)")]
        case "headless_chrome", "chromiumoxide":
            return [(.glibc, .run, "drives a Chrome or Chromium browser (glibc builds)")]
        default:
            return []
        }
    }

    /// rdkafka builds librdkafka from source (make, or cmake with `cmake-build`) unless `dynamic-linking` links the system one.
    private static func rdkafkaNeeds(_ d: Dependency) -> [Need] {
        let f = d.features
        if f.contains("dynamic-linking") { return [(.systemLibrary("librdkafka"), .run, "the dynamic-linking feature links the system librdkafka")] }
        var out: [Need] = [(.program(f.contains("cmake-build") ? "cmake and a C toolchain" : "make, bash and a C toolchain"), .build, "builds librdkafka from source")]
        if !f.contains("libz-static") { out.append((.systemLibrary("libz"), .run, "librdkafka links zlib")) }
        if f.contains("ssl") && !f.contains("ssl-vendored") { out.append((.systemLibrary("libssl"), .run, "the ssl feature links OpenSSL")) }
        if f.contains("gssapi") && !f.contains("gssapi-vendored") { out.append((.systemLibrary("libsasl2"), .run, "the gssapi feature links Cyrus SASL")) }
        return out
    }

    /// Cargo.lock: `-sys` crates that dependencies pull in, when no `-src`
    /// crate beside them builds the library in (and not already reported).
    static func readLockfile(_ context: BuildContext, _ path: String, into findings: inout SourceFindings) {
        guard let bytes = findings.manifest(context, path) else { return }
        var packages: [String: Int] = [:]
        for (n, raw) in bytes.split(separator: .newline, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: raw.prefix(200), as: UTF8.self)
            guard line.hasPrefix("name = \"") else { continue }
            packages[line.dropFirst(8).trimmingCharacters(in: "\"\r ")] = n + 1
        }
        let reported = Set(findings.nativeNeeds.map(\.requirement))
        let sysCrates: [(sys: String, src: String, library: String)] = [
            ("openssl-sys", "openssl-src", "libssl"), ("pq-sys", "pq-src", "libpq"), ("mysqlclient-sys", "mysqlclient-src", "libmysqlclient"),
        ]
        for c in sysCrates {
            guard let line = packages[c.sys], packages[c.src] == nil, !reported.contains(.systemLibrary(c.library)) else { continue }
            findings.nativeNeeds.append(NativeNeed(dependency: c.sys, requirement: .systemLibrary(c.library), detail: "a dependency links \(c.library) (no \(c.src) builds it in)",
                                                   evidence: Evidence(file: path, line: line, text: "name = \"\(c.sys)\"")))
        }
    }
}
