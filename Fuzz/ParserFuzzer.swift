// A libFuzzer target for the parser and the model: any bytes must parse,
// print back byte for byte, lay every byte in a token or in trivia the trivia
// lexer recognises, and yield a model, without a trap.
//
// Built and run by scripts/fuzz (swiftc -sanitize=fuzzer,address).
import DockerfileModel
import DockerfileSyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let tree = Parser.parse(bytes)
    guard tree.printed() == bytes else { fatalError("round trip failed") }

    // Leaves (trivia pieces and token texts) in document order are the file.
    var leaves: [UInt8] = []
    leaves.reserveCapacity(size)
    for token in tree.allTokens {
        for piece in token.leadingTrivia {
            guard piece.kind != .unexpected else { fatalError("unexpected trivia \(piece)") }
            leaves += tree.source[piece.range]
        }
        leaves += token.bytes
        for piece in token.trailingTrivia {
            guard piece.kind != .unexpected else { fatalError("unexpected trivia \(piece)") }
            leaves += tree.source[piece.range]
        }
    }
    guard leaves == bytes else { fatalError("leaves do not reproduce the file") }

    // Every node covers tokens in order, inside its parent.
    for node in tree.root.descendants {
        let r = node.fullRange
        if let parent = node.parent {
            guard parent.fullRange.lowerBound <= r.lowerBound, r.upperBound <= parent.fullRange.upperBound else {
                fatalError("node outside its parent")
            }
        }
    }

    let model = Dockerfile(tree: tree)
    for instruction in model.instructions {
        _ = instruction.arguments
        _ = instruction.flags.map(\.mount)
    }
    if let last = model.stages.last { _ = model.graph.stagesNeeded(by: last.index) }
    return 0
}
