import DockerfileModel

/// The builder's commands that prepare files and users rather than build:
/// `mkdir`, `chmod`, `chown`, `touch`, `ln -s`, `rm`/`mv`/`cp` inside the
/// app folder, `useradd`/`adduser`/`groupadd`/`addgroup`. What they change
/// inside the app folder reaches the runtime stage with the folder (`COPY
/// --from` keeps file modes); what they change elsewhere (a user, a log
/// folder) the runtime stage does again, after its copies, as root.
package struct AppSetup: Sendable, Equatable {
    /// A command changes the app folder: the runtime stage must take the folder from the builder.
    package var changesAppFolder = false
    /// Commands the runtime stage runs again, with absolute paths.
    package var rerun: [[String]] = []

    package static let fileTools: Set<String> = ["mkdir", "chmod", "chown", "touch", "ln", "rm", "mv", "cp"]
    package static let userTools: Set<String> = ["useradd", "adduser", "groupadd", "addgroup", "usermod"]

    /// Whether `words` is a setup command this type reads.
    package static func isSetup(_ words: [String]) -> Bool {
        guard let tool = words.first, !AppStage.isCacheRemoval(words) else { return false }
        return fileTools.contains(tool) || userTools.contains(tool)
    }

    /// Reads the setup commands found in RUNs of `app` (each with the RUN
    /// it is in) against the app folder; the reason when one cannot be carried.
    package static func read(_ found: [(words: [String], run: AppStage.Run)], app: AppStage, appDir: String) -> Result<AppSetup, Why> {
        var setup = AppSetup()
        for (words, run) in found {
            let line = run.instruction.startLine
            let text = words.joined(separator: " ")
            let cannot = Why("RUN on line \(line) runs `\(text)`, which dockslim does not carry into a runtime stage")
            guard let tool = words.first, words.allSatisfy(isPlainWord) else { return .failure(cannot) }
            let user = app.input.state(before: run.index).effectiveUser
            if userTools.contains(tool) {
                guard user == "root" else { return .failure(Why("RUN on line \(line) runs `\(text)` as \(user ?? "an unknown user"), and the runtime stage would run it as root")) }
                setup.rerun.append(words)
                continue
            }
            var operands = words.dropFirst().filter { !$0.hasPrefix("-") }
            if ["chmod", "chown"].contains(tool) { operands = Array(operands.dropFirst()) }
            if tool == "ln", operands.count == 2 { operands = [operands[1]] }  // where the link is made
            guard !operands.isEmpty, words.dropFirst().filter({ $0.hasPrefix("-") }).allSatisfy({ !$0.contains("=") }) else { return .failure(cannot) }
            var absolute: [String] = []
            for o in operands {
                guard let p = app.input.state(before: run.index).absolutePath(o), p.certain else {
                    return .failure(cannot)
                }
                absolute.append(p.text)
            }
            let inside = absolute.allSatisfy { Paths.covers(appDir, $0) }
            // `mkdir /app` before `WORKDIR /app`: the runtime stage's WORKDIR makes the folder.
            let makesAppDir = tool == "mkdir" && absolute.allSatisfy { Paths.covers($0, appDir) }
            if makesAppDir { continue }
            if inside && tool != "chown" {
                setup.changesAppFolder = true
                continue
            }
            guard ["mkdir", "chmod", "chown", "touch", "ln"].contains(tool) else { return .failure(cannot) }
            guard user == "root" else { return .failure(Why("RUN on line \(line) runs `\(text)` as \(user ?? "an unknown user"), and the runtime stage would run it as root")) }
            // Paths written absolute: the runtime stage's folder may differ from the builder's at that RUN.
            var rewritten = [tool] + words.dropFirst().filter { $0.hasPrefix("-") }
            let kept = words.dropFirst().filter { !$0.hasPrefix("-") }
            if ["chmod", "chown"].contains(tool), let first = kept.first { rewritten.append(first) }
            if tool == "ln", kept.count == 2 { rewritten.append(kept[0]) }
            setup.rerun.append(rewritten + absolute)
        }
        return .success(setup)
    }

    /// The runtime stage's RUN for the commands to do again, if any.
    package var runLine: String? {
        rerun.isEmpty ? nil : "RUN " + rerun.map { $0.joined(separator: " ") }.joined(separator: " && ")
    }

    /// A word that needs no quoting and expands nothing.
    static func isPlainWord(_ w: String) -> Bool {
        !w.isEmpty && w.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "-_./:=+,@%*".unicodeScalars.contains(c)
        }
    }
}
