import DockerfileModel

/// The runtime images dockslim may move a stage to, per family, with the
/// facts a rewrite needs before writing one (C library, shell, user,
/// WORKDIR, PATH, ENTRYPOINT, language runtime, end of life) and their
/// source. Each family's data lives in its own file (`DistrolessImages`,
/// `ChainguardImages`, `HardenedImages`, `DotnetImages`,
/// `OfficialRuntimeImages`).
extension ImageCatalog {
    /// The image of `family` that runs a statically linked program.
    package static func runtimeImage(forStaticBinaryIn family: RuntimeFamily) -> RuntimeImage? {
        catalog(of: family).staticBinary
    }

    /// The smallest image of `family` that runs a program linked against
    /// `libc` and the libraries it names (`needsOpenSSL` defaults to true:
    /// a base without OpenSSL is chosen only when the caller knows it is not needed).
    package static func runtimeImage(forDynamicBinary libc: Libc, needsCxx: Bool, needsOpenSSL: Bool = true,
                                      in family: RuntimeFamily) -> RuntimeImage? {
        var needs: Set<SharedLibrary> = []
        if needsCxx { needs.formUnion([.libgcc, .libstdcxx]) }
        if needsOpenSSL { needs.insert(.openssl) }
        return catalog(of: family).dynamicBases.first { $0.libc == libc && needs.isSubset(of: $0.libraries) && !$0.support.isEndOfLife }
    }

    /// The image of `family` that runs `language` (`node`, `python`, `java`,
    /// `dotnet`, `ruby`, `php`) at `version` (node and java by major, python,
    /// ruby and php by minor, .NET by `major.0`); end-of-life images are
    /// never offered.
    package static func runtimeImage(language: String, version: String, in family: RuntimeFamily) -> LanguageRuntimeLookup {
        guard let line = LanguageLine.line(of: version, language: language) else {
            return .none("\(version) does not name a \(language) release line (\(LanguageLine.expected(language)))")
        }
        return catalog(of: family).language(language, line)
    }

    /// What the catalogue knows of a runtime image reference, for the audit
    /// and for checks; `nil` when it is not one of the families' images.
    package static func runtimeFacts(of ref: ImageReference) -> RuntimeImage? {
        if ref.isScratch { return ScratchImage.image }
        switch ref.registry {
        case "gcr.io": return DistrolessImages.facts(of: ref)
        case "cgr.dev": return ChainguardImages.facts(of: ref)
        case "dhi.io": return HardenedImages.facts(of: ref)
        case "mcr.microsoft.com": return DotnetImages.facts(of: ref)
        default: return OfficialRuntimeImages.facts(of: ref)
        }
    }

    private static func catalog(of family: RuntimeFamily) -> FamilyCatalog {
        switch family {
        case .distroless: return DistrolessImages.catalog
        case .chainguard: return ChainguardImages.catalog
        case .dhi: return HardenedImages.catalog
        case .microsoft: return DotnetImages.catalog
        case .alpine: return OfficialRuntimeImages.alpineCatalog
        case .slim: return OfficialRuntimeImages.slimCatalog
        case .scratch: return ScratchImage.catalog
        }
    }
}

/// What one family offers, in the shape the lookups above read.
struct FamilyCatalog: Sendable {
    let staticBinary: RuntimeImage?
    /// Bases for dynamically linked programs, smallest first.
    let dynamicBases: [RuntimeImage]
    let language: @Sendable (_ language: String, _ line: String) -> LanguageRuntimeLookup

    /// A family whose language images are a fixed list: picks the
    /// supported image of the line, or says which lines there are.
    init(staticBinary: RuntimeImage?, dynamicBases: [RuntimeImage], languageImages: [RuntimeImage], name: String) {
        self.staticBinary = staticBinary
        self.dynamicBases = dynamicBases
        self.language = { language, line in LanguageLine.pick(language, line, from: languageImages, family: name) }
    }

    init(staticBinary: RuntimeImage?, dynamicBases: [RuntimeImage],
         language: @escaping @Sendable (_ language: String, _ line: String) -> LanguageRuntimeLookup) {
        self.staticBinary = staticBinary
        self.dynamicBases = dynamicBases
        self.language = language
    }
}

/// Release lines of the language runtimes: node and Java by major, Python,
/// Ruby and PHP by minor, .NET by `major.0` (Node.js, Java and .NET number
/// their releases that way; Python, Ruby and PHP change ABI between minors).
enum LanguageLine {
    static func line(of version: String, language: String) -> String? {
        var text = Substring(version)
        if text.hasPrefix("v") { text = text.dropFirst() }
        if language == "java", text.hasPrefix("1.") { text = text.dropFirst(2) } // 1.8 → 8
        let numbers = text.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard let major = numbers.first, text.first?.isNumber == true else { return nil }
        switch language {
        case "node", "java": return String(major)
        case "dotnet": return "\(major).\(numbers.count > 1 ? numbers[1] : 0)"
        case "python", "ruby", "php": return numbers.count > 1 ? "\(major).\(numbers[1])" : nil
        default: return nil
        }
    }

    static func expected(_ language: String) -> String {
        switch language {
        case "node", "java": return "a major such as 22 or 21"
        case "dotnet": return "a version such as 10.0"
        case "python", "ruby", "php": return "a minor such as 3.13"
        default: return "languages: node, python, java, dotnet, ruby, php"
        }
    }

    /// Whether an image's runtime version belongs to `line` (`24.19.0` to `24`).
    static func matches(_ version: String, line: String) -> Bool {
        version == line || version.hasPrefix(line + ".")
    }

    static func pick(_ language: String, _ line: String, from images: [RuntimeImage], family: String) -> LanguageRuntimeLookup {
        let ofLanguage = images.filter { $0.runtime?.language == language }
        guard !ofLanguage.isEmpty else { return .none("\(family) has no \(language) runtime image") }
        let supported = ofLanguage.filter { !$0.support.isEndOfLife }
        if let image = supported.first(where: { matches($0.runtime!.version, line: line) }) { return .image(image) }
        let lines = supported.map { lineText($0.runtime!.version, language) }
        let offered = "\(family) has \(language) " + lines.joined(separator: ", ")
        if let old = ofLanguage.first(where: { matches($0.runtime!.version, line: line) }),
           case let .endOfLife(since, replacement) = old.support {
            return .none("\(old.reference) (\(language) \(line)) is end of life since \(since)"
                         + (replacement.map { "; \($0) replaces it" } ?? "") + "; \(offered)")
        }
        return .none("\(family) has no \(language) \(line) image; \(offered)")
    }

    private static func lineText(_ version: String, _ language: String) -> String {
        line(of: version, language: language) ?? version
    }
}

/// `FROM scratch`: nothing but what the stage copies in.
enum ScratchImage {
    static let image = RuntimeImage(
        reference: "scratch", family: .scratch, libc: nil, libraries: [], shell: nil, user: .root, workdir: "/",
        path: nil, entrypoint: nil, command: nil, runtime: nil, support: .supported(until: nil), builder: nil,
        source: "Docker's reserved empty image: no files, no configuration (docs.docker.com, 'Create a minimal base image using scratch')")

    static let catalog = FamilyCatalog(staticBinary: image, dynamicBases: []) { language, _ in
        .none("scratch has no \(language) runtime; only static binaries run on it")
    }
}
