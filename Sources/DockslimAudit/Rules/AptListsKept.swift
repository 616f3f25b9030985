import DockerfileFacts
import DockerfileModel

/// DS009: apt's package lists left in a shipped layer.
enum AptListsKept: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS009", name: "apt-lists-kept", severity: .warning, tags: [.imageSize],
        summary: "apt-get install leaves the package lists in the image.",
        explanation: """
        apt-get update downloads package lists into /var/lib/apt/lists (tens of megabytes). Unless \
        the same RUN removes them (rm -rf /var/lib/apt/lists/*) they stay in the layer, even if a \
        later RUN deletes them. Builder stages do not matter; this is checked in the final stage and \
        the stages it builds on.
        """,
        fixRecipes: ["cache-mounts"],
        advice: "End the RUN with && rm -rf /var/lib/apt/lists/*, or mount a cache on /var/lib/apt.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for index in context.finalChain {
            for run in context.stages[index].stage.instructions where run.kind == .run {
                let commands = PackageCommands(ShellScan(run: run))
                guard let install = commands.installs.first(where: { $0.manager == .apt }), !commands.removesAptLists,
                      !RunMounts(run).caches("/var/lib/apt") else { continue }
                out.append(finding(at: run, stage: index,
                                   "\(install.tool) install does not remove /var/lib/apt/lists in the same RUN: the package lists ship in the image"))
            }
        }
        return out
    }
}

/// The cache mounts of a RUN.
struct RunMounts {
    let targets: [String]

    init(_ run: Instruction) {
        targets = run.flags.compactMap { f in
            guard let m = f.mount, m["type"] == "cache" || m["type"] == "tmpfs" else { return nil }
            return m["target"]
        }
    }

    /// A cache or tmpfs mount covers `path`, or a folder inside it.
    func caches(_ path: String) -> Bool {
        targets.contains { $0 == path || $0.hasPrefix(path + "/") || path.hasPrefix($0 + "/") }
    }

    func caches(containing fragment: String) -> Bool { targets.contains { $0.contains(fragment) } }
}
