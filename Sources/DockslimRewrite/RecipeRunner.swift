import DockerfileFacts
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

    /// One step of a plan: a pass ready to run, or a choice among recipes.
    public struct PlannedPass: Sendable {
        public let id: String
        let body: Body
        /// See `Recipe.Step`: the recipe's changes stand only if this pass applies.
        public let required: Bool

        enum Body: Sendable {
            case pass(any RewritePass)
            /// `firstOf`: recipes, each planned, tried in order.
            case firstOf([(recipe: String, plan: [PlannedPass])])
        }

        public init(_ pass: any RewritePass, required: Bool = false) {
            self.id = type(of: pass).id
            self.body = .pass(pass)
            self.required = required
        }

        init(firstOf alternatives: [(recipe: String, plan: [PlannedPass])]) {
            self.id = "first-of"
            self.body = .firstOf(alternatives)
            self.required = true
        }

        /// The pass, when this step is one.
        var pass: (any RewritePass)? {
            if case .pass(let p) = body { return p }
            return nil
        }
    }

    /// Flattens a recipe into passes: checks pass ids, options, recipe
    /// references and cycles. `overrides` (the command line's `--option
    /// key=value`) go to every pass that takes that option; one that no
    /// pass takes is an error.
    /// `configured` options (a project's `.dockslim.json`) are set like
    /// overrides for the passes that take them, and ignored by the others;
    /// `overrides` win over them.
    public func plan(_ recipe: Recipe, overrides: [String: String] = [:], configured: [String: String] = [:]) throws(RecipeError) -> [PlannedPass] {
        var out: [PlannedPass] = []
        var used: Set<String> = []
        try expand(recipe, path: [recipe.id], overrides: configured.merging(overrides) { _, given in given }, used: &used, into: &out)
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
            case .firstOf(let ids):
                var alternatives: [(recipe: String, plan: [PlannedPass])] = []
                for id in ids {
                    guard !path.contains(id) else {
                        throw RecipeError("recipe '\(id)' includes itself (\((path + [id]).joined(separator: " → ")))")
                    }
                    guard let inner = recipes[id] else {
                        throw RecipeError("recipe '\(recipe.id)' names an unknown recipe '\(id)'")
                    }
                    var plan: [PlannedPass] = []
                    try expand(inner, path: path + [id], overrides: overrides, used: &used, into: &plan)
                    alternatives.append((id, plan))
                }
                out.append(PlannedPass(firstOf: alternatives))
            }
        }
    }

    /// A base image the file names that was never published (an official
    /// image's tag the catalogue knows is not there, `node:18-apline`): the
    /// file does not build as it stands, so no change to it can be checked.
    static func unpublishedBase(_ model: Dockerfile) -> String? {
        for stage in model.stages {
            guard case .image(let ref) = stage.base, !ref.original.contains("$"), ImageCatalog.tagExists(ref) == false else { continue }
            return "FROM on line \(stage.from.startLine) names \(ref.original), which was never published (docker-library/official-images): the file does not build as it stands"
        }
        return nil
    }

    /// A build whose target is not the last stage: the passes rewrite the
    /// last stage as the final image, so they would change the wrong one.
    static func targetBeforeLastStage(_ model: Dockerfile) -> String? {
        guard case .target(let name) = model.finalStageChoice, let final = model.finalStage, final.index != model.stages.count - 1 else { return nil }
        return "the build's target is stage \(name) (line \(final.from.startLine)), not the last stage: the recipes rewrite files whose final image is the last stage"
    }

    /// Runs the planned passes over `source`.
    /// `settings` (target, build arguments) are the parsed model's when it is given.
    public func run(_ plan: [PlannedPass], on source: [UInt8], project: BuildContext?, parsed: Dockerfile? = nil,
                    settings: BuildSettings = .none, path: String = "Dockerfile") -> FileRewrite {
        let model = parsed ?? Dockerfile(tree: Parser.parse(source), settings: settings)
        let settings = model.settings
        let reparse = { (bytes: [UInt8]) in Dockerfile(tree: Parser.parse(bytes), settings: settings) }
        if let rejection = model.tree.diagnostics.first(where: { $0.rejectedByBuildKit }) {
            return FileRewrite(original: source, output: source, steps: [],
                               outcome: .rejected("BuildKit rejects this file (line \(rejection.location.line): \(rejection.message))"), byRequiredStep: true)
        }
        if let missing = Self.unpublishedBase(model) {
            return FileRewrite(original: source, output: source, steps: [], outcome: .refused(missing), byRequiredStep: true)
        }
        if let notLast = Self.targetBeforeLastStage(model) {
            return FileRewrite(original: source, output: source, steps: [], outcome: .refused(notLast), byRequiredStep: true)
        }
        let lastRequired = plan.lastIndex { $0.required } ?? -1
        // A file that already has what the recipe makes (every required step
        // has nothing to do from the start) is left as its authors wrote it.
        // Stops at the first required step with work to do (most files), so it costs one pass.
        if lastRequired >= 0 {
            let context = FileContext(dockerfile: model, project: project, path: path)
            var last: String?
            for planned in plan where planned.required {
                guard case .alreadyDone(let why) = planned.pass?.apply(to: context) else { last = nil; break }
                last = why
            }
            if let last { return FileRewrite(original: source, output: source, steps: [], outcome: .alreadyDone(last), byRequiredStep: true) }
        }
        var current = source
        var currentModel = model
        var steps: [StepReport] = []
        // The first required step that found nothing to do, while nothing has
        // changed yet: often why a later step has nothing to work on.
        var nothingToDo: String?
        var chosen: String?
        for (index, planned) in plan.enumerated() {
            let context = FileContext(dockerfile: currentModel, project: project, path: path)
            guard let pass = planned.pass else {
                guard case .firstOf(let alternatives) = planned.body else { continue }
                switch choose(alternatives, on: current, model: currentModel, project: project, path: path) {
                case .took(let recipe, let rewrite, let why):
                    steps += rewrite.steps.map { $0.renamed("\(recipe) › \($0.pass)") }
                    current = rewrite.output
                    currentModel = reparse(current)
                    chosen = why
                    continue
                case .none(let outcome):
                    return FileRewrite(original: source, output: source, steps: [], outcome: outcome, byRequiredStep: true)
                }
            }
            let report = step(planned, pass.apply(to: context), current: current, model: currentModel, original: source)
            steps.append(report)
            if case .applied = report.verdict {
                current = report.output
                currentModel = report.outputModel ?? reparse(current)
                continue
            }
            guard planned.required else { continue }
            let changedSoFar = current != source
            let first = report.notes.first ?? "it did not apply"
            // A required step already done: go on, unless it is the last
            // required one and nothing changed yet (the file already has
            // what the recipe makes).
            if case .alreadyDone = report.verdict, changedSoFar || index != lastRequired {
                if !changedSoFar && nothingToDo == nil { nothingToDo = "\(planned.id): \(first)" }
                continue
            }
            let undone = steps.map { s in var s = s; s.output = s.input; s.edits = []; s.outputModel = nil; return s }
            let earlier = nothingToDo.map { " (\($0))" } ?? ""
            let outcome: FileOutcome
            switch report.verdict {
            case .alreadyDone: outcome = .alreadyDone(first)
            case .notApplicable: outcome = .notApplicable("\(planned.id) does not apply: \(first)" + earlier)
            case .refused, .undone, .applied: outcome = .refused("\(planned.id) could not apply, so the recipe changes nothing here: \(first)" + earlier)
            }
            return FileRewrite(original: source, output: source, steps: undone, outcome: outcome, byRequiredStep: true)
        }
        if current != source { return FileRewrite(original: source, output: current, steps: steps, outcome: .changed, chosen: chosen) }
        return FileRewrite(original: source, output: current, steps: steps, outcome: Self.unchangedOutcome(steps))
    }

    /// Why every step left the file as it was: the first refusal (work found
    /// and left alone), else the first step's reason; `.unchanged` only when
    /// no step said anything.
    static func unchangedOutcome(_ steps: [StepReport]) -> FileOutcome {
        if let s = steps.first(where: { !$0.declined.isEmpty }) { return .refused("\(s.pass): \(s.declined[0])") }
        if steps.allSatisfy({ $0.verdict == .alreadyDone }), let s = steps.first, let why = s.notes.first { return .alreadyDone(why) }
        if let s = steps.first(where: { !$0.notes.isEmpty }) { return .nothingToDo("\(s.pass): \(s.notes[0])") }
        return .unchanged
    }

    /// One pass's report: its result applied to `current`, or undone when
    /// the edits overlap or would make the file worse.
    private func step(_ planned: PlannedPass, _ result: PassResult, current: [UInt8], model: Dockerfile, original: [UInt8]) -> StepReport {
        let remap = { (s: String) in OriginalLines.remap(s, seen: current, original: original) }
        var report = StepReport(pass: planned.id, input: current, output: current, edits: [], notes: result.notes.map(remap), verdict: .notApplicable)
        switch result {
        case .applied(let edits, let notes):
            report.warnings = notes.warnings.map(remap)
            report.declined = notes.declined.map(remap)
            guard let next = TextEdit.apply(edits, to: current) else {
                return report.undone("not applied: the pass made overlapping edits")
            }
            let nextModel = Dockerfile(tree: Parser.parse(next), settings: model.settings)
            if let worse = Self.newProblem(before: model, after: nextModel) { return report.undone("not applied: the edit would \(worse)") }
            report.output = next
            report.outputModel = nextModel
            report.edits = edits
            report.verdict = .applied
        case .alreadyDone:
            report.verdict = .alreadyDone
        case .notApplicable:
            report.verdict = .notApplicable
        case .refused(let reasons):
            report.verdict = .refused
            report.declined = reasons.map(remap)
        }
        return report
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

/// What a recipe did to one file, as a whole.
public enum FileOutcome: Sendable, Equatable {
    /// The recipe changed the file.
    case changed
    /// Every step ran and none changed anything, with no reason to report.
    case unchanged
    /// The file already has what the recipe makes.
    case alreadyDone(String)
    /// A required step found nothing of what it works on.
    case notApplicable(String)
    /// Every step ran and none found work: the first step's reason.
    case nothingToDo(String)
    /// A required step found work and left it alone: the change could not
    /// be proven safe.
    case refused(String)
    /// BuildKit itself rejects the file.
    case rejected(String)

    /// Why the file was left alone, if it was.
    public var reason: String? {
        switch self {
        case .changed, .unchanged: return nil
        case .alreadyDone(let s), .notApplicable(let s), .nothingToDo(let s), .refused(let s), .rejected(let s): return s
        }
    }

    /// `changed`, `unchanged`, `already-done`, `not-applicable`, `refused` or `rejected`.
    public var name: String {
        switch self {
        case .changed: return "changed"
        case .unchanged: return "unchanged"
        case .alreadyDone: return "already-done"
        case .notApplicable: return "not-applicable"
        case .nothingToDo: return "nothing-to-do"
        case .refused: return "refused"
        case .rejected: return "rejected"
        }
    }
}

/// What a recipe did to one file.
public struct FileRewrite: Sendable {
    public let original: [UInt8]
    public let output: [UInt8]
    public let steps: [StepReport]
    public let outcome: FileOutcome

    public var changed: Bool { output != original }

    /// A required step decided the outcome (the recipe's other steps were undone).
    public let byRequiredStep: Bool

    /// Which recipe a `firstOf` step took and why the ones before it did not apply.
    public let chosen: String?

    /// Why the whole file was left alone, when a required step decided it.
    public var skipped: String? {
        if case .alreadyDone(let s) = outcome { return byRequiredStep ? "the file already has what the recipe makes: " + s : nil }
        if case .nothingToDo = outcome { return nil }
        if case .refused = outcome, !byRequiredStep { return nil }
        return outcome.reason
    }

    /// What the user must check in the output: warnings of the steps whose
    /// edits stand, when the file changed.
    public var warnings: [(pass: String, text: String)] {
        changed ? steps.filter { $0.verdict == .applied || $0.verdict == .alreadyDone }.flatMap { s in s.warnings.map { (s.pass, $0) } } : []
    }

    /// What the passes left alone and why (when a required step left the
    /// whole file alone, it says so once, in `skipped`).
    public var declined: [(pass: String, text: String)] {
        byRequiredStep ? [] : steps.flatMap { s in s.declined.map { (s.pass, $0) } }
    }

    public init(original: [UInt8], output: [UInt8], steps: [StepReport], outcome: FileOutcome, byRequiredStep: Bool = false,
                chosen: String? = nil) {
        self.original = original
        self.output = output
        self.steps = steps
        self.outcome = outcome
        self.byRequiredStep = byRequiredStep
        self.chosen = chosen
    }
}

/// What became of one pass's result.
public enum StepVerdict: Sendable, Equatable {
    case applied, alreadyDone, notApplicable, refused
    /// Its edits were undone (they overlapped, or would add a parse error).
    case undone
}

/// One pass's part: its input and output, its edits (with reasons) and its notes.
public struct StepReport: Sendable {
    public let pass: String
    public let input: [UInt8]
    public var output: [UInt8]
    public var edits: [TextEdit]
    public var notes: [String]
    public var verdict: StepVerdict
    /// Notes the user must read when the edits stand.
    public var warnings: [String] = []
    /// Work the pass found and left alone, with the reason.
    public var declined: [String] = []
    /// The output's model, kept so the next pass need not parse it again.
    var outputModel: Dockerfile?

    public var applied: Bool { verdict == .applied }
    public var alreadyDone: Bool { verdict == .alreadyDone }

    init(pass: String, input: [UInt8], output: [UInt8], edits: [TextEdit], notes: [String], verdict: StepVerdict) {
        self.pass = pass
        self.input = input
        self.output = output
        self.edits = edits
        self.notes = notes
        self.verdict = verdict
    }

    /// The same report under another name (`go-distroless › split-stages`).
    func renamed(_ name: String) -> StepReport {
        var r = StepReport(pass: name, input: input, output: output, edits: edits, notes: notes, verdict: verdict)
        r.warnings = warnings
        r.declined = declined
        return r
    }

    /// The same report with its edits taken back, and why.
    func undone(_ why: String) -> StepReport {
        var r = self
        r.notes.append(why)
        r.declined.append(why)
        r.verdict = .undone
        return r
    }
}
