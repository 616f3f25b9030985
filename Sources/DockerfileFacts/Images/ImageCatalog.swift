import DockerfileModel

/// What the audit knows about well-known images without pulling them: which
/// are build toolchains, which are general-purpose systems, which have no
/// shell, and whom they run as. Facts come from the images' own Dockerfiles
/// (docker-library/official-images and repo-info, the distroless README);
/// anything else is `nil` or `.unknown`, and rules then stay silent.
package enum ImageCatalog {
    /// The Docker Hub official image's name (`golang` for `golang`,
    /// `library/golang` or `docker.io/library/golang`), or `nil`.
    package static func officialName(_ ref: ImageReference) -> String? {
        let hub = ref.registry == nil || ref.registry == "docker.io" || ref.registry == "index.docker.io"
        guard hub else { return nil }
        if ref.repository.hasPrefix("library/") { return String(ref.repository.dropFirst(8)) }
        return ref.repository.contains("/") ? nil : ref.repository
    }

    private static func tag(_ ref: ImageReference) -> String { ref.tag ?? "latest" }
    private static func isSlimOrAlpine(_ ref: ImageReference) -> Bool {
        let t = tag(ref)
        return t.contains("slim") || t.contains("alpine")
    }

    /// The language whose compiler or SDK the image carries: an
    /// ecosystem's toolchain image, or one of the languages dockslim has no
    /// ecosystem for (the .NET SDK, swift).
    package static func toolchainLanguage(_ ref: ImageReference) -> String? {
        if let e = Ecosystems.toolchain(of: ref) { return e.language.rawValue }
        if ref.registry == "mcr.microsoft.com", ref.repository == "dotnet/sdk" { return "dotnet" }
        guard let name = officialName(ref) else { return nil }
        switch name {
        case "swift": return tag(ref).contains("slim") ? nil : "swift"
        default: return nil
        }
    }

    /// The language an image runs, for choosing a recipe: the toolchain's,
    /// or the runtime's (`node:22-slim` is node).
    package static func language(_ ref: ImageReference) -> String? {
        if let l = toolchainLanguage(ref) { return l }
        if let e = Ecosystems.of(image: ref) { return e.language.rawValue }
        switch officialName(ref) {
        case "php": return "php"
        default: return nil
        }
    }

    /// The language a build command belongs to: `go build`, `cargo build`,
    /// `gcc`, `make`, `npm ci`, `pip install`, `mvn package`…
    package static func language(ofCommand words: [String]) -> String? {
        Ecosystems.of(command: words)?.language.rawValue
    }

    /// Full operating-system images, hundreds of packages a program rarely
    /// needs at run time.
    package static func isGeneralPurposeSystem(_ ref: ImageReference) -> Bool {
        if ref.registry == "registry.access.redhat.com" || ref.registry == "registry.redhat.io" {
            return ref.repository.hasPrefix("ubi") && !ref.repository.contains("minimal") && !ref.repository.contains("micro")
        }
        guard let name = officialName(ref) else { return false }
        switch name {
        case "ubuntu", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "oraclelinux", "archlinux", "clearlinux": return true
        case "debian": return !tag(ref).contains("slim")
        default: return ref.repository == "opensuse/leap" || ref.repository == "opensuse/tumbleweed"
        }
    }

    /// Images without `/bin/sh`: scratch, distroless (except `:debug`
    /// tags), Chainguard's `static`.
    package static func hasNoShell(_ ref: ImageReference) -> Bool {
        if ref.isScratch { return true }
        if ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/") { return !tag(ref).contains("debug") }
        if ref.registry == "cgr.dev", ref.repository.hasSuffix("/static") { return true }
        return false
    }

    package enum DefaultUser: Equatable {
        case root
        case nonroot(String)
        case unknown
    }

    /// The user an image's configuration sets. Distroless `:nonroot` tags
    /// run as uid 65532 and the others as root; the official images below
    /// set no USER, so root.
    package static func defaultUser(_ ref: ImageReference) -> DefaultUser {
        if ref.isScratch { return .root }
        if ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/") {
            return tag(ref).contains("nonroot") ? .nonroot("nonroot (65532)") : .root
        }
        guard let name = officialName(ref) else { return .unknown }
        let rootByDefault: Set<String> = [
            "alpine", "debian", "ubuntu", "busybox", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "oraclelinux",
            "golang", "rust", "gcc", "buildpack-deps", "node", "python", "pypy", "ruby", "php", "openjdk", "eclipse-temurin",
            "amazoncorretto", "maven", "gradle", "nginx", "httpd", "tomcat", "swift", "perl", "erlang", "elixir", "haskell",
        ]
        return rootByDefault.contains(name) ? .root : .unknown
    }

    /// Recipes that slim an image of this language, best first.
    package static func recipes(forLanguage language: String?) -> [String] {
        guard let language, let e = Ecosystems.named(Language(rawValue: language)) else { return [] }
        return e.recipes
    }
}

extension ImageCatalog {
    /// Common Docker Hub official images, so that `--from=nginx` is not
    /// taken for a misspelt stage name.
    package static func isKnownOfficial(_ name: String) -> Bool {
        let known: Set<String> = ["alpine", "debian", "ubuntu", "busybox", "golang", "rust", "gcc", "node", "python", "ruby", "php",
                                  "nginx", "httpd", "redis", "postgres", "mysql", "mariadb", "mongo", "openjdk", "eclipse-temurin",
                                  "maven", "gradle", "tomcat", "traefik", "caddy", "haproxy", "centos", "fedora", "amazonlinux",
                                  "rockylinux", "almalinux", "buildpack-deps", "docker", "registry", "memcached", "rabbitmq",
                                  "elasticsearch", "swift", "perl", "erlang", "elixir", "haskell", "bash", "composer", "wordpress"]
        return known.contains(name)
    }
}
