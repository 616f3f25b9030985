import DockerfileModel

/// The answer to "what is the X variant of this image?".
package enum VariantLookup: Sendable, Equatable {
    /// The full reference to write.
    case exists(String)
    /// Why there is none: the variant was never published for this version,
    /// the image has no such variant, or the reference is pinned by digest.
    case missing(String)
    /// The catalogue cannot tell (not an official image it knows, a
    /// version newer than its snapshot, a pre-release or Windows tag).
    case unknown
}

/// Variants of the Docker Hub official images, checked against what
/// docker-library/official-images has published (`library/<name>` over its
/// whole history; see `OfficialImageHistory.swift`). Rewrites ask here
/// before writing a base, instead of building tags by pattern:
/// `node:4.2.3-alpine` and `node:slim-alpine` were never published.
extension ImageCatalog {
    /// Whether the tag exists, when the catalogue can tell: `false` for
    /// `node:slim-alpine` or `node:4.2-alpine`, `nil` for images it does not
    /// track, versions newer than its snapshot, pre-release and Windows tags,
    /// dated snapshots, and a digest without a tag.
    package static func tagExists(_ ref: ImageReference) -> Bool? {
        guard let name = officialName(ref), ref.tag != nil || ref.digest == nil else { return nil }
        return tagExists(image: name, tag: ref.tag ?? "latest")
    }

    /// The Alpine variant of an official image at the same version and kind
    /// (`node:20.11-bookworm` → `node:20.11-alpine`, `php:8.3-fpm` →
    /// `php:8.3-fpm-alpine`, `eclipse-temurin:21-jre-noble` →
    /// `eclipse-temurin:21-jre-alpine`), checked against the published tags.
    package static func alpineVariant(of ref: ImageReference) -> VariantLookup {
        if let pinned = pinnedByDigest(ref) { return pinned }
        guard let name = officialName(ref) else { return .unknown }
        let tag = ref.tag ?? "latest"
        switch name {
        case "alpine":
            return tagExists(image: name, tag: tag) == false ? .missing("alpine:\(tag) was never published") : .exists(ref.original)
        case "debian", "ubuntu":
            return .missing("\(name) has no Alpine variant; alpine:<release> is a separate image")
        default:
            break
        }
        guard OfficialImageVariants.history(of: name) != nil else { return .unknown }
        guard let parsed = OfficialImageTag.read(tag, image: name) else {
            return tagExists(image: name, tag: tag) == false ? .missing(notPublished(name, tag)) : .unknown
        }
        if tagExists(image: name, tag: tag) == false { return .missing(notPublished(name, tag)) }
        let parts = VariantParts(parsed.variant)
        if parts.isAlpine { return .exists(ref.original) }
        return lookUp(ref, image: name, tag: parsed.with(variant: parts.alpine))
    }

    /// The slim variant at the same version, kind and Debian release where
    /// one exists (`node:22-bookworm` → `node:22-bookworm-slim`,
    /// `python:3.12-bookworm` → `python:3.12-slim-bookworm`,
    /// `debian:bookworm` → `debian:bookworm-slim`).
    package static func slimVariant(of ref: ImageReference) -> VariantLookup {
        if let pinned = pinnedByDigest(ref) { return pinned }
        guard let name = officialName(ref) else { return .unknown }
        let tag = ref.tag ?? "latest"
        switch name {
        case "debian":
            if tag == "slim" || tag.hasSuffix("-slim") {
                return tagExists(image: name, tag: tag) == false ? .missing(notPublished(name, tag)) : .exists(ref.original)
            }
            let target = (tag == "latest" ? "stable" : tag) + "-slim"
            switch tagExists(image: name, tag: target) {
            case true?: return .exists(rebuilt(ref, tag: target))
            case false?: return .missing(notPublished(name, target))
            case nil: return .unknown
            }
        case "php", "golang", "eclipse-temurin", "ubuntu", "alpine":
            return .missing(OfficialImageVariants.noSlimVariant(image: name))
        default:
            break
        }
        guard OfficialImageVariants.history(of: name) != nil else { return .unknown }
        guard let parsed = OfficialImageTag.read(tag, image: name) else {
            return tagExists(image: name, tag: tag) == false ? .missing(notPublished(name, tag)) : .unknown
        }
        if tagExists(image: name, tag: tag) == false { return .missing(notPublished(name, tag)) }
        let parts = VariantParts(parsed.variant)
        if parts.slim { return .exists(ref.original) }
        if parts.isAlpine {
            return .missing("\(name):\(tag) is Alpine-based; Alpine tags have no -slim variant (the Alpine one is the smaller)")
        }
        guard let slim = parts.slimVariant(image: name) else { return .missing(OfficialImageVariants.noSlimVariant(image: name)) }
        return lookUp(ref, image: name, tag: parsed.with(variant: slim))
    }

    /// Why an official image should not be written at all, when it is
    /// deprecated (docker-library/docs `openjdk/deprecated.md`).
    package static func deprecationNotice(of ref: ImageReference) -> String? {
        guard officialName(ref) == "openjdk" else { return nil }
        return "the openjdk image is deprecated (docker-library/docs openjdk/deprecated.md): only early-access builds get updates after July 2022; "
            + "eclipse-temurin, amazoncorretto, ibm-semeru-runtimes, ibmjava and sapmachine are the suggested replacements"
    }

    // MARK: - Checking a tag

    static func tagExists(image name: String, tag: String) -> Bool? {
        if let releases = OfficialImageVariants.releaseTags(of: name) {
            return releaseTagExists(tag, image: name, releases: releases)
        }
        guard let history = OfficialImageVariants.history(of: name) else { return nil }
        if isUntracked(tag) { return nil }
        if history.namedTags.contains(tag) { return true }
        guard let parsed = OfficialImageTag.read(tag, image: name) else {
            // A tag that starts with a version but reads as none is a pre-release (3.14.0rc1, 8.5.0RC1).
            return tag.first?.isNumber == true ? nil : false
        }
        if isPrerelease(parsed.variant) { return nil }
        guard let versionText = parsed.version, let version = ImageVersion(versionText, image: name) else {
            return isFutureVariant(parsed.variant, in: history) ? nil : false
        }
        guard let variant = lookupVariant(parsed.variant, version: version, image: name) else { return false }
        if history.ranges[variant] == nil { return isFutureVariant(variant, in: history) ? nil : false }
        return history.exists(version: version, variant: variant)
    }

    /// eclipse-temurin's kind-less tags (`21`, `21-alpine`) are its `jdk`
    /// ones and exist for a major only.
    private static func lookupVariant(_ variant: String, version: ImageVersion, image name: String) -> String? {
        guard name == "eclipse-temurin", !variant.hasPrefix("jdk"), !variant.hasPrefix("jre") else { return variant }
        guard version.parts.count == 1 else { return nil }
        return variant.isEmpty ? "jdk" : "jdk-" + variant
    }

    private static func releaseTagExists(_ tag: String, image name: String, releases: Set<String>) -> Bool? {
        if releases.contains(tag) { return true }
        if tag.contains(where: { $0.isNumber }), tag.split(whereSeparator: { !$0.isNumber }).contains(where: { $0.count == 8 }) {
            return nil // a dated snapshot (bookworm-20240812, noble-20241118.1, 20240923): not tracked
        }
        let head = tag.hasSuffix("-slim") ? String(tag.dropLast(5)) : tag
        if let version = ImageVersion(head, image: name), head.allSatisfy({ $0.isNumber || $0 == "." }) {
            let newest = releases.compactMap { t -> ImageVersion? in
                t.allSatisfy({ $0.isNumber || $0 == "." }) ? ImageVersion(t, image: name) : nil
            }.max()
            if let newest, version.compare(cutTo: newest) > 0 { return nil } // released after the snapshot, perhaps
        }
        return false
    }

    private static func isUntracked(_ tag: String) -> Bool {
        tag.contains("windowsservercore") || tag.contains("nanoserver")
    }

    /// Release candidates, previews, early-access and similar tags, which the table leaves out.
    private static func isPrerelease(_ variant: String) -> Bool {
        let first = variant.split(separator: "-").first.map(String.init) ?? ""
        let words = ["rc", "preview", "ea", "beta", "alpha", "tip", "chakracore", "experimental"]
        if words.contains(where: { first.hasPrefix($0) }) { return true }
        if let c = first.first, c.isNumber { return true }
        if first.count >= 2, first.first == "b" || first.first == "p", first.dropFirst().allSatisfy(\.isNumber) { return true }
        return variant.hasSuffix("-experimental") || isUntracked(variant)
    }

    /// A variant naming an Alpine or Debian release newer than any this
    /// image had at the snapshot: it may have appeared since.
    private static func isFutureVariant(_ variant: String, in history: OfficialImageVariants.History) -> Bool {
        let known = history.ranges.keys
        let alpineVersions = known.compactMap(alpineRelease)
        if let wanted = alpineRelease(variant), let newest = alpineVersions.max(), wanted > newest { return true }
        let codenames = (OfficialImageVariants.releaseTags(of: "debian") ?? []).union(OfficialImageVariants.releaseTags(of: "ubuntu") ?? [])
            .filter { $0.allSatisfy(\.isLetter) }
        let seen = Set(known.flatMap { $0.split(separator: "-").map(String.init) })
        return variant.split(separator: "-").map(String.init).contains { codenames.contains($0) && !seen.contains($0) }
    }

    /// `alpine3.20` and `alpine-3.20` → 3.20.
    private static func alpineRelease(_ variant: String) -> ImageVersion? {
        guard let range = variant.firstRange(of: "alpine") else { return nil }
        var rest = variant[range.upperBound...]
        if rest.first == "-" { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isNumber || $0 == "." }
        return digits.isEmpty ? nil : ImageVersion(String(digits), image: "alpine")
    }

    // MARK: - Answers

    private static func pinnedByDigest(_ ref: ImageReference) -> VariantLookup? {
        guard ref.digest != nil else { return nil }
        return .missing("\(ref.original) is pinned by digest; the variant's digest is not known")
    }

    private static func lookUp(_ ref: ImageReference, image name: String, tag: OfficialImageTag) -> VariantLookup {
        switch tagExists(image: name, tag: tag.text) {
        case true?: return .exists(rebuilt(ref, tag: tag.text))
        case false?: return .missing(whyMissing(image: name, tag: tag))
        case nil: return .unknown
        }
    }

    private static func rebuilt(_ ref: ImageReference, tag: String) -> String {
        (ref.registry.map { $0 + "/" } ?? "") + ref.repository + ":" + tag
    }

    private static func notPublished(_ name: String, _ tag: String) -> String {
        "\(name):\(tag) was never published (docker-library/official-images library/\(name), history to \(OfficialImageVariants.snapshotDate))"
    }

    /// Names the versions that do have the variant, so that the reader sees
    /// where the variant starts or stops.
    private static func whyMissing(image name: String, tag: OfficialImageTag) -> String {
        guard let history = OfficialImageVariants.history(of: name), let versionText = tag.version,
              let version = ImageVersion(versionText, image: name) else { return notPublished(name, tag.text) }
        let variant = lookupVariant(tag.variant, version: version, image: name) ?? tag.variant
        let shown = tag.variant.isEmpty ? "plain" : "-\(tag.variant)"
        let source = "(docker-library/official-images library/\(name), history to \(OfficialImageVariants.snapshotDate))"
        guard let all = history.ranges[variant], !all.isEmpty else {
            return "\(name):\(tag.text) does not exist: \(name) has never published \(shown) tags \(source)"
        }
        let line = version.prefix(OfficialImageVariants.lineLength(image: name, version: version))
        let near = history.ranges(of: variant, near: version)
        if near.isEmpty {
            let first = all.min { $0.from < $1.from }!
            return "\(name):\(tag.text) does not exist: \(name)'s \(line) line has no \(shown) tags; they start with \(first.fromText) \(source)"
        }
        return "\(name):\(tag.text) does not exist: \(name)'s \(shown) tags of the \(line) line are "
            + near.map(\.text).joined(separator: ", ") + " \(source)"
    }
}
