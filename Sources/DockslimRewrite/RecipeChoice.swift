import DockerfileFacts
import DockerfileModel

/// A `firstOf` step: the recipes are tried in order on the file as it
/// stands, and the first that changes it is taken. The user reads which one
/// and why those before it did not (`FileRewrite.chosen`); when none
/// changes the file, every refusal is kept in the outcome.
extension RecipeRunner {
    enum Choice {
        /// The recipe taken, what it did, and the sentence that says so.
        case took(String, FileRewrite, String)
        /// None changed the file: the outcome that says why.
        case none(FileOutcome)
    }

    func choose(_ alternatives: [(recipe: String, plan: [PlannedPass])], on bytes: [UInt8], model: Dockerfile,
                project: BuildContext?, path: String) -> Choice {
        var refused = ReasonList()
        var done = ReasonList()
        var other = ReasonList()
        for (recipe, plan) in alternatives {
            let rewrite = run(plan, on: bytes, project: project, parsed: model, path: path)
            switch rewrite.outcome {
            case .changed:
                let before = refused.isEmpty ? "" : "; not " + refused.text
                return .took(recipe, rewrite, "took \(recipe)" + before)
            case .rejected:
                return .none(rewrite.outcome)
            case .refused(let why):
                refused.add(recipe, why)
            case .alreadyDone(let why):
                done.add(recipe, why)
            case .notApplicable(let why), .nothingToDo(let why):
                other.add(recipe, why)
            case .unchanged:
                other.add(recipe, "it changes nothing")
            }
        }
        if !refused.isEmpty { return .none(.refused(refused.text)) }
        if !done.isEmpty { return .none(.alreadyDone(done.text)) }
        let names = alternatives.map(\.recipe)
        return .none(.notApplicable("none of \(names.joined(separator: ", ")) applies" + (other.isEmpty ? "" : " (\(other.text))")))
    }
}

/// Reasons by recipe, each text once: the same reason from several recipes
/// (an unpublished base) is written once with their names.
struct ReasonList {
    private var entries: [(recipes: [String], reason: String)] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ recipe: String, _ reason: String) {
        if let i = entries.firstIndex(where: { $0.reason == reason }) {
            entries[i].recipes.append(recipe)
        } else {
            entries.append(([recipe], reason))
        }
    }

    var text: String {
        entries.map { "\($0.recipes.joined(separator: ", ")): \($0.reason)" }.joined(separator: "; ")
    }
}
