/// Native needs and install-time programs from `package.json` and
/// `package-lock.json`: native addons of production dependencies (direct,
/// or transitive and not `"dev": true` in the lockfile), browsers that
/// puppeteer and playwright download, and dependencies fetched with git
/// (`git+https://`, `github:user/repo`, `user/repo`), which need git when
/// installing (dev dependencies included: the builder installs them).
enum NodePackages {
    struct Addon {
        let requirement: NativeNeed.Requirement
        let detail: String
        var phase: NativeNeed.Phase = .run
    }

    static let addons: [String: [Addon]] = [
        "sharp": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "prebuilt libvips per platform (glibc and musl), chosen when installing")],
        "bcrypt": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "native addon, prebuilt for glibc and musl")],
        "argon2": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "native addon, prebuilt for glibc and musl")],
        "sqlite3": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "native addon, prebuilt for glibc and musl")],
        "better-sqlite3": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "native addon, prebuilt for glibc and musl")],
        "bufferutil": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "native addon, prebuilt for glibc and musl")],
        "utf-8-validate": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "native addon, prebuilt for glibc and musl")],
        "re2": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "native addon, prebuilt for glibc and musl")],
        "node-sass": [Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "libsass binding downloaded per platform")],
        "canvas": [
            Addon(requirement: .compiledExtension(.glibcOnly), detail: "prebuilt for glibc; elsewhere built from source"),
            Addon(requirement: .systemLibrary("libcairo and libpango"), detail: "a source build links cairo, pango, libjpeg and giflib at run time"),
        ],
        "kerberos": [Addon(requirement: .systemLibrary("libkrb5"), detail: "native addon built against libkrb5")],
        "node-gyp": [Addon(requirement: .program("python3, make and a C++ compiler"), detail: "builds native addons from source", phase: .build)],
        "@prisma/client": [
            Addon(requirement: .compiledExtension(.glibcAndMusl), detail: "the query engine is downloaded for the installing image's C library"),
            Addon(requirement: .systemLibrary("libssl"), detail: "the query engine is chosen for the OpenSSL version found when installing"),
        ],
        "puppeteer": [Addon(requirement: .glibc, detail: "downloads a Chrome for Testing build (glibc) when installing")],
        "playwright": [Addon(requirement: .glibc, detail: "drives the browsers `playwright install` downloads: glibc builds")],
        "@playwright/test": [Addon(requirement: .glibc, detail: "drives the browsers `playwright install` downloads: glibc builds")],
        "@tensorflow/tfjs-node": [Addon(requirement: .glibc, detail: "links a prebuilt libtensorflow (glibc)")],
        "onnxruntime-node": [Addon(requirement: .glibc, detail: "ships a glibc onnxruntime")],
    ]

    static func read(_ context: BuildContext, root: String, into findings: inout SourceFindings) {
        let prefix = SourceFiles.folderPrefix(root)
        var direct = Set<String>()
        if let bytes = findings.manifest(context, prefix + "package.json") {
            let file = ScannedSource(path: prefix + "package.json", bytes: bytes, syntax: .javaScript)
            for dependency in dependencies(file) {
                let evidence = file.evidence(line: dependency.line)
                if isGitSpec(dependency.spec) {
                    findings.nativeNeeds.append(NativeNeed(dependency: dependency.name, requirement: .program("git"), phase: .build,
                                                           detail: "fetched with git (\(dependency.spec))", evidence: evidence))
                }
                guard !dependency.dev else { continue }
                direct.insert(dependency.name)
                add(dependency.name, evidence: evidence, into: &findings)
            }
        }
        readLockfile(context, prefix + "package-lock.json", skipping: direct, into: &findings)
    }

    private static func add(_ name: String, evidence: Evidence, into findings: inout SourceFindings) {
        for addon in addons[name] ?? [] {
            findings.nativeNeeds.append(NativeNeed(dependency: name, requirement: addon.requirement, phase: addon.phase,
                                                   detail: addon.detail, evidence: evidence))
        }
    }

    /// `"name": "spec"` pairs of the top-level `dependencies`,
    /// `optionalDependencies`, `devDependencies` objects (`dev` for the last).
    static func dependencies(_ file: ScannedSource) -> [(name: String, spec: String, line: Int, dev: Bool)] {
        var out: [(String, String, Int, Bool)] = []
        guard let top = file.tokens.indices.first(where: { file.isPunctuation($0, .openBrace) }), let end = file.closing(top) else { return out }
        var k = top + 1
        while k < end {
            if file.isPlainString(k), file.isPunctuation(k + 1, .colon), file.isPunctuation(k + 2, .openBrace), let close = file.closing(k + 2) {
                let section = file.value(k)
                if ["dependencies", "optionalDependencies", "devDependencies"].contains(section) {
                    var j = k + 3
                    while j + 2 < close {
                        if file.isPlainString(j), file.isPunctuation(j + 1, .colon), file.isPlainString(j + 2) {
                            out.append((file.value(j), file.value(j + 2), file.tokens[j].line, section == "devDependencies"))
                            j += 3
                        } else { j = (file.closing(j) ?? j) + 1 }
                    }
                }
                k = close + 1
                continue
            }
            k = (file.closing(k) ?? k) + 1
        }
        return out
    }

    /// A dependency spec npm fetches with git.
    static func isGitSpec(_ spec: String) -> Bool {
        let s = spec.lowercased()
        if ["git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:"].contains(where: { s.hasPrefix($0) }) { return true }
        if s.hasPrefix("https://github.com/") || s.hasPrefix("http://github.com/") { return !s.hasSuffix(".tgz") && !s.contains("/archive/") && !s.contains("/tarball/") }
        // `user/repo` or `user/repo#branch`: GitHub shorthand.
        guard !s.hasPrefix("@"), !s.hasPrefix("."), !s.hasPrefix("/"), !s.contains(":"), !s.contains(" ") else { return false }
        return s.split(separator: "/").count == 2
    }

    /// package-lock.json (npm 7+): `"node_modules/…/name": {` entries, their
    /// `"dev": true`, and `"resolved": "git+…"`. Read line by line, as npm writes it.
    private static func readLockfile(_ context: BuildContext, _ path: String, skipping direct: Set<String>, into findings: inout SourceFindings) {
        guard let bytes = findings.manifest(context, path) else { return }
        var entries: [(name: String, line: Int, dev: Bool, text: String)] = []
        for (n, raw) in bytes.split(separator: .newline, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: raw.prefix(400), as: UTF8.self).trimmingCharacters(in: " \t\r")
            if line.hasPrefix("\"node_modules/"), line.hasSuffix("{"), let key = line.split(separator: "\"").first {
                let name = key.components(after: "node_modules/")
                entries.append((name, n + 1, false, line))
            } else if line.hasPrefix("\"dev\": true"), !entries.isEmpty {
                entries[entries.count - 1].dev = true
            } else if line.hasPrefix("\"resolved\": \"git"), let entry = entries.last {
                findings.nativeNeeds.append(NativeNeed(dependency: entry.name, requirement: .program("git"), phase: .build,
                                                       detail: "the lockfile resolves it with git", evidence: Evidence(file: path, line: n + 1, text: line)))
            }
        }
        var seen = direct
        for entry in entries where !entry.dev && addons[entry.name] != nil && seen.insert(entry.name).inserted {
            add(entry.name, evidence: Evidence(file: path, line: entry.line, text: entry.text), into: &findings)
        }
    }

    /// The packages package-lock.json (v2 or v3) marks `"hasInstallScript":
    /// true`: the ones npm runs a script for when installing (a node-gyp
    /// build, a downloaded binary). `nil` without a readable lock: any
    /// package may have one.
    static func installScripts(_ context: BuildContext?, prefix: String = "") -> [String]? {
        guard let text = context?.text(prefix + "package-lock.json"), let lock = JSONDocument.parse(text),
              case .object(let packages)? = lock["packages"] else { return nil }
        return packages.compactMap { key, value in
            value["hasInstallScript"] == .bool(true) ? (key.isEmpty ? "the project's own install script" : key[...].components(after: "node_modules/")) : nil
        }
    }
}

private extension Substring {
    /// The text after the last `marker` (`node_modules/a/node_modules/@s/b` → `@s/b`).
    func components(after marker: String) -> String {
        var rest = self
        while let r = rest.range(of: marker) { rest = rest[r.upperBound...] }
        return String(rest)
    }
}
