/// Absolute container paths, joined and normalised as the shell would.
package enum Paths {
    /// `base` + `path` (if `path` is relative), without `.`, `..` or doubled slashes.
    package static func join(_ base: String, _ path: String) -> String {
        let raw = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for p in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(p)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `ancestor` is `path` or a folder above it.
    package static func covers(_ ancestor: String, _ path: String) -> Bool {
        ancestor == "/" || path == ancestor || path.hasPrefix(ancestor.hasSuffix("/") ? ancestor : ancestor + "/")
    }

    package static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    package static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    /// The folders of the PATH that every base image dockslim writes to searches.
    package static let standardPATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
}
