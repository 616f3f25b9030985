import DockerfileModel

/// What a stage chain installs once it runs on Alpine: the names of its
/// `apk add`, and its apt and yum/dnf installs as `translate-packages`
/// writes them (through `PackageTable`), with what the meta packages bring.
/// An ecosystem moving a stage to Alpine asks it whether the compilers and
/// libraries its build needs will be there.
package enum AlpineInstalls {
    /// The Alpine packages installed by the chain's RUN instructions (before
    /// `line` in the last stage, when given), meta packages expanded.
    package static func packages(in chain: [Stage], before line: Int? = nil) -> Set<String> {
        var out: Set<String> = []
        for (n, stage) in chain.enumerated() {
            for run in stage.instructions where run.kind == .run {
                if n == chain.count - 1, let line, run.startLine >= line { continue }
                for words in ShellScan(run: run).commands {
                    out.formUnion(alpineNames(words))
                }
            }
        }
        return expanded(out)
    }

    /// One command's installs, as Alpine names.
    static func alpineNames(_ words: [String]) -> [String] {
        guard let tool = words.first else { return [] }
        let family: PackageTable.Family?
        switch tool {
        case "apk": family = nil
        case "apt-get", "apt", "aptitude": family = .apt
        case "yum", "dnf", "microdnf": family = .rpm
        default: return []
        }
        let names = PackageInstalls.installedPackages(tool == "aptitude" ? ["apt"] + words.dropFirst() : words)
            .map { String($0.split(separator: ":").first ?? Substring($0)) }
        guard let family else { return names }
        return names.flatMap { name -> [String] in
            if case .packages(let alpine) = PackageTable.translate(name, family) { return alpine }
            return []
        }
    }

    /// What Alpine's meta and compiler packages pull in (aports: build-base
    /// depends on binutils, gcc, g++, make, patch, libc-dev; g++ on gcc and
    /// libc-dev; libc-dev on musl-dev).
    static let brings: [String: [String]] = [
        "build-base": ["binutils", "gcc", "g++", "make", "patch", "libc-dev", "musl-dev", "fortify-headers"],
        "g++": ["gcc", "libc-dev", "musl-dev"],
        "libc-dev": ["musl-dev"],
        "clang": ["gcc", "musl-dev"],
    ]

    static func expanded(_ names: Set<String>) -> Set<String> {
        var out = names
        var queue = Array(names)
        while let n = queue.popLast() {
            for b in brings[n] ?? [] where out.insert(b).inserted { queue.append(b) }
        }
        return out
    }

    /// A C compiler with the C library's headers and start files: what
    /// cgo, a C extension or a `-sys` crate's build script needs.
    package static func hasCToolchain(_ packages: Set<String>) -> Bool {
        (packages.contains("gcc") || packages.contains("clang")) && packages.contains("musl-dev")
    }
}
