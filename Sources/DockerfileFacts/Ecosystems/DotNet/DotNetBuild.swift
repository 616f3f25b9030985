import DockerfileModel

/// Reads a .NET SDK stage: its `dotnet restore`/`build`/`publish` runs, the
/// project each publish builds, and the command that starts the program
/// (`dotnet App.dll` from a publish folder, a self-contained app's own
/// binary, or `dotnet run`, which becomes a publish in the builder and the
/// published dll at run time when nothing it does differs).
enum DotNetBuild {
    /// `dotnet` commands a builder may run: they stay in the builder.
    static let builderCommands: Set<String> = ["restore", "build", "test", "clean", "nuget", "--info", "--version", "--list-sdks"]

    /// Where the builder publishes for a `dotnet run` it replaces.
    static let runPublishFolder = "/publish"

    struct Reading {
        var publishes: [DotNetPublish] = []
        var built = false
        var packages: [String] = []
    }

    /// The stage's publishes, in order; the reason when a RUN does something dockslim does not carry.
    static func scan(_ app: AppStage, sdkVersion: String) -> Result<Reading, Why> {
        let runs: [AppStage.Run]
        switch app.runs() { case .success(let r): runs = r; case .failure(let w): return .failure(w) }
        var reading = Reading()
        let chain = app.input.file.baseChain(of: app.stage)
        for run in runs {
            guard var cwd = app.workdir(before: run.index) else { return .failure(Why("the folder RUN on line \(run.instruction.startLine) runs in is not known")) }
            for words in run.commands {
                guard let tool = words.first else { continue }
                if tool == "cd" {
                    guard words.count == 2, !words[1].contains("$") else { return .failure(Why("RUN on line \(run.instruction.startLine) changes folder in a way dockslim does not follow")) }
                    cwd = Paths.join(cwd, words[1])
                    continue
                }
                guard tool == "dotnet" else {
                    if AppStage.systemCommand(words, packages: &reading.packages) { continue }
                    return .failure(Why("RUN on line \(run.instruction.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                }
                let sub = words.dropFirst().first ?? ""
                if sub == "publish" {
                    let contextFolder = app.context.flatMap { context in
                        ContextPlacements(chain: chain, file: app.input.file, states: app.input.states, context: context, lastStage: 0..<run.index).contextPath(of: cwd)
                    }
                    switch DotNetPublish.read(words, run: run.instruction, folder: cwd, contextFolder: contextFolder, context: app.context, sdkVersion: sdkVersion) {
                    case .success(let p): reading.publishes.append(p)
                    case .failure(let w): return .failure(w)
                    }
                    continue
                }
                guard builderCommands.contains(sub) else {
                    return .failure(Why("RUN on line \(run.instruction.startLine) runs `dotnet \(sub)`, which dockslim does not carry into a runtime stage"))
                }
                if sub == "build" { reading.built = true }
            }
        }
        return .success(reading)
    }

    /// The plan of a stage on the SDK image.
    static func read(_ app: AppStage, sdkVersion: String) -> Result<BuildPlan, BuildReadingStop> {
        let reading: Reading
        switch scan(app, sdkVersion: sdkVersion) { case .success(let r): reading = r; case .failure(let w): return .failure(.refused(w.text)) }
        var plan = BuildPlan(language: .dotnet, stage: app.stage, builderImage: app.image, buildIndex: app.buildIndex,
                             artifacts: reading.publishes.map { Artifact($0.output) }, entry: app.entry, linking: .interpreted, packages: reading.packages)
        plan.runtimeEnv = listeningEnv(app, sdkVersion: sdkVersion)
        guard app.input.requireEntry else {
            guard !reading.publishes.isEmpty else { return .failure(.nothingToBuild("no RUN publishes the app (dotnet publish)")) }
            return .success(plan)
        }
        guard let entry = app.entry, let argv = AppStage.argv(entry), let first = argv.first else {
            return .failure(.refused("the CMD or ENTRYPOINT is not a command dockslim can read"))
        }
        let entryIndex = app.stage.instructions.firstIndex { $0 === entry }!
        guard let workdir = app.workdir(before: entryIndex) else { return .failure(.refused("the folder the program runs in is not known")) }
        let line = "\(entry.keyword) on line \(entry.startLine)"
        if let other = app.stage.instructions.first(where: { $0.kind == .cmd || $0.kind == .entrypoint }), other !== entry {
            return .failure(.refused("\(other.keyword) on line \(other.startLine) and \(line) together make the command"))
        }
        if first == "dotnet" || first == "/usr/bin/dotnet" {
            let sub = argv.dropFirst().first ?? ""
            if sub == "watch" { return .failure(.refused("\(line) runs dotnet watch, a development server that rebuilds the program with the SDK at run time")) }
            if sub == "run" { return DotNetRun.convert(app, plan: plan, argv: argv, entry: entry, workdir: workdir, reading: reading, sdkVersion: sdkVersion) }
            guard sub.hasSuffix(".dll") else { return .failure(.refused("\(line) runs `dotnet \(sub)`, an SDK command the runtime image does not have")) }
            let dll = Paths.join(workdir, sub)
            guard let publish = reading.publishes.last(where: { Paths.dirname(dll) == $0.output }) else {
                let made = reading.publishes.map(\.output).joined(separator: ", ")
                return .failure(.refused("\(line) runs \(dll), which is not in what dotnet publish writes\(made.isEmpty ? " (no RUN publishes the app)" : " (\(made))")"))
            }
            guard Paths.basename(dll) == publish.assemblyName + ".dll" else {
                return .failure(.refused("\(line) runs \(Paths.basename(dll)), but \(publish.project.path) builds \(publish.assemblyName).dll"))
            }
            if publish.selfContained { return .failure(.refused("\(line) runs a self-contained publish with dotnet; it starts with its own binary (\(publish.assemblyName))")) }
            plan.artifacts = [Artifact(publish.output)]
            return .success(plan)
        }
        // A self-contained app runs its own binary.
        let program = Paths.join(workdir, first)
        guard let publish = reading.publishes.last(where: { Paths.dirname(program) == $0.output }) else {
            return .failure(.refused("\(line) runs \(first), which is neither dotnet nor what dotnet publish writes"))
        }
        guard publish.selfContained, Paths.basename(program) == publish.assemblyName else {
            return .failure(.refused("\(line) runs \(first), but \(publish.project.path) publishes \(publish.selfContained ? publish.assemblyName : "a framework-dependent app, which dotnet runs")"))
        }
        plan.artifacts = [Artifact(publish.output)]
        return .success(plan)
    }

    /// The SDK images of .NET 6 and 7 empty `ASPNETCORE_URLS`, which their
    /// runtime images set to `http://+:80` (dotnet/dotnet-docker
    /// `src/sdk/6.0/bookworm-slim/amd64/Dockerfile` @8eaf5912: "Unset
    /// ASPNETCORE_URLS from aspnet base image"); from .NET 8 both listen on
    /// `ASPNETCORE_HTTP_PORTS=8080`. The runtime stage keeps the SDK's value,
    /// unless the stage sets its own.
    static func listeningEnv(version: String) -> [String] {
        (Int(version.prefix { $0 != "." }) ?? 8) < 8 ? ["ENV ASPNETCORE_URLS="] : []
    }

    /// Whether the stage sets ASPNETCORE_URLS itself.
    static func listeningEnvSet(_ stage: Stage) -> Bool {
        stage.instructions.contains { $0.kind == .env && $0.keyValues.contains { $0.name == "ASPNETCORE_URLS" } }
    }

    static func listeningEnv(_ app: AppStage, sdkVersion: String) -> [String] {
        listeningEnvSet(app.stage) ? [] : listeningEnv(version: sdkVersion)
    }
}
