import DockerfileModel

/// CMD and ENTRYPOINT on a runtime image whose own ENTRYPOINT runs the
/// interpreter (distroless `nodejs` runs `node`, `java` runs `java -jar`):
/// an ENTRYPOINT keeps its arguments with the image's interpreter path, and a
/// CMD loses the interpreter, which the image supplies.
package enum InterpreterCommand {
    package static func stripPrefix(_ argv: [String], of i: Instruction, on move: RuntimeMove, entrypointSet: Bool) -> CommandChange {
        guard let interpreter = move.entryPrefix.first else { return .keep }
        let line = "\(i.keyword) on line \(i.startLine)"
        switch i.kind {
        case .entrypoint:
            guard argv.first == interpreter || argv.first == "/usr/bin/\(interpreter)" else {
                return .refuse("not moved: \(line) does not run \(interpreter), which is what \(move.image) runs")
            }
            let path = move.interpreterPath ?? interpreter
            return .replace(["ENTRYPOINT " + AppStage.json([path] + argv.dropFirst())], reason: "\(line): \(move.image) keeps \(interpreter) at \(path)", note: nil)
        case .cmd where !entrypointSet:
            guard argv.first == interpreter else { return .refuse("not moved: \(line) does not run \(interpreter)") }
            return .replace(["CMD " + AppStage.json(Array(argv.dropFirst()))],
                            reason: "\(line): \(move.image) runs `\(move.entryPrefix.joined(separator: " "))` itself; CMD gives it the rest", note: nil)
        default:
            return .keep
        }
    }
}
