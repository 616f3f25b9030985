#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path patterns as `.gitignore` reads them (git's gitignore(5)), matched
/// against paths as dockslim prints them:
///
/// - a pattern without a slash (`*.dev.Dockerfile`, `testdata`) matches a
///   name at any depth; one with a slash at its start or in its middle
///   (`/x`, `services/api/*`) matches from the start of the path (an
///   absolute path from `/`);
/// - a trailing slash (`vendor/`) matches folders only; everything under a
///   matched folder is matched;
/// - `*`, `?` and `[…]` stay within one name; `**` spans any number of
///   folders (`**/testdata/**`, `a/**/Dockerfile`);
/// - `!pattern` takes back an earlier match; the last pattern that matches
///   decides, and nothing under a matched folder can be taken back.
struct PathGlobs: Sendable {
    struct Pattern: Sendable {
        let text: String
        let negated: Bool
        let foldersOnly: Bool
        /// Names, with `**` kept as its own segment.
        let segments: [String]

        init?(_ raw: String) {
            var p = Substring(raw)
            var negated = false
            if p.hasPrefix("!") { negated = true; p = p.dropFirst() } else if p.hasPrefix("\\!") { p = p.dropFirst() }
            var foldersOnly = false
            while p.hasSuffix("/") { foldersOnly = true; p = p.dropLast() }
            let anchored = p.hasPrefix("/") || p.dropFirst().contains("/")
            while p.hasPrefix("/") { p = p.dropFirst() }
            guard !p.isEmpty else { return nil }
            var segments = p.split(separator: "/").map(String.init)
            if !anchored { segments.insert("**", at: 0) }
            text = raw
            self.negated = negated
            self.foldersOnly = foldersOnly
            self.segments = segments
        }

        /// Whether the pattern matches this path (split into names) itself.
        func matches(_ names: [Substring]) -> Bool {
            Self.match(segments[...], names[...])
        }

        private static func match(_ pattern: ArraySlice<String>, _ names: ArraySlice<Substring>) -> Bool {
            guard let first = pattern.first else { return names.isEmpty }
            if first == "**" {
                let rest = pattern.dropFirst()
                // A trailing `**` matches what is inside, not the folder itself.
                if rest.isEmpty { return !names.isEmpty }
                var tail = names
                while true {
                    if match(rest, tail) { return true }
                    guard !tail.isEmpty else { return false }
                    tail = tail.dropFirst()
                }
            }
            guard let name = names.first, fnmatch(first, String(name), 0) == 0 else { return false }
            return match(pattern.dropFirst(), names.dropFirst())
        }
    }

    let patterns: [Pattern]

    init(_ patterns: [String]) {
        self.patterns = patterns.compactMap(Pattern.init)
    }

    var isEmpty: Bool { patterns.isEmpty }

    static func names(_ path: String) -> [Substring] {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return p.split(separator: "/").filter { $0 != "." }
    }

    /// The path itself, by the last pattern that matches it (for a walk that
    /// does not enter matched folders).
    func matches(_ path: String, isFolder: Bool) -> Bool {
        decide(Self.names(path), isFolder: isFolder) ?? false
    }

    /// The file at `path`, or a folder above it, is matched: the full
    /// `.gitignore` reading, for files not reached by a walk.
    func matchesFileOrFolderAbove(_ path: String) -> Bool {
        let names = Self.names(path)
        guard !names.isEmpty else { return false }
        for k in 1..<names.count where decide(Array(names[..<k]), isFolder: true) == true { return true }
        return decide(names, isFolder: false) ?? false
    }

    /// The last pattern that matches: `true` matched, `false` taken back, `nil` none.
    private func decide(_ names: [Substring], isFolder: Bool) -> Bool? {
        var result: Bool?
        for p in patterns where (isFolder || !p.foldersOnly) && p.matches(names) { result = !p.negated }
        return result
    }
}
