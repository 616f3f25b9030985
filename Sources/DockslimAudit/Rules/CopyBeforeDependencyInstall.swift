import DockerfileFacts
import DockerfileModel

/// DS012: a broad COPY before the dependency install busts its cache.
enum CopyBeforeDependencyInstall: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS012", name: "copy-before-dependency-install", severity: .warning, tags: [.buildCache],
        summary: "Source files are copied before the dependency install, so every code change re-runs it.",
        explanation: """
        BuildKit reuses a step's cache only while every step before it is unchanged. When COPY . . \
        (or any copy of source files) comes before npm ci, pip install -r, go mod download and the \
        like, every edit to any source file invalidates the install, which then downloads and builds \
        all dependencies again. Copy the manifests first, install, then copy the sources.
        """,
        fixRecipes: ["hoist-manifests"],
        advice: "Copy only the dependency manifests (package.json and its lock file, go.mod and go.sum, requirements.txt…), run the install, then COPY the rest.")

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        for facts in context.stages {
            let instructions = facts.stage.instructions
            guard let bust = context.timeline.bustAt[facts.stage.index] else { continue }
            let trigger = instructions[bust]
            // Only a copy or bind mount of the context; a changed stage is that stage's finding.
            if let placement = facts.files.placements.first(where: { $0.instruction === trigger }) {
                guard case .context = placement.origin else { continue }
            } else if trigger.kind != .run || trigger.flags.contains(where: { $0.mount?["from"] != nil }) {
                continue
            }
            for run in instructions[(bust + 1)...] where run.kind == .run {
                guard let install = firstInstall(ShellScan(run: run)) else { continue }
                out.append(finding(at: trigger, stage: facts.stage.index,
                                   "\(Describe.short(trigger)) comes before `\(install)` on line \(run.startLine): every source change re-runs the install"))
                break
            }
        }
        return out
    }

    /// The first dependency install of a RUN, as written.
    static func firstInstall(_ scan: ShellScan) -> String? {
        for words in scan.commands {
            switch DependencyInstall.read(words) {
            case .none:
                // Requirement files anywhere (the hoisting pass takes only relative ones).
                let pip = ["pip", "pip3"].contains(words.first ?? "") || (words.count > 2 && words[1] == "-m" && words[2] == "pip")
                guard pip, words.contains("install"), words.contains(where: { $0 == "-r" || $0.hasPrefix("--requirement") }) else { continue }
                fallthrough
            case .install, .refuse:
                var shown: [String] = []
                var takeNext = false
                for w in words where shown.count < 6 {
                    if takeNext || !w.hasPrefix("-") { shown.append(w); takeNext = false } else if w == "-r" || w == "-m" { shown.append(w); takeNext = true }
                }
                return shown.joined(separator: " ")
            }
        }
        return nil
    }
}
