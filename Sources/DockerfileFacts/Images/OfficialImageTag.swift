/// A tag of a Docker Hub official image read the way docker-library writes
/// them: a version (`20.11.1`, `3.13`, `21.0.5_11`, `8u432-b06`) or an alias
/// (`latest`, `lts`, `jod`, `current`), then a variant (`alpine`,
/// `bookworm-slim`, `slim-trixie`, `fpm-alpine3.20`, `jre-noble`).
///
/// Source of the spellings: docker-library/official-images `library/<name>`
/// (every tag ever listed there, see `OfficialImageVariantTable.swift`).
package struct OfficialImageTag: Sendable, Equatable {
    /// The version as written, `nil` for an alias tag.
    package let version: String?
    /// The alias (`latest` for a bare variant such as `alpine`), `nil` for a versioned tag.
    package let alias: String?
    /// The variant after the version or alias, `""` when none.
    package let variant: String

    /// The tag spelled back: version or alias, then the variant.
    package var text: String {
        let head = version ?? (alias == "latest" && !variant.isEmpty ? nil : alias)
        return [head, variant.isEmpty ? nil : variant].compactMap { $0 }.joined(separator: "-")
    }

    /// The same version or alias with another variant.
    package func with(variant newVariant: String) -> OfficialImageTag {
        OfficialImageTag(version: version, alias: alias, variant: newVariant)
    }

    /// Reads `tag` for the image `name`; `nil` when it is neither a version
    /// nor an alias the image's history knows.
    package static func read(_ tag: String, image name: String) -> OfficialImageTag? {
        if let (version, variant) = splitVersion(tag, image: name) {
            return OfficialImageTag(version: version, alias: nil, variant: variant)
        }
        guard let history = OfficialImageVariants.history(of: name) else { return nil }
        if tag == "latest" { return OfficialImageTag(version: nil, alias: "latest", variant: "") }
        if history.ranges[tag] != nil { return OfficialImageTag(version: nil, alias: "latest", variant: tag) }
        if history.aliasWords.contains(tag) { return OfficialImageTag(version: nil, alias: tag, variant: "") }
        if let dash = tag.firstIndex(of: "-") {
            let word = String(tag[..<dash])
            if history.aliasWords.contains(word) {
                return OfficialImageTag(version: nil, alias: word, variant: String(tag[tag.index(after: dash)...]))
            }
        }
        return nil
    }

    /// The version at the start of a tag and the rest, with each image's
    /// version spelling (eclipse-temurin's `21.0.5_11` and `8u432-b06`,
    /// openjdk's `8u342`).
    static func splitVersion(_ tag: String, image name: String) -> (String, String)? {
        let bytes = Array(tag.utf8)
        var end = 0
        func digits() -> Bool {
            let start = end
            while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
            return end > start
        }
        func take(_ c: UInt8) -> Bool {
            if end < bytes.count, bytes[end] == c { end += 1; return true }
            return false
        }
        guard digits() else { return nil }
        let afterMajor = end
        if (name == "eclipse-temurin" || name == "openjdk"), take(UInt8(ascii: "u")) {
            guard digits() else { return nil }
            if name == "eclipse-temurin" {
                let mark = end
                if !(take(UInt8(ascii: "-")) && take(UInt8(ascii: "b")) && digits()) { end = mark }
            }
        } else {
            end = afterMajor
            while true {
                let mark = end
                if take(UInt8(ascii: ".")), digits() { continue }
                end = mark
                break
            }
            if name == "eclipse-temurin" {
                let mark = end
                if !(take(UInt8(ascii: "_")) && digits()) { end = mark }
            }
        }
        let version = String(decoding: bytes[..<end], as: UTF8.self)
        if end == bytes.count { return (version, "") }
        guard bytes[end] == UInt8(ascii: "-"), end + 1 < bytes.count else { return nil }
        return (version, String(decoding: bytes[(end + 1)...], as: UTF8.self))
    }
}

/// A version as numbers, compared component by component; a shorter
/// version is a prefix (`3.13` stands for every `3.13.x`).
///
/// eclipse-temurin's `21.0.5_11` reads as 21.0.5.0.11 and `8u432-b06` as
/// 8.0.432.0.6, so that a respin (`21.0.5.1_1`) sorts after its release;
/// openjdk's `8u342` reads as 8.0.342.
package struct ImageVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    package let parts: [Int]

    package init(parts: [Int]) { self.parts = parts }

    package init?(_ text: String, image name: String) {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard !numbers.isEmpty else { return nil }
        if text.contains("u") {
            // 8u432-b06 → 8.0.432.0.6; openjdk's 8u342 → 8.0.342
            parts = [numbers[0], 0, numbers.count > 1 ? numbers[1] : 0] + (numbers.count > 2 ? [0, numbers[2]] : [])
        } else if name == "eclipse-temurin", text.contains("_") {
            let dotted = Array(numbers.dropLast())
            parts = dotted + Array(repeating: 0, count: max(0, 4 - dotted.count)) + [numbers.last!]
        } else {
            parts = numbers
        }
    }

    package var description: String { parts.map(String.init).joined(separator: ".") }

    /// The first `count` components.
    package func prefix(_ count: Int) -> ImageVersion { ImageVersion(parts: Array(parts.prefix(count))) }

    package static func < (a: ImageVersion, b: ImageVersion) -> Bool { a.parts.lexicographicallyPrecedes(b.parts) }

    /// Compares this version cut to the length of `other` with `other`:
    /// `-1`, `0` or `1`.
    func compare(cutTo other: ImageVersion) -> Int {
        let cut = prefix(other.parts.count)
        return cut == other ? 0 : (cut < other ? -1 : 1)
    }
}

/// The versions of one release line that had a variant: `from` through
/// `through`, or still published (`through == nil`) at the snapshot.
struct VersionRange: Sendable, Equatable {
    let from: ImageVersion
    let through: ImageVersion?
    /// The release line (`22` for node, `3.13` for python).
    let line: ImageVersion
    /// The bounds as the tags spell them, for messages.
    let fromText: String
    let throughText: String?

    /// Whether some version starting with `query` lies in the range
    /// (`4.2` against 4.6.2…4.9.1 does not; `4` does). An open range takes
    /// every later version of its line: new patch releases are assumed to
    /// keep the variant.
    func admits(_ query: ImageVersion) -> Bool {
        guard from.compare(cutTo: query) <= 0 else { return false }
        if let through { return through.compare(cutTo: query) >= 0 }
        let shared = min(query.parts.count, line.parts.count)
        return query.parts.prefix(shared) == line.parts.prefix(shared)
    }

    /// `4.6.2 … 4.9.1`, or `22.0.0 onwards` for a line still published.
    var text: String { throughText.map { "\(fromText) … \($0)" } ?? "\(fromText) onwards" }
}
