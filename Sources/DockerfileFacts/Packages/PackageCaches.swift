/// The caches of the system package managers, for `use-cache-mounts`: apt's
/// archives and lists (only with `apt-get update` in the same RUN: an empty
/// cache has no lists) and apk's cache (not for an `apk update` alone, whose
/// index only a later RUN would read), both locked (two builds must not
/// write them at once).
package enum PackageCaches {
    /// `aptUpdatedFirst`: the RUN runs `apt-get update` too; `apkInstallsToo`:
    /// the RUN also runs an `apk add` or `apk upgrade` that uses the cache.
    package static func mounts(_ words: [String], aptUpdatedFirst: Bool, apkInstallsToo: Bool) -> CacheMountNeed {
        guard let tool = words.first else { return .none }
        let sub = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
        switch tool {
        case "apt-get", "apt":
            guard ["install", "upgrade", "dist-upgrade"].contains(sub) else { return .none }
            guard aptUpdatedFirst else { return .skip("apt-get install without apt-get update in the same RUN would find no package lists in an empty cache") }
            return .mounts([CacheMount("/var/cache/apt", locked: true), CacheMount("/var/lib/apt", locked: true)])
        case "apk":
            guard ["add", "update", "upgrade"].contains(sub) else { return .none }
            if words.contains("--no-cache") { return .skip("apk --no-cache keeps no cache") }
            if sub == "update" && !apkInstallsToo {
                return .skip("apk update alone fetches an index that no apk add of this RUN reads (a later RUN's apk add fetches its own)")
            }
            return .mounts([CacheMount("/var/cache/apk", locked: true)])
        default:
            return .none
        }
    }

    /// Whether an apk command installs from the cache (`apk add` or `apk upgrade` without `--no-cache`).
    package static func apkInstalls(_ words: [String]) -> Bool {
        guard words.first == "apk", !words.contains("--no-cache") else { return false }
        return ["add", "upgrade"].contains(words.dropFirst().first { !$0.hasPrefix("-") } ?? "")
    }
}
