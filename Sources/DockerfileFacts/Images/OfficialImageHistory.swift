/// Which tags the Docker Hub official images have published, read from
/// docker-library/official-images' `library/<name>` files over their whole
/// history (the table is generated, see `OfficialImageVariantTable.swift`).
/// Assumed: Docker Hub keeps old tags of official images, so a tag once
/// listed there still exists, unmaintained. A version inside a published
/// range is taken to exist even where docker-library skipped that one
/// release (openjdk 8u161 is such a gap).
package enum OfficialImageVariants {
    /// One image's history as the generator writes it: per variant, the
    /// version ranges in which it was published, as text.
    struct TagHistory: Sendable {
        let newestLine: String
        let variants: [String: String]
        let namedTags: String
    }

    /// The same history with the ranges read.
    struct History: Sendable {
        let name: String
        let ranges: [String: [VersionRange]]
        /// Tags without a version (`lts-alpine`, `bookworm-slim`, `latest`).
        let namedTags: Set<String>
        /// Words that stand for a version (`latest`, `lts`, `current`, node's codenames).
        let aliasWords: Set<String>
        let newestLine: ImageVersion
    }

    private static let read: [String: History] = {
        var out: [String: History] = [:]
        for (name, raw) in histories {
            var ranges: [String: [VersionRange]] = [:]
            for (variant, text) in raw.variants {
                ranges[variant] = text.split(separator: " ").compactMap { range(String($0), image: name) }
            }
            let named = Set(raw.namedTags.split(separator: " ").map(String.init))
            let aliases = named.filter { !$0.contains("-") && ranges[$0] == nil }.union(["latest"])
            out[name] = History(name: name, ranges: ranges, namedTags: named, aliasWords: aliases,
                                newestLine: ImageVersion(raw.newestLine, image: name) ?? ImageVersion(parts: [0]))
        }
        return out
    }()

    private static let releases: [String: Set<String>] = releaseTags.mapValues { Set($0.split(separator: " ").map(String.init)) }
    private static let publishedReleases: [String: Set<String>] =
        publishedReleaseTags.mapValues { Set($0.split(separator: " ").map(String.init)) }

    /// The history of a versioned official image (`node`, `python`, `ruby`,
    /// `php`, `golang`, `rust`, `eclipse-temurin`, `openjdk`).
    static func history(of name: String) -> History? { read[name] }

    /// Every tag but the dated snapshots of `debian`, `ubuntu` and `alpine`.
    static func releaseTags(of name: String) -> Set<String>? { releases[name] }

    /// The tags of `debian`, `ubuntu` and `alpine` still listed at the snapshot.
    static func publishedReleaseTags(of name: String) -> Set<String>? { publishedReleases[name] }

    /// How many components name a release line: node's majors (and 0.x
    /// minors), python's, ruby's, php's and golang's minors, rust's,
    /// eclipse-temurin's and openjdk's majors.
    static func lineLength(image name: String, version: ImageVersion) -> Int {
        switch name {
        case "node": return version.parts.first == 0 ? 2 : 1
        case "rust", "eclipse-temurin", "openjdk": return 1
        default: return 2
        }
    }

    private static func range(_ text: String, image name: String) -> VersionRange? {
        guard let dots = text.firstRange(of: "...") else { return nil }
        let bounds = [String(text[..<dots.lowerBound]), String(text[dots.upperBound...])]
        guard let from = ImageVersion(bounds[0], image: name) else { return nil }
        let through = bounds[1].isEmpty ? nil : ImageVersion(bounds[1], image: name)
        return VersionRange(from: from, through: through, line: from.prefix(lineLength(image: name, version: from)),
                            fromText: bounds[0], throughText: bounds[1].isEmpty ? nil : bounds[1])
    }
}

extension OfficialImageVariants.History {
    /// Whether `version` with `variant` was published: `nil` for versions
    /// newer than the snapshot's newest line, which the table cannot know.
    func exists(version: ImageVersion, variant: String) -> Bool? {
        if ranges[variant]?.contains(where: { $0.admits(version) }) == true { return true }
        if version.compare(cutTo: newestLine) > 0 { return nil }
        return false
    }

    /// The ranges of `variant` in the release line of `version` (all of
    /// them when the version is shorter than a line).
    func ranges(of variant: String, near version: ImageVersion) -> [VersionRange] {
        (ranges[variant] ?? []).filter { range in
            let shared = min(version.parts.count, range.line.parts.count)
            return version.parts.prefix(shared) == range.line.parts.prefix(shared)
        }
    }

    /// Whether the line of `version` still publishes `variant`.
    func isPublished(version: ImageVersion, variant: String) -> Bool {
        ranges(of: variant, near: version).contains { $0.through == nil }
    }

    /// The lines that still publish `variant`, oldest first.
    func publishedLines(variant: String) -> [ImageVersion] {
        (ranges[variant] ?? []).filter { $0.through == nil }.map(\.line).sorted()
    }
}
