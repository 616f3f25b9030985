import DockerfileModel

/// The families of small images a runtime stage can move to.
package enum RuntimeFamily: String, Sendable, CaseIterable {
    /// Google's distroless (`gcr.io/distroless/…`).
    case distroless
    /// Chainguard's free images (`cgr.dev/chainguard/…`).
    case chainguard
    /// Docker Hardened Images (`dhi.io/…`).
    case dhi
    /// Microsoft's .NET images (`mcr.microsoft.com/dotnet/…`, chiseled Ubuntu).
    case microsoft
    /// Alpine: `alpine` and the official images' `-alpine` tags.
    case alpine
    /// Debian slim: `debian:<release>-slim` and the official images' slim
    /// tags (for Java, whose official images are Ubuntu-based, the `-jre` tags).
    case slim
    /// The empty image.
    case scratch

    /// How messages name the family.
    package var displayName: String {
        switch self {
        case .distroless: return "distroless"
        case .chainguard: return "Chainguard's images"
        case .dhi: return "Docker Hardened Images"
        case .microsoft: return "Microsoft's .NET images"
        case .alpine: return "Alpine"
        case .slim: return "Debian slim"
        case .scratch: return "scratch"
        }
    }
}

/// Shared libraries a dynamically linked program may need from its base.
package enum SharedLibrary: String, Sendable, CaseIterable, Comparable {
    case libgcc, libstdcxx = "libstdc++", openssl
    package static func < (a: SharedLibrary, b: SharedLibrary) -> Bool { a.rawValue < b.rawValue }
}

/// The user an image's configuration runs as.
package struct ImageUser: Sendable, Equatable {
    package let name: String
    package let uid: Int
    package static let root = ImageUser(name: "root", uid: 0)
}

/// The language runtime an image ships.
package struct LanguageRuntime: Sendable, Equatable {
    /// `node`, `python`, `java`, `dotnet`, `ruby`, `php` (the names `ImageCatalog.language` uses).
    package let language: String
    /// The line the image follows (`24`, `3.13`, `21`, `10.0`), with the patch
    /// release at the source's date where it names one (`24.19.0`).
    package let version: String
}

/// Whether an image is still maintained, as of the catalogue's date (2026-12-01).
package enum ImageSupport: Sendable, Equatable {
    /// Maintained; `until` is the announced end of life, when there is one.
    case supported(until: String?)
    /// No longer updated since `since`; `replacement` is the image to move to.
    case endOfLife(since: String, replacement: String?)

    package var isEndOfLife: Bool { if case .endOfLife = self { return true } else { return false } }
}

/// What a runtime image is, for writing a stage on it and for checking one:
/// every field comes from the `source`.
package struct RuntimeImage: Sendable, Equatable {
    /// The reference to write (`gcr.io/distroless/nodejs24-debian13:nonroot`).
    package let reference: String
    package let family: RuntimeFamily
    /// `nil` for images without a C library (static, scratch).
    package let libc: ImageCatalog.Libc?
    package let libraries: Set<SharedLibrary>
    /// The shell's path, `nil` when the image has none.
    package let shell: String?
    package let user: ImageUser
    package let workdir: String
    /// The PATH the image sets; `nil` when it sets none (the runtime's default applies) or the source does not say.
    package let path: [String]?
    /// `nil` when the image sets no ENTRYPOINT, so CMD alone runs.
    package let entrypoint: [String]?
    /// The default CMD, `nil` when none.
    package let command: [String]?
    package let runtime: LanguageRuntime?
    package let support: ImageSupport
    /// The image of the same family to build in (`-dev`, `-sdk`, `:debug`), when there is one.
    package let builder: String?
    /// Where the facts come from: repository and file, or documentation page, with the date.
    package let source: String
}

/// The answer to "which image of this family runs this language version?".
package enum LanguageRuntimeLookup: Sendable, Equatable {
    case image(RuntimeImage)
    /// Why there is none, naming the versions the family has.
    case none(String)
}
