import DockerfileModel

/// How images are configured: WORKDIR, ENV, USER, ENTRYPOINT, C library and
/// users, for the images whose configuration is known without pulling them.
///
/// Sources: the official images' Dockerfiles as docker-library/repo-info
/// records them (`repos/<name>/remote/<tag>.md`: golang sets `WORKDIR /go`
/// and `GOPATH=/go`; rust sets `CARGO_HOME`/`RUSTUP_HOME`; ruby sets
/// `GEM_HOME=/usr/local/bundle` and `BUNDLE_APP_CONFIG`; php's apache and
/// fpm variants set `WORKDIR /var/www/html`; node creates the user `node`,
/// the php and httpd images have Debian's or Alpine's `www-data`; none of
/// these sets USER or, apart from node and php
/// `docker-*-entrypoint`, an ENTRYPOINT that changes how CMD runs), and
/// GoogleContainerTools/distroless (`base/base.bzl`: users root, nonroot
/// 65532 and nobody, `WORKDIR /home/nonroot` on `:nonroot` tags, no
/// ENTRYPOINT on static/base/cc, the language images' ENTRYPOINT is their
/// interpreter).
extension ImageCatalog {
    package enum Libc: String, Sendable { case glibc, musl }

    /// What the image's configuration sets, for `StageStates`; `nil` when
    /// the image is not one dockslim knows.
    package static func config(of ref: ImageReference) -> ImageConfig? {
        if ref.isScratch { return .scratch }
        guard let workdir = workdir(of: ref) else { return nil }
        return ImageConfig(workdir: workdir, environment: environment(of: ref), user: defaultUser(ref) == .root ? "" : nil)
    }

    /// The WORKDIR an image sets (`/` when it sets none), when known.
    package static func workdir(of ref: ImageReference) -> String? {
        if ref.isScratch { return "/" }
        if distrolessName(ref) != nil {
            return (ref.tag ?? "").contains("nonroot") ? "/home/nonroot" : "/"
        }
        guard let name = officialName(ref) else { return nil }
        switch name {
        case "golang": return "/go"
        case "php":
            // The apache and fpm variants set WORKDIR /var/www/html; cli and zts set none
            // (docker-library/php 8.3/bookworm/cli/Dockerfile @910674b44ecb).
            let t = ref.tag ?? "latest"
            return t.contains("apache") || t.contains("fpm") ? "/var/www/html" : "/"
        case "httpd": return "/usr/local/apache2"
        case "tomcat": return "/usr/local/tomcat"
        case "composer": return "/app"
        default:
            return defaultUser(ref) == .root ? "/" : nil
        }
    }

    /// The environment an image sets that Dockerfiles refer to.
    package static func environment(of ref: ImageReference) -> [String: String] {
        switch officialName(ref) {
        case "golang": return ["GOPATH": "/go", "PATH": "/go/bin:/usr/local/go/bin:" + standardPATH]
        case "rust": return ["CARGO_HOME": "/usr/local/cargo", "RUSTUP_HOME": "/usr/local/rustup", "PATH": "/usr/local/cargo/bin:" + standardPATH]
        case "ruby": return ["GEM_HOME": "/usr/local/bundle", "BUNDLE_SILENCE_ROOT_WARNING": "1", "BUNDLE_APP_CONFIG": "/usr/local/bundle",
                             "PATH": "/usr/local/bundle/bin:" + standardPATH]
        case "php": return ["PHP_INI_DIR": "/usr/local/etc/php"]
        default: return [:]
        }
    }

    /// The PATH of the images dockslim writes to (Debian, Alpine, distroless).
    package static let standardPATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The C library of an image: musl for Alpine-based tags, glibc for the
    /// Debian and Ubuntu families and distroless; `nil` when not known.
    package static func libc(of ref: ImageReference) -> Libc? {
        let tag = ref.tag ?? "latest"
        if ref.name == "alpine" || tag.contains("alpine") { return .musl }
        if distrolessName(ref) != nil { return .glibc }
        if let name = officialName(ref) {
            let glibc: Set<String> = ["golang", "rust", "gcc", "buildpack-deps", "debian", "ubuntu", "node", "python", "ruby", "php",
                                      "eclipse-temurin", "openjdk", "maven", "gradle", "amazoncorretto", "swift", "perl", "nginx", "httpd"]
            if glibc.contains(name) { return .glibc }
        }
        return nil
    }

    /// Images whose configuration sets no ENTRYPOINT, so that CMD alone is
    /// what runs (the distroless language images run their interpreter).
    package static func setsNoEntrypoint(_ ref: ImageReference) -> Bool {
        if let name = officialName(ref) {
            return ["alpine", "debian", "ubuntu", "busybox", "golang", "python", "rust", "gcc", "buildpack-deps", "ruby"].contains(name)
        }
        if let name = distrolessName(ref) {
            return ["static", "base", "cc", "base-nossl"].contains { name == $0 || name.hasPrefix($0 + "-debian") }
        }
        return false
    }

    /// The distroless image's name (`static-debian13`), or `nil`.
    package static func distrolessName(_ ref: ImageReference) -> String? {
        guard ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/") else { return nil }
        return String(ref.repository.dropFirst("distroless/".count))
    }

    /// A Docker Hub official image (`golang`, `library/golang`, `docker.io/golang`).
    package static func isOfficial(_ ref: ImageReference) -> Bool { officialName(ref) != nil }

    /// Users an image has besides root: distroless's nonroot and nobody,
    /// node's node, and the web servers' www-data.
    package static func users(of ref: ImageReference) -> Set<String> {
        if distrolessName(ref) != nil { return ["root", "nonroot", "nobody"] }
        switch officialName(ref) {
        case "node": return ["root", "node", "nobody"]
        case "php", "httpd": return ["root", "www-data", "nobody"]
        case "nginx": return ["root", "www-data", "nobody", "nginx"]
        case nil: return ["root"]
        default: return ["root", "nobody"]
        }
    }

    /// Bases that are already small runtimes: distroless, Alpine, BusyBox,
    /// Chainguard's static image, and Debian or Ubuntu `-slim`/`-minimal` tags.
    package static func isSmall(_ ref: ImageReference) -> Bool {
        if ref.repository.hasPrefix("distroless/") || ["alpine", "busybox"].contains(ref.name) { return true }
        if ref.registry == "cgr.dev" && ref.name == "static" { return true }
        if ["debian", "ubuntu"].contains(ref.name), let tag = ref.tag, tag.hasSuffix("-slim") || tag.contains("minimal") { return true }
        return false
    }
}
