import DockerfileModel

/// Base-image sizes compiled in from `../shared/data/base-image-sizes.tsv`
/// (regenerate with `scripts/gen-base-image-sizes`). Each row names its
/// source (docker-library/repo-info at a commit, the distroless README, or
/// a third party marked LOW CONFIDENCE) and the date of the image it
/// measured. Figures are linux/amd64 estimates; where the table has none
/// the answer is "unknown", never a guess.
public enum BaseImageSizes {
    public struct Row: Sendable {
        /// As written in FROM (`golang`, `gcr.io/distroless/static-debian13`).
        public let image: String
        /// Tags the row stands for: `|`-separated alternatives, `*` wildcards.
        public let tagPattern: String
        /// Registry (pull) size, MB.
        public let compressedMB: Double?
        /// On-disk size as `docker images` shows it, MB.
        public let uncompressedMB: Double?
        public let source: String
        public let asOf: String
    }

    public struct Match: Sendable {
        public let row: Row
        /// The tag looked up, when it differs from the one written
        /// (`1.25.3-alpine` is looked up as `1.25-alpine`).
        public let family: String?
    }

    /// The row for an image reference; `nil` when the table has no row
    /// for its repository and tag (or the reference has only a digest).
    public static func lookup(_ ref: ImageReference) -> Match? {
        if ref.isScratch { return table.first { $0.image == "scratch" }.map { Match(row: $0, family: nil) } }
        guard ref.tag != nil || ref.digest == nil else { return nil }
        let image = ImageCatalog.officialName(ref) ?? ((ref.registry.map { $0 + "/" } ?? "") + ref.repository)
        let tag = ref.tag ?? "latest"
        let rows = table.filter { $0.image == image }
        if let row = rows.first(where: { matches($0.tagPattern, tag) }) { return Match(row: row, family: nil) }
        // 1.25.3-alpine → 1.25-alpine, 3.19.1 → 3.19.
        let parts = tag.split(separator: "-", maxSplits: 1)
        guard let head = parts.first else { return nil }
        let version = head.split(separator: ".")
        guard version.count == 3, version.allSatisfy({ Int($0) != nil }) else { return nil }
        let family = version.prefix(2).joined(separator: ".") + (parts.count > 1 ? "-" + parts[1] : "")
        return rows.first { matches($0.tagPattern, family) }.map { Match(row: $0, family: family) }
    }

    /// `305 MB compressed`, `≈2.1 MB on disk`, or `nil` when unknown.
    public static func describe(_ ref: ImageReference) -> String? {
        guard let m = lookup(ref) else { return nil }
        if let c = m.row.compressedMB { return "\(format(c)) MB compressed" }
        if let u = m.row.uncompressedMB { return "\(format(u)) MB on disk" }
        return nil
    }

    /// One decimal below 10 MB, none above.
    public static func format(_ mb: Double) -> String {
        if mb == 0 { return "0" }
        if mb < 10 { return String(Double(Int(mb * 10 + 0.5)) / 10) }
        return String(Int(mb + 0.5))
    }

    static func matches(_ pattern: String, _ tag: String) -> Bool {
        pattern.split(separator: "|").contains { glob(Array($0.utf8)[...], Array(tag.utf8)[...]) }
    }

    private static func glob(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        guard let c = p.first else { return s.isEmpty }
        if c == UInt8(ascii: "*") {
            for k in 0...s.count where glob(p.dropFirst(), s.dropFirst(k)) { return true }
            return false
        }
        return s.first == c && glob(p.dropFirst(), s.dropFirst())
    }
}
