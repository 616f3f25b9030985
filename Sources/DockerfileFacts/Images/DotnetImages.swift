import DockerfileModel

/// Microsoft's .NET images (`mcr.microsoft.com/dotnet/runtime-deps|runtime|aspnet|sdk`).
/// The catalogue writes the Ubuntu 24.04 chiseled tags (`10.0-noble-chiseled`),
/// Microsoft's distroless flavour; `-extra` adds ICU and tzdata for apps
/// that are not globalization-invariant.
///
/// Sources: dotnet/dotnet-docker `src/runtime-deps/10.0/noble-chiseled/amd64/Dockerfile`
/// (@050a351859bd: FROM scratch with the chisel slices of libc6, libgcc-s1,
/// libssl3t64, libstdc++6 and ca-certificates; user `app`, uid 1654, shell
/// /bin/false, `USER $APP_UID`; ENV APP_UID=1654, ASPNETCORE_HTTP_PORTS=8080,
/// DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true; no PATH, WORKDIR or ENTRYPOINT);
/// `src/runtime/10.0/noble-chiseled/amd64/Dockerfile` (@0301ab6790cd:
/// ENTRYPOINT `/usr/bin/dotnet`, CMD `--info`; the stored copy is of 10.0 RC2)
/// and `src/aspnet/10.0/noble-chiseled/amd64/Dockerfile` (adds ASP.NET Core
/// to runtime); `README.aspnet.md` (@00173ed650e5, mid-2025: the 8.0 and 9.0
/// noble-chiseled and -extra tags; distroless images are non-root, without
/// shell or package manager); `src/runtime-deps/10.0/trixie-slim/amd64/Dockerfile`
/// (@03d32b15bf53: the Debian images create `app` (1654) but set no USER).
/// End of support: .NET 8 and 9 on 2026-11-10, .NET 10 on 2028-11-14
/// (docker-hardened-images/catalog `image/dotnet/*/*.yaml` dates, Microsoft's policy).
enum DotnetImages {
    private static let versions: [(line: String, support: ImageSupport)] = [
        ("10.0", .supported(until: "2028-11-14")),
        ("9.0", .endOfLife(since: "2026-11-10", replacement: nil)),
        ("8.0", .endOfLife(since: "2026-11-10", replacement: nil)),
    ]
    private static let app = ImageUser(name: "app", uid: 1654)
    private static let chiseledSource = "dotnet/dotnet-docker src/{runtime-deps,runtime,aspnet}/10.0/noble-chiseled/amd64/Dockerfile "
        + "(@050a351859bd, @0301ab6790cd), README.aspnet.md (@00173ed650e5)"

    /// A chiseled image: `repository` is `runtime-deps`, `runtime` or `aspnet`.
    static func chiseled(_ repository: String, line: String, flavor: String = "noble-chiseled", tag: String? = nil) -> RuntimeImage? {
        guard let support = versions.first(where: { $0.line == line })?.support else { return nil }
        let runs = repository != "runtime-deps"
        var imageSupport = support
        if case let .endOfLife(since, _) = support {
            imageSupport = .endOfLife(since: since, replacement: "mcr.microsoft.com/dotnet/\(repository):10.0-\(flavor)")
        }
        return RuntimeImage(
            reference: "mcr.microsoft.com/dotnet/\(repository):\(tag ?? "\(line)-\(flavor)")", family: .microsoft, libc: .glibc,
            libraries: [.libgcc, .libstdcxx, .openssl], shell: nil, user: app, workdir: "/", path: nil,
            entrypoint: runs ? ["/usr/bin/dotnet"] : nil, command: runs ? ["--info"] : nil,
            runtime: runs ? LanguageRuntime(language: "dotnet", version: line) : nil, support: imageSupport,
            builder: "mcr.microsoft.com/dotnet/sdk:\(line)", source: chiseledSource)
    }

    /// The support of every .NET version whose Linux images Microsoft
    /// published under `mcr.microsoft.com/dotnet/` (6.0 and 7.0 still pull, out
    /// of support): .NET 6 ended on 2024-11-12 and .NET 7 on 2024-05-14
    /// (Microsoft's .NET and .NET Core support policy); 8.0–10.0 as above.
    package static func support(line: String) -> ImageSupport? {
        if let known = versions.first(where: { $0.line == line })?.support { return known }
        switch line {
        case "7.0": return .endOfLife(since: "2024-05-14", replacement: nil)
        case "6.0": return .endOfLife(since: "2024-11-12", replacement: nil)
        default: return nil
        }
    }

    /// The runtime image of an SDK tag: the same `<major>.<minor>` and flavour
    /// (`sdk:8.0` → `aspnet:8.0`, `sdk:8.0.204-alpine` → `aspnet:8.0-alpine`).
    /// Every Linux SDK image is built `FROM` the aspnet image of its version
    /// and flavour (dotnet/dotnet-docker `src/sdk/8.0/bookworm-slim/amd64/Dockerfile`
    /// @37ed8d19b14b: `ARG REPO=mcr.microsoft.com/dotnet/aspnet`, `FROM
    /// $REPO:8.0.4-bookworm-slim-amd64`; `src/sdk/6.0/bookworm-slim/amd64/Dockerfile`
    /// @8eaf5912bcac likewise), and aspnet on runtime, runtime on
    /// runtime-deps: so the three exist for every flavour the SDK has.
    /// The `-aot` SDK flavours are not built on aspnet: `nil`.
    /// `repository`: `aspnet`, `runtime` or `runtime-deps`.
    package static func runtimeTag(ofSDK ref: ImageReference, repository: String) -> (image: String, line: String)? {
        guard ref.registry == "mcr.microsoft.com", ref.repository == "dotnet/sdk", let tag = ref.tag else { return nil }
        let numbers = tag.prefix { $0.isNumber || $0 == "." }
        let parts = numbers.split(separator: ".")
        guard parts.count >= 2 else { return nil }
        let line = "\(parts[0]).\(parts[1])"
        let flavor = String(tag.dropFirst(numbers.count).drop { $0 == "-" })
        guard support(line: line) != nil, !flavor.contains("aot"), !flavor.contains("nanoserver"), !flavor.contains("windowsservercore") else { return nil }
        return ("mcr.microsoft.com/dotnet/\(repository):\(line)" + (flavor.isEmpty ? "" : "-" + flavor), line)
    }

    static let catalog = FamilyCatalog(
        staticBinary: chiseled("runtime-deps", line: "10.0"),
        dynamicBases: [chiseled("runtime-deps", line: "10.0")].compactMap { $0 },
        // aspnet carries the .NET runtime too, so it runs console apps as well as web ones.
        languageImages: versions.compactMap { chiseled("aspnet", line: $0.line) },
        name: "mcr.microsoft.com/dotnet")

    /// Facts of `mcr.microsoft.com/dotnet/{runtime-deps,runtime,aspnet}:<version>[-<flavor>]`.
    static func facts(of ref: ImageReference) -> RuntimeImage? {
        guard ref.registry == "mcr.microsoft.com", ref.repository.hasPrefix("dotnet/"), let tag = ref.tag else { return nil }
        let repository = String(ref.repository.dropFirst("dotnet/".count))
        guard ["runtime-deps", "runtime", "aspnet"].contains(repository) else { return nil }
        let numbers = tag.prefix { $0.isNumber || $0 == "." }
        let parts = numbers.split(separator: ".")
        guard parts.count >= 2 else { return nil }
        let line = "\(parts[0]).\(parts[1])"
        let flavor = tag.dropFirst(numbers.count).drop { $0 == "-" }
        if flavor.contains("chiseled") { return chiseled(repository, line: line, flavor: String(flavor), tag: tag) }
        guard !flavor.contains("distroless"), let support = support(line: line) else { return nil }
        let chiseledFacts = chiseled(repository, line: "10.0", tag: tag)!
        // The Debian, Ubuntu and Alpine tags run as root with a shell; that the runtime and
        // aspnet ones set no ENTRYPOINT is assumed (only runtime-deps' Debian Dockerfile was read).
        let alpine = flavor.hasPrefix("alpine")
        return RuntimeImage(
            reference: ref.original, family: alpine ? .alpine : .slim, libc: alpine ? .musl : .glibc,
            libraries: chiseledFacts.libraries, shell: "/bin/sh", user: .root, workdir: "/",
            path: ImageCatalog.standardPATH.split(separator: ":").map(String.init), entrypoint: nil, command: nil,
            runtime: repository == "runtime-deps" ? nil : LanguageRuntime(language: "dotnet", version: line), support: support,
            builder: "mcr.microsoft.com/dotnet/sdk:\(line)",
            source: "dotnet/dotnet-docker src/runtime-deps/10.0/trixie-slim/amd64/Dockerfile (@03d32b15bf53); "
                + "no ENTRYPOINT in the runtime and aspnet images assumed")
    }
}
