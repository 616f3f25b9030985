import DockerfileSyntax

/// A build stage: a FROM and the instructions up to the next FROM.
public struct Stage: Sendable {
    public let index: Int
    /// The name after `AS`, lower-cased as BuildKit compares it.
    public let name: String?
    public let from: Instruction
    public let instructions: [Instruction]
    /// The base as written in FROM (`golang:${GO_VERSION}`).
    public let baseText: String
    /// The base with the global ARG defaults substituted.
    public let resolvedBase: String
    /// What the stage builds on.
    public let base: Base
    /// `--platform`, as written.
    public let platform: String?
    /// ARG names used in FROM that have no default.
    public let unresolvedArgs: [String]

    public enum Base: Sendable, Equatable {
        case image(ImageReference)
        case scratch
        /// An earlier stage, by index.
        case stage(Int)
        /// Variables without values, or text that is not an image reference.
        case unresolved
    }

    /// The node of the image reference in FROM, for passes that replace it.
    public var baseNode: SyntaxNode? { from.node.firstChild(.word) }

    /// The stage's ARG declarations (after FROM).
    public var args: [KeyValue] { instructions.filter { $0.kind == .arg }.flatMap(\.keyValues) }
}
