import DockerfileModel

/// A stage of an interpreted language's app (Node.js, Python, Java, Ruby)
/// as its ecosystem reads it: its RUNs as simple commands, the folder
/// before each instruction, and the CMD or ENTRYPOINT. The ecosystem then
/// says what the runtime stage copies and how the builder changes.
package struct AppStage {
    package let input: StageInput
    package let image: ImageReference
    /// The last RUN: the builder ends here; what follows describes the runtime.
    package let buildIndex: Int
    package let entry: Instruction?
    /// How messages name the stage: "the Node.js stage".
    package let label: String

    package var stage: Stage { input.stage }
    package var context: BuildContext? { input.context }

    /// Reads the frame every app ecosystem shares, or says why the stage is
    /// not one to split (no RUN, no CMD, a CMD before the last RUN).
    package static func read(_ input: StageInput, image: ImageReference, name: String) -> Result<AppStage, BuildReadingStop> {
        let stage = input.stage
        let label = "the \(name) stage"
        guard let buildIndex = stage.instructions.lastIndex(where: { $0.kind == .run }) else {
            return .failure(.nothingToBuild("\(label) runs no install or build"))
        }
        let entry = stage.instructions.last(where: { $0.kind == .entrypoint }) ?? stage.instructions.last(where: { $0.kind == .cmd })
        if input.requireEntry && entry == nil { return .failure(.refused("no CMD or ENTRYPOINT says what \(label) runs")) }
        // A CMD or ENTRYPOINT before the last RUN is configuration all the same: it moves to the runtime stage.
        return .success(AppStage(input: input, image: image, buildIndex: buildIndex, entry: entry, label: label))
    }

    /// A WORKDIR known for certain before instruction `index`.
    package func workdir(before index: Int) -> String? { input.workdir(before: index) }

    /// A RUN's simple commands, `VAR=value` prefixes removed.
    package struct Run {
        package let instruction: Instruction
        package let index: Int
        package let commands: [[String]]
    }

    /// The RUNs before the split, each as its simple commands; the reason
    /// when one cannot be read.
    package func runs() -> Result<[Run], Why> {
        var out: [Run] = []
        for (k, i) in stage.instructions.enumerated() where i.kind == .run {
            guard i.heredocs.isEmpty, i.form == .shell, case .shell(let text)? = i.command, let list = ShellCommandList.parse(text) else {
                return .failure(Why("RUN on line \(i.startLine) is a command dockslim does not follow"))
            }
            // After `set -e`, `;` stops at a failure as `&&` does.
            let stopsOnError = list.commands.first.map { c in
                c.texts.first == "set" && c.texts.dropFirst().contains { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("e") }
            } ?? false
            guard list.commands.dropLast().allSatisfy({ $0.separator == "&&" || (stopsOnError && $0.separator == ";") }) else {
                return .failure(Why("RUN on line \(i.startLine) joins commands with something other than &&"))
            }
            out.append(Run(instruction: i, index: k, commands: list.commands.map { c in Array(c.texts.drop { $0.contains("=") && !$0.hasPrefix("-") }) }))
        }
        return .success(out)
    }

    /// Whether a copy from the context before `index` takes more than `isManifest` accepts.
    package func copiesSourcesBefore(_ index: Int, isManifest: (String) -> Bool) -> Bool {
        stage.instructions[..<index].contains { i in
            (i.kind == .copy || i.kind == .add) && i.flag("from") == nil && i.argumentStrings.dropLast().contains { !isManifest($0) }
        }
    }

    /// A system command a builder may run anywhere: apt/apk/yum installs
    /// (their packages are gathered), cleanup of their caches, `set`, `true`, `echo`.
    package static func systemCommand(_ words: [String], packages: inout [String]) -> Bool {
        guard let tool = words.first else { return true }
        if ["apt-get", "apt", "apk", "yum", "dnf", "microdnf"].contains(tool) {
            packages += PackageInstalls.installedPackages(words)
            return true
        }
        if isCacheRemoval(words) { return true }
        // `export` in a RUN sets a variable for that RUN's shell only.
        return ["set", "true", "echo", "export"].contains(tool)
    }

    /// `rm` of package managers' caches only.
    package static func isCacheRemoval(_ words: [String]) -> Bool {
        words.first == "rm" && words.dropFirst().filter { !$0.hasPrefix("-") }.allSatisfy { p in cacheFolders.contains { p.hasPrefix($0) } }
    }

    /// Package managers' caches and scratch space: removing them changes nothing the program uses.
    static let cacheFolders = ["/var/lib/apt/lists", "/var/cache/apt", "/var/cache/apk", "/tmp/", "/root/.cache", "/root/.npm",
                               "/usr/local/share/.cache/yarn"]

    /// The argv of a CMD or ENTRYPOINT: exec form, or a single plain shell command.
    package static func argv(_ i: Instruction) -> [String]? {
        switch i.command {
        case .exec(let w): return w
        case .shell(let t):
            guard let list = ShellCommandList.parse(t), list.commands.count == 1, list.commands[0].words.allSatisfy(\.isPlain) else { return nil }
            var argv = list.commands[0].texts
            if argv.first == "exec" { argv.removeFirst() }
            return argv
        case nil: return nil
        }
    }

    /// Programs that only build or install: a CMD that runs one needs the builder.
    package static let buildTools: Set<String> = ["uv", "uvx", "poetry", "pipenv", "pdm", "hatch", "rye", "npm", "npx", "yarn", "pnpm",
                                                  "mvn", "gradle", "gradlew", "mvnw"]

    /// Why a stage's CMD or ENTRYPOINT cannot run in a runtime stage: it
    /// starts a build tool that stays in the builder.
    package static func runsBuildTool(_ stage: Stage, tools: Set<String>) -> String? {
        for i in stage.instructions where i.kind == .cmd || i.kind == .entrypoint {
            let program: String?
            switch i.command {
            case .exec(let w): program = w.first
            case .shell(let t): program = ShellScan(t).commands.first?.first
            case nil: program = nil
            }
            guard let program = program.map(Paths.basename), tools.contains(program) else { continue }
            return "\(i.keyword) on line \(i.startLine) runs \(program), a build tool the runtime stage does not have"
        }
        return nil
    }

    /// The version part of a tag (`3.12` for `3.12-slim-bookworm`), and its Debian release suffix if any.
    package static func version(_ ref: ImageReference) -> (version: String, release: String?) {
        let parts = (ref.tag ?? "latest").split(separator: "-").map(String.init)
        let release = parts.dropFirst().first { ["bookworm", "bullseye", "trixie", "buster"].contains($0) }
        return (parts.first ?? "latest", release)
    }

    /// A JSON array of strings, as Dockerfiles write exec form.
    package static func json(_ words: [String]) -> String {
        "[" + words.map { "\"" + $0.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"" }.joined(separator: ", ") + "]"
    }
}

/// Why an app stage's reading stopped early.
package enum BuildReadingStop: Error {
    case nothingToBuild(String)
    case refused(String)

    package var reading: BuildReading {
        switch self {
        case .nothingToBuild(let s): return .nothingToBuild(s)
        case .refused(let s): return .refused(s)
        }
    }
}
