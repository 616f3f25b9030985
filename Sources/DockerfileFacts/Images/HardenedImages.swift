import DockerfileModel

/// Docker Hardened Images (`dhi.io/<name>:<tag>`; pulling needs `docker
/// login dhi.io`, docs.docker.com/dhi/how-to/use). The catalogue writes the
/// Debian 13 runtime variants, with `-debian13` in the tag so that the
/// system does not move under the stage.
///
/// Sources: docker-hardened-images/catalog at 30c3db971dff (2026-08-22),
/// `image/<name>/debian-13/<version>.yaml` (tags, `dates: end-of-life`,
/// `accounts: run-as`, `work-dir`, `entrypoint`, `cmd`, `environment`,
/// `contents: packages`) and the `-dev`/`-sdk` files for the builders;
/// docs.docker.com/dhi/migration/checklist: runtime variants run as nonroot
/// (UID 65532) and have no shell or package manager, `dev`/`sdk` tags are for
/// build stages. Exception found in the definitions: node runs as `node`
/// (uid 1000). End-of-life states are as of 2026-12-01.
enum HardenedImages {
    struct Spec: Sendable {
        let name: String
        /// The tag without the system (`24`, `3.13`, `8.4`, `20250419-glibc`).
        let stem: String
        /// What follows the system in the tag (`-fpm`), usually nothing.
        let tail: String
        let image: RuntimeImage
    }

    private static let nonroot = ImageUser(name: "nonroot", uid: 65532)
    private static let cxx: Set<SharedLibrary> = [.libgcc, .libstdcxx]
    private static let standardPath = ImageCatalog.standardPATH.split(separator: ":").map(String.init)

    private static func spec(_ name: String, _ stem: String, tail: String = "", libc: ImageCatalog.Libc? = .glibc,
                             libraries: Set<SharedLibrary> = [], user: ImageUser = nonroot, workdir: String = "/",
                             path: [String]? = nil, entrypoint: [String]? = nil, command: [String]? = nil,
                             runtime: (String, String)? = nil, until: String? = nil, ended: (String, String)? = nil,
                             builder: String? = nil, file: String) -> Spec {
        let support: ImageSupport = ended.map { .endOfLife(since: $0.0, replacement: "dhi.io/\(name):\($0.1)") } ?? .supported(until: until)
        let image = RuntimeImage(
            reference: "dhi.io/\(name):\(stem)-debian13\(tail)", family: .dhi, libc: libc, libraries: libraries, shell: nil,
            user: user, workdir: workdir, path: path, entrypoint: entrypoint, command: command,
            runtime: runtime.map { LanguageRuntime(language: $0.0, version: $0.1) }, support: support,
            builder: builder.map { "dhi.io/\($0)" },
            source: "docker-hardened-images/catalog@30c3db971dff (2026-08-22) image/\(name)/debian-13/\(file).yaml")
        return Spec(name: name, stem: stem, tail: tail, image: image)
    }

    private static func node(_ major: String, _ version: String, until: String?) -> Spec {
        spec("node", major, libraries: cxx, user: ImageUser(name: "node", uid: 1000), workdir: "/app", command: ["node"],
             runtime: ("node", version), until: until, builder: "node:\(major)-debian13-dev", file: major)
    }

    private static func python(_ minor: String, _ version: String, until: String? = nil, ended: (String, String)? = nil) -> Spec {
        spec("python", minor, libraries: cxx, command: ["python3"], runtime: ("python", version), until: until, ended: ended,
             builder: "python:\(minor)-debian13-dev", file: minor)
    }

    private static func java(_ major: String, _ version: String, until: String? = nil, ended: (String, String)? = nil) -> Spec {
        spec("eclipse-temurin", major, libraries: cxx, command: ["java", "--help"], runtime: ("java", version), until: until, ended: ended,
             builder: "eclipse-temurin:\(major)-jdk-debian13-dev", file: "jre-\(major)")
    }

    private static func aspnet(_ major: String, _ version: String, until: String? = nil, ended: (String, String)? = nil) -> Spec {
        spec("aspnetcore", major, libraries: cxx.union([.openssl]), path: ["/opt/dotnet", "/opt/dotnet/tools"] + standardPath,
             command: ["dotnet", "--help"], runtime: ("dotnet", version), until: until, ended: ended,
             builder: "dotnet:\(major)-sdk-debian13", file: major)
    }

    private static func ruby(_ minor: String, _ version: String, until: String?) -> Spec {
        spec("ruby", minor, path: ["/usr/local/bin", "/usr/local/bundle/bin"] + standardPath, command: ["ruby"],
             runtime: ("ruby", version), until: until, builder: "ruby:\(minor)-debian13-dev", file: minor)
    }

    private static func php(_ minor: String, _ version: String, until: String?, fpm: Bool = false) -> Spec {
        let bin = ["/opt/php-\(minor)/bin", "/opt/php-\(minor)/sbin"] + standardPath
        return spec("php", minor, tail: fpm ? "-fpm" : "", libraries: [.openssl], workdir: fpm ? "/var/www/html" : "/", path: bin,
                    entrypoint: [fpm ? "/opt/php-\(minor)/sbin/php-fpm" : "/opt/php-\(minor)/bin/php"],
                    runtime: ("php", version), until: until, builder: "php:\(minor)-debian13-dev", file: fpm ? "\(minor)-fpm" : minor)
    }

    static let specs: [Spec] = [
        spec("static", "20250419", libc: nil, file: "static"),
        spec("static", "20250419-glibc", file: "static-glibc"),
        node("22", "22.23.2", until: "2027-04-30"), node("24", "24.19.0", until: "2028-04-30"), node("26", "26.6.0", until: nil),
        python("3.10", "3.10.21", ended: ("2026-10-31", "3.11-debian13")), python("3.11", "3.11.16", until: "2027-10-31"),
        python("3.12", "3.12.14", until: "2028-10-31"), python("3.13", "3.13.15", until: "2029-10-31"),
        python("3.14", "3.14.7", until: "2030-10-31"),
        java("8", "8", until: "2030-12-31"), java("11", "11.0.32", until: "2027-10-31"), java("17", "17.0.20", until: "2027-10-31"),
        java("21", "21.0.12", until: "2029-12-31"), java("25", "25.0.4", until: "2031-09-30"),
        java("26", "26.0.2", ended: ("2026-09-15", "25-debian13")),
        aspnet("8", "8.0.30", ended: ("2026-11-10", "10-debian13")), aspnet("9", "9.0.19", ended: ("2026-11-10", "10-debian13")),
        aspnet("10", "10.0.11", until: "2028-11-14"),
        ruby("3.3", "3.3.12", until: "2027-03-31"), ruby("3.4", "3.4.10", until: "2028-03-31"), ruby("4.0", "4.0.6", until: nil),
        php("8.2", "8.2.33", until: "2026-12-31"), php("8.3", "8.3.33", until: "2027-12-31"), php("8.4", "8.4.24", until: "2028-12-31"),
        php("8.5", "8.5.9", until: nil),
        php("8.2", "8.2.33", until: "2026-12-31", fpm: true), php("8.3", "8.3.33", until: "2027-12-31", fpm: true),
        php("8.4", "8.4.24", until: "2028-12-31", fpm: true), php("8.5", "8.5.9", until: nil, fpm: true),
    ]

    static let catalog = FamilyCatalog(
        staticBinary: specs[0].image,
        dynamicBases: [specs[1].image],
        languageImages: specs.filter { $0.image.runtime != nil && $0.tail.isEmpty }.map(\.image),
        name: "Docker Hardened Images")

    /// Facts for the Debian 13 runtime tags: `24`, `24.19`, `24.19.0`,
    /// `24-debian`, `24-debian13`, `8.4-debian13-fpm`… (the tags without a
    /// system are the Debian ones in the catalog). Alpine and `-dev` tags are not covered.
    static func facts(of ref: ImageReference) -> RuntimeImage? {
        guard ref.registry == "dhi.io", let tag = ref.tag else { return nil }
        for spec in specs where spec.name == ref.repository {
            var rest = Substring(tag)
            if !spec.tail.isEmpty {
                guard rest.hasSuffix(spec.tail) else { continue }
                rest = rest.dropLast(spec.tail.count)
            } else if rest.hasSuffix("-fpm") { continue }
            for system in ["-debian13", "-debian"] where rest.hasSuffix(system) { rest = rest.dropLast(system.count); break }
            let version = spec.image.runtime?.version ?? spec.stem
            if rest == spec.stem || (rest.hasPrefix(spec.stem + ".") && LanguageLine.matches(version, line: String(rest))) {
                return spec.image
            }
        }
        return nil
    }
}
