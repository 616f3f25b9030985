import Foundation

/// A recipe is data: an id, a one-line summary, and ordered steps, each a
/// pass with its options or another recipe. Builtin recipes are Swift values
/// (`BuiltinRecipes`); user recipes are JSON files of the same shape:
///
/// ```json
/// {"id": "my-recipe", "summary": "…",
///  "steps": [{"pass": "use-exec-form"}, {"recipe": "hoist-manifests"},
///            {"pass": "some-pass", "options": {"key": "value"}, "required": true},
///            {"firstOf": ["go-distroless", "go-alpine"]}]}
/// ```
public struct Recipe: Sendable, Codable, Equatable {
    public let id: String
    public let summary: String
    public let steps: [Step]

    public init(id: String, summary: String, steps: [Step]) {
        self.id = id
        self.summary = summary
        self.steps = steps
    }

    /// A step. A required pass that does not change the file makes the whole
    /// recipe leave that file unchanged: a half-applied recipe (a split
    /// without the slim base) is not offered, and a file that already has
    /// what the recipe makes (a runtime stage on distroless) is left as its
    /// authors wrote it.
    public enum Step: Sendable, Equatable, Codable {
        case pass(String, options: [String: String] = [:], required: Bool = false)
        case recipe(String)
        /// The first of these recipes that changes the file, tried in order
        /// on the file as it stands; when none does, the file is left alone
        /// with each one's reason. It decides the file like a required step.
        case firstOf([String])

        private enum Keys: String, CodingKey { case pass, recipe, options, required, firstOf }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            if let p = try c.decodeIfPresent(String.self, forKey: .pass) {
                self = .pass(p, options: try c.decodeIfPresent([String: String].self, forKey: .options) ?? [:],
                             required: try c.decodeIfPresent(Bool.self, forKey: .required) ?? false)
            } else if let r = try c.decodeIfPresent(String.self, forKey: .recipe) {
                self = .recipe(r)
            } else if let ids = try c.decodeIfPresent([String].self, forKey: .firstOf) {
                guard !ids.isEmpty else {
                    throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "\"firstOf\" names no recipe"))
                }
                self = .firstOf(ids)
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a step needs \"pass\", \"recipe\" or \"firstOf\""))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case .pass(let p, let options, let required):
                try c.encode(p, forKey: .pass)
                if !options.isEmpty { try c.encode(options, forKey: .options) }
                if required { try c.encode(true, forKey: .required) }
            case .recipe(let r):
                try c.encode(r, forKey: .recipe)
            case .firstOf(let ids):
                try c.encode(ids, forKey: .firstOf)
            }
        }
    }

    /// Whether `id` is kebab-case: lower-case letters and digits, words
    /// joined by single dashes.
    public static func isValidID(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return !id.isEmpty && words.allSatisfy { w in
            !w.isEmpty && w.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// Reads a user recipe file's bytes.
    public static func decode(_ data: [UInt8]) throws(RecipeError) -> Recipe {
        let recipe: Recipe
        do {
            recipe = try JSONDecoder().decode(Recipe.self, from: Data(data))
        } catch let error as DecodingError {
            throw RecipeError("not a recipe: \(Self.describe(error))")
        } catch {
            throw RecipeError("not a recipe: \(error)")
        }
        guard isValidID(recipe.id) else { throw RecipeError("recipe id '\(recipe.id)' is not kebab-case") }
        guard !recipe.steps.isEmpty else { throw RecipeError("recipe '\(recipe.id)' has no steps") }
        return recipe
    }

    private static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "at \(path): ") + c.debugDescription
        @unknown default: return "\(e)"
        }
    }
}
