import DockerfileModel

extension Language {
    package static let rust = Language(rawValue: "rust")
}

/// Rust: the `rust` images, `cargo build`/`cargo install` and where they
/// put binaries, the registry cache, and glibc or musl linking (Rust on
/// glibc pairs with distroless `cc`; a musl target is static).
///
/// Sources: the rust image sets `CARGO_HOME=/usr/local/cargo` and puts its
/// `bin` on PATH (docker-library/rust); `cargo help build` for
/// `target/<triple>/<profile>`.
package struct Rust: CompiledEcosystem {
    package let language = Language.rust
    package let name = "Rust"
    package let recipes = ["rust-distroless", "rust-alpine"]
    package let installFolders = ["/usr/local/cargo/bin"]
    package let developmentServers: Set<String> = ["cargo-watch", "watchexec", "bacon"]

    package init() {}

    package let sourceExtensions: Set<String> = ["rs"]

    package func readSources(_ context: BuildContext) -> SourceFindings? { RustSources.read(context) }
    package let buildInputs = ["**/*.rs", "Cargo.toml", "Cargo.lock", "build.rs", "target"]

    package func role(of image: ImageReference) -> ImageRole? {
        ImageCatalog.officialName(image) == "rust" ? .toolchain : nil
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        words.first == "cargo" && ["build", "install"].contains(words.dropFirst().first ?? "")
    }

    package func isToolchainVariable(_ name: String) -> Bool {
        ["RUSTFLAGS", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "RUSTDOCFLAGS"].contains(name) || name.hasPrefix("CARGO_")
    }

    /// Rust on musl links statically; on glibc it links glibc.
    package func linking(of build: BuildStep, libc: ImageCatalog.Libc?) -> Bool {
        build.isStatic || libc == .musl
    }

    package func staysDynamic(on image: ImageReference) -> String? {
        role(of: image) == .toolchain ? "Rust stays linked to glibc; it pairs with distroless cc" : nil
    }

    /// `-sys` crates whose build needs packages the slim rust image lacks
    /// (it carries gcc, libc6-dev and wget only: docker-library/rust's
    /// slim Dockerfile), with the Debian packages.
    static let slimBuildNeeds: [(crate: String, packages: [String])] = [
        ("openssl-sys", ["libssl-dev", "pkg-config"]), ("pq-sys", ["libpq-dev"]), ("mysqlclient-sys", ["default-libmysqlclient-dev"]),
    ]

    /// The build as `CompiledBuild` reads it, unless it cannot work: on a
    /// slim rust image, a `-sys` crate of Cargo.lock whose headers and
    /// pkg-config the stage does not install (the build fails as it stands).
    package func readBuild(_ input: StageInput) -> BuildReading {
        let reading = CompiledBuild.read(input, for: language)
        guard case .plan(let plan) = reading, ImageCatalog.officialName(plan.builderImage) == "rust",
              (plan.builderImage.tag ?? "").contains("slim"), let lock = input.context?.text("Cargo.lock") else { return reading }
        let locked = RustAlpine.lockPackages(lock)
        let names = Set(locked.map(\.name))
        let installed = Set(plan.packages.map { $0.split(separator: "=").first.map(String.init) ?? $0 })
        for need in Self.slimBuildNeeds where names.contains(need.crate) {
            if need.crate == "openssl-sys" && names.contains("openssl-src") { continue }  // vendored OpenSSL
            let missing = need.packages.filter { !installed.contains($0) && !($0 == "pkg-config" && installed.contains("pkgconf")) }
            guard !missing.isEmpty else { continue }
            let line = locked.first { $0.name == need.crate }?.line ?? 1
            return .refused("the build cannot work: \(need.crate) (Cargo.lock:\(line)) needs \(missing.joined(separator: " and ")) to build, which \(plan.builderImage.original) lacks and the stage does not install")
        }
        return reading
    }

    package func toolchainRun(_ argv: [String], entry: Instruction, artifacts: [Artifact], input: StageInput, buildIndex: Int) -> ToolchainRun? {
        CargoRun.convert(argv, entry: entry, artifacts: artifacts, input: input, buildIndex: buildIndex)
    }

    package func readBuildCommand(_ words: [String], in folder: String?, environment env: [String: String],
                                  context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>? {
        guard words.first == "cargo", let sub = words.dropFirst().first, sub == "build" || sub == "install" else { return nil }
        var release = false
        var bins: [String] = []
        var target: String?
        var crates: [String] = []
        var rest = words.dropFirst(2)
        while let a = rest.popFirst() {
            switch a {
            case "--release", "-r": release = true
            case "--bin": if let v = rest.popFirst() { bins.append(v) }
            case "--target": target = rest.popFirst()
            case "--profile", "--manifest-path", "--target-dir", "-p", "--package":
                return .failure(Why("cargo \(a) puts the binary where dockslim does not follow"))
            case "--path", "--features", "-F", "--root", "-j", "--jobs":
                _ = rest.popFirst()
            default:
                if a.hasPrefix("--bin=") { bins.append(String(a.dropFirst(6))) }
                else if a.hasPrefix("--target=") { target = String(a.dropFirst(9)) }
                else if a.hasPrefix("--profile=") || a.hasPrefix("--target-dir=") || a.hasPrefix("--manifest-path=") {
                    return .failure(Why("cargo \(a) puts the binary where dockslim does not follow"))
                } else if !a.hasPrefix("-") { crates.append(a) }
            }
        }
        // `cargo install NAME` installs a crate from the registry, whose binaries are not named here;
        // the context's own crate is built by `cargo build` or `cargo install --path`.
        if bins.isEmpty, crates.isEmpty, let toml = context?.text("Cargo.toml") { bins = Self.packageName(toml).map { [$0] } ?? [] }
        let isStatic = target?.contains("musl") == true
        if sub == "install" {
            let names = bins.isEmpty ? ["?"] : bins
            let base = env["CARGO_HOME"].map { $0 + "/bin" } ?? "/usr/local/cargo/bin"
            return .success(BuildStep(language: .rust, artifacts: names.map { Artifact(base + "/" + $0) }, isStatic: isStatic, byEvidence: bins.isEmpty && crates.isEmpty))
        }
        guard let dir = folder else { return .failure(Why("the folder the build runs in is not known")) }
        if env["CARGO_TARGET_DIR"] != nil { return .failure(Why("CARGO_TARGET_DIR moves the binary")) }
        let out = Paths.join(dir, "target/" + (target.map { $0 + "/" } ?? "") + (release ? "release" : "debug"))
        let names = bins.isEmpty ? ["?"] : bins
        return .success(BuildStep(language: .rust, artifacts: names.map { Artifact(out + "/" + $0) }, isStatic: isStatic))
    }

    /// `[package] name = "…"` from a Cargo.toml.
    static func packageName(_ toml: String) -> String? {
        var inPackage = false
        for raw in toml.textLines() {
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.hasPrefix("[") { inPackage = line == "[package]"; continue }
            if inPackage, line.hasPrefix("name"), let eq = line.firstIndex(of: "=") {
                return line[line.index(after: eq)...].trimmingCharacters(in: " \t\"'")
            }
        }
        return nil
    }

    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard words.first == "cargo", let sub = words.dropFirst().first, ["fetch", "build", "install"].contains(sub) else { return .none }
        return .refuse("cargo cannot read a manifest without the crate's source files, so its install cannot run before them")
    }

    package func cacheMounts(_ words: [String], environment env: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard words.first == "cargo", let sub = words.dropFirst().first(where: { !$0.hasPrefix("-") }),
              ["build", "install", "fetch", "test"].contains(sub) else { return .none }
        // rustlang/rust (the nightly images) is built from the official image's template: CARGO_HOME=/usr/local/cargo.
        let onRust = image.map { ImageCatalog.officialName($0) == "rust" || $0.normalizedRepository == "rustlang/rust" } ?? false
        if env["CARGO_HOME"] != nil && !(onRust && env["CARGO_HOME"] == "/usr/local/cargo") { return .skip("the stage moves CARGO_HOME") }
        let home = onRust ? "/usr/local/cargo" : "/root/.cargo"
        return .mounts([CacheMount(home + "/registry"), CacheMount(home + "/git/db")])
    }

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        CompiledRuntime.choose(builds, in: input, target: target, options: options)
    }

    /// rust's Alpine image has only gcc and musl-dev and links statically:
    /// a crate that links a system library needs its static package (`RustAlpine`).
    package func movingToAlpine(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?) -> AlpineMove {
        RustAlpine.move(stage, from: image, chain: chain, context: context, findings: findings(in: context))
    }
}
