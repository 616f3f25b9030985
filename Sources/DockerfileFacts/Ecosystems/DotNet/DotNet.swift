import DockerfileModel

extension Language {
    package static let dotnet = Language(rawValue: "dotnet")
}

/// .NET: Microsoft's SDK images (`mcr.microsoft.com/dotnet/sdk`, and the
/// retired `mcr.microsoft.com/dotnet/core/sdk`, `microsoft/dotnet`,
/// `microsoft/aspnetcore-build` names) build with `dotnet restore`,
/// `build` and `publish`; the runtimes are the same version's `aspnet`
/// (ASP.NET Core apps: the project's SDK is `Microsoft.NET.Sdk.Web`),
/// `runtime` (other apps) and `runtime-deps` (self-contained apps), in the
/// SDK's flavour, or their Ubuntu chiseled variants (`-noble-chiseled`,
/// `-extra` with ICU and tzdata). A split keeps the builder's .NET version,
/// supported or not. Image facts: `DotnetImages`.
package struct DotNet: Ecosystem {
    package let language = Language.dotnet
    package let name = ".NET"
    package let recipes = ["dotnet-runtime", "dotnet-chiseled"]
    package let sourceExtensions: Set<String> = ["cs", "fs", "vb"]
    /// What only builds: sources and project files, and the build's own output folders.
    package let buildInputs = ["**/*.cs", "**/*.csproj", "**/*.fs", "**/*.fsproj", "**/*.vb", "**/*.vbproj", "**/*.sln", "**/bin", "**/obj",
                               "**/Properties/launchSettings.json", "nuget.config", "NuGet.Config", "global.json", "Directory.Build.props",
                               "Directory.Packages.props"]

    package init() {}

    package func readSources(_ context: BuildContext) -> SourceFindings? { DotNetSources.read(context) }

    /// Repositories of the SDK, as `repository` (without registry) or `registry/repository`.
    static let sdkRepositories: Set<String> = ["mcr.microsoft.com/dotnet/sdk", "mcr.microsoft.com/dotnet/core/sdk", "microsoft/aspnetcore-build"]
    static let runtimeRepositories: Set<String> = ["mcr.microsoft.com/dotnet/aspnet", "mcr.microsoft.com/dotnet/runtime", "mcr.microsoft.com/dotnet/runtime-deps",
                                                   "mcr.microsoft.com/dotnet/core/aspnet", "mcr.microsoft.com/dotnet/core/runtime",
                                                   "mcr.microsoft.com/dotnet/core/runtime-deps", "microsoft/aspnetcore"]

    static func fullName(_ ref: ImageReference) -> String {
        (ref.registry.map { $0 + "/" } ?? "") + ref.repository.lowercased()
    }

    package func role(of image: ImageReference) -> ImageRole? {
        let name = Self.fullName(image)
        if Self.sdkRepositories.contains(name) { return .toolchain }
        if Self.runtimeRepositories.contains(name) { return .runtime }
        // microsoft/dotnet: `latest` and `X.Y-sdk` were the SDK, `X.Y-runtime`, `-aspnetcore-runtime`, `-runtime-deps` the runtimes.
        if name == "microsoft/dotnet" || name == "docker.io/microsoft/dotnet" {
            let tag = image.tag ?? "latest"
            return tag.contains("runtime") ? .runtime : .toolchain
        }
        return nil
    }

    /// The SDK's `<major>.<minor>` when the image is `mcr.microsoft.com/dotnet/sdk` of a version the catalogue knows.
    static func sdkVersion(_ ref: ImageReference) -> String? {
        DotnetImages.runtimeTag(ofSDK: ref, repository: "aspnet")?.line
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        guard words.first == "dotnet", let sub = words.dropFirst().first else { return false }
        return ["restore", "build", "publish"].contains(sub)
    }

    // MARK: Build

    package func readBuild(_ input: StageInput) -> BuildReading {
        guard case .image(let ref) = input.stage.base, let role = role(of: ref) else { return .notMine }
        guard role == .toolchain else { return .nothingToBuild("the stage is on \(ref.original), a .NET runtime image: it builds nothing") }
        let app: AppStage
        switch AppStage.read(input, image: ref, name: name) {
        case .success(let a): app = a
        case .failure(let stop): return stop.reading
        }
        guard let version = Self.sdkVersion(ref) else {
            return .refused("\(ref.original) is not an SDK image whose runtime images dockslim's catalogue knows (mcr.microsoft.com/dotnet/sdk:6.0 to 10.0, with a version in the tag)")
        }
        switch DotNetBuild.read(app, sdkVersion: version) {
        case .success(let plan): return .plan(plan)
        case .failure(let stop): return stop.reading
        }
    }

    // MARK: Dependencies and caches

    /// NuGet's settings and MSBuild's shared files beside the project, which a restore reads when they are there.
    static let restoreFiles = ["nuget.config", "NuGet.Config", "Directory.Build.props", "Directory.Packages.props", "global.json"]

    /// `dotnet restore App.csproj` with flags only: the project file and
    /// NuGet's and MSBuild's shared files. A bare `dotnet restore` restores
    /// whatever project or solution the folder holds, which the manifests'
    /// names cannot say.
    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard words.first == "dotnet", words.dropFirst().first == "restore" else { return .none }
        let args = Array(words.dropFirst(2))
        let targets = args.filter { !$0.hasPrefix("-") }
        if args.contains(where: { $0.hasPrefix("-") && !["--no-cache", "--force", "--locked-mode", "--nologo"].contains($0) }) {
            return .refuse("dotnet restore takes options dockslim does not carry (\(args.filter { $0.hasPrefix("-") }.joined(separator: " ")))")
        }
        guard targets.count == 1, let project = targets.first, project.hasSuffix(".csproj") || project.hasSuffix(".fsproj"), !project.contains("/"),
              !project.contains("\\"), !project.contains("$") else {
            return .refuse("dotnet restore \(targets.joined(separator: " ")) restores what the folder holds (a solution's projects are in their folders); dockslim hoists only `dotnet restore App.csproj` of a project at the folder's top")
        }
        return .install(DependencyInstall(ecosystem: "nuget", required: [project], optional: Self.restoreFiles,
                                          optionalPatterns: Self.restoreFiles.map { String($0.dropLast()) + "[\($0.last!)]" }))
    }

    /// A project that references other projects needs their project files at their own paths.
    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? {
        guard install.ecosystem == "nuget", let path = install.required.first, let text = context.text(path) else { return nil }
        let project = DotNetProject(path: path, text: text)
        if let reference = project.projectReferences.first {
            return "\(path) references \(reference), whose project file the restore needs at its own path"
        }
        if text.contains("<Import ") { return "\(path) imports other MSBuild files" }
        return nil
    }

    /// NuGet's global packages folder, `~/.nuget/packages` (root's in the SDK
    /// image), unless `NUGET_PACKAGES` or `--packages` moves it (Microsoft
    /// Learn "Managing the global packages, cache, and temp folders").
    package func cacheMounts(_ words: [String], environment e: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard words.first == "dotnet", let sub = words.dropFirst().first, ["restore", "build", "publish", "test"].contains(sub) else { return .none }
        if sub != "restore", words.contains("--no-restore") { return .none }
        if e["NUGET_PACKAGES"] != nil || words.contains(where: { $0 == "--packages" || $0.hasPrefix("--packages=") }) {
            return .skip("NuGet's packages folder is moved (NUGET_PACKAGES or --packages)")
        }
        if let home = e["HOME"], home != "/root" { return .skip("HOME is \(home), so where NuGet keeps packages is not root's") }
        return .mounts([CacheMount("/root/.nuget/packages")])
    }

    package func isToolchainVariable(_ name: String) -> Bool {
        ["DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "NUGET_XMLDOC_MODE", "NUGET_PACKAGES",
        ].contains(name)
    }

    // MARK: Runtime

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        DotNetRuntime.choose(builds, in: input, target: target, options: options)
    }

    /// On a chiseled image, whose ENTRYPOINT is `/usr/bin/dotnet`, CMD loses `dotnet`.
    package func command(_ argv: [String], of instruction: Instruction, on move: RuntimeMove, entrypointSet: Bool) -> CommandChange {
        InterpreterCommand.stripPrefix(argv, of: instruction, on: move, entrypointSet: entrypointSet)
    }
}
