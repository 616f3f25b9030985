import DockerfileModel

/// What the audit knows about well-known images without pulling them: which
/// are build toolchains, which are general-purpose systems, which have no
/// shell, and whom they run as. Facts come from the images' own Dockerfiles
/// (docker-library/official-images and repo-info, the distroless README);
/// anything else is `nil` or `.unknown`, and rules then stay silent.
enum ImageCatalog {
    /// The Docker Hub official image's name (`golang` for `golang`,
    /// `library/golang` or `docker.io/library/golang`), or `nil`.
    static func officialName(_ ref: ImageReference) -> String? {
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

    /// The language whose compiler or SDK the image carries: golang, rust,
    /// gcc, JDKs and build tools, and the full (not slim, not Alpine) node,
    /// python and ruby images, which are built on buildpack-deps and ship
    /// gcc and make.
    static func toolchainLanguage(_ ref: ImageReference) -> String? {
        if ref.registry == "mcr.microsoft.com", ref.repository == "dotnet/sdk" { return "dotnet" }
        guard let name = officialName(ref) else { return nil }
        let t = tag(ref)
        switch name {
        case "golang": return "go"
        case "rust": return "rust"
        case "gcc", "buildpack-deps": return "c"
        case "maven", "gradle": return "java"
        case "openjdk", "amazoncorretto", "sapmachine", "ibm-semeru-runtimes": return t.contains("jre") ? nil : "java"
        case "eclipse-temurin": return t.contains("jre") ? nil : "java"
        case "node": return isSlimOrAlpine(ref) ? nil : "node"
        case "python": return isSlimOrAlpine(ref) ? nil : "python"
        case "ruby": return isSlimOrAlpine(ref) ? nil : "ruby"
        case "swift": return t.contains("slim") ? nil : "swift"
        default: return nil
        }
    }

    /// The language an image runs, for choosing a recipe: the toolchain's,
    /// or the runtime's (`node:22-slim` is node).
    static func language(_ ref: ImageReference) -> String? {
        if let l = toolchainLanguage(ref) { return l }
        guard let name = officialName(ref) else {
            if ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/") {
                let n = ref.repository.dropFirst("distroless/".count)
                if n.hasPrefix("nodejs") { return "node" }
                if n.hasPrefix("python") { return "python" }
                if n.hasPrefix("java") { return "java" }
            }
            return nil
        }
        switch name {
        case "node": return "node"
        case "python", "pypy": return "python"
        case "openjdk", "eclipse-temurin", "amazoncorretto", "sapmachine", "ibm-semeru-runtimes", "tomcat": return "java"
        case "ruby": return "ruby"
        case "php": return "php"
        default: return nil
        }
    }

    /// The language a build command belongs to: `go build`, `cargo build`,
    /// `gcc`, `make`, `npm ci`, `pip install`, `mvn package`…
    static func language(ofCommand words: [String]) -> String? {
        guard let tool = words.first else { return nil }
        let sub = words.dropFirst().first ?? ""
        switch tool {
        case "go": return ["build", "install"].contains(sub) ? "go" : nil
        case "cargo": return ["build", "install"].contains(sub) ? "rust" : nil
        case "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake": return "c"
        case "npm", "yarn", "pnpm": return "node"
        case "pip", "pip3", "poetry", "uv", "pipenv": return "python"
        case "mvn", "./mvnw", "gradle", "./gradlew": return "java"
        default: return nil
        }
    }

    /// Full operating-system images, hundreds of packages a program rarely
    /// needs at run time.
    static func isGeneralPurposeSystem(_ ref: ImageReference) -> Bool {
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
    static func hasNoShell(_ ref: ImageReference) -> Bool {
        if ref.isScratch { return true }
        if ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/") { return !tag(ref).contains("debug") }
        if ref.registry == "cgr.dev", ref.repository.hasSuffix("/static") { return true }
        return false
    }

    enum DefaultUser: Equatable {
        case root
        case nonroot(String)
        case unknown
    }

    /// The user an image's configuration sets. Distroless `:nonroot` tags
    /// run as uid 65532 and the others as root; the official images below
    /// set no USER, so root.
    static func defaultUser(_ ref: ImageReference) -> DefaultUser {
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
    static func recipes(forLanguage language: String?) -> [String] {
        switch language {
        case "go": return ["go-distroless", "go-alpine"]
        case "rust": return ["rust-distroless", "rust-alpine"]
        case "c": return ["c-distroless", "c-alpine"]
        case "node": return ["node-distroless", "node-alpine"]
        case "python": return ["python-slim", "python-distroless"]
        case "java": return ["java-distroless", "java-alpine"]
        default: return []
        }
    }
}

extension ImageCatalog {
    /// Common Docker Hub official images, so that `--from=nginx` is not
    /// taken for a misspelt stage name.
    static func isKnownOfficial(_ name: String) -> Bool {
        let known: Set<String> = ["alpine", "debian", "ubuntu", "busybox", "golang", "rust", "gcc", "node", "python", "ruby", "php",
                                  "nginx", "httpd", "redis", "postgres", "mysql", "mariadb", "mongo", "openjdk", "eclipse-temurin",
                                  "maven", "gradle", "tomcat", "traefik", "caddy", "haproxy", "centos", "fedora", "amazonlinux",
                                  "rockylinux", "almalinux", "buildpack-deps", "docker", "registry", "memcached", "rabbitmq",
                                  "elasticsearch", "swift", "perl", "erlang", "elixir", "haskell", "bash", "composer", "wordpress"]
        return known.contains(name)
    }
}
