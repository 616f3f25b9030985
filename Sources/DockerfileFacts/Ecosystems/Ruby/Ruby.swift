import DockerfileModel

extension Language {
    package static let ruby = Language(rawValue: "ruby")
}

/// Ruby: the `ruby` official images (the full ones are built on
/// buildpack-deps, with gcc, make and the common -dev packages for gems'
/// C extensions; the slim and Alpine ones have no compiler), Bundler with
/// its Gemfile, Gemfile.lock, settings and download cache, Rails asset
/// builds, and the runtimes: the same version's slim image, or Alpine when
/// the builder already is Alpine (gems compiled against musl).
///
/// The images' configuration (`GEM_HOME=/usr/local/bundle`,
/// `BUNDLE_APP_CONFIG=/usr/local/bundle`, PATH, no WORKDIR) and variants come
/// from the image catalogue (`ImageCatalog.environment`,
/// `ImageCatalog.slimVariant`/`alpineVariant`). Other sources:
/// docker-library/ruby `3.3/slim-trixie/Dockerfile` (@0127a2ff1ba8) and
/// `3.3/alpine3.24/Dockerfile` (@31475ec8e368) for what the smaller variants
/// keep (`imageLibraries`); rubygems/rubygems
/// `bundler/lib/bundler/source/rubygems.rb` (`fetch_gem`: a gem is
/// downloaded into `<bundle path>/cache` unless already there) for the
/// cache; bundler.io `bundle config` (local settings go to
/// `$BUNDLE_APP_CONFIG/config` and win over ENV; global ones to
/// `~/.bundle/config`; whether `bundle config set` without `--local` is
/// local depends on Bundler's version).
package struct Ruby: Ecosystem {
    package let language = Language.ruby
    package let name = "Ruby"
    package let recipes = ["ruby-slim", "ruby-alpine"]
    /// Only the tests read these: a Rails app never loads them in production, and `bundle install` alone reads `vendor/cache`.
    /// Gemfile and Gemfile.lock stay (Bundler reads them when the program starts).
    package let buildInputs = ["spec", "test", "features", "vendor/cache"]

    package init() {}

    package let sourceExtensions: Set<String> = ["rb", "ru", "gemspec"]

    package func readSources(_ context: BuildContext) -> SourceFindings? { RubySources.read(context) }

    package func role(of image: ImageReference) -> ImageRole? {
        guard ImageCatalog.officialName(image) == "ruby" else { return nil }
        let tag = image.tag ?? "latest"
        return tag.contains("slim") || tag.contains("alpine") ? .runtime : .toolchain
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        ["bundle", "bundler", "gem"].contains(words.first ?? "")
    }

    /// Libraries the full, slim and Alpine ruby images all have, because
    /// ruby's own extensions link them: the slim and Alpine builds keep the
    /// package of every library `/usr/local` links (`ldd` with `apt-mark
    /// manual`; `scanelf` into `.ruby-rundeps`): OpenSSL (the openssl
    /// extension), libyaml (psych), libffi (fiddle), GMP and zlib. Their
    /// headers are gone from the slim and Alpine variants.
    static let imageLibraries: Set<String> = ["libssl", "libyaml", "libffi", "libgmp", "zlib"]

    /// The -dev packages of `imageLibraries` (Debian's and Alpine's names):
    /// a builder may install them, since the runtime image keeps the library.
    static let imageLibraryHeaders: Set<String> = ["libssl-dev", "libyaml-dev", "libffi-dev", "libgmp-dev", "zlib1g-dev",
                                                    "openssl-dev", "yaml-dev", "gmp-dev", "zlib-dev"]

    /// Words in the names of the packages (Debian's or Alpine's) that give
    /// the headers and library a gem's C extension builds against.
    static let libraryPackages: [String: [String]] = [
        "libpq": ["libpq", "postgresql"], "libmariadb": ["mariadb", "mysql"], "libMagickWand": ["magick"], "libvips": ["vips"],
        "libsybdb": ["freetds"], "libicu": ["icu"], "libcurl": ["curl-dev", "libcurl"], "libsqlite3": ["sqlite"],
        "libssl": ["libssl-dev", "openssl-dev"], "libyaml": ["libyaml-dev", "yaml-dev"],
    ]

    // MARK: Build

    package func readBuild(_ input: StageInput) -> BuildReading {
        guard case .image(let ref) = input.stage.base, role(of: ref) != nil else { return .notMine }
        let app: AppStage
        switch AppStage.read(input, image: ref, name: name) {
        case .success(let a): app = a
        case .failure(let stop): return stop.reading
        }
        switch RubyBuild.read(app) {
        case .success(let plan): return .plan(plan)
        case .failure(let stop): return stop.reading
        }
    }

    // MARK: Dependencies and caches

    /// Flags of `bundle install` that take the next word as their value.
    static let valueFlags: Set<String> = ["--jobs", "-j", "--retry", "--path", "--shebang", "--trust-policy", "--target-rbconfig"]
    /// Flags that take the words up to the next flag (Thor arrays: `--without development test`).
    static let listFlags: Set<String> = ["--without", "--with"]

    /// `bundle install` with flags only (or a bare `bundle`): the Gemfile,
    /// its lock and `.ruby-version` (which `ruby file: ".ruby-version"` reads).
    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard let tool = words.first, tool == "bundle" || tool == "bundler" else { return .none }
        var args = words.dropFirst()
        if args.first == "install" { args = args.dropFirst() } else if !args.isEmpty { return .none }
        while let a = args.popFirst() {
            if a == "--gemfile" || a.hasPrefix("--gemfile=") {
                return .refuse("bundle install --gemfile installs another Gemfile than the one dockslim would copy first")
            }
            if a == "--binstubs" || a.hasPrefix("--binstubs=") {
                return .refuse("bundle install --binstubs writes into the app's bin/, which the sources copied afterwards would replace")
            }
            if !a.hasPrefix("-") { return .none }
            if Self.valueFlags.contains(a) { guard args.popFirst() != nil else { return .none } }
            if Self.listFlags.contains(a) {
                guard let first = args.first, !first.hasPrefix("-") else { return .none }
                while let next = args.first, !next.hasPrefix("-") { args.removeFirst() }
            }
        }
        return .install(DependencyInstall(ecosystem: "bundler", required: ["Gemfile"], optional: ["Gemfile.lock", ".ruby-version"],
                                          optionalPatterns: ["Gemfile.loc[k]", ".ruby-versio[n]"]))
    }

    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? {
        guard install.ecosystem == "bundler" else { return nil }
        if context.has("vendor/cache/") || !context.files(under: "vendor/cache").isEmpty {
            return "vendor/cache holds packaged gems, which bundle install uses"
        }
        guard let gemfile = context.text("Gemfile") else { return nil }
        if let why = Self.gemfileNeedsSources(gemfile) { return "the Gemfile \(why)" }
        for line in Self.codeLines(gemfile) where line.contains("file:") && !line.contains(".ruby-version") {
            return "the Gemfile reads another file (\(line))"
        }
        return nil
    }

    /// Why a Gemfile's bundle needs the project's own files: its gemspec, a
    /// gem from a local path, another Gemfile it evaluates.
    static func gemfileNeedsSources(_ gemfile: String) -> String? {
        for line in codeLines(gemfile) {
            if line == "gemspec" || line.hasPrefix("gemspec ") || line.hasPrefix("gemspec(") {
                return "installs the project's own gemspec (\(line))"
            }
            if line.hasPrefix("gem ") || line.hasPrefix("gem(") || line.hasPrefix("path ") || line.hasPrefix("path(") {
                if line.contains("path:") || line.contains(":path") || line.hasPrefix("path") { return "installs a gem from a local path (\(line))" }
            }
            if ["eval_gemfile", "instance_eval", "require_relative", "load ", "File.read", "Dir["].contains(where: line.contains) {
                return "reads other files (\(line))"
            }
        }
        return nil
    }

    /// A Ruby file's lines, trimmed, without comments and blank lines (cut at 200 characters).
    static func codeLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0.trimmingCharacters(in: " \t\r").prefix(200)) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// `bundle install` downloads each gem into `<bundle path>/cache` unless
    /// it is there already: with the gems in `GEM_HOME` (the ruby images'
    /// default), `$GEM_HOME/cache`. The mount is locked: RubyGems writes a
    /// download in place, and a second build must not install a half-written
    /// one. The gems themselves (`$GEM_HOME/gems`, `specifications`,
    /// `extensions`, `bin`) are never mounted. With the bundle elsewhere
    /// (`BUNDLE_PATH`, `--path`, deployment) the cache sits under a folder
    /// that depends on the Ruby ABI: skipped. A path set by an earlier `bundle
    /// config` is not visible here; the mount is then only unused.
    package func cacheMounts(_ words: [String], environment e: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard let tool = words.first, tool == "bundle" || tool == "bundler" else { return .none }
        let args = words.dropFirst()
        guard args.isEmpty || args.first == "install" else { return .none }
        let moved = args.contains { $0 == "--path" || $0.hasPrefix("--path=") || $0 == "--deployment" || $0 == "--standalone" }
        if moved || !(e["BUNDLE_PATH"] ?? "").isEmpty || Self.isTrue(e["BUNDLE_DEPLOYMENT"]) {
            return .skip("the bundle is installed outside GEM_HOME (BUNDLE_PATH, --path or deployment), in a folder that names the Ruby ABI")
        }
        guard let home = e["GEM_HOME"], home.hasPrefix("/"), !home.contains("$") else {
            return .skip("GEM_HOME is not set, so where RubyGems keeps downloaded gems is not known")
        }
        return .mounts([CacheMount(Paths.join(home, "cache"), locked: true)])
    }

    /// Bundler's reading of a boolean setting.
    static func isTrue(_ value: String?) -> Bool {
        guard let v = value?.lowercased() else { return false }
        return ["1", "true", "yes"].contains(v)
    }

    // MARK: Runtime

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        guard let build = builds.first else { return .notApplicable("no builder") }
        let ref = build.builderImage
        let musl = ImageCatalog.libc(of: ref) == .musl
        var move: RuntimeMove
        switch target {
        case .scratch:
            return .notApplicable("not moved to scratch: a Ruby program needs its interpreter")
        case .distroless:
            let why: String
            switch RuntimeChoices.languageImage("ruby", version: AppStage.version(ref).version, builder: ref, family: .distroless, options: options) {
            case .failure(let w): why = w.text
            case .success(let image): why = "\(image) has another ruby than \(ref.original)'s /usr/local/bin/ruby, which the bundle's C extensions and binstubs were made for"
            }
            return .refused("not moved to distroless: \(why); ruby-slim moves the runtime to the same version's slim image")
        case .slim:
            if musl {
                return .refused("not moved to slim: the gems are installed on \(ref.original) (musl); their C extensions do not run on a glibc slim image")
            }
            if (ref.tag ?? "").contains("slim") { return .alreadyThere("the runtime stage is already on a slim ruby image") }
            let image: String
            switch RuntimeChoices.variant(of: ref, target: .slim, options: options, sameVersion: 2) {
            case .success(let i): image = i
            case .failure(let why): return .refused("not moved to slim: \(why.text)")
            }
            move = RuntimeMove(image: image, program: .interpreter, hasShell: true, users: ["root", "nobody"],
                               reason: "the ruby runtime stage moves to \(image): the same ruby without the compilers and -dev packages")
            move.tools = ImageCommands.debianSlim.union(ImageCommands.languageTools(of: ImageReference(image) ?? ref))
            move.libraries = Self.imageLibraries
            if let why = slimNeeds(build: build, input: input, from: ref, to: image, tools: move.tools ?? []) { return .refused("not moved: \(why)") }
        case .alpine:
            guard musl else {
                let native = findings(in: input.context).map { Self.compiledGems($0) } ?? []
                let gems = native.isEmpty ? "" : " (\(native.prefix(4).joined(separator: ", "))\(native.count > 4 ? "…" : ""))"
                return .refused("not moved to Alpine: the gems are installed on \(ref.original) (glibc), and their C extensions\(gems) do not run on musl; dockslim moves Ruby to Alpine only from an Alpine builder (the alpine recipe moves the builder first)")
            }
            let image: String
            switch RuntimeChoices.variant(of: ref, target: .alpine, options: options, sameVersion: 2) {
            case .success(let i): image = i
            case .failure(let why): return .refused("not moved to Alpine: \(why.text)")
            }
            move = RuntimeMove(image: image, program: .interpreter, hasShell: true, users: ["root", "nobody"],
                               reason: "the ruby runtime stage moves to \(image): the same ruby without the build packages")
            move.tools = ImageCommands.alpine.union(ImageCommands.languageTools(of: ImageReference(image) ?? ref))
            move.libraries = Self.imageLibraries
        }
        if move.image == input.stage.resolvedBase { return .alreadyThere("the runtime stage is already on \(move.image)") }
        if let why = AppStage.runsBuildTool(input.stage, tools: AppStage.buildTools) { return .refused("not moved: \(why)") }
        return .move(move)
    }

    /// Why the bundle built on the full image would not run on its slim
    /// variant: a gem whose C extension links a library of the full image
    /// (its -dev packages come from buildpack-deps) or runs one of its
    /// programs, or a program the sources run that the slim image lacks.
    /// Without Gemfile.lock at hand, which gems the bundle compiled is not known.
    private func slimNeeds(build: BuildPlan, input: StageInput, from ref: ImageReference, to image: String, tools: Set<String>) -> String? {
        guard let context = input.context, context.text("Gemfile.lock") != nil, let found = findings(in: context) else {
            return "Gemfile.lock is not at hand, so whether a gem's C extension links a library that \(ref.original) has and \(image) lacks (libpq, libmariadb…) is not known"
        }
        // What the runtime stage installs again (libpq-dev brings libpq) is there.
        let again = build.reinstalled.commands
        for need in found.nativeNeeds where need.phase == .run {
            let at = "\(need.evidence.file):\(need.evidence.line)"
            switch need.requirement {
            case .systemLibrary(let lib) where !Self.imageLibraries.contains(lib):
                if build.reinstalls(library: lib) { continue }
                return "\(need.dependency) (\(at)): its C extension links \(lib), which \(ref.original) carries and \(image) lacks"
            case .program(let program):
                if again.contains(program) { continue }
                return "\(need.dependency) (\(at)) runs \(program), which \(ref.original) carries and \(image) lacks"
            case .compiledExtension(.muslOnly):
                return "\(need.dependency) (\(at)) is locked only for musl"
            default:
                continue
            }
        }
        for use in found.executes {
            let program = Paths.basename(use.program)
            guard use.program.hasPrefix("/") || !use.program.contains("/"), ImageCommands.systemPrograms.contains(program), !tools.contains(program) else { continue }
            return "\(use.evidence.file):\(use.evidence.line) runs \(program) (\(use.via)), which \(image) lacks"
        }
        return nil
    }

    /// The production gems whose C extension is compiled when installing (not locked precompiled).
    static func compiledGems(_ findings: SourceFindings) -> [String] {
        var out: [String] = []
        for need in findings.nativeNeeds where need.requirement == .compiledExtension(.none) && !out.contains(need.dependency) {
            out.append(need.dependency)
        }
        return out
    }

    // MARK: Alpine

    /// The full ruby image compiles gems' C extensions with its gcc, make
    /// and -dev packages; ruby's Alpine image has no compiler. A stage that
    /// runs `bundle install` moves only when the stages it builds on install
    /// build-base (or build-essential, which translate-packages turns into
    /// it) and a package for each library a gem links, and when Gemfile.lock
    /// is at hand to say which gems compile; a gem locked precompiled for
    /// glibc only needs musl in the lock; a Rails app needs tzdata or the
    /// tzinfo-data gem, which Alpine lacks.
    package func movingToAlpine(_ stage: Stage, from image: ImageReference, chain: [Stage], context: BuildContext?) -> AlpineMove {
        guard ImageCatalog.officialName(image) == "ruby", ImageCatalog.libc(of: image) != .musl else { return AlpineMove() }
        var installs = false
        var packages: [String] = []
        for s in chain {
            for i in s.instructions where i.kind == .run {
                for words in ShellScan(run: i).commands {
                    packages += PackageInstalls.installedPackages(words)
                    if dependencyInstallWords(words) { installs = true }
                }
            }
        }
        guard installs else { return AlpineMove() }
        let names = packages.map { $0.split(separator: "=").first.map(String.init) ?? $0 }
        let compiler = names.contains("build-base") || names.contains("build-essential") || (names.contains("gcc") && names.contains("make"))
        let slim = (image.tag ?? "").contains("slim")
        let source = slim ? "\(image.original) (with the packages the stage installs)" : "\(image.original)'s gcc and -dev packages"
        guard let context, context.text("Gemfile.lock") != nil, let found = findings(in: context) else {
            if compiler { return AlpineMove(warnings: ["Gemfile.lock is not at hand: a gem that links a system library needs its -dev package on Alpine (apk add)"]) }
            return AlpineMove(refusal: "the stage installs gems, which may compile C extensions with \(source); ruby's Alpine image has no compiler, and Gemfile.lock is not at hand to show that no gem needs one (install build-base to move it)")
        }
        var move = AlpineMove()
        var compiled = Self.compiledGems(found)
        compiled += RubyGems.compiledWhenInstalling(context, root: "").filter { !compiled.contains($0) }
        if !compiled.isEmpty && !compiler {
            let list = compiled.prefix(5).joined(separator: ", ") + (compiled.count > 5 ? "…" : "")
            return AlpineMove(refusal: "Gemfile.lock's \(compiled.count == 1 ? "gem \(list) compiles a C extension" : "gems \(list) compile C extensions") with \(source); ruby's Alpine image has no compiler (install build-base to move it)")
        }
        for need in found.nativeNeeds where need.phase == .run {
            let at = "\(need.evidence.file):\(need.evidence.line)"
            switch need.requirement {
            case .compiledExtension(.glibcOnly):
                return AlpineMove(refusal: "\(need.dependency) (\(at)) is locked precompiled for glibc only; Alpine needs its musl platform in Gemfile.lock (bundle lock --add-platform x86_64-linux-musl)")
            case .systemLibrary(let lib):
                let words = Self.libraryPackages[lib] ?? [lib]
                if names.contains(where: { n in words.contains { n.lowercased().contains($0.lowercased()) } }) { continue }
                if Self.imageLibraries.contains(lib) {
                    move.warnings.append("\(need.dependency) builds against \(lib)'s headers, which ruby's Alpine image lacks: add \(lib == "libssl" ? "openssl-dev" : "yaml-dev") to the build, or it may build without them (puma without TLS)")
                    continue
                }
                let carried = slim ? "" : ", which \(image.original) carries"
                return AlpineMove(refusal: "\(need.dependency) (\(at)): its C extension links \(lib)\(carried); the stage installs no package for it, and ruby's Alpine image lacks it")
            case .program(let program):
                return AlpineMove(refusal: "\(need.dependency) (\(at)) runs \(program), which \(image.original) carries and ruby's Alpine image lacks")
            default:
                continue
            }
        }
        if RubySources.railsRoot(context, prefix: "") != nil, !names.contains("tzdata"),
           !RubyGems.productionGems(context.text("Gemfile") ?? "").contains("tzinfo-data") || Self.tzinfoDataOnlyOnOtherPlatforms(context.text("Gemfile") ?? "") {
            return AlpineMove(refusal: "a Rails app reads time zones from tzdata or the tzinfo-data gem; Alpine has neither (install tzdata to move it)")
        }
        return move
    }

    /// `gem "tzinfo-data", platforms: %i[ windows jruby ]`, as Rails generates it: not installed by Linux's ruby.
    static func tzinfoDataOnlyOnOtherPlatforms(_ gemfile: String) -> Bool {
        codeLines(gemfile).contains { line in
            guard line.contains("tzinfo-data"), let at = line.range(of: "platform") else { return false }
            let words = line[at.upperBound...].split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
            return !words.contains { $0 == "ruby" || $0 == "mri" || $0.hasPrefix("ruby_") || $0.hasPrefix("mri_") || $0.contains("linux") }
        }
    }

    /// `bundle install` (or a bare `bundle`), `gem install`: installs gems.
    private func dependencyInstallWords(_ words: [String]) -> Bool {
        let words = words.drop { $0.contains("=") && !$0.hasPrefix("-") }
        guard let tool = words.first.map(Paths.basename) else { return false }
        let rest = words.dropFirst()
        switch tool {
        case "bundle", "bundler": return rest.isEmpty || rest.first == "install"
        case "gem": return rest.first == "install"
        default: return false
        }
    }
}
