import DockerfileModel

/// Runtime bases checked against the image catalogue, never built by
/// pattern: a variant the official image has published for this version, or
/// a family's current (not end-of-life) image for the language version. An
/// image or tag the user names with `--option` is taken as given.
package enum RuntimeChoices {
    /// The Alpine or slim variant of the builder's official image at the same version.
    /// `sameVersion`: how many version numbers the builder's tag must name
    /// (2 for Python and Ruby, whose compiled packages are bound to
    /// `3.12`): the builder and the runtime are pulled separately, so a
    /// floating tag (`python`, `python:3`) may give a cached older one and a
    /// new one, different versions.
    package static func variant(of ref: ImageReference, target: RuntimeTarget, options: RuntimeOptions, sameVersion: Int = 0) -> Result<String, Why> {
        if let image = options.image { return .success(image + ":" + (options.tag ?? (target == .alpine ? "alpine" : "slim"))) }
        let name = ImageCatalog.officialName(ref) ?? ref.repository
        if let tag = options.tag { return .success(String(ref.original.dropLast(ref.original.count - prefixLength(ref))) + name + ":" + tag) }
        let lookup = target == .alpine ? ImageCatalog.alpineVariant(of: ref) : ImageCatalog.slimVariant(of: ref)
        if case .exists(let image) = lookup, image != ref.original, versionNumbers(ref.tag) < sameVersion {
            return .failure(Why("\(ref.original) names no \(sameVersion == 2 ? "minor" : "major") version: it and \(image) are pulled separately, and an older cached one would make them different \(name) versions, whose compiled packages do not load (name the version, \(name):\(sameVersion == 2 ? "X.Y" : "X"))"))
        }
        switch lookup {
        case .exists(let image): return .success(image)
        case .missing(let why): return .failure(Why(why))
        case .unknown: return .failure(Why("whether \(ref.original) has a\(target == .alpine ? "n Alpine" : " slim") variant is not known to dockslim's image catalogue"))
        }
    }

    /// The family's image for a language version (`node` 22 → distroless `nodejs22-debian13:nonroot`).
    package static func languageImage(_ language: String, version: String, builder: ImageReference, family: RuntimeFamily,
                                      options: RuntimeOptions) -> Result<String, Why> {
        if let image = options.image { return .success(image + ":" + (options.tag ?? "nonroot")) }
        // The interpreters' images differ per family in entrypoint, user and
        // paths (Chainguard's node runs /usr/bin/node as node, in /app), which
        // the language moves do not yet read from the catalogue.
        guard options.family == family else {
            return .failure(Why("family=\(options.family.rawValue) is for compiled programs (Go, Rust, C and C++) so far; dockslim moves \(language) runtimes to \(family.displayName) only"))
        }
        guard !version.isEmpty else { return .failure(Why("\(builder.original) names no \(language) version")) }
        switch ImageCatalog.runtimeImage(language: language, version: version, in: family) {
        case .image(let image):
            guard let tag = options.tag else { return .success(image.reference) }
            let base = image.reference.split(separator: ":").dropLast().joined(separator: ":")
            return .success(base + ":" + tag)
        case .none(let why):
            return .failure(Why(why))
        }
    }

    /// How many dot-separated numbers a tag starts with (`3.12-slim` → 2, `slim` or none → 0).
    static func versionNumbers(_ tag: String?) -> Int {
        guard let tag else { return 0 }
        let version = tag.prefix { $0.isNumber || $0 == "." }
        return version.split(separator: ".").filter { !$0.isEmpty }.count
    }

    /// The length of the registry prefix as written (`docker.io/library/`), kept when only the tag changes.
    private static func prefixLength(_ ref: ImageReference) -> Int {
        let tail = ref.repository + (ref.tag.map { ":" + $0 } ?? "") + (ref.digest.map { "@" + $0 } ?? "")
        return ref.original.hasSuffix(tail) ? ref.original.count - tail.count : 0
    }
}
