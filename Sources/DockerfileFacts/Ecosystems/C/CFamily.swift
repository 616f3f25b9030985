import DockerfileModel

extension Language {
    package static let c = Language(rawValue: "c")
}

/// C and C++: the `gcc` and `buildpack-deps` images, compiler commands with
/// `-o`, `make` and `cmake --build` (whose output is known only from the
/// command that runs it), `-l` libraries, and static linking, which is
/// sound only against musl (glibc's static NSS breaks name lookups).
package struct CFamily: CompiledEcosystem {
    package let language = Language.c
    package let name = "C"
    package let recipes = ["c-distroless", "c-alpine"]

    package init() {}

    package let sourceExtensions: Set<String> = ["c", "cc", "cpp", "cxx", "h", "hpp"]

    package func readSources(_ context: BuildContext) -> SourceFindings? { CSources.read(context) }
    package let buildInputs = ["**/*.c", "**/*.h", "**/*.cpp", "**/*.hpp", "**/*.o", "CMakeFiles", "CMakeCache.txt"]

    static let compilers: Set<String> = ["gcc", "g++", "cc", "c++", "clang", "clang++"]

    package func role(of image: ImageReference) -> ImageRole? {
        ["gcc", "buildpack-deps"].contains(ImageCatalog.officialName(image) ?? "") ? .toolchain : nil
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        guard let tool = words.first else { return false }
        return Self.compilers.contains(tool) || tool == "make" || tool == "cmake"
    }

    package func isToolchainVariable(_ name: String) -> Bool {
        ["CC", "CXX", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "AR", "LD", "MAKEFLAGS", "PKG_CONFIG_PATH"].contains(name)
    }

    /// `-static` holds only on musl.
    package func linking(of build: BuildStep, libc: ImageCatalog.Libc?) -> Bool {
        build.isStatic && libc == .musl
    }

    /// Libraries a musl `-static` link needs nothing more for.
    static let libcParts: Set<String> = ["c", "m", "pthread", "dl", "rt"]

    package func staticBuild(_ c: StaticBuildCommand) -> StaticBuildChange {
        guard let tool = c.words.first, Self.compilers.contains(tool), let o = c.words.firstIndex(of: "-o") else { return .notMine }
        let args = Array(c.words.dropFirst())
        if args.contains("-static") || args.contains("-c") { return .leave(nil) }
        guard let image = c.image, ImageCatalog.libc(of: image) == .musl else {
            return .leave("left dynamic: static linking is done only against musl (on an Alpine builder); glibc's static NSS breaks name lookups")
        }
        if tool.hasSuffix("++") { return .leave("left dynamic: a static C++ program needs static libstdc++, which the builder may lack") }
        let libs = args.filter { $0.hasPrefix("-l") }.map { String($0.dropFirst(2)) }.filter { !Self.libcParts.contains($0) }
        if !libs.isEmpty { return .leave("left dynamic: it links \(libs.joined(separator: ", ")), whose static archives may be missing") }
        return .insert(word: o, text: "-static ", reason: "-static links musl into the program, so it needs no C library at run time")
    }

    package func readBuildCommand(_ words: [String], in folder: String?, environment env: [String: String],
                                  context: BuildContext?, image: ImageReference) -> Result<BuildStep, Why>? {
        guard let tool = words.first else { return nil }
        let args = Array(words.dropFirst())
        if Self.compilers.contains(tool) { return compile(args, in: folder, cplusplus: tool.hasSuffix("++")) }
        guard tool == "make" || tool == "cmake" else { return nil }
        // A make in a Go or Rust image builds that language.
        let language = (Ecosystems.toolchain(of: image) as? any CompiledEcosystem)?.language ?? .c
        if tool == "cmake" {
            guard args.first == "--build" else { return nil }  // configuring, not building
            if args.contains("--target") && args.contains("install") { return .failure(Why("cmake installs the program elsewhere")) }
        } else if args.contains(where: { $0 == "install" || $0.hasPrefix("DESTDIR") || $0.hasPrefix("PREFIX") }) {
            return .failure(Why("make install puts the program where dockslim does not follow"))
        }
        return .success(BuildStep(language: language, artifacts: [], isStatic: args.contains { $0.contains("-static") }, byEvidence: true))
    }

    private func compile(_ args: [String], in folder: String?, cplusplus: Bool) -> Result<BuildStep, Why>? {
        guard let o = args.firstIndex(of: "-o"), o + 1 < args.count else {
            if args.contains("-c") || args.contains("-E") || args.contains("--version") { return nil }
            return .failure(Why("a C compile without -o writes a.out, which dockslim does not take as the program"))
        }
        let out = args[o + 1]
        guard !out.contains("$"), let dir = folder else { return .failure(Why("the output path is not known")) }
        if args.contains("-c") { return nil }  // an object file, not the program
        // A C++ driver links libstdc++ and libgcc_s without being asked.
        // A sanitizer links its runtime (libasan…) unless told to link it in (-static-libasan).
        let sanitizers = args.filter { $0.hasPrefix("-fsanitize=") }.flatMap { $0.dropFirst("-fsanitize=".count).split(separator: ",") }
            .compactMap { CLinkFlags.sanitizerRuntimes[String($0)] }.filter { !args.contains("-static-" + $0) && !args.contains("-static") }
            .map { String($0.dropFirst("lib".count)) }
        let links = args.filter { $0.hasPrefix("-l") && $0.count > 2 }.map { String($0.dropFirst(2)) } + (cplusplus ? ["stdc++", "gcc_s"] : []) + sanitizers
        return .success(BuildStep(language: .c, artifacts: [Artifact(Paths.join(dir, out))], isStatic: args.contains("-static"), links: links))
    }

    /// A CMake build whose build files name a source the context lacks fails as it stands.
    package func contextProblem(_ words: [String], contextFolder: String?, buildFolder: String, contextBelow: Bool, context: BuildContext, image: ImageReference,
                                environment: [String: String]) -> Why? {
        guard words.first == "cmake" || words.first == "make", let missing = CMakeLists.missingSource(in: context) else { return nil }
        return Why("the build cannot work: \(missing)")
    }

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        CompiledRuntime.choose(builds, in: input, target: target, options: options)
    }
}
