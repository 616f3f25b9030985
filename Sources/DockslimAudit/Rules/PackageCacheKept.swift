import DockerfileFacts
import DockerfileModel

/// DS011: a package manager's download cache left in a shipped layer.
enum PackageCacheKept: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS011", name: "package-cache-kept", severity: .warning, tags: [.imageSize],
        summary: "A package manager's cache stays in the image.",
        explanation: """
        apk add without --no-cache keeps the index in /var/cache/apk; yum and dnf keep metadata and \
        packages in /var/cache until clean all; pip keeps downloaded wheels in ~/.cache/pip unless \
        --no-cache-dir; npm keeps ~/.npm. In the final stage (and the stages it builds on) these \
        caches ship unless the same RUN removes them or a cache mount holds them.
        """,
        fixRecipes: ["cache-mounts"],
        advice: "Use apk add --no-cache, pip install --no-cache-dir, yum/dnf clean all in the same RUN, or a BuildKit cache mount.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for index in context.finalChain {
            let env = context.stages[index].environment
            for run in context.stages[index].stage.instructions where run.kind == .run {
                let commands = PackageCommands(ShellScan(run: run))
                let mounts = RunMounts(run)
                var problems: [String] = []
                for install in commands.installs {
                    switch install.manager {
                    case .apk:
                        if !install.options.contains("--no-cache"), !commands.removesApkCache, !mounts.caches("/var/cache/apk"), !mounts.caches("/etc/apk/cache") {
                            problems.append("apk add without --no-cache keeps /var/cache/apk")
                        }
                    case .yum:
                        if !commands.cleansYum, !mounts.caches("/var/cache/yum"), !mounts.caches("/var/cache/dnf") {
                            problems.append("\(install.tool) install without \(install.tool) clean all keeps its cache")
                        }
                    case .pip:
                        let disabled = install.options.contains("--no-cache-dir") || ["1", "true", "yes", "on", "off", "0"].contains(env["PIP_NO_CACHE_DIR"]?.lowercased() ?? "-")
                        if !disabled, !commands.removesPipCache, !mounts.caches(containing: ".cache") {
                            problems.append("\(install.tool) install without --no-cache-dir keeps ~/.cache/pip")
                        }
                    case .npm:
                        if !commands.cleansNpm, !mounts.caches(containing: ".npm") {
                            problems.append("npm keeps its download cache in ~/.npm")
                        }
                    case .apt:
                        break
                    }
                }
                var unique: [String] = []
                for p in problems where !unique.contains(p) { unique.append(p) }
                guard !unique.isEmpty else { continue }
                out.append(finding(at: run, stage: index, unique.joined(separator: "; ")))
            }
        }
        return out
    }
}
