import DockerfileModel
import DockerfileSyntax

/// `swap-base` for the runtime stage of a Node.js, Python or Java app that
/// `split-stages` made: the runtime image for the target, and what that
/// image implies for the command (distroless `nodejs` runs `node`, `java`
/// runs `java -jar`), the user, and the builder (Alpine needs node_modules
/// built on musl).
enum AppRuntime {
    typealias Target = SwapBaseImage.Target

    /// The major version in an image's tag: `22` for `node:22.3-bookworm`,
    /// `21` for `maven:3.9-eclipse-temurin-21` or `gradle:8-jdk21`.
    static func javaMajor(_ ref: ImageReference) -> Int? {
        let tag = ref.tag ?? ""
        for marker in ["temurin-", "jdk-", "jdk", "openjdk-", "corretto-", "java"] {
            if let r = tag.range(of: marker) {
                let digits = tag[r.upperBound...].prefix { $0.isNumber }
                if let n = Int(digits) { return n }
            }
        }
        if ["eclipse-temurin", "openjdk", "amazoncorretto", "sapmachine"].contains(ref.name) { return Int(tag.prefix { $0.isNumber }) }
        return nil
    }

    /// The version part of a tag (`3.12` for `3.12-slim-bookworm`), and its Debian release suffix if any.
    static func version(_ ref: ImageReference) -> (version: String, release: String?) {
        let parts = (ref.tag ?? "latest").split(separator: "-").map(String.init)
        let release = parts.dropFirst().first { ["bookworm", "bullseye", "trixie", "buster"].contains($0) }
        return (parts.first ?? "latest", release)
    }

    static func swap(file: FileContext, runtime: Stage, builder: AppBuild, target: Target, image: String?, tag: String?) -> PassOutcome {
        let label = builder.language.rawValue
        let ref = builder.image
        var editor = file.editor()
        let kw = file.style.keyword
        let (ver, release) = version(ref)
        var newImage: String
        var notes = PassNotes()
        // What the new image's entrypoint adds in front of CMD.
        var entryPrefix: [String] = []
        var shellless = false
        var knownUsers: Set<String> = ["root"]
        switch (builder.language, target) {
        case (.node, .distroless):
            guard let major = Int(ver.prefix { $0.isNumber }), let variant = [18: "nodejs18-debian12", 20: "nodejs20-debian12", 22: "nodejs22-debian13", 24: "nodejs24-debian13"][major] else {
                return .unchanged("not moved to distroless: distroless has no Node.js image for \(ref.original) that dockslim knows")
            }
            newImage = (image ?? "gcr.io/distroless/\(variant)") + ":" + (tag ?? "nonroot")
            entryPrefix = ["node"]; shellless = true; knownUsers = ["root", "nonroot", "nobody"]
        case (.node, .alpine), (.node, .slim):
            if ver == "latest" || ver == "lts" || ver == "current" {
                newImage = image.map { $0 + ":" + (tag ?? "alpine") } ?? "node:\(target == .alpine ? "alpine" : "slim")"
            } else {
                newImage = (image ?? "node") + ":" + (tag ?? "\(ver)-\(target == .alpine ? "alpine" : (release.map { "\($0)-slim" } ?? "slim"))")
            }
            // A builder already on the variant: the runtime takes the very same image,
            // so node_modules meets the C library it was built against.
            if image == nil && tag == nil && (ref.tag ?? "").contains(target == .alpine ? "alpine" : "slim") { newImage = ref.original }
            knownUsers = ["root", "node", "nobody"]
        case (.python, .slim):
            if (ref.tag ?? "").contains("slim") { return .done("the runtime stage is already on a slim Python image") }
            if Toolchains.libc(ofImage: ref) == .musl {
                return .unchanged("not moved: the virtual environment is built on \(ref.original) (musl); its compiled packages do not run on a glibc slim image")
            }
            let asked = PythonRequirements.requested(in: [builder.stage], project: file.project)
            if let bad = asked.first(where: { PythonRequirements.linksSystemLibraries[$0.name] != nil }) {
                return .unchanged("not moved: \(bad.source) asks for \(bad.name), which pip builds against \(PythonRequirements.linksSystemLibraries[bad.name]!) from \(ref.original); the slim image lacks that library")
            }
            newImage = (image ?? "python") + ":" + (tag ?? (ver + "-slim" + (release.map { "-\($0)" } ?? "")))
            knownUsers = ["root", "nobody"]
        case (.python, .distroless):
            guard AppBuild.isTrixie(ref) else {
                return .unchanged("not moved to distroless: the virtual environment uses \(ref.original)'s interpreter (/usr/local/bin/python\(ver)); distroless python3-debian13 has Debian's /usr/bin/python3.13, so the environment would break. Build on debian:trixie with python3-venv, or use python-slim")
            }
            newImage = (image ?? "gcr.io/distroless/python3-debian13") + ":" + (tag ?? "nonroot")
            shellless = true; knownUsers = ["root", "nonroot", "nobody"]
            return pythonDistroless(file: file, runtime: runtime, newImage: newImage, editor: &editor, knownUsers: knownUsers)
        case (.python, _) where AppBuild.isTrixie(ref):
            return .unchanged("not moved to \(target.rawValue): a virtual environment built with Debian's python3 moves only to distroless python3-debian13")
        case (.python, _):
            return .unchanged("not moved to \(target.rawValue): dockslim moves Python only to a slim image of the same version (Alpine needs musllinux wheels for every package)")
        case (.java, .distroless):
            guard let major = javaMajor(ref), let variant = [17: "java17-debian12", 21: "java21-debian13"][major] else {
                return .unchanged("not moved to distroless: the Java version of \(ref.original) is not one distroless has (17, 21)")
            }
            newImage = (image ?? "gcr.io/distroless/\(variant)") + ":" + (tag ?? "nonroot")
            entryPrefix = ["java", "-jar"]; shellless = true; knownUsers = ["root", "nonroot", "nobody"]
        case (.java, .alpine), (.java, .slim):
            guard let major = javaMajor(ref) else { return .unchanged("not moved: the Java version of \(ref.original) is not known") }
            newImage = (image ?? "eclipse-temurin") + ":" + (tag ?? "\(major)-jre\(target == .alpine ? "-alpine" : "")")
        case (_, .scratch):
            return .unchanged("not moved to scratch: a \(label) program needs its runtime")
        }
        if newImage == runtime.resolvedBase { return .done("the runtime stage is already on \(newImage)") }
        if let why = AppBuild.runsBuildTool(runtime, language: builder.language) { return .unchanged("not moved: \(why)") }
        if builder.language == .node, Toolchains.libc(ofImage: ref) == .musl, !newImage.contains("alpine") {
            return .unchanged("not moved to \(newImage): node_modules is installed on \(ref.original) (musl), and a native addon built there does not run on glibc")
        }
        if !shellless, let newRef = ImageReference(newImage) {
            let os = target == .alpine || newImage.contains("alpine") ? ImageTools.alpine : ImageTools.debianSlim
            let check = StagePrograms(baseline: os.union(ImageTools.languageTools(of: newRef)))
            if let why = check.missing(in: [runtime], assumeLanguageInstalls: true) { return .declined("not moved to \(newImage): \(why)") }
        }

        let hasEntrypoint = runtime.instructions.contains { $0.kind == .entrypoint }
        for i in runtime.instructions {
            let line = "\(i.keyword) on line \(i.startLine)"
            switch i.kind {
            case .run where shellless:
                return .unchanged("not moved to distroless: \(line) needs a shell, which \(newImage) lacks")
            case .copy where i.flag("chown") != nil:
                let owner = i.flag("chown")?.value?.split(separator: ":").first.map(String.init) ?? ""
                if !owner.allSatisfy(\.isNumber), !knownUsers.contains(owner) {
                    return .unchanged("not moved: \(line) gives files to \(owner), a user \(newImage) does not have")
                }
            case .user:
                let name = (i.argumentStrings.first ?? "").split(separator: ":").first.map(String.init) ?? ""
                if name.allSatisfy(\.isNumber) || knownUsers.contains(name) { continue }
                if name == "node" && shellless {
                    editor.replace(i.node, with: "\(kw("USER")) nonroot", reason: "\(line): distroless has no user node; nonroot (65532) is its unprivileged user")
                    continue
                }
                return .unchanged("not moved: \(line) names the user \(name), which \(newImage) does not have")
            case .healthcheck where shellless:
                editor.remove(i.node, reason: "\(line) dropped: \(newImage) has no shell or tools to run it")
                notes.warn("`\(i.original)` dropped: \(newImage) has no shell or tools to run it; a probe of the orchestrator (or a health endpoint it polls) takes its place")
            case .entrypoint where !entryPrefix.isEmpty:
                guard let argv = execWords(i), argv.starts(with: [entryPrefix[0]]) || argv.first == "/usr/bin/\(entryPrefix[0])" else {
                    return .unchanged("not moved: \(line) does not run \(entryPrefix[0]), which is what \(newImage) runs")
                }
                // Keep the ENTRYPOINT, with the image's own interpreter path.
                let path = builder.language == .node ? "/nodejs/bin/node" : "/usr/bin/java"
                editor.replace(i.node, with: "\(kw("ENTRYPOINT")) " + json([path] + argv.dropFirst()), reason: "\(line): \(newImage) keeps \(entryPrefix[0]) at \(path)")
            case .cmd where !entryPrefix.isEmpty && !hasEntrypoint:
                guard var argv = execWords(i) else { return .unchanged("not moved: \(line) needs a shell, which \(newImage) lacks") }
                var options: [String] = []
                if builder.language == .java {
                    guard argv.first == "java", let jar = argv.firstIndex(of: "-jar") else { return .unchanged("not moved: \(line) does not run java -jar") }
                    options = Array(argv[1..<jar])
                    argv = Array(argv[(jar + 1)...])
                } else {
                    guard argv.first == "node" else { return .unchanged("not moved: \(line) does not run node") }
                    argv.removeFirst()
                }
                var text = "\(kw("CMD")) " + json(argv)
                if !options.isEmpty {
                    guard options.allSatisfy({ !$0.contains("\"") && !$0.contains("$") }) else { return .unchanged("not moved: \(line) has JVM options dockslim cannot move") }
                    text = "\(kw("ENV")) JAVA_TOOL_OPTIONS=\"\(options.joined(separator: " "))\"" + file.style.newline + text
                    notes.info("\(line): the JVM options move to JAVA_TOOL_OPTIONS, since \(newImage) runs `java -jar` itself")
                }
                editor.replace(i.node, with: text, reason: "\(line): \(newImage) runs `\(entryPrefix.joined(separator: " "))` itself; CMD gives it the rest")
            default:
                break
            }
        }
        guard let baseWord = runtime.baseNode else { return .unchanged("FROM has no image") }
        editor.replace(baseWord, with: newImage, reason: "the \(label) runtime stage moves to \(newImage): the \(label) runtime without the build tools\(shellless ? ", shell or package manager" : "")")
        // Alpine: node_modules with native addons must be built on musl too.
        if builder.language == .node, target == .alpine, !(ref.tag ?? "").contains("alpine") {
            if !builder.packages.isEmpty { return .unchanged("not moved to Alpine: the builder installs system packages (\(builder.packages.joined(separator: ", "))), which would need translating; run the alpine recipe first") }
            if let pkg = file.project?.text("package.json"), let native = nativeAddons.first(where: { pkg.contains("\"\($0)\"") }) {
                return .unchanged("not moved to Alpine: \(native) has a native addon, which needs python3, make and g++ to build on musl")
            }
            guard let word = builder.stage.baseNode else { return .unchanged("the builder's FROM has no image") }
            editor.replace(word, with: newImage, reason: "the builder moves to \(newImage) too, so node_modules is built for musl")
            notes.warn("stage \(builder.stage.name ?? String(builder.stage.index)): a dependency with a native addon would need python3, make and g++ (apk add) to build on Alpine")
        }
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    /// distroless python3: the venv's interpreter runs the program (the
    /// image's own python3 would not see the environment).
    static func pythonDistroless(file: FileContext, runtime: Stage, newImage: String, editor: inout TreeEditor, knownUsers: Set<String>) -> PassOutcome {
        let kw = file.style.keyword
        var notes = PassNotes()
        if runtime.instructions.contains(where: { $0.kind == .entrypoint }) { return .unchanged("not moved to distroless: the runtime stage sets its own ENTRYPOINT") }
        for i in runtime.instructions {
            let line = "\(i.keyword) on line \(i.startLine)"
            switch i.kind {
            case .run: return .unchanged("not moved to distroless: \(line) needs a shell, which \(newImage) lacks")
            case .user:
                let name = (i.argumentStrings.first ?? "").split(separator: ":").first.map(String.init) ?? ""
                if !name.allSatisfy(\.isNumber) && !knownUsers.contains(name) { return .unchanged("not moved: \(line) names the user \(name), which \(newImage) does not have") }
            case .healthcheck:
                editor.remove(i.node, reason: "\(line) dropped: \(newImage) has no shell or tools to run it")
                notes.warn("`\(i.original)` dropped: \(newImage) has no shell or tools to run it; a probe of the orchestrator (or a health endpoint it polls) takes its place")
            case .cmd:
                guard var argv = execWords(i) else { return .unchanged("not moved: \(line) needs a shell, which \(newImage) lacks") }
                if ["python", "python3"].contains(argv.first ?? "") { argv.removeFirst() }
                else if let tool = argv.first, ["gunicorn", "uvicorn", "flask", "celery", "hypercorn", "daphne", "waitress-serve"].contains(tool) {
                    argv = ["-m", tool == "waitress-serve" ? "waitress" : tool] + argv.dropFirst()
                } else {
                    return .unchanged("not moved: \(line) runs \(argv.first ?? "nothing"), which dockslim cannot start through the environment's python")
                }
                let text = "\(kw("ENTRYPOINT")) [\"/opt/venv/bin/python\"]" + file.style.newline + "\(kw("CMD")) " + json(argv)
                editor.replace(i.node, with: text, reason: "\(line): the environment's python runs the program, as \(newImage)'s own python3 would not see /opt/venv")
            default: break
            }
        }
        guard let baseWord = runtime.baseNode else { return .unchanged("FROM has no image") }
        editor.replace(baseWord, with: newImage, reason: "the Python runtime stage moves to \(newImage): the same /usr/bin/python3 the virtual environment was made with, without shell or package manager")
        return PassOutcome(edits: editor.edits, notes: notes)
    }

    /// Packages whose install builds a native addon.
    static let nativeAddons = ["bcrypt", "sharp", "sqlite3", "better-sqlite3", "node-sass", "canvas", "argon2", "grpc", "re2", "bufferutil", "utf-8-validate", "cpu-features"]

    static func execWords(_ i: Instruction) -> [String]? {
        switch i.command {
        case .exec(let w): return w
        case .shell: return SwapBaseImage.plainWords(i)
        case nil: return nil
        }
    }

    static func json(_ words: [String]) -> String {
        "[" + words.map { "\"" + $0.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"" }.joined(separator: ", ") + "]"
    }
}
