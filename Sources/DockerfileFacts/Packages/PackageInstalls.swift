/// Reading the package installs of shell commands.
package enum PackageInstalls {
    /// Packages an `apt-get install`, `apt install`, `apk add`, `yum`/`dnf`/`microdnf install` installs.
    package static func installedPackages(_ words: [String]) -> [String] {
        guard let tool = words.first else { return [] }
        let subcommands: [String: Set<String>] = ["apt-get": ["install"], "apt": ["install"], "apk": ["add"], "yum": ["install"],
                                                  "dnf": ["install"], "microdnf": ["install"]]
        guard let subs = subcommands[tool], let at = words.firstIndex(where: { subs.contains($0) }) else { return [] }
        var out: [String] = []
        var skipNext = false
        for w in words[(at + 1)...] {
            if skipNext { skipNext = false; continue }
            if w == "-t" || w == "--target-release" || w == "-o" || w == "--repository" || w == "-X" || w == "--virtual" || w == "-t" { skipNext = true; continue }
            if w.hasPrefix("-") { continue }
            out.append(String(w.split(separator: "=").first ?? Substring(w)))
        }
        return out
    }
}
