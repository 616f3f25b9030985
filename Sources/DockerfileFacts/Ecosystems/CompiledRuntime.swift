import DockerfileModel

/// The runtime image for compiled programs (Go, Rust, C), from how they are
/// linked: distroless `static` for a static binary, `base` for Go with cgo
/// and `cc` for C, C++ and Rust (glibc, libgcc, libstdc++, OpenSSL), tag
/// `nonroot`; Alpine for static or musl-linked programs, with the Alpine
/// packages of the libraries they link; scratch for static programs only,
/// with the builder's CA certificates.
///
/// Sources: distroless's README and `cc/BUILD`, `base/BUILD` (what each
/// image holds); Alpine's package index for the library packages.
package enum CompiledRuntime {
    /// The current Alpine release (alpine 3.24 is the base of golang:1.25-alpine
    /// in docker-library/repo-info, 2026).
    package static let alpineTag = "3.24"
    /// Libraries distroless `cc` provides (glibc, libgcc, libstdc++, and OpenSSL from `base`).
    static let ccLibraries: Set<String> = ["c", "m", "pthread", "dl", "rt", "stdc++", "gcc", "gcc_s", "ssl", "crypto"]
    /// Alpine packages for libraries a musl-linked C program may use.
    static let alpineLibraries: [String: String] = ["c": "", "m": "", "pthread": "", "dl": "", "rt": "", "stdc++": "libstdc++",
                                                    "gcc_s": "libgcc", "gcc": "libgcc", "ssl": "libssl3", "crypto": "libcrypto3",
                                                    "z": "zlib", "curl": "libcurl", "sqlite3": "sqlite-libs", "pq": "libpq"]
    /// Development packages that bring no library the program links at run time.
    static let headerOnlyPackages: Set<String> = ["libc6-dev", "libc-dev", "musl-dev", "linux-headers", "linux-libc-dev"]
    /// A library's development package → the library (`-l` name).
    static let developmentPackages: [String: String] = [
        "libssl-dev": "ssl", "openssl-dev": "ssl", "libsqlite3-dev": "sqlite3", "sqlite-dev": "sqlite3", "zlib1g-dev": "z", "zlib-dev": "z",
        "libpq-dev": "pq", "postgresql-dev": "pq", "libcurl4-openssl-dev": "curl", "curl-dev": "curl", "libstdc++-dev": "stdc++",
    ]
    /// Tools a HEALTHCHECK may run on Alpine (busybox applets).
    static let busyboxTools: Set<String> = ["wget", "nc", "sh", "test", "[", "pgrep", "ps", "cat", "true"]

    /// GCC of Debian 13, whose libstdc++ distroless cc-debian13 carries (Debian's gcc-defaults for trixie).
    static let distrolessGCC = 14

    /// The official gcc image's major version (its tag `15`, `15.2`, `15.2.0-bookworm`); `nil` for `latest` or none.
    static func gccMajor(_ image: ImageReference) -> Int? {
        (image.tag ?? "").split(separator: ".").first.flatMap { Int($0.prefix { $0.isNumber }) }
    }

    /// The official gcc image builds GCC from source and links C++ programs
    /// against its own libstdc++: one newer than Debian 13's needs symbols cc-debian13 lacks.
    static func newerLibstdcxx(_ image: ImageReference) -> Bool {
        guard ImageCatalog.officialName(image) == "gcc" else { return false }
        return (gccMajor(image) ?? Int.max) > distrolessGCC
    }

    package static func choose(_ builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        guard let builder = builds.first else { return .notApplicable("no builder") }
        if target == .slim { return .notApplicable("to=slim is for Node.js, Python and Java runtimes") }
        let isStatic = builds.allSatisfy(\.isStatic)
        let libcs = Set(builds.compactMap(\.libc))
        var libraries = Set(builds.flatMap(\.linkedLibraries))
        // A library's -dev package in the builder: the program may link it.
        for package in Set(builds.flatMap(\.packages)) where package.hasSuffix("-dev") || package.hasSuffix("-devel") {
            if headerOnlyPackages.contains(package) { continue }
            guard let lib = developmentPackages[package] else {
                if isStatic { continue }
                return .refused("not moved to \(target.rawValue): the builder installs \(package), so the program may link a library dockslim cannot place in the new image")
            }
            if !isStatic { libraries.insert(lib) }
        }
        let stageName = builder.stage.name ?? String(builder.stage.index)
        let programs = Set(builds.flatMap { $0.artifacts.map(\.builderPath) } + input.stage.instructions.compactMap { i -> String? in
            guard i.kind == .copy, i.flag("from") != nil else { return nil }
            return i.argumentStrings.last
        })
        let linking = isStatic ? "the program in stage \(stageName) is static" : "the program in stage \(stageName) is linked against \(libcs.first?.rawValue ?? "libc")"
        func move(_ image: String, shell: Bool, users: Set<String>) -> RuntimeMove {
            RuntimeMove(image: image, program: .binary(programs: programs), hasShell: shell, users: users,
                        reason: "\(linking), so it runs on \(image), which holds no toolchain, package manager or shell")
        }
        switch target {
        case .distroless where options.family != .distroless && options.image == nil:
            // Like distroless cc: Rust's std and C++ need libgcc_s and libstdc++; Go with cgo only what it links.
            let needsCxx = !builds.allSatisfy { $0.language == .go } || libraries.contains("stdc++")
            return familyImage(options.family, isStatic: isStatic, libcs: libcs, libraries: libraries, needsCxx: needsCxx, options: options, move: move)
        case .distroless:
            if !isStatic {
                guard libcs == [.glibc] else {
                    return .refused("not moved to distroless: the program is linked dynamically against \(libcs.first == .musl ? "musl" : "a C library dockslim does not know"); distroless is glibc (build it static first)")
                }
                if let extra = libraries.subtracting(ccLibraries).sorted().first {
                    return .refused("not moved to distroless: the program links lib\(extra), which distroless lacks")
                }
                if libraries.contains("stdc++"), let gcc = builds.map(\.builderImage).first(where: newerLibstdcxx) {
                    return .refused("not moved to distroless: the program links the libstdc++ of \(gcc.original) (GCC \(gccMajor(gcc).map(String.init) ?? "newest"), in /usr/local/lib64), newer than distroless cc-debian13's (GCC \(distrolessGCC)): symbols it needs may be missing there (link it with -static-libstdc++, or build on Debian's g++)")
                }
            }
            let variant = isStatic ? "static" : (builds.allSatisfy { $0.language == .go } ? "base" : "cc")
            return .move(move((options.image ?? "gcr.io/distroless/\(variant)-debian13") + ":" + (options.tag ?? "nonroot"),
                              shell: false, users: ["root", "nobody", "nonroot"]))
        case .alpine:
            if !isStatic, libcs != [.musl] {
                return .refused("not moved to Alpine: the program is linked against glibc, and a glibc-linked binary does not run on musl (build it static first)")
            }
            var packages = ["ca-certificates", "tzdata"]
            if !isStatic {
                for lib in libraries.sorted() {
                    guard let p = alpineLibraries[lib] else { return .refused("not moved to Alpine: the program links lib\(lib), and dockslim does not know its Alpine package") }
                    if !p.isEmpty && !packages.contains(p) { packages.append(p) }
                }
            }
            var m = move((options.image ?? "alpine") + ":" + (options.tag ?? alpineTag), shell: true, users: ["root", "nobody"])
            m.setup = ["RUN apk add --no-cache \(packages.joined(separator: " "))"]
            m.setupReason = "Alpine needs CA certificates and time zone data installed for the program"
            m.healthcheckTools = busyboxTools
            return .move(m)
        case .scratch:
            guard isStatic else { return .refused("not moved to scratch: the program is not static (scratch has no C library)") }
            var m = move(options.image ?? "scratch", shell: false, users: [])
            m.setup = ["COPY --from=\(stageName) /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/"]
            m.setupReason = "scratch has no CA certificates: the builder's are copied for TLS"
            return .move(m)
        case .slim:
            return .notApplicable("to=slim is for Node.js, Python and Java runtimes")
        }
    }

    /// The static or dynamic base of a family other than Google's distroless
    /// (Chainguard, Docker Hardened Images), from the catalogue's facts: it
    /// runs as its own unprivileged user and has no shell.
    private static func familyImage(_ family: RuntimeFamily, isStatic: Bool, libcs: Set<ImageCatalog.Libc>, libraries: Set<String>,
                                    needsCxx: Bool, options: RuntimeOptions, move: (String, Bool, Set<String>) -> RuntimeMove) -> RuntimeChoice {
        let name = family.displayName
        let image: RuntimeImage?
        if isStatic {
            image = ImageCatalog.runtimeImage(forStaticBinaryIn: family)
        } else {
            guard libcs == [.glibc] else {
                return .refused("not moved to \(name): the program is linked dynamically against \(libcs.first == .musl ? "musl" : "a C library dockslim does not know"); \(name)'s dynamic base is glibc (build it static first)")
            }
            if let extra = libraries.subtracting(ccLibraries).sorted().first {
                return .refused("not moved to \(name): the program links lib\(extra), which its dynamic base lacks")
            }
            image = ImageCatalog.runtimeImage(forDynamicBinary: .glibc, needsCxx: needsCxx,
                                              needsOpenSSL: !libraries.isDisjoint(with: ["ssl", "crypto"]), in: family)
        }
        guard let image else {
            let needs = [needsCxx ? "libgcc_s and libstdc++" : nil, libraries.isDisjoint(with: ["ssl", "crypto"]) ? nil : "OpenSSL"]
                .compactMap { $0 }.joined(separator: " and ")
            return .refused("not moved: dockslim's catalogue has no base of \(name) for a \(isStatic ? "static" : "dynamically linked") program\(needs.isEmpty ? "" : " needing " + needs) (only distroless's cc and base images carry them)")
        }
        var reference = image.reference
        if let tag = options.tag, let colon = reference.lastIndex(of: ":") { reference = String(reference[..<colon]) + ":" + tag }
        var m = move(reference, image.shell != nil, [image.user.name, "root"])
        if image.user != .root, options.tag == nil { m.runsAs = image.user }
        m.info.append("\(reference): \(image.source)")
        switch family {
        case .dhi: m.warnings.append("\(reference) is a Docker Hardened Image: pulling it needs `docker login dhi.io` (docs.docker.com/dhi/how-to/use)")
        case .chainguard: m.warnings.append("\(reference): Chainguard's free images publish only :latest, which moves; pin a digest or use an organization's registry for versions")
        default: break
        }
        return .move(m)
    }
}
