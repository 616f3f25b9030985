import DockerfileFacts
import DockerfileModel

/// DS010: apt installs recommended packages too.
enum AptInstallsRecommends: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS010", name: "apt-installs-recommends", severity: .note, tags: [.imageSize],
        summary: "apt-get install also installs recommended packages.",
        explanation: """
        By default apt installs every package the requested ones recommend, often doubling what lands \
        in the image. --no-install-recommends installs only what is required. Checked in the final \
        stage and the stages it builds on.
        """,
        advice: "Add --no-install-recommends to apt-get install.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for index in context.finalChain {
            for run in context.stages[index].stage.instructions where run.kind == .run {
                for install in PackageCommands(ShellScan(run: run)).installs where install.manager == .apt {
                    guard !install.options.contains("--no-install-recommends"),
                          !install.options.contains(where: { $0.contains("Install-Recommends") }),
                          !install.packages.isEmpty else { continue }
                    out.append(finding(at: run, stage: index, "\(install.tool) install without --no-install-recommends also installs recommended packages"))
                    break
                }
            }
        }
        return out
    }
}
