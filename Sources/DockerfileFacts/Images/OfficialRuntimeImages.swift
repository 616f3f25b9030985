import DockerfileModel

/// The Alpine and Debian-slim runtimes among the Docker Hub official images:
/// `alpine`, `debian:<release>-slim`, and the language images' `-alpine` and
/// slim tags. Which lines are still published comes from the tag history
/// (`OfficialImageHistory.swift`, docker-library/official-images to
/// 2026-08-21); the configuration from the images' Dockerfiles:
/// - nodejs/docker-node `24/alpine3.24/Dockerfile` (@10365a841851): user
///   `node` (uid 1000) created, not set; `libstdc++` installed; ENTRYPOINT
///   `docker-entrypoint.sh`, CMD `node`.
/// - docker-library/python `3.13/slim-trixie/Dockerfile` (@00bfe6f24794):
///   `PATH=/usr/local/bin:$PATH`, no ENTRYPOINT, CMD `python3`.
/// - docker-library/ruby `3.4/slim-trixie/Dockerfile` (@0127a2ff1ba8):
///   `GEM_HOME=/usr/local/bundle`, `PATH=$GEM_HOME/bin:$PATH`, CMD `irb`.
/// - docker-library/php `8.4/trixie/cli/Dockerfile` (@031323936518): FROM
///   debian:trixie-slim, ENTRYPOINT `docker-php-entrypoint`, CMD `php -a`.
/// - adoptium/containers `21/jre/alpine/3.24/Dockerfile` (@7719c0a6983d):
///   `JAVA_HOME=/opt/java/openjdk`, `PATH=$JAVA_HOME/bin:$PATH`, ENTRYPOINT
///   `/__cacert_entrypoint.sh`, no CMD.
/// - docker-library/repo-info `repos/alpine/local/3.24.2.md` (2026-09-17:
///   musl, libssl3, libcrypto3, busybox; CMD `/bin/sh`) and
///   `repos/debian/local/13-slim.md` (2026-08-24: CMD `bash`, libssl3t64).
/// None of them sets USER or WORKDIR. Assumed, not read: that the Alpine
/// Dockerfiles of python, ruby and php and the Ubuntu ones of
/// eclipse-temurin configure the same as those above; that Debian slim
/// images carry libgcc-s1 and libstdc++6 (apt links them); that bookworm-slim
/// and older lack OpenSSL (their apt used GnuTLS).
enum OfficialRuntimeImages {
    private struct Config {
        let language: String
        let entrypoint: [String]?
        let command: [String]?
        let pathPrefix: [String]
        let source: String
    }

    private static let configs: [String: Config] = [
        "node": Config(language: "node", entrypoint: ["docker-entrypoint.sh"], command: ["node"], pathPrefix: [],
                       source: "nodejs/docker-node 24/alpine3.24/Dockerfile@10365a841851"),
        "python": Config(language: "python", entrypoint: nil, command: ["python3"], pathPrefix: ["/usr/local/bin"],
                         source: "docker-library/python 3.13/slim-trixie/Dockerfile@00bfe6f24794"),
        "ruby": Config(language: "ruby", entrypoint: nil, command: ["irb"], pathPrefix: ["/usr/local/bundle/bin"],
                       source: "docker-library/ruby 3.4/slim-trixie/Dockerfile@0127a2ff1ba8"),
        "php": Config(language: "php", entrypoint: ["docker-php-entrypoint"], command: ["php", "-a"], pathPrefix: [],
                      source: "docker-library/php 8.4/trixie/cli/Dockerfile@031323936518"),
        "eclipse-temurin": Config(language: "java", entrypoint: ["/__cacert_entrypoint.sh"], command: nil, pathPrefix: ["/opt/java/openjdk/bin"],
                                  source: "adoptium/containers 21/jre/alpine/3.24/Dockerfile@7719c0a6983d"),
    ]

    private static let standardPath = ImageCatalog.standardPATH.split(separator: ":").map(String.init)
    private static func historySource(_ name: String) -> String {
        "docker-library/official-images library/\(name) history to \(OfficialImageVariants.snapshotDate)"
    }

    static let alpineBase = RuntimeImage(
        reference: "alpine:3.24", family: .alpine, libc: .musl, libraries: [.openssl], shell: "/bin/sh", user: .root, workdir: "/",
        path: standardPath, entrypoint: nil, command: ["/bin/sh"], runtime: nil, support: .supported(until: nil), builder: nil,
        source: "docker-library/official-images library/alpine@37079fb336f5 (3.24 is latest); docker-library/repo-info repos/alpine/local/3.24.2.md")

    static let debianSlim = RuntimeImage(
        reference: "debian:trixie-slim", family: .slim, libc: .glibc, libraries: [.libgcc, .libstdcxx, .openssl], shell: "/bin/sh",
        user: .root, workdir: "/", path: standardPath, entrypoint: nil, command: ["bash"], runtime: nil, support: .supported(until: nil),
        builder: nil, source: "docker-library/repo-info repos/debian/local/13-slim.md@029a6a7362ce (libgcc-s1 and libstdc++6 assumed)")

    static let alpineCatalog = FamilyCatalog(staticBinary: alpineBase, dynamicBases: [alpineBase]) { language, line in
        languageImage(language, line, in: .alpine)
    }

    static let slimCatalog = FamilyCatalog(staticBinary: debianSlim, dynamicBases: [debianSlim]) { language, line in
        languageImage(language, line, in: .slim)
    }

    /// The image and variant a family writes for a language: `-alpine`
    /// tags, and for slim the Debian 13 slim tags (eclipse-temurin's JRE on
    /// Ubuntu 24.04, php's Debian images being slim already).
    private static func variant(for language: String, in family: RuntimeFamily) -> (image: String, variant: String)? {
        let alpine = family == .alpine
        switch language {
        case "node": return ("node", alpine ? "alpine" : "trixie-slim")
        case "python": return ("python", alpine ? "alpine" : "slim-trixie")
        case "ruby": return ("ruby", alpine ? "alpine" : "slim-trixie")
        case "php": return ("php", alpine ? "cli-alpine" : "cli-trixie")
        case "java": return ("eclipse-temurin", alpine ? "jre-alpine" : "jre-noble")
        default: return nil
        }
    }

    private static func languageImage(_ language: String, _ line: String, in family: RuntimeFamily) -> LanguageRuntimeLookup {
        if language == "dotnet" { return .none(".NET's images are Microsoft's (mcr.microsoft.com/dotnet): use the microsoft family") }
        guard let (name, variant) = variant(for: language, in: family), let history = OfficialImageVariants.history(of: name),
              let version = ImageVersion(line, image: name) else { return .none("no official \(language) image in the \(family.rawValue) family") }
        let tag = "\(line)-\(variant)"
        let offered = "\(name) publishes -\(variant) for " + history.publishedLines(variant: variant).map(\.description).joined(separator: ", ")
        if history.isPublished(version: version, variant: variant),
           let image = image(name, tag: tag, family: family, variant: variant, runtimeVersion: line, support: .supported(until: nil)) {
            return .image(image)
        }
        if let last = history.ranges(of: variant, near: version).last(where: { $0.throughText != nil }) {
            return .none("\(name):\(tag) is no longer published (last \(last.throughText!); \(historySource(name))); \(offered)")
        }
        return .none("\(name):\(tag) was never published; \(offered)")
    }

    private static func image(_ name: String, tag: String, family: RuntimeFamily, variant: String, runtimeVersion: String?,
                              support: ImageSupport, reference: String? = nil) -> RuntimeImage? {
        guard let config = configs[name] else { return nil }
        let alpine = family == .alpine
        var libraries: Set<SharedLibrary> = alpine ? [.openssl] : libraries(ofDebian: variant)
        if name == "node" { libraries.formUnion([.libgcc, .libstdcxx]) }
        return RuntimeImage(
            reference: reference ?? "\(name):\(tag)", family: family, libc: alpine ? .musl : .glibc, libraries: libraries,
            shell: "/bin/sh", user: .root, workdir: "/", path: config.pathPrefix + standardPath, entrypoint: config.entrypoint,
            command: config.command, runtime: runtimeVersion.map { LanguageRuntime(language: config.language, version: $0) },
            support: support, builder: nil, source: "\(config.source); \(historySource(name))")
    }

    /// trixie-slim has OpenSSL (apt 3 links it); older releases are assumed
    /// not to; Ubuntu-based tags are not described.
    private static func libraries(ofDebian variant: String) -> Set<SharedLibrary> {
        let tokens = Set(variant.split(separator: "-").map(String.init))
        if tokens.contains("trixie") || tokens.contains("13") || tokens.contains("stable") { return [.libgcc, .libstdcxx, .openssl] }
        if !tokens.isDisjoint(with: ["noble", "jammy", "resolute", "focal"]) { return [] }
        return [.libgcc, .libstdcxx]
    }

    /// Facts of an official reference that belongs to the alpine or slim
    /// family: `alpine:<release>`, `debian:<release>-slim`, and the Alpine,
    /// slim and php-cli/temurin-jre tags of the language images.
    static func facts(of ref: ImageReference) -> RuntimeImage? {
        guard let name = ImageCatalog.officialName(ref), ImageCatalog.tagExists(ref) == true else { return nil }
        let tag = ref.tag ?? "latest"
        switch name {
        case "alpine":
            let published = OfficialImageVariants.publishedReleaseTags(of: name)?.contains(tag) == true
            return renamed(alpineBase, ref.original, published ? .supported(until: nil)
                           : .endOfLife(since: "before 2026-08-21 (no longer listed in library/alpine)", replacement: "alpine:3.24"))
        case "debian":
            guard tag.hasSuffix("-slim") else { return nil }
            let published = OfficialImageVariants.publishedReleaseTags(of: name)?.contains(tag) == true
            let slim = renamed(debianSlim, ref.original, published ? .supported(until: nil)
                               : .endOfLife(since: "before 2026-08-21 (no longer listed in library/debian)", replacement: "debian:trixie-slim"))
            return RuntimeImage(reference: slim.reference, family: .slim, libc: .glibc, libraries: libraries(ofDebian: tag), shell: slim.shell,
                                user: slim.user, workdir: slim.workdir, path: slim.path, entrypoint: nil, command: slim.command, runtime: nil,
                                support: slim.support, builder: nil, source: slim.source)
        default:
            break
        }
        guard configs[name] != nil, let history = OfficialImageVariants.history(of: name),
              let parsed = OfficialImageTag.read(tag, image: name) else { return nil }
        let parts = VariantParts(parsed.variant)
        let family: RuntimeFamily
        if parts.isAlpine { family = .alpine }
        else if parts.slim || (name == "php" && (parts.kind ?? "cli") == "cli") || (name == "eclipse-temurin" && parts.kind == "jre") { family = .slim }
        else { return nil }
        if name == "php", (parts.kind ?? "cli") != "cli" { return nil } // fpm, apache and zts are configured differently
        if name == "eclipse-temurin", parts.kind != "jre" { return nil }
        var support = ImageSupport.supported(until: nil)
        if let text = parsed.version, let version = ImageVersion(text, image: name), !history.isPublished(version: version, variant: parsed.variant) {
            let lines = history.publishedLines(variant: parsed.variant)
            let next = lines.first { $0 > version.prefix($0.parts.count) } ?? lines.last
            support = .endOfLife(since: "before 2026-08-21 (no longer listed in library/\(name))",
                                 replacement: next.map { "\(name):\($0)-\(parsed.variant)" })
        }
        return image(name, tag: tag, family: family, variant: parsed.variant, runtimeVersion: parsed.version ?? parsed.alias,
                     support: support, reference: ref.original)
    }

    private static func renamed(_ image: RuntimeImage, _ reference: String, _ support: ImageSupport) -> RuntimeImage {
        RuntimeImage(reference: reference, family: image.family, libc: image.libc, libraries: image.libraries, shell: image.shell,
                     user: image.user, workdir: image.workdir, path: image.path, entrypoint: image.entrypoint, command: image.command,
                     runtime: image.runtime, support: support, builder: image.builder, source: image.source)
    }
}
