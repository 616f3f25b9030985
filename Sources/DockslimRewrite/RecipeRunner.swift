import DockerfileModel
import DockerfileSyntax

/// Runs a recipe over one file: an explicit fold of its passes, each seeing
/// the previous one's result freshly parsed. A pass whose edits would make
/// the file worse (new parse errors) is undone and says so.
public struct RecipeRunner: Sendable {
    /// Recipes that steps may name, by id.
    public let recipes: [String: Recipe]

    public init(recipes: [Recipe]) {
        var byID: [String: Recipe] = [:]
        for r in recipes { byID[r.id] = r }
        self.recipes = byID
    }

    /// One step of a plan: a pass ready to run.
    public struct PlannedPass: Sendable {
        public let id: String
        public let pass: any RewritePass
        /// See `Recipe.Step`: the recipe's changes stand only if this pass applies.
        public let required: Bool

        public init(_ pass: any RewritePass, required: Bool = false) {
            self.id = type(of: pass).id
            self.pass = pass
            self.required = required
        }
    }

    /// Flattens a recipe into passes: checks pass ids, options, recipe
    /// references and cycles. `overrides` (the command line's `--option
    /// key=value`) go to every pass that takes that option; one that no
    /// pass takes is an error.
    public func plan(_ recipe: Recipe, overrides: [String: String] = [:]) throws(RecipeError) -> [PlannedPass] {
        var out: [PlannedPass] = []
        var used: Set<String> = []
        try expand(recipe, path: [recipe.id], overrides: overrides, used: &used, into: &out)
        if let unused = overrides.keys.sorted().first(where: { !used.contains($0) }) {
            throw RecipeError("no pass of recipe '\(recipe.id)' takes the option '\(unused)'")
        }
        return out
    }

    private func expand(_ recipe: Recipe, path: [String], overrides: [String: String], used: inout Set<String>,
                        into out: inout [PlannedPass]) throws(RecipeError) {
        for step in recipe.steps {
            switch step {
            case .pass(let id, let options, let required):
                guard let type = PassRegistry.pass(id) else {
                    throw RecipeError("recipe '\(recipe.id)' names an unknown pass '\(id)'")
                }
                var merged = options
                for o in type.options where overrides[o.name] != nil {
                    merged[o.name] = overrides[o.name]
                    used.insert(o.name)
                }
                out.append(PlannedPass(try type.init(options: merged), required: required))
            case .recipe(let id):
                guard !path.contains(id) else {
                    throw RecipeError("recipe '\(id)' includes itself (\((path + [id]).joined(separator: " → ")))")
                }
                guard let inner = recipes[id] else {
                    throw RecipeError("recipe '\(recipe.id)' names an unknown recipe '\(id)'")
                }
                try expand(inner, path: path + [id], overrides: overrides, used: &used, into: &out)
            }
        }
    }

    /// Runs the planned passes over `source`.
    public func run(_ plan: [PlannedPass], on source: [UInt8], project: ProjectFacts?, parsed: Dockerfile? = nil) -> FileRewrite {
        let model = parsed ?? Dockerfile(tree: Parser.parse(source))
        let tree = model.tree
        if let rejection = tree.diagnostics.first(where: { $0.rejectedByBuildKit }) {
            return FileRewrite(original: source, output: source, steps: [],
                               skipped: "BuildKit rejects this file (line \(rejection.location.line): \(rejection.message))")
        }
        var current = source
        var currentModel = model
        var steps: [StepReport] = []
        // The first required step that found nothing to do, while nothing has
        // changed yet: often why a later step has nothing to work on.
        var nothingToDo: String?
        let lastRequired = plan.lastIndex { $0.required } ?? -1
        // A file that already has what the recipe makes (every required step
        // has nothing to do from the start) is left as its authors wrote it.
        if lastRequired >= 0 {
            // Stops at the first required step with work to do (most files), so it costs one pass.
            let context = FileContext(dockerfile: model, project: project)
            var last: PassOutcome?
            for planned in plan where planned.required {
                let outcome = planned.pass.apply(to: context)
                guard outcome.alreadyDone else { last = nil; break }
                last = outcome
            }
            if let last {
                return FileRewrite(original: source, output: source, steps: [],
                                   skipped: "the file already has what the recipe makes: \(last.notes.first ?? "")")
            }
        }
        for (index, planned) in plan.enumerated() {
            let context = FileContext(dockerfile: currentModel, project: project)
            let outcome = planned.pass.apply(to: context)
            var report = StepReport(pass: planned.id, input: current, output: current, edits: [], notes: outcome.notes, alreadyDone: outcome.alreadyDone)
            // After an earlier pass changed the text, "line N" is remapped to the user's file.
            report.notes = outcome.notes.map { OriginalLines.remap($0, seen: current, original: source) }
            report.warnings = outcome.warnings.map { OriginalLines.remap($0, seen: current, original: source) }
            report.declined = outcome.declined.map { OriginalLines.remap($0, seen: current, original: source) }
            if outcome.changed {
                if let next = TextEdit.apply(outcome.edits, to: current) {
                    let nextModel = Dockerfile(tree: Parser.parse(next))
                    if let worse = Self.newProblem(before: currentModel, after: nextModel) {
                        report.notes.append("not applied: the edit would \(worse)")
                        report.declined.append("not applied: the edit would \(worse)")
                    } else {
                        report.output = next
                        report.edits = outcome.edits
                        current = next
                        currentModel = nextModel
                    }
                } else {
                    report.notes.append("not applied: the pass made overlapping edits")
                    report.declined.append("not applied: the pass made overlapping edits")
                }
            }
            steps.append(report)
            if planned.required && !report.applied {
                let why = report.notes.first ?? "it did not apply"
                let changedSoFar = current != source
                // A required step already done: go on, unless it is the last
                // required one and nothing changed yet (the file already has
                // what the recipe makes).
                if report.alreadyDone && (changedSoFar || index != lastRequired) {
                    if !changedSoFar && nothingToDo == nil { nothingToDo = report.notes.first.map { "\(planned.id): \($0)" } }
                    continue
                }
                let verdict = report.alreadyDone ? "the file already has what the recipe makes" : "\(planned.id) could not apply, so the recipe changes nothing here"
                return FileRewrite(original: source, output: source, steps: steps.map { var s = $0; s.output = s.input; s.edits = []; return s },
                                   skipped: "\(verdict): \(why)" + (report.alreadyDone ? "" : nothingToDo.map { " (\($0))" } ?? ""))
            }
        }
        return FileRewrite(original: source, output: current, steps: steps, skipped: nil)
    }

    /// A parse problem the new text has and the old one had not.
    static func newProblem(before: Dockerfile, after: Dockerfile) -> String? {
        // `Dockerfile.diagnostics` holds the parser's, then the model's.
        func errors(_ m: Dockerfile) -> [String: Int] {
            var c: [String: Int] = [:]
            for d in m.diagnostics where d.severity == .error { c[d.code, default: 0] += 1 }
            return c
        }
        let old = errors(before)
        for (code, n) in errors(after) where n > old[code, default: 0] {
            let message = after.diagnostics.first { $0.code == code }?.message ?? code
            return "introduce an error (\(message))"
        }
        return nil
    }
}

/// What a recipe did to one file.
public struct FileRewrite: Sendable {
    public let original: [UInt8]
    public let output: [UInt8]
    public let steps: [StepReport]
    /// Why the whole file was left alone, if it was.
    public let skipped: String?

    public var changed: Bool { output != original }

    /// What the user must check in the output: warnings of the steps whose
    /// edits stand, or that found their work already done, when the file changed.
    public var warnings: [(pass: String, text: String)] {
        changed ? steps.filter { $0.applied || $0.alreadyDone }.flatMap { s in s.warnings.map { (s.pass, $0) } } : []
    }

    /// What the passes left alone and why (a skipped file says it once, in `skipped`).
    public var declined: [(pass: String, text: String)] {
        skipped == nil ? steps.flatMap { s in s.declined.map { (s.pass, $0) } } : []
    }
}

/// One pass's part: its input and output, its edits (with reasons) and its notes.
public struct StepReport: Sendable {
    public let pass: String
    public let input: [UInt8]
    public var output: [UInt8]
    public var edits: [TextEdit]
    public var notes: [String]
    public var alreadyDone = false
    /// See `PassOutcome.warnings` and `PassOutcome.declined`.
    public var warnings: [String] = []
    public var declined: [String] = []

    public var applied: Bool { !edits.isEmpty }
}
