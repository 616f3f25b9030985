import DockerfileFacts
import DockerfileModel

/// DS002: compilers or `-dev` packages installed where they ship.
enum BuildToolsInstalledInFinalStage: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS002", name: "build-tools-installed-in-final-stage", severity: .warning, tags: [.imageSize],
        summary: "Compilers or development packages are installed in the final image.",
        explanation: """
        Packages such as build-essential, gcc, make and the -dev header packages are needed to build, \
        not to run. Installed in the final stage (or a stage it builds on) and not removed in the same \
        RUN, they stay in the image's layers. Install them in a builder stage instead, or remove them \
        in the RUN that installed them (apk add --virtual .build-deps … && apk del .build-deps).
        """,
        advice: "Move the build into a builder stage, or remove the build packages in the RUN that installs them.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for index in context.finalChain {
            for run in context.stages[index].stage.instructions where run.kind == .run {
                let commands = PackageCommands(ShellScan(run: run))
                if commands.removesUnknown { continue }
                var tools: [String] = []
                for install in commands.installs where install.manager == .apt || install.manager == .apk || install.manager == .yum {
                    if let v = install.virtualName, commands.removed.contains(v) { continue }
                    tools += install.packages.filter { PackageCommands.isBuildTool($0) && !commands.removed.contains(PackageCommands.name($0)) }
                }
                guard !tools.isEmpty else { continue }
                let names = tools.map(PackageCommands.name)
                out.append(finding(at: run, stage: index,
                                   "installs \(Describe.list(names)) in the final image: compilers and headers are needed only to build",
                                   fixes: ImageCatalog.recipes(forLanguage: context.language)))
            }
        }
        return out
    }
}
