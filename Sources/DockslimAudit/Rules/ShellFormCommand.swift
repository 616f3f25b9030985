import DockerfileFacts
import DockerfileModel

/// DS006: the container's command runs through `/bin/sh -c`.
enum ShellFormCommand: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS006", name: "shell-form-command", severity: .warning, tags: [.correctness],
        summary: "CMD or ENTRYPOINT is in shell form.",
        explanation: """
        In shell form the command runs as /bin/sh -c "…": the shell is PID 1, the program does not \
        receive SIGTERM on docker stop (it is killed after the timeout), and an ENTRYPOINT in shell \
        form ignores CMD and run arguments. On images without a shell (distroless, scratch) it \
        cannot start at all. Write it as a JSON array.
        """,
        fixRecipes: ["use-exec-form"],
        advice: "Write the command as a JSON array: CMD [\"program\", \"arg\"].")

    static func check(_ context: AuditContext) -> [Finding] {
        guard context.final != nil else { return [] }
        // The command in effect: the last of each kind along the FROM chain.
        var effective: [InstructionKind: (Instruction, Int)] = [:]
        for index in context.finalChain.reversed() {
            for i in context.stages[index].stage.instructions where [.cmd, .entrypoint, .healthcheck].contains(i.kind) {
                effective[i.kind] = (i, index)
            }
        }
        let noShell = context.finalImage.map(ImageCatalog.hasNoShell) == true
        var out: [Finding] = []
        for kind in [InstructionKind.entrypoint, .cmd, .healthcheck] {
            guard let (instruction, stage) = effective[kind], instruction.form == .shell else { continue }
            if kind == .healthcheck && !noShell { continue }
            let keyword = kind == .healthcheck ? "HEALTHCHECK CMD" : instruction.keyword.uppercased()
            if noShell {
                out.append(finding(at: instruction, stage: stage,
                                   "\(keyword) is in shell form, but \(context.finalImage!.original) has no /bin/sh: it cannot run",
                                   severity: .error))
            } else {
                out.append(finding(at: instruction, stage: stage,
                                   "\(keyword) is in shell form: /bin/sh is PID 1 and the program does not receive SIGTERM"))
            }
        }
        return out
    }
}
