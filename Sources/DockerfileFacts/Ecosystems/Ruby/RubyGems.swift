/// Native needs from `Gemfile.lock`, for the gems production installs:
/// the Gemfile's gems outside `group :development, :test` blocks (and
/// without `group: :test`), with everything they depend on in the lock.
/// A gem locked with a platform (`nokogiri (1.16.5-x86_64-linux)`) is
/// precompiled for that C library; one without is compiled when
/// installing, and some link a system library the runtime must have.
enum RubyGems {
    /// Gems whose C extension links a system library.
    static let systemLibraries: [String: String] = [
        "pg": "libpq", "mysql2": "libmariadb", "psych": "libyaml", "rmagick": "libMagickWand", "ruby-vips": "libvips", "tiny_tds": "libsybdb",
        "charlock_holmes": "libicu", "puma": "libssl", "eventmachine": "libssl", "curb": "libcurl",
    ]

    /// Gems with a C extension (compiled for the installing image's C library unless precompiled).
    static let extensions: Set<String> = [
        "pg", "mysql2", "sqlite3", "nokogiri", "bcrypt", "puma", "nio4r", "websocket-driver", "msgpack", "bootsnap", "ffi", "unicorn", "oj",
        "hiredis", "redcarpet", "eventmachine", "racc", "bigdecimal", "json", "date", "io-console", "psych", "strscan", "stringio", "grpc",
        "google-protobuf", "mini_racer", "libv8-node", "charlock_holmes", "tiny_tds", "rmagick", "curb",
        // Each gem's ext/ folder (rubygems.org sources): compiled by `bundle install`.
        "unf_ext", "byebug", "debug", "rbs", "prism", "kgio", "raindrops", "thin", "http_parser.rb", "escape_utils", "yajl-ruby",
        "fast_blank", "sassc", "ed25519", "bcrypt_pbkdf", "rugged", "posix-spawn", "ruby-prof", "stackprof", "jaro_winkler",
        "commonmarker", "ox", "RedCloth", "libxml-ruby", "hiredis-client", "concurrent-ruby-ext", "trilogy", "etc", "fiddle",
        "io-wait", "zlib", "openssl", "cgi", "erb", "unicode", "pycall",
    ]

    /// Every locked gem, of every group, with a C extension it compiles when
    /// installed (not precompiled for a platform): `bundle install` builds
    /// the development and test groups too unless told not to.
    static func compiledWhenInstalling(_ context: BuildContext, root: String) -> [String] {
        guard let lock = context.text(SourceFiles.folderPrefix(root) + "Gemfile.lock") else { return [] }
        let gems = locked(lock.textLines(keepingEmpty: true).map { String($0.prefix(400)) })
        var byName: [String: [LockedGem]] = [:]
        for g in gems { byName[g.name, default: []].append(g) }
        return byName.keys.sorted().filter { name in
            extensions.contains(name) && !(byName[name] ?? []).contains { $0.platform?.contains("linux") == true }
        }
    }

    static let programs: [String: String] = ["mini_magick": "convert (ImageMagick)", "wkhtmltopdf-binary": "wkhtmltopdf"]

    struct LockedGem {
        let name: String
        let version: String
        let platform: String?
        let line: Int
        var dependencies: [String]
    }

    static func read(_ context: BuildContext, root: String, into findings: inout SourceFindings) {
        let prefix = SourceFiles.folderPrefix(root)
        guard let lock = findings.manifest(context, prefix + "Gemfile.lock") else { return }
        let file = prefix + "Gemfile.lock"
        let lines = lock.split(separator: .newline, omittingEmptySubsequences: false).map { String(decoding: $0.prefix(400), as: UTF8.self) }
        let gems = locked(lines)
        let wanted = production(gems, gemfile: findings.manifest(context, prefix + "Gemfile").map { String(decoding: $0, as: UTF8.self) })
        var byName: [String: [LockedGem]] = [:]
        for g in gems { byName[g.name, default: []].append(g) }
        for name in wanted.sorted() {
            guard let variants = byName[name] else { continue }
            let evidence = Evidence(file: file, line: variants[0].line, text: lines[variants[0].line - 1].trimmingCharacters(in: " "))
            findings.nativeNeeds += needs(name, variants: variants, evidence: evidence)
        }
    }

    /// What one gem asks, given its locked variants (one per platform).
    static func needs(_ name: String, variants: [LockedGem], evidence: Evidence) -> [NativeNeed] {
        var out: [NativeNeed] = []
        let platforms = variants.compactMap(\.platform).filter { $0.contains("linux") }
        if !platforms.isEmpty {
            let both = platforms.contains { $0.contains("musl") } && platforms.contains { !$0.contains("musl") }
            out.append(NativeNeed(dependency: name, requirement: .compiledExtension(both ? .glibcAndMusl : (platforms.allSatisfy { $0.contains("musl") } ? .muslOnly : .glibcOnly)),
                                  detail: "precompiled for \(platforms.joined(separator: ", "))", evidence: evidence))
            return out
        }
        if let library = systemLibraries[name] {
            out.append(NativeNeed(dependency: name, requirement: .systemLibrary(library), detail: "its C extension links \(library)", evidence: evidence))
        }
        if name == "sqlite3", let major = variants.first.map({ $0.version.split(separator: ".").map { Int($0) ?? 0 } }), (major.first ?? 0, major.dropFirst().first ?? 0) < (1, 5) {
            out.append(NativeNeed(dependency: name, requirement: .systemLibrary("libsqlite3"), detail: "sqlite3 before 1.5 links the system SQLite", evidence: evidence))
        }
        if extensions.contains(name) {
            out.append(NativeNeed(dependency: name, requirement: .compiledExtension(.none), detail: "C extension compiled when installing", evidence: evidence))
        }
        if let program = programs[name] {
            out.append(NativeNeed(dependency: name, requirement: .program(program), detail: "runs \(program)", evidence: evidence))
        }
        return out
    }

    /// `GEM` → `specs:` entries (four spaces: a gem; six: what it needs).
    static func locked(_ lines: [String]) -> [LockedGem] {
        var gems: [LockedGem] = []
        var inSpecs = false
        for (n, line) in lines.enumerated() {
            if !line.hasPrefix(" ") { inSpecs = false; continue }
            if line.trimmingCharacters(in: " ") == "specs:" { inSpecs = true; continue }
            guard inSpecs else { continue }
            let indent = line.prefix { $0 == " " }.count
            let words = line.split(separator: " ")
            guard let name = words.first.map(String.init) else { continue }
            if indent == 4 {
                let version = words.count > 1 ? words[1].trimmingCharacters(in: "()") : ""
                let parts = version.split(separator: "-", maxSplits: 1)
                gems.append(LockedGem(name: name, version: String(parts.first ?? ""), platform: parts.count > 1 ? String(parts[1]) : nil, line: n + 1, dependencies: []))
            } else if indent == 6, !gems.isEmpty {
                gems[gems.count - 1].dependencies.append(name)
            }
        }
        return gems
    }

    /// Names reachable from the Gemfile's production gems (every locked gem without a Gemfile).
    static func production(_ gems: [LockedGem], gemfile: String?) -> Set<String> {
        guard let gemfile else { return Set(gems.map(\.name)) }
        var edges: [String: [String]] = [:]
        for g in gems { edges[g.name, default: []] += g.dependencies }
        var seen = Set<String>()
        var queue = productionGems(gemfile)
        while let name = queue.popLast() {
            guard seen.insert(name).inserted else { continue }
            queue += edges[name] ?? []
        }
        return seen
    }

    /// Why Gemfile.lock does not fit the Gemfile or Linux, so that `bundle
    /// install` rewrites it in the builder while the runtime would read the
    /// context's: locked only for other platforms (`x64-mingw32`), or its
    /// DEPENDENCIES and the Gemfile's gems differ.
    static func staleLock(gemfile: String, lock: String) -> String? {
        var section = ""
        var platforms: [String] = []
        var dependencies: Set<String> = []
        for raw in lock.textLines() {
            if !raw.hasPrefix(" ") { section = raw.trimmingCharacters(in: " \r"); continue }
            let indent = raw.prefix { $0 == " " }.count
            let word = raw.trimmingCharacters(in: " \r").split(separator: " ").first.map(String.init) ?? ""
            if section == "PLATFORMS" { platforms.append(word) }
            if section == "DEPENDENCIES", indent == 2 { dependencies.insert(word.trimmingCharacters(in: "!")) }
        }
        if !platforms.isEmpty, !platforms.contains(where: { $0 == "ruby" || $0.contains("linux") }) {
            return "Gemfile.lock is locked for \(platforms.joined(separator: ", ")) only, so bundle install rewrites it in the builder"
        }
        var asked: Set<String> = []
        for raw in gemfile.textLines() {
            let line = raw.trimmingCharacters(in: " \t")
            guard line.hasPrefix("gem ") else { continue }
            let name = line.dropFirst(4).split(separator: ",").first?.trimmingCharacters(in: " \"'()") ?? ""
            if !name.isEmpty { asked.insert(name) }
        }
        guard !dependencies.isEmpty else { return nil }
        if let extra = dependencies.subtracting(asked).sorted().first {
            return "Gemfile.lock lists \(extra), which the Gemfile does not ask for, so bundle install rewrites the lock in the builder"
        }
        if let missing = asked.subtracting(dependencies).sorted().first {
            return "the Gemfile asks for \(missing), which Gemfile.lock does not list, so bundle install rewrites the lock in the builder"
        }
        return nil
    }

    /// `gem "x"` lines outside `group :development`/`:test` blocks and without `group: :test`-like options.
    static func productionGems(_ gemfile: String) -> [String] {
        var out: [String] = []
        var groups: [Bool] = []  // each open `do` block: whether it is a development/test group
        for raw in gemfile.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: " \t\r")
            let devOnly = { (text: String) in !text.contains(":production") && !text.contains("\"production\"") && (text.contains(":development") || text.contains(":test")) }
            if line.hasPrefix("group ") && line.hasSuffix(" do") { groups.append(devOnly(line)); continue }
            if line.hasSuffix(" do") || line.hasSuffix(" do |") { groups.append(false); continue }
            if line == "end" { _ = groups.popLast(); continue }
            guard line.hasPrefix("gem "), !groups.contains(true) else { continue }
            let name = line.dropFirst(4).split(separator: ",").first?.trimmingCharacters(in: " \"'()") ?? ""
            if let options = line.range(of: "group") { if devOnly(String(line[options.lowerBound...])) { continue } }
            if !name.isEmpty { out.append(name) }
        }
        return out
    }
}
