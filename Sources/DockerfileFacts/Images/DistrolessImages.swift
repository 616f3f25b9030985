import DockerfileModel

/// Google's distroless images (`gcr.io/distroless/<name>-debian<N>:<tag>`).
///
/// Sources, GoogleContainerTools/distroless at cd080764af31 (2026-08-21):
/// - `static/static.bzl`: two users per image, root (uid 0, WORKDIR `/`)
///   for `latest`/`debug` and nonroot (uid 65532, WORKDIR `/home/nonroot`)
///   for `nonroot`/`debug-nonroot`; PATH
///   `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`; the
///   debug images add busybox, `/busybox` on PATH and ENTRYPOINT
///   `/busybox/sh`; `common/variables.bzl`: NONROOT = 65532.
/// - `static/config.bzl`: no libc in static; `base/config.bzl`: base is
///   libc6 and libssl3(t64), base-nossl only libc6; `cc/config.bzl`, `cc/cc.bzl`:
///   cc is base plus libgcc-s1, libstdc++6 and libgomp1.
/// - `nodejs/nodejs.bzl`, `nodejs/config.bzl`: Node.js 22, 24 and 26 on cc,
///   debian13 only, ENTRYPOINT `/nodejs/bin/node`; versions from
///   `private/extensions/node.bzl`.
/// - `java/java.bzl`, `java/BUILD`, `java/config.bzl`: Temurin 17, 21 and 25
///   JREs on base-nossl plus libstdc++6/libgcc-s1, debian13 only, ENTRYPOINT
///   `/usr/bin/java -jar`; versions from `private/repos/deb/trixie_adoptium.lock.json`.
/// - `python3/python.bzl`: Debian's Python 3.13 on cc, ENTRYPOINT
///   `/usr/bin/python3.13`; version from `MODULE.bazel.lock` (3.13.5).
/// - `README.md`: the published images; "any other tags are considered
///   deprecated and are no longer updated"; names without `-debianN`
///   currently select debian13. `SUPPORT_POLICY.md`: debian12 static, base,
///   base-nossl and cc end of life estimated September 2026, debian13 ones
///   at Debian 14's release plus one year.
/// - Git history: debian11 builds removed 2024-09-03 (1533e54a); nodejs18
///   deprecated 2025-04-30 (0439cc1c); java and nodejs debian12 builds removed
///   2026-02-27 (b80e2842, 5cd38c1e); nodejs20 deprecated 2026-05-01
///   (400e0721); python3-debian12 (Python 3.11) removed 2026-05-12 (22b97d10).
/// End-of-life dates of the language lines are Node.js's, Python's and
/// Temurin's as docker-hardened-images/catalog records them (`dates:`).
enum DistrolessImages {
    struct Spec: Sendable {
        let name: String
        let libc: ImageCatalog.Libc?
        let libraries: Set<SharedLibrary>
        let runtime: LanguageRuntime?
        let entrypoint: [String]?
        let support: ImageSupport
    }

    private static let cc: Set<SharedLibrary> = [.libgcc, .libstdcxx, .openssl]
    private static let javaLibraries: Set<SharedLibrary> = [.libgcc, .libstdcxx]
    private static let debian13Support = ImageSupport.supported(until: "Debian 14's release plus one year (SUPPORT_POLICY.md)")
    private static let debian12End = ImageSupport.endOfLife(since: "2026-09 (SUPPORT_POLICY.md estimate)", replacement: nil)

    private static func node(_ major: String, _ version: String, _ distro: String, _ support: ImageSupport) -> Spec {
        Spec(name: "nodejs\(major)-\(distro)", libc: .glibc, libraries: cc, runtime: LanguageRuntime(language: "node", version: version),
             entrypoint: ["/nodejs/bin/node"], support: support)
    }

    private static func java(_ major: String, _ version: String, _ distro: String, _ support: ImageSupport) -> Spec {
        Spec(name: "java\(major)-\(distro)", libc: .glibc, libraries: javaLibraries, runtime: LanguageRuntime(language: "java", version: version),
             entrypoint: ["/usr/bin/java", "-jar"], support: support)
    }

    private static func python(_ version: String, _ distro: String, _ support: ImageSupport) -> Spec {
        let minor = version.split(separator: ".").prefix(2).joined(separator: ".")
        return Spec(name: "python3-\(distro)", libc: .glibc, libraries: cc, runtime: LanguageRuntime(language: "python", version: version),
                    entrypoint: ["/usr/bin/python\(minor)"], support: support)
    }

    private static func base(_ name: String, _ distro: String, _ support: ImageSupport, replacedBy: String? = nil) -> Spec {
        let libc: ImageCatalog.Libc? = name == "static" ? nil : .glibc
        let libraries: Set<SharedLibrary> = switch name {
        case "cc": cc
        case "base": [.openssl]
        default: []
        }
        var support = support
        if case let .endOfLife(since, _) = support { support = .endOfLife(since: since, replacement: "gcr.io/distroless/\(name)-debian13:nonroot") }
        return Spec(name: "\(name)-\(distro)", libc: libc, libraries: libraries, runtime: nil, entrypoint: nil, support: support)
    }

    private static func ended(_ since: String, _ replacement: String) -> ImageSupport {
        .endOfLife(since: since, replacement: "gcr.io/distroless/\(replacement):nonroot")
    }

    static let specs: [Spec] = {
        var specs: [Spec] = []
        for name in ["static", "base-nossl", "base", "cc"] {
            specs.append(base(name, "debian13", debian13Support))
            specs.append(base(name, "debian12", debian12End))
            specs.append(base(name, "debian11", .endOfLife(since: "2024-09-03 (builds removed, 1533e54a)", replacement: nil)))
        }
        specs += [
            node("22", "22.23.2", "debian13", .supported(until: "2027-04-30")),
            node("24", "24.19.0", "debian13", .supported(until: "2028-04-30")),
            node("26", "26.7.0", "debian13", .supported(until: nil)),
            node("20", "20", "debian13", ended("2026-05-01 (nodejs20 deprecated, 400e0721)", "nodejs22-debian13")),
            node("20", "20", "debian12", ended("2026-02-27 (debian12 nodejs builds removed, 5cd38c1e)", "nodejs22-debian13")),
            node("22", "22", "debian12", ended("2026-02-27 (debian12 nodejs builds removed, 5cd38c1e)", "nodejs22-debian13")),
            node("24", "24", "debian12", ended("2026-02-27 (debian12 nodejs builds removed, 5cd38c1e)", "nodejs24-debian13")),
            node("18", "18", "debian12", ended("2025-04-30 (nodejs18 deprecated, 0439cc1c)", "nodejs22-debian13")),
            node("18", "18", "debian11", ended("2024-09-03 (debian11 builds removed, 1533e54a)", "nodejs22-debian13")),
            node("20", "20", "debian11", ended("2024-09-03 (debian11 builds removed, 1533e54a)", "nodejs22-debian13")),
            java("17", "17.0.20.1", "debian13", .supported(until: "2027-10-31")),
            java("21", "21.0.12.1", "debian13", .supported(until: "2029-12-31")),
            java("25", "25.0.4.1", "debian13", .supported(until: "2031-09-30")),
            java("17", "17", "debian12", ended("2026-02-27 (debian12 java builds removed, b80e2842)", "java17-debian13")),
            java("21", "21", "debian12", ended("2026-02-27 (debian12 java builds removed, b80e2842)", "java21-debian13")),
            java("11", "11", "debian11", ended("2024-09-03 (debian11 builds removed, 1533e54a)", "java17-debian13")),
            java("17", "17", "debian11", ended("2024-09-03 (debian11 builds removed, 1533e54a)", "java17-debian13")),
            python("3.13.5", "debian13", .supported(until: "2029-10-31")),
            python("3.11", "debian12", ended("2026-05-12 (python3-debian12 removed, 22b97d10)", "python3-debian13")),
            python("3.9", "debian11", ended("2024-09-03 (debian11 builds removed, 1533e54a)", "python3-debian13")),
        ]
        return specs
    }()

    static let source = "GoogleContainerTools/distroless@cd080764af31 (2026-08-21): static/static.bzl, base/config.bzl, cc/config.bzl, "
        + "nodejs/nodejs.bzl, java/java.bzl, python3/python.bzl, README.md, SUPPORT_POLICY.md"

    /// The facts of `gcr.io/distroless/<name>:<tag>`; tags are `latest`,
    /// `nonroot`, `debug`, `debug-nonroot`, each optionally with an
    /// architecture suffix (`latest-amd64`).
    static func image(_ spec: Spec, tag: String, anyTag: Bool = false) -> RuntimeImage? {
        var mode = architectureDropped(tag)
        let modes = ["latest", "nonroot", "debug", "debug-nonroot"]
        if anyTag, !modes.contains(mode) { mode = modes.last { mode.hasSuffix($0) } ?? "latest" } // old tags such as nodejs:18-debug
        guard modes.contains(mode) else { return nil }
        let nonroot = mode.hasSuffix("nonroot")
        let debug = mode.hasPrefix("debug")
        let path = ImageCatalog.standardPATH.split(separator: ":").map(String.init) + (debug ? ["/busybox"] : [])
        return RuntimeImage(
            reference: "gcr.io/distroless/\(spec.name):\(tag)", family: .distroless, libc: spec.libc, libraries: spec.libraries,
            shell: debug ? "/busybox/sh" : nil,
            user: nonroot ? ImageUser(name: "nonroot", uid: 65532) : .root,
            workdir: nonroot ? "/home/nonroot" : "/", path: path,
            entrypoint: spec.entrypoint ?? (debug ? ["/busybox/sh"] : nil), command: nil,
            runtime: spec.runtime, support: spec.support, builder: nil, source: source)
    }

    private static func architectureDropped(_ tag: String) -> String {
        for arch in ["amd64", "arm64", "arm", "s390x", "ppc64le", "riscv64"] where tag.hasSuffix("-" + arch) {
            return String(tag.dropLast(arch.count + 1))
        }
        return tag
    }

    private static func writable(_ name: String) -> RuntimeImage? {
        specs.first { $0.name == name }.flatMap { image($0, tag: "nonroot") }
    }

    static let catalog = FamilyCatalog(
        staticBinary: writable("static-debian13"),
        dynamicBases: ["base-nossl-debian13", "base-debian13", "cc-debian13"].compactMap(writable),
        languageImages: specs.filter { $0.runtime != nil }.compactMap { image($0, tag: "nonroot") },
        name: "distroless")

    static func facts(of ref: ImageReference) -> RuntimeImage? {
        guard let name = ImageCatalog.distrolessName(ref) else { return nil }
        let tag = ref.tag ?? "latest"
        if let spec = specs.first(where: { $0.name == name }) { return image(spec, tag: tag) }
        // Names without -debianN: static, base, base-nossl and cc select debian13 (README); the
        // language images' unsuffixed names (nodejs, java, python3…) are no longer in the published list.
        if let spec = specs.first(where: { $0.name == name + "-debian13" && $0.runtime == nil }) {
            return image(spec, tag: tag).map { rename($0, to: ref.original) }
        }
        let retired: [String: (replacement: String, entrypoint: [String])] = [
            "nodejs": ("nodejs22-debian13", ["/nodejs/bin/node"]), "python3": ("python3-debian13", ["/usr/bin/python3"]),
            "java": ("java21-debian13", ["/usr/bin/java", "-jar"]), "java17": ("java17-debian13", ["/usr/bin/java", "-jar"]),
            "java11": ("java17-debian13", ["/usr/bin/java", "-jar"]),
        ]
        if let old = retired[name] {
            // Assumed: the retired names had their successors' entrypoints; their libraries are not recorded here.
            let spec = Spec(name: name, libc: .glibc, libraries: [], runtime: nil, entrypoint: old.entrypoint,
                            support: .endOfLife(since: "before 2026-08-21 (not in README's published list)",
                                                replacement: "gcr.io/distroless/\(old.replacement):nonroot"))
            return image(spec, tag: tag, anyTag: true)
        }
        return nil
    }

    private static func rename(_ image: RuntimeImage, to reference: String) -> RuntimeImage {
        RuntimeImage(reference: reference, family: image.family, libc: image.libc, libraries: image.libraries, shell: image.shell,
                     user: image.user, workdir: image.workdir, path: image.path, entrypoint: image.entrypoint, command: image.command,
                     runtime: image.runtime, support: image.support, builder: image.builder,
                     source: image.source + "; the unsuffixed name currently selects debian13 (README.md)")
    }
}
