/// Packages installed only to build: compilers, headers, build tools,
/// fetchers. Anything else a stage installs may be needed at run time.
package enum BuildPackages {
    package static func isBuildOnly(_ name: String) -> Bool {
        let n = name.split(separator: "=").first.map(String.init) ?? name
        return buildOnly.contains(n) || n.hasSuffix("-dev") || n.hasSuffix("-devel") || n.hasSuffix("-headers")
    }

    static let buildOnly: Set<String> = [
        "gcc", "g++", "cc", "clang", "llvm", "lld", "make", "cmake", "ninja", "ninja-build", "build-essential", "build-base", "musl-dev",
        "libc-dev", "libc6-dev", "linux-headers", "pkg-config", "pkgconf", "pkgconfig", "git", "mercurial", "bzr", "subversion",
        "openssh-client", "curl", "wget", "unzip", "tar", "gzip", "xz", "xz-utils", "bash", "upx", "binutils", "autoconf", "automake",
        "libtool", "patch", "file", "protobuf-compiler", "protoc", "protobuf", "protobuf-dev", "ca-certificates", "tzdata", "gnupg", "go",
        "rust", "cargo", "musl-tools", "gdb",
    ]

    /// Tools as useful at run time as at build time (a probe's curl, a
    /// shell to exec into): they are build-only when a build step uses them.
    static let dualUseTools: Set<String> = ["curl", "wget", "git", "unzip", "openssh-client", "gnupg", "bash", "file", "gdb", "xz-utils", "xz",
                                            "gzip", "mercurial", "subversion", "bzr", "patch", "upx"]

    /// Installs that may fetch dependencies with git (a `git+https` requirement, a GitHub package).
    static func mayUseGit(_ words: [String]) -> Bool {
        guard let tool = words.first else { return false }
        let sub = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
        switch tool {
        case "go": return ["mod", "get", "build", "install"].contains(sub)
        case "npm", "yarn", "pnpm", "bundle", "composer", "cargo", "mvn", "gradle", "poetry", "pipenv", "uv": return true
        case "pip", "pip3": return sub == "install"
        default: return (tool.hasPrefix("python") && words.contains("pip")) || tool == "./gradlew" || tool == "./mvnw"
        }
    }

    /// The packages a stage installs that are not build-only: what the
    /// runtime stage of a split would lose. A dual-use tool counts unless a
    /// command of `runs` (the builder's RUNs, as simple commands) uses it,
    /// and always when `starts` (its CMD, ENTRYPOINT, HEALTHCHECK) does.
    package static func runTimePackages(_ packages: [String], runs: [[String]], starts: [[String]]) -> [String] {
        let used = Set(runs.compactMap { $0.first.map(Paths.basename) })
        let started = Set(starts.compactMap { $0.first.map(Paths.basename) })
        let gitByInstalls = runs.contains(where: mayUseGit)
        return packages.filter { p in
            let n = p.split(separator: "=").first.map(String.init) ?? p
            guard isBuildOnly(n) else { return true }
            guard dualUseTools.contains(n) else { return false }
            let programs = ImageCommands.commands(of: [n])
            if !programs.isDisjoint(with: started) { return true }
            if n == "git" && gitByInstalls { return false }
            return programs.isDisjoint(with: used)
        }
    }
}
