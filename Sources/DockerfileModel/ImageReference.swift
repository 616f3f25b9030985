/// An image reference as written in FROM or `--from`:
/// `[registry/]repository[:tag][@digest]`, or `scratch`.
///
/// The rules follow the distribution reference grammar Docker uses: the
/// first path component is a registry when it contains `.` or `:` or is
/// `localhost`; the tag follows the last `:` after the last `/`.
public struct ImageReference: Sendable, Equatable, CustomStringConvertible {
    /// The reference exactly as it was spelled (after ARG substitution).
    public let original: String
    /// `docker.io` when the reference names none.
    public let registry: String?
    /// The repository path without registry: `library/golang` is written `golang`.
    public let repository: String
    public let tag: String?
    public let digest: String?

    public init?(_ text: String) {
        guard !text.isEmpty, !text.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        original = text
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        } else {
            digest = nil
        }
        let lastSlash = rest.lastIndex(of: "/")
        let nameStart = lastSlash.map { rest.index(after: $0) } ?? rest.startIndex
        if let colon = rest[nameStart...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else {
            tag = nil
        }
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = String(first)
                rest = rest[rest.index(after: slash)...]
            } else {
                registry = nil
            }
        } else {
            registry = nil
        }
        guard !rest.isEmpty else { return nil }
        repository = String(rest)
    }

    /// `FROM scratch`: an empty filesystem, not an image to pull.
    public var isScratch: Bool { registry == nil && repository == "scratch" && tag == nil && digest == nil }

    /// The repository's last path component (`golang` for `docker.io/library/golang`).
    public var name: String { repository.split(separator: "/").last.map(String.init) ?? repository }

    /// Docker Hub official images are `library/<name>`.
    public var normalizedRepository: String {
        let onHub = registry == nil || registry == "docker.io" || registry == "index.docker.io"
        return onHub && !repository.contains("/") ? "library/" + repository : repository
    }

    public var description: String { original }
}
