import DockerfileModel

/// `dotnet run` as the command of an image: the SDK builds the project when
/// the container starts and runs it. The runtime stage runs the published
/// dll instead, only when that is the same program: the same project, no
/// launch profile (`Properties/launchSettings.json` sets the environment
/// and URLs `dotnet run` uses), no option but the app's own arguments, and
/// no code that a Release build leaves out (`#if DEBUG`, `Debug.Assert`,
/// `[Conditional("DEBUG")]`): `dotnet run` builds Debug, the publish Release.
///
/// Sources: Microsoft Learn "dotnet run" (it builds, then runs from the
/// current folder; options it does not know go to the app; it applies the
/// first `Project` profile of `launchSettings.json` unless
/// `--no-launch-profile`; Debug is its default configuration).
enum DotNetRun {
    static func convert(_ app: AppStage, plan base: BuildPlan, argv: [String], entry: Instruction, workdir: String,
                        reading: DotNetBuild.Reading, sdkVersion: String) -> Result<BuildPlan, BuildReadingStop> {
        let line = "\(entry.keyword) on line \(entry.startLine)"
        func refuse(_ why: String) -> Result<BuildPlan, BuildReadingStop> { .failure(.refused("\(line) runs dotnet run, which builds with the SDK at start; \(why)")) }
        let stage = app.stage
        if let copy = stage.instructions[(app.buildIndex + 1)...].first(where: { ($0.kind == .copy || $0.kind == .add) }) {
            return refuse("\(copy.keyword) on line \(copy.startLine) brings files after the last RUN, so the builder would publish without them")
        }
        // Its options.
        var args = Array(argv.dropFirst(2))
        var forwarded: [String] = []
        var projectArg: String?
        var noLaunchProfile = false
        var configuration = "Debug"
        while !args.isEmpty {
            let a = args.removeFirst()
            if a == "--" { forwarded += args; break }
            if a.contains("$") { return refuse("\(a) is computed when the container starts") }
            switch a {
            case "--no-launch-profile": noLaunchProfile = true
            case "--no-restore", "--no-build": continue
            case "--project":
                guard !args.isEmpty else { return refuse("--project has no value") }
                projectArg = args.removeFirst()
            case "-c", "--configuration":
                guard !args.isEmpty else { return refuse("\(a) has no value") }
                configuration = args.removeFirst()
            case "--urls":
                guard !args.isEmpty else { return refuse("--urls has no value") }
                forwarded += [a, args.removeFirst()]
            default:
                if a.hasPrefix("--urls=") { forwarded.append(a); continue }
                return refuse("its argument \(a) is not one dockslim knows to mean the same for the published program")
            }
        }
        guard let context = app.context else { return refuse("the build context is not at hand, so the project it runs is not known") }
        let chain = app.input.file.baseChain(of: stage)
        let placements = ContextPlacements(chain: chain, file: app.input.file, states: app.input.states, context: context)
        guard let folder = placements.contextPath(of: workdir) else { return refuse("\(workdir) is not one folder of the build context (its files come from several copies, or from none), so which project it runs is not known") }
        let projectPath: String
        if let named = projectArg {
            let resolved = DotNetProject.resolve(named, from: folder)
            let inside = context.has(resolved) ? [resolved] : DotNetProject.projectFiles(in: context, folder: resolved)
            guard inside.count == 1 else { return refuse("--project \(named) names no single project of the build context") }
            projectPath = inside[0]
        } else {
            let projects = DotNetProject.projectFiles(in: context, folder: folder)
            guard projects.count == 1 else {
                return refuse("\(workdir) holds \(projects.isEmpty ? "no project file" : "several project files (\(projects.joined(separator: ", ")))") in the build context")
            }
            projectPath = projects[0]
        }
        guard let text = context.text(projectPath) else { return refuse("\(projectPath) was not read") }
        let project = DotNetProject(path: projectPath, text: text)
        let launch = project.folder + "Properties/launchSettings.json"
        if !noLaunchProfile, context.has(launch) {
            return refuse("it applies the launch profile of \(launch) (its environment and URLs), which the published program would not (add --no-launch-profile, or set them with ENV)")
        }
        guard project.targetFrameworks.count == 1, let version = DotNetProject.version(ofFramework: project.targetFrameworks[0]) else {
            return refuse("\(projectPath) targets \(project.targetFrameworks.joined(separator: ", ")), not one .NET version")
        }
        guard version == sdkVersion else { return refuse("\(projectPath) targets .NET \(version), and the builder's SDK is .NET \(sdkVersion)") }
        guard let assembly = project.assemblyName, project.property("RuntimeIdentifier") == nil, project.property("OutputPath") == nil else {
            return refuse("\(projectPath) computes its assembly name, or sets its own output or runtime")
        }
        if configuration == "Debug", let why = debugOnlyCode(context, project: project) {
            return refuse("\(why): dotnet run builds Debug, and a published Release build leaves that out")
        }
        guard let builderFolder = app.workdir(before: app.buildIndex + 1),
              let builderContext = ContextPlacements(chain: chain, file: app.input.file, states: app.input.states, context: context,
                                                     lastStage: 0..<(app.buildIndex + 1)).contextPath(of: builderFolder),
              builderContext.isEmpty || projectPath.hasPrefix(builderContext + "/") else {
            return refuse("the builder's folder does not hold \(projectPath)")
        }
        let relative = builderContext.isEmpty ? projectPath : String(projectPath.dropFirst(builderContext.count + 1))
        guard !relative.contains(" "), !reading.publishes.contains(where: { $0.output == DotNetBuild.runPublishFolder }) else {
            return refuse("the publish dockslim would add cannot be written plainly")
        }
        var plan = base
        let output = DotNetBuild.runPublishFolder
        let config = configuration == "Debug" ? "Release" : configuration
        plan.builderAppend = ["RUN dotnet publish \(relative) -c \(config) -o \(output)"]
        plan.artifacts = [Artifact(output)]
        plan.entryReplacement = EntryReplacement(entry, "\(entry.keyword) " + AppStage.json(["dotnet", Paths.join(output, assembly + ".dll")] + forwarded))
        plan.notes.append("\(line): dotnet run becomes the published \(assembly).dll (built \(config), as dotnet publish does, in \(output)); it runs in \(workdir) as before, its content root")
        return .success(plan)
    }

    /// Code a Release build compiles differently: `#if DEBUG`, `Debug.Assert`, `[Conditional("DEBUG")]`,
    /// or a project file that tests the configuration.
    static func debugOnlyCode(_ context: BuildContext, project: DotNetProject) -> String? {
        if project.text.contains("$(Configuration)") { return "\(project.path) tests $(Configuration)" }
        for file in context.files(under: project.folder) where file.hasSuffix(".cs") && !SourceFiles.inFolder(String(file.dropFirst(project.folder.count)), ["bin", "obj"]) {
            guard let text = context.text(file) else { return "\(file) was not read" }
            for marker in ["#if DEBUG", "#if !DEBUG", "#elif DEBUG", "Debug.Assert", "Debug.Write", "Conditional(\"DEBUG\")"] where text.contains(marker) {
                return "\(file) has \(marker)"
            }
        }
        return nil
    }
}
