import DockerfileModel

/// System packages a builder installs that the program needs at run time
/// too (a library a compiled package links, a tool it starts): the runtime
/// stage installs them again, the way the builder did, so they come from
/// the same repositories at the same names and pins.
package enum RuntimePackages {
    /// The RUN line that installs `packages` on a Debian or Alpine image,
    /// leaving no package lists or caches behind.
    package static func installLine(_ packages: [String], musl: Bool) -> String {
        let list = packages.joined(separator: " ")
        return musl ? "RUN apk add --no-cache \(list)"
            : "RUN apt-get update && apt-get install -y --no-install-recommends \(list) && rm -rf /var/lib/apt/lists/*"
    }

    /// Whether the runtime stage can install `packages` again, and how.
    package enum Reinstall {
        /// Nothing to install again.
        case none
        /// The RUN line that does it.
        case line(String)
        /// A package is named through a variable (`$builddeps`).
        case namedByVariable(String)
        /// This RUN changes the package repositories the names come from.
        case repositoriesChanged(Instruction)
    }

    /// The one decision Python and Ruby make about the packages their
    /// runtime stage needs from the builder's installs.
    package static func reinstall(_ packages: [String], runs: [AppStage.Run], image: ImageReference) -> Reinstall {
        guard !packages.isEmpty else { return .none }
        if let named = packages.first(where: { $0.contains("$") }) { return .namedByVariable(named) }
        if let changed = runs.first(where: { changesRepositories($0.instruction) }) { return .repositoriesChanged(changed.instruction) }
        return .line(installLine(packages, musl: ImageCatalog.libc(of: image) == .musl))
    }

    /// A RUN that adds or changes package repositories or their keys: the
    /// same names may then come from elsewhere.
    package static func changesRepositories(_ run: Instruction) -> Bool {
        let text = run.original
        return ["sources.list", "apt-key", "add-apt-repository", "/etc/apt/", "/etc/apk/repositories", "--repository", "keyrings"]
            .contains { text.contains($0) }
    }

    /// Of `packages`, those still installed after the stage's removals:
    /// `apk del`, `apt-get purge|remove` (and `apt`), a deleted `apk add
    /// --virtual NAME` group taking its packages with it.
    package static func kept(_ packages: [String], commands: [[String]]) -> [String] {
        var removed: Set<String> = []
        var groups: [String: [String]] = [:]
        for words in commands {
            guard let tool = words.first else { continue }
            let args = Array(words.dropFirst())
            if tool == "apk", args.first == "add", let v = args.firstIndex(where: { $0 == "--virtual" || $0 == "-t" }), v + 1 < args.count {
                groups[args[v + 1]] = PackageInstalls.installedPackages(words)
            }
            let removing = (tool == "apk" && args.first == "del")
                || (["apt-get", "apt"].contains(tool) && args.contains { $0 == "purge" || $0 == "remove" })
            guard removing else { continue }
            for name in args.dropFirst() where !name.hasPrefix("-") && name != "purge" && name != "remove" {
                removed.insert(name)
                removed.formUnion(groups[name] ?? [])
            }
        }
        return packages.filter { !removed.contains($0.split(separator: "=").first.map(String.init) ?? $0) }
    }
}

extension BuildPlan {
    /// The packages and the programs the runtime stage installs itself
    /// (`runtimeSetupRuns`), which the runtime image then has.
    /// Whether the runtime stage installs `library` again (`libpq` by
    /// libpq-dev or libpq5).
    package func reinstalls(library: String) -> Bool {
        let stem = library.hasPrefix("lib") ? String(library.dropFirst(3)) : library
        return reinstalled.packages.contains { $0.hasPrefix(library) || $0.hasPrefix("lib" + stem) }
    }

    package var reinstalled: (packages: Set<String>, commands: Set<String>) {
        var packages: Set<String> = []
        var commands: Set<String> = []
        for line in runtimeSetupRuns {
            for words in ShellScan(String(line.dropFirst(4))).commands {
                packages.formUnion(PackageInstalls.installedPackages(words))
                commands.formUnion(StagePrograms.installed(by: words))
            }
        }
        return (packages, commands)
    }
}
