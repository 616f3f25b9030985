/// Lexical path arithmetic, as Go's `filepath.Join` and `filepath.Clean` do it
/// on Unix: no file system, no symbolic links. Compose and Bake resolve their
/// relative paths this way (compose-spec/compose-go `paths/resolve.go`,
/// docker/buildx `bake/bake.go` `rebaseContextPath`).
public enum PathNames {
    public static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// `path` against `base`, cleaned; an absolute `path` stays as it is.
    public static func join(_ base: String, _ path: String) -> String {
        if path.isEmpty { return clean(base) }
        if isAbsolute(path) || base.isEmpty { return clean(path) }
        return clean(base + "/" + path)
    }

    /// Removes `.`, empty components and `..` after a name; keeps a leading
    /// `..` of a relative path; `""` becomes `.`.
    public static func clean(_ path: String) -> String {
        let absolute = isAbsolute(path)
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast(); continue }
                if absolute { continue }
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The folder holding `path` (`filepath.Dir`).
    public static func directory(of path: String) -> String {
        let cleaned = clean(path)
        guard let slash = cleaned.lastIndex(of: "/") else { return "." }
        if slash == cleaned.startIndex { return "/" }
        return String(cleaned[..<slash])
    }
}
