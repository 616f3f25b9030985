import DockerfileModel

/// The runtime image of a .NET app built on the SDK: the same version's
/// `aspnet` (an ASP.NET Core app), `runtime` (another framework-dependent
/// app) or `runtime-deps` (a self-contained app), in the SDK's flavour
/// (`to=slim`), or the Ubuntu chiseled variant (`to=distroless`,
/// `family=microsoft`): no shell, user `app` (1654) by default, and
/// `-extra` (ICU, tzdata) unless the app is globalization-invariant and
/// reads no time zone. Sources: `DotnetImages`; dotnet/dotnet-docker
/// `src/runtime/8.0/noble-chiseled/amd64/Dockerfile` (@151789462: ENTRYPOINT
/// `/usr/bin/dotnet`, CMD `--info`).
enum DotNetRuntime {
    static func choose(_ builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        guard let build = builds.first else { return .notApplicable("no builder") }
        let ref = build.builderImage
        guard let version = DotNet.sdkVersion(ref) else { return .refused("not moved: \(ref.original) is not an SDK image whose runtime images dockslim knows") }
        // The publish the runtime stage copies, read from the builder.
        guard case .success(let app) = AppStage.read(input.reading(build.stage, requireEntry: false), image: ref, name: ".NET"),
              case .success(let reading) = DotNetBuild.scan(app, sdkVersion: version) else {
            return .refused("not moved: the builder's publish could not be read")
        }
        let copied = Set(input.stage.instructions.filter { $0.kind == .copy && $0.flag("from") != nil }.flatMap { $0.argumentStrings.dropLast() }.map { Paths.join("/", $0) })
        let publishes = reading.publishes.filter { copied.contains($0.output) }
        guard let publish = publishes.last else { return .refused("not moved: the runtime stage copies no folder the builder publishes") }
        guard let entry = input.stage.instructions.last(where: { $0.kind == .entrypoint }) ?? input.stage.instructions.last(where: { $0.kind == .cmd }),
              let argv = AppStage.argv(entry), let first = argv.first else {
            return .refused("not moved: the runtime stage's command is not one dockslim can read")
        }
        let runsDotnet = first == "dotnet" || first == "/usr/bin/dotnet"
        if publish.selfContained == runsDotnet {
            return .refused("not moved: \(entry.keyword) on line \(entry.startLine) \(runsDotnet ? "runs a self-contained app with dotnet" : "does not run dotnet, and the app is framework-dependent")")
        }
        let web = publish.project.isWeb || publish.project.text.contains("Microsoft.AspNetCore.App")
        let repository = publish.selfContained ? "runtime-deps" : (web ? "aspnet" : "runtime")
        let what = publish.selfContained ? "a self-contained app" : (web ? "an ASP.NET Core app" : "a .NET app")
        let musl = ImageCatalog.libc(of: ref) == .musl || (ref.tag ?? "").contains("alpine")
        var move: RuntimeMove
        switch target {
        case .scratch:
            return .notApplicable("not moved to scratch: a .NET app needs its runtime and libraries")
        case .alpine:
            return .notApplicable("not moved to Alpine: dotnet-runtime keeps the SDK's flavour, Alpine's when the SDK is")
        case .slim:
            guard let (tagged, _) = DotnetImages.runtimeTag(ofSDK: ref, repository: repository) else {
                return .refused("not moved: \(ref.original)'s flavour has no \(repository) image dockslim knows")
            }
            let image = options.image.map { $0 + ":" + (options.tag ?? String(tagged.split(separator: ":").last!)) }
                ?? options.tag.map { "mcr.microsoft.com/dotnet/\(repository):\($0)" } ?? tagged
            if let why = ridProblem(publish, musl: musl) { return .refused("not moved: \(why)") }
            move = RuntimeMove(image: image, program: publish.selfContained ? .binary(programs: [Paths.join(publish.output, publish.assemblyName)]) : .interpreter,
                               hasShell: true, users: ["root", "app"],
                               reason: "\(what) of .NET \(version) runs on \(image), the runtime of the SDK's version and flavour, without the SDK")
            move.tools = musl ? ImageCommands.alpine : ImageCommands.debianSlim
        case .distroless:
            guard options.family == .microsoft || options.image != nil else {
                return .refused("not moved: .NET's small images are Microsoft's chiseled ones (family=microsoft)")
            }
            guard (Int(version.prefix { $0 != "." }) ?? 0) >= 8 else {
                return .refused("not moved: .NET \(version) has no Ubuntu 24.04 chiseled image (dotnet-runtime moves it to its own runtime image)")
            }
            if publish.selfContained, let why = ridProblem(publish, musl: false) { return .refused("not moved: \(why)") }
            let extra = needsExtra(publish, context: input.context)
            let tag = options.tag ?? "\(version)-noble-chiseled" + (extra == nil ? "" : "-extra")
            let image = (options.image ?? "mcr.microsoft.com/dotnet/\(repository)") + ":" + tag
            if let why = writeProblem(input, image: image) { return .refused("not moved: \(why)") }
            move = RuntimeMove(image: image, program: publish.selfContained ? .binary(programs: [Paths.join(publish.output, publish.assemblyName)]) : .interpreter,
                               hasShell: false, users: ["root", "app"],
                               reason: "\(what) of .NET \(version) runs on \(image): Ubuntu chiseled, without shell or package manager, as the user app (uid 1654)")
            if !publish.selfContained {
                move.entryPrefix = ["dotnet"]
                move.interpreterPath = "/usr/bin/dotnet"
            }
            if let extra { move.info.append("\(image): the -extra variant, with ICU and tzdata, because \(extra)") }
        }
        if move.image == input.stage.resolvedBase { return .alreadyThere("the runtime stage is already on \(move.image)") }
        // The SDK of .NET 6 and 7 empties ASPNETCORE_URLS, which their runtime images set: the app listens where it did.
        if !DotNetBuild.listeningEnvSet(input.stage), !DotNetBuild.listeningEnv(version: version).isEmpty {
            move.setup = DotNetBuild.listeningEnv(version: version)
            move.setupReason = "\(ref.original) sets ASPNETCORE_URLS empty, and \(move.image) sets it to http://+:80: the app keeps listening where it did"
        }
        return .move(move)
    }

    /// A self-contained app is built for one C library: linux-musl RIDs for Alpine, the others for glibc.
    static func ridProblem(_ publish: DotNetPublish, musl: Bool) -> String? {
        guard publish.selfContained else { return nil }
        guard let rid = publish.runtimeIdentifier else { return "the self-contained publish names no runtime identifier" }
        guard rid.hasPrefix("linux-") else { return "the app is published for \(rid), not Linux" }
        if rid.hasPrefix("linux-musl") != musl {
            return "the app is published for \(rid), and the runtime image's C library is \(musl ? "musl" : "glibc")"
        }
        return nil
    }

    /// Why the app needs the `-extra` chiseled image (ICU and tzdata), if it does.
    static func needsExtra(_ publish: DotNetPublish, context: BuildContext?) -> String? {
        if !publish.project.invariantGlobalization {
            return "\(publish.project.path) does not set InvariantGlobalization, so the app uses ICU's cultures"
        }
        guard let context else { return "the build context is not at hand to show the app reads no time zone" }
        for file in context.files(under: publish.project.folder) where file.hasSuffix(".cs") {
            if let text = context.text(file), text.contains("TimeZoneInfo.FindSystemTimeZoneById") || text.contains("TimeZoneInfo.TryFindSystemTimeZoneById") {
                return "\(file) reads time zones from tzdata"
            }
        }
        return nil
    }

    /// The chiseled image runs as `app`, who cannot write where root made the
    /// folders; the stage may name root itself.
    static func writeProblem(_ input: StageInput, image: String) -> String? {
        if let user = input.stage.instructions.last(where: { $0.kind == .user }), let name = user.argumentStrings.first?.split(separator: ":").first,
           name == "root" || name == "0" {
            return nil
        }
        guard let context = input.context else { return "the build context is not at hand to show what the app writes, and \(image) runs as the user app" }
        guard let found = DotNet().findings(in: context) else { return nil }
        if let write = found.writes.first {
            return "\(write.evidence) writes \(write.path), and \(image) runs as the user app (uid 1654), who cannot write the folders root made"
        }
        if let open = found.unknowns.first(where: { $0.kind == .computedPath }) {
            return "what the app writes is not known (\(open.reason)\(open.evidence.map { ", \($0)" } ?? "")), and \(image) runs as the user app (uid 1654)"
        }
        return nil
    }
}
