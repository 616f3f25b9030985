import DockerfileModel

/// Chainguard's free images (`cgr.dev/chainguard/<name>`). Only `:latest`
/// (and `:latest-dev`, the builder with a shell and apk) is public; other
/// versions need an organization's registry (`cgr.dev/<org>/…`), which the
/// catalogue does not assume.
///
/// Sources: chainguard-images/images `images/<name>/locked_config.json`
/// (the public images' resolved apko configuration: accounts, run-as,
/// work-dir, entrypoint, environment, packages, tags), read for static
/// (@08a63d65e18e, packages dated 2026-09), glibc-dynamic (@01a36caf7237,
/// 2026-09), node (@00e2e7c62c21, 2026-05), python (@006310a3e2f8, 2026-06),
/// jre (@01cd0aacd4ed, 2026-07), aspnet-runtime (@00e2e7c62c21, 2026-05),
/// ruby (@019002b2fdb5, 2026-07) and php (@003dc4f4fa35, 2026-07): the
/// store's copies are a few months older than 2026-12-01, so the versions
/// behind `:latest` may have moved on. A work-dir of "" is apko's default,
/// `/`. `-dev` variants per edu.chainguard.dev "Chainguard's container variants"
/// and the locked configs' `devConfigs` (busybox, bash, apk-tools).
enum ChainguardImages {
    private static let nonroot = ImageUser(name: "nonroot", uid: 65532)
    private static let glibcCxx: Set<SharedLibrary> = [.libgcc, .libstdcxx]

    private static func image(_ name: String, tag: String = "latest", libc: ImageCatalog.Libc?, libraries: Set<SharedLibrary>,
                              shell: String? = nil, user: ImageUser = nonroot, workdir: String = "/", entrypoint: [String]?,
                              command: [String]? = nil, runtime: LanguageRuntime?, builder: Bool = true, commit: String) -> RuntimeImage {
        RuntimeImage(
            reference: "cgr.dev/chainguard/\(name):\(tag)", family: .chainguard, libc: libc, libraries: libraries, shell: shell,
            user: user, workdir: workdir, path: nil, entrypoint: entrypoint, command: command, runtime: runtime,
            support: .supported(until: nil), builder: builder ? "cgr.dev/chainguard/\(name):latest-dev" : nil,
            source: "chainguard-images/images images/\(name)/locked_config.json@\(commit)")
    }

    static let staticImage = image("static", libc: nil, libraries: [], entrypoint: nil, runtime: nil, builder: false, commit: "08a63d65e18e")
    static let glibcDynamic = image("glibc-dynamic", libc: .glibc, libraries: glibcCxx, entrypoint: nil, runtime: nil, commit: "01a36caf7237")

    static let languageImages: [RuntimeImage] = [
        // busybox is among the runtime packages of node, so it has /bin/sh.
        image("node", libc: .glibc, libraries: glibcCxx.union([.openssl]), shell: "/bin/sh", user: ImageUser(name: "node", uid: 65532),
              workdir: "/app", entrypoint: ["/usr/bin/node"], command: ["--help"],
              runtime: LanguageRuntime(language: "node", version: "26.3.0"), commit: "00e2e7c62c21"),
        image("python", libc: .glibc, libraries: glibcCxx.union([.openssl]), entrypoint: ["/usr/bin/python"],
              runtime: LanguageRuntime(language: "python", version: "3.14.6"), commit: "006310a3e2f8"),
        // The builder for Java is a JDK image, which was not looked up: no builder here.
        image("jre", libc: .glibc, libraries: glibcCxx, user: ImageUser(name: "java", uid: 65532), workdir: "/app",
              entrypoint: ["/usr/bin/java"], runtime: LanguageRuntime(language: "java", version: "26.0.1"), builder: false,
              commit: "01cd0aacd4ed"),
        // Likewise the .NET SDK image was not looked up.
        image("aspnet-runtime", libc: .glibc, libraries: glibcCxx.union([.openssl]), entrypoint: ["/usr/bin/dotnet"], command: ["--help"],
              runtime: LanguageRuntime(language: "dotnet", version: "10.0.8"), builder: false, commit: "00e2e7c62c21"),
        image("ruby", libc: .glibc, libraries: glibcCxx.union([.openssl]), workdir: "/work", entrypoint: ["/usr/bin/ruby"],
              command: ["--version"], runtime: LanguageRuntime(language: "ruby", version: "4.0.5"), commit: "019002b2fdb5"),
        // php's `latest` is the CLI; its account is assumed to be the `php` (65532) one its `latest-fpm` config shows.
        image("php", libc: .glibc, libraries: [.libgcc, .openssl], user: ImageUser(name: "php", uid: 65532), workdir: "/app",
              entrypoint: ["/bin/php"], runtime: LanguageRuntime(language: "php", version: "8.5.8"), commit: "003dc4f4fa35"),
    ]

    static let catalog = FamilyCatalog(staticBinary: staticImage, dynamicBases: [glibcDynamic]) { language, line in
        let images = languageImages.filter { $0.runtime?.language == language }
        guard let latest = images.first else { return .none("cgr.dev/chainguard has no free \(language) image") }
        if LanguageLine.matches(latest.runtime!.version, line: line) { return .image(latest) }
        return .none("\(latest.reference) is \(language) \(latest.runtime!.version) (its only free tag; chainguard-images/images locked_config.json); "
                     + "\(language) \(line) needs a Chainguard organization's registry")
    }

    static func facts(of ref: ImageReference) -> RuntimeImage? {
        guard ref.registry == "cgr.dev", ref.repository.hasPrefix("chainguard/") else { return nil }
        let name = String(ref.repository.dropFirst("chainguard/".count))
        let tag = ref.tag ?? "latest"
        let known = [staticImage, glibcDynamic] + languageImages
        if name == "static", ["latest", "latest-glibc"].contains(tag) { return staticImage }
        return known.first { $0.reference == "cgr.dev/chainguard/\(name):\(tag)" }
    }
}
