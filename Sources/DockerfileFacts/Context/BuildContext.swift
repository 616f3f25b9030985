import Synchronization

/// The build context: the folder `docker build` sends (by default the one
/// that holds the Dockerfile), as the command line read it before any pass
/// runs. Libraries never read files; they ask this value.
public struct BuildContext: Sendable {
    /// Paths relative to the folder, `/`-separated; folders end with `/`.
    public let files: Set<String>
    /// The contents of the files facts read (manifests, build files, sources,
    /// `.dockerignore`), for those small enough to read.
    public let contents: [String: [UInt8]]
    /// Every file of the folder is listed and every wanted file read: no
    /// limit on count, depth or size cut the scan short. When `false`, a
    /// question about "all the sources" has no answer.
    public let complete: Bool
    /// The folders around the context that say how its image runs: Compose
    /// files in the folders above it (up to the repository's top), which
    /// build it with `build: ./api` and give it a command or a healthcheck.
    public let surroundings: Surroundings

    /// What each ecosystem's source reader found, read once per context.
    private let sourceMemo = SourceMemo()

    /// The context as BuildKit reads it for one Dockerfile: an ignore file
    /// beside the Dockerfile (`docker/api.df.dockerignore`) replaces the
    /// context's `.dockerignore` for that build.
    public func withDockerIgnore(_ text: [UInt8]) -> BuildContext {
        var contents = self.contents
        contents[".dockerignore"] = text
        return BuildContext(files: files.union([".dockerignore"]), contents: contents, complete: complete, surroundings: surroundings)
    }

    public init(files: Set<String>, contents: [String: [UInt8]], complete: Bool = true, surroundings: Surroundings = Surroundings()) {
        self.files = files
        self.contents = contents
        self.complete = complete
        self.surroundings = surroundings
    }

    /// Files of the folders above the context, read for what they say about it.
    public struct Surroundings: Sendable {
        /// The names of the folders from the outermost one read down to the
        /// context's own folder (`["shop", "api"]` for `shop/api`): Compose
        /// files name the context by them.
        public let folderNames: [String]
        /// Contents by path relative to the context (`../compose.yaml`).
        public let files: [String: [UInt8]]

        public init(folderNames: [String] = [], files: [String: [UInt8]] = [:]) {
            self.folderNames = folderNames
            self.files = files
        }
    }

    /// `read`'s answer for `key`, computed the first time it is asked.
    package func memoized(_ key: String, _ read: (BuildContext) -> SourceFindings?) -> SourceFindings? {
        if let known = sourceMemo.get(key) { return known }
        let found = read(self)
        sourceMemo.set(key, found)
        return found
    }

    public func has(_ path: String) -> Bool { files.contains(path) }
    public func text(_ path: String) -> String? { contents[path].map { String(decoding: $0, as: UTF8.self) } }

    /// The files (not folders) under a folder (`""`: the whole context), sorted.
    public func files(under folder: String) -> [String] {
        let prefix = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        return files.filter { !$0.hasSuffix("/") && $0.hasPrefix(prefix) }.sorted()
    }

    /// The entries directly inside a folder (`""`: the top), folders with their `/`.
    public func entries(in folder: String) -> [String] {
        let prefix = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        return files.filter { p in
            guard p.hasPrefix(prefix), p.count > prefix.count else { return false }
            let rest = p.dropFirst(prefix.count)
            let inner = rest.hasSuffix("/") ? rest.dropLast() : rest
            return !inner.contains("/")
        }.sorted()
    }

    /// Whether the command line should read a file's contents for facts:
    /// manifests, build files, configuration that says how the app runs, and
    /// sources of the languages dockslim reads (paths relative to the folder).
    public static func isInteresting(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if manifestNames.contains(name) { return true }
        // CI workflows say how the image is built (BuildKit or not), and
        // which Dockerfile a build step names is told by its text.
        if path.hasPrefix(".github/workflows/"), name.hasSuffix(".yml") || name.hasSuffix(".yaml") { return true }
        if name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile") || name.hasSuffix(".dockerfile") { return true }
        if name.hasSuffix(".txt") && name.hasPrefix("requirements") { return true }
        if let dot = name.lastIndex(of: "."), sourceExtensions.contains(String(name[name.index(after: dot)...])) { return true }
        return false
    }

    /// Files whose contents say how the app is built or run (CI and Cloud
    /// Build configurations: with which builder).
    static let manifestNames: Set<String> = [
        "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", ".yarnrc.yml", ".npmrc", "go.mod", "go.sum", "go.work",
        "Gemfile", "Gemfile.lock", "composer.json", "composer.lock", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "poetry.lock",
        "uv.lock", ".python-version", ".dockerignore", "pom.xml", "settings.gradle", "settings.gradle.kts", "build.gradle",
        "build.gradle.kts", "gradle.properties", "Cargo.toml", "Cargo.lock", "build.rs", "Rocket.toml", "CMakeLists.txt", "Makefile",
        "makefile", "GNUmakefile", "meson.build", "configure.ac", "next.config.js", "next.config.mjs", "next.config.ts",
        "action.yml", "action.yaml", "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml", "compose.override.yaml",
        "compose.override.yml", "docker-compose.override.yml", "docker-compose.override.yaml", ".env", "Procfile", "heroku.yml",
        "config.ru", "nuget.config", "NuGet.Config", "global.json", "Directory.Build.props", "Directory.Packages.props",
        "appsettings.json", "appsettings.Production.json",
        "cloudbuild.yaml", "cloudbuild.yml", "cloudbuild.json", ".gitlab-ci.yml", "Jenkinsfile",
    ]

    /// Source and project files the application model reads.
    static let sourceExtensions: Set<String> = [
        "go", "rs", "c", "h", "cc", "cpp", "cxx", "hpp", "py", "js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx", "rb",
        "php", "sh", "java", "kt", "cs", "csproj", "fsproj", "vbproj", "sln", "gemspec",
    ]
}

/// The source readers' answers for one context, shared by every pass and
/// every Dockerfile that builds it.
final class SourceMemo: Sendable {
    private let values = Mutex<[String: SourceFindings?]>([:])

    func get(_ key: String) -> SourceFindings?? { values.withLock { $0[key] } }
    func set(_ key: String, _ value: SourceFindings?) { values.withLock { $0[key] = value } }
}
