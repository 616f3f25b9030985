import DockerfileModel

/// The simple commands a CMD, ENTRYPOINT or HEALTHCHECK runs in the
/// finished container, as words (quotes removed): exec form as written,
/// shell form cut by `ShellScan`, HEALTHCHECK after its `CMD` keyword.
package enum StartedCommands {
    package static func of(_ i: Instruction) -> [[String]] {
        switch i.kind {
        case .healthcheck:
            let args = i.argumentStrings
            guard args.first?.uppercased() == "CMD" else { return [] }
            return i.form == .exec ? [Array(args.dropFirst())] : ShellScan(args.dropFirst().joined(separator: " ")).commands
        case .cmd, .entrypoint:
            switch i.command {
            case .exec(let w): return [w]
            case .shell(let t): return ShellScan(t).commands
            case nil: return []
            }
        default:
            return []
        }
    }

    /// What a stage starts: its CMD, ENTRYPOINT and HEALTHCHECK commands.
    package static func of(_ stage: Stage) -> [[String]] {
        stage.instructions.flatMap(of)
    }
}
