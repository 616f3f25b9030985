import DockerfileModel

/// One `dotnet publish` of a builder, read with its options and the project
/// it publishes: where the output goes, for which runtime, self-contained or not.
///
/// Sources: Microsoft Learn "dotnet publish" (`-o`, `-c`, `-r`,
/// `--self-contained`, `-p:Name=Value`; without `-o` the output is
/// `bin/<Configuration>/<TFM>/[<RID>/]publish/` under the project; from the
/// .NET 8 SDK on, Release is the default configuration and a RID no longer
/// implies self-contained; before, Debug, and `-r` published self-contained).
package struct DotNetPublish: Sendable {
    package let project: DotNetProject
    /// The absolute output folder in the builder.
    package let output: String
    package let configuration: String
    package let runtimeIdentifier: String?
    package let selfContained: Bool
    package let singleFile: Bool
    /// The assembly's name (`-p:AssemblyName=` wins over the project's).
    package let assemblyName: String
    /// The .NET version of its target framework.
    package let version: String
    package let run: Instruction

    /// Options that take the next word as their value.
    static let valueOptions: Set<String> = ["-c", "--configuration", "-o", "--output", "-r", "--runtime", "-f", "--framework", "-v", "--verbosity",
                                            "--version-suffix", "--source", "-s", "--manifest"]

    /// Reads `dotnet publish …` run in `folder` (absolute), whose context folder is `contextFolder`.
    static func read(_ words: [String], run: Instruction, folder: String, contextFolder: String?, context: BuildContext?, sdkVersion: String) -> Result<DotNetPublish, Why> {
        let line = "RUN on line \(run.startLine)"
        if let variable = words.first(where: { $0.contains("$") }) {
            return .failure(Why("\(line): dotnet publish takes \(variable), whose value dockslim does not follow"))
        }
        var args = Array(words.dropFirst(2))
        var positional: [String] = []
        var options: [String: String] = [:]
        var properties: [String: String] = [:]
        var selfContainedFlag: Bool?
        while !args.isEmpty {
            let a = args.removeFirst()
            let (name, inline) = a.hasPrefix("-") && a.contains("=") && !a.hasPrefix("-p:") && !a.hasPrefix("/p:") && !a.hasPrefix("--property:")
                ? (String(a.prefix { $0 != "=" }), Optional(String(a.drop { $0 != "=" }.dropFirst()))) : (a, nil)
            if name.hasPrefix("-p:") || name.hasPrefix("/p:") || name.hasPrefix("--property:") || name == "-p" || name == "--property" {
                let body = name.contains(":") ? String(name.drop { $0 != ":" }.dropFirst()) : (args.isEmpty ? "" : args.removeFirst())
                for pair in body.split(separator: ";") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    guard kv.count == 2 else { return .failure(Why("\(line): dotnet publish sets a property dockslim cannot read (\(a))")) }
                    properties[kv[0]] = kv[1]
                }
                continue
            }
            switch name {
            case "--self-contained", "--sc":
                if let v = inline ?? (args.first.flatMap { ["true", "false"].contains($0.lowercased()) ? $0 : nil }) {
                    if inline == nil { args.removeFirst() }
                    selfContainedFlag = v.lowercased() == "true"
                } else {
                    selfContainedFlag = true
                }
            case "--no-self-contained": selfContainedFlag = false
            case "--no-restore", "--no-build", "--nologo", "--no-dependencies", "--force", "--disable-build-servers", "--interactive":
                continue
            case "-a", "--arch", "--os", "--ucr", "--use-current-runtime":
                return .failure(Why("\(line): dotnet publish \(name) picks the runtime of the machine that builds, which dockslim does not know"))
            default:
                if Self.valueOptions.contains(name) {
                    guard let v = inline ?? (args.isEmpty ? nil : args.removeFirst()) else { return .failure(Why("\(line): \(name) has no value")) }
                    options[["-c": "--configuration", "-o": "--output", "-r": "--runtime", "-f": "--framework", "-v": "--verbosity", "-s": "--source"][name] ?? name] = v
                } else if name.hasPrefix("-") {
                    return .failure(Why("\(line): dotnet publish \(name) is an option dockslim does not know"))
                } else {
                    positional.append(a)
                }
            }
        }
        guard positional.count <= 1 else { return .failure(Why("\(line): dotnet publish names several projects")) }
        guard let context, let contextFolder else {
            return .failure(Why("\(line): the project dotnet publish builds is not known (the build context is not at hand, or \(folder) is not a folder of it)"))
        }
        // The project: named, or the one project file of the folder.
        let projectPath: String
        if let named = positional.first {
            let resolved = DotNetProject.resolve(named.replacing("\\", with: "/"), from: contextFolder)
            if named.hasSuffix(".sln") || named.hasSuffix(".slnx") {
                return .failure(Why("\(line): dotnet publish builds the solution \(named); which of its projects is the program is not known (publish the project)"))
            }
            if context.has(resolved) { projectPath = resolved } else {
                let inside = DotNetProject.projectFiles(in: context, folder: resolved)
                guard inside.count == 1 else { return .failure(Why("\(line): dotnet publish \(named): the build context has \(inside.isEmpty ? "no such project" : "several projects there")")) }
                projectPath = inside[0]
            }
        } else {
            let projects = DotNetProject.projectFiles(in: context, folder: contextFolder)
            let solutions = DotNetProject.solutionFiles(in: context, folder: contextFolder)
            guard projects.count == 1, solutions.isEmpty else {
                let what = projects.count + solutions.count == 0 ? "no project file" : "\((projects + solutions).joined(separator: ", "))"
                return .failure(Why("\(line): dotnet publish builds what \(folder) holds, and the build context has \(what) there; name the project"))
            }
            projectPath = projects[0]
        }
        guard let text = context.text(projectPath) else { return .failure(Why("\(line): \(projectPath) was not read")) }
        let project = DotNetProject(path: projectPath, text: text)
        // The framework.
        var frameworks = project.targetFrameworks
        if let f = options["--framework"] { frameworks = [f] }
        guard frameworks.count == 1, let tfm = frameworks.first else {
            return .failure(Why("\(line): \(projectPath) targets \(frameworks.isEmpty ? "no framework dockslim can read" : frameworks.joined(separator: ", ")); publish one (-f)"))
        }
        guard let version = DotNetProject.version(ofFramework: tfm) else {
            return .failure(Why("\(line): \(projectPath) targets \(tfm), which no Linux .NET runtime image runs"))
        }
        guard version == sdkVersion else {
            return .failure(Why("\(line): \(projectPath) targets \(tfm), and the builder's SDK is .NET \(sdkVersion): the runtime image must be .NET \(version)'s, which dockslim does not choose for another SDK (build on sdk:\(version))"))
        }
        for p in ["AssemblyName", "RuntimeIdentifier", "SelfContained", "PublishSingleFile", "OutputPath", "PublishDir", "BaseOutputPath"] where project.isConditional(p) {
            return .failure(Why("\(line): \(projectPath) sets \(p) under a condition, so its value depends on the build"))
        }
        if properties["PublishAot"]?.lowercased() == "true" || project.property("PublishAot")?.lowercased() == "true" {
            return .failure(Why("\(line): \(projectPath) publishes native AOT, whose native libraries dockslim does not place"))
        }
        if project.property("PublishDir") != nil || project.property("OutputPath") != nil || properties["PublishDir"] != nil {
            return .failure(Why("\(line): \(projectPath) moves its output folder (PublishDir, OutputPath)"))
        }
        guard let assembly = properties["AssemblyName"] ?? project.assemblyName else {
            return .failure(Why("\(line): \(projectPath) computes its AssemblyName"))
        }
        let major = Int(version.prefix { $0 != "." }) ?? 0
        let rid = options["--runtime"] ?? properties["RuntimeIdentifier"] ?? project.property("RuntimeIdentifier")
        let singleFile = (properties["PublishSingleFile"] ?? project.property("PublishSingleFile"))?.lowercased() == "true"
        let declared = (properties["SelfContained"] ?? project.property("SelfContained")).map { $0.lowercased() == "true" }
        let selfContained = selfContainedFlag ?? declared ?? (rid != nil && major < 8)
        let configuration = options["--configuration"] ?? (major >= 8 ? "Release" : "Debug")
        let output: String
        if let o = options["--output"] {
            output = Paths.join(folder, o)
        } else {
            // The project's folder in the builder: the build folder plus the project's place below it.
            let below = String(project.folder.dropFirst(min(project.folder.count, contextFolder.isEmpty ? 0 : contextFolder.count + 1)))
            guard project.folder.hasPrefix(contextFolder) else { return .failure(Why("\(line): \(projectPath) lies outside \(folder)")) }
            output = Paths.join(Paths.join(folder, below), "bin/\(configuration)/\(tfm)" + (rid.map { "/" + $0 } ?? "") + "/publish")
        }
        return .success(DotNetPublish(project: project, output: output, configuration: configuration, runtimeIdentifier: rid, selfContained: selfContained,
                                      singleFile: singleFile, assemblyName: assembly, version: version, run: run))
    }
}
