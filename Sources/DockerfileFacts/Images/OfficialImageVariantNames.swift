/// How each official image spells its variants, so that a variant can be
/// changed without changing the rest of the tag.
///
/// Sources (docker-library/official-images `library/<name>`, 2026-08-21):
/// node writes the Debian release before `slim` (`22-bookworm-slim`);
/// python, ruby, rust and openjdk write it after (`3.13-slim-trixie`);
/// php puts its kind first (`8.4-fpm-alpine3.22`, `8.4-apache-trixie`, the
/// kind-less tag being `cli`); eclipse-temurin puts `jdk`/`jre` first and
/// writes Alpine releases with a dash (`21-jre-alpine-3.22`); golang and
/// eclipse-temurin have never had a `slim` variant, and php's Debian images
/// are built `FROM debian:<release>-slim` (docker-library/php
/// `8.4/trixie/cli/Dockerfile`).
struct VariantParts: Equatable {
    /// php's `cli`/`fpm`/`apache`/`zts`, eclipse-temurin's and openjdk's `jdk`/`jre`.
    var kind: String?
    var slim: Bool
    /// What is left: the system and its release (`alpine3.20`, `alpine-3.22`,
    /// `bookworm`, `noble`, `ubi9-minimal`) or another variant (`onbuild`).
    var rest: [String]

    private static let kinds: Set<String> = ["cli", "fpm", "apache", "zts", "jdk", "jre"]

    init(_ variant: String) {
        var tokens = variant.split(separator: "-").map(String.init)
        kind = tokens.first.flatMap { Self.kinds.contains($0) ? $0 : nil }
        if kind != nil { tokens.removeFirst() }
        slim = tokens.contains("slim")
        rest = tokens.filter { $0 != "slim" }
    }

    var isAlpine: Bool { rest.first?.hasPrefix("alpine") == true }

    /// The Alpine variant with the same kind: `alpine`, `fpm-alpine`, `jre-alpine`.
    var alpine: String { [kind, "alpine"].compactMap { $0 }.joined(separator: "-") }

    /// The slim variant with the same kind and release, in `image`'s
    /// spelling; `nil` for images without one.
    func slimVariant(image name: String) -> String? {
        let release = rest.isEmpty ? nil : rest.joined(separator: "-")
        switch name {
        case "node", "debian": return [release, "slim"].compactMap { $0 }.joined(separator: "-")
        case "python", "ruby", "rust", "openjdk": return [kind, "slim", release].compactMap { $0 }.joined(separator: "-")
        default: return nil
        }
    }
}

extension OfficialImageVariants {
    /// Why an image has no slim variant, with the alternative.
    static func noSlimVariant(image name: String) -> String {
        switch name {
        case "php": return "php has no -slim tags: its Debian images are already built FROM debian:<release>-slim (docker-library/php Dockerfiles)"
        case "golang": return "golang has never published a -slim tag (docker-library/official-images library/golang); build in golang and run the binary elsewhere"
        case "eclipse-temurin": return "eclipse-temurin has never published a -slim tag; its runtime images are the -jre tags (Ubuntu-based)"
        case "ubuntu": return "ubuntu has no -slim tags; debian:<release>-slim is Debian's"
        case "alpine": return "alpine has no -slim tags; it is already minimal"
        default: return "\(name) has no -slim variant in the catalogue"
        }
    }
}
