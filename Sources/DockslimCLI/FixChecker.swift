import BuiltinRecipes
import DockerfileFacts
import DockerfileModel
import DockslimAudit
import DockslimReport
import DockslimRewrite
import UnifiedDiff

/// Audits one file and settles each finding's fix by running the candidate
/// recipes on it: a recipe is offered only when it changes the file. For
/// the HTML report it also keeps what the most useful recipe would change.
struct FixChecker: Sendable {
    let runner = RecipeRunner(recipes: BuiltinRecipes.all)
    let plans: [String: [RecipeRunner.PlannedPass]]

    init() {
        var plans: [String: [RecipeRunner.PlannedPass]] = [:]
        for r in BuiltinRecipes.all {
            if let p = try? runner.plan(r) { plans[r.id] = p }
        }
        self.plans = plans
    }

    func audit(path: String, bytes: [UInt8], project: BuildContext?, settings: BuildSettings = .none, rules: RuleSettings = .none,
               build: BuildLabel? = nil, suggest: Bool) -> AuditedFile {
        let dockerfile = Dockerfile(parsing: bytes, settings: settings)
        var result = Auditor.audit(dockerfile, project: project, rules: rules)
        var rewrites: [String: FileRewrite] = [:]
        Auditor.settleFixes(&result.findings, available: Set(plans.keys)) { id in
            let rewrite = runner.run(plans[id]!, on: bytes, project: project, parsed: dockerfile, path: Paths.basename(path))
            rewrites[id] = rewrite
            guard rewrite.changed else { return .unchanged(rewrite.skipped ?? "makes no change") }
            var remaining: [String: Int] = [:]
            for f in Auditor.audit(Dockerfile(parsing: rewrite.output, settings: settings), project: project, rules: rules).findings { remaining[f.id, default: 0] += 1 }
            return .changed(remaining: remaining)
        }
        var file = AuditedFile(path: path, dockerfile: dockerfile, result: result, build: build)
        if suggest { file.suggestion = suggestion(for: file, bytes: bytes, project: project, tried: rewrites) }
        return file
    }

    /// The recipe to show: the fix that changes the most lines among the
    /// findings' fixes, or the first candidate tried with why it did not apply.
    private func suggestion(for file: AuditedFile, bytes: [UInt8], project: BuildContext?, tried: [String: FileRewrite]) -> Suggestion? {
        let fixes = file.result.findings.compactMap(\.fix)
        var best: (id: String, rewrite: FileRewrite, size: Int)?
        for id in Set(fixes).sorted() {
            guard let rewrite = tried[id] else { continue }
            let size = UnifiedPatch.patch(path: file.path, old: rewrite.original, new: rewrite.output).count
            if best == nil || size > best!.size { best = (id, rewrite, size) }
        }
        if let best {
            let patch = String(decoding: UnifiedPatch.patch(path: file.path, old: best.rewrite.original, new: best.rewrite.output), as: UTF8.self)
            let after = Dockerfile(parsing: best.rewrite.output, settings: file.dockerfile.settings)
            var image: ImageReference?
            if let last = after.finalStage {
                switch last.base {
                case .image(let ref): image = ref
                case .scratch: image = ImageReference("scratch")
                case .stage, .unresolved: image = nil
                }
            }
            return Suggestion(recipe: best.id, patch: patch, skipped: nil, finalImageAfter: image)
        }
        if let f = file.result.findings.first(where: { $0.fixUnavailable != nil }), let why = f.fixUnavailable {
            let id = String(why.prefix { $0 != ":" && $0 != " " })
            let rest = why.dropFirst(id.count).drop { $0 == ":" || $0 == " " }
            return Suggestion(recipe: id, patch: "", skipped: String(rest), finalImageAfter: nil)
        }
        return nil
    }
}
