import DockerfileModel
import DockerfileSyntax

/// When a shell-form command means the same in exec form.
package enum ExecForm {
    /// Shell builtins and keywords: no executable of that name exists to run directly.
    package static let builtins: Set<String> = [
        "cd", "export", "source", ".", "set", "unset", "ulimit", "umask", "eval", "trap", "alias", "exit", "return",
        "shift", "wait", "read", "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case",
        "esac", "function", "{", "}", "[[", "!", "time", "builtin", "command", "type", "hash", "let", "local",
        "readonly", "declare", "typeset", "getopts", "times", "exec",
    ]

    /// The words of a shell-form CMD or ENTRYPOINT that mean the same in exec
    /// form: one plain command, no comment inside, not a builtin or an assignment.
    package static func plainWords(_ i: Instruction) -> [String]? {
        guard case .shell(let text)? = i.command, !i.node.tokens.dropFirst().contains(where: { $0.leadingTrivia.contains { $0.kind == .comment } }),
              let list = ShellCommandList.parse(text), list.commands.count == 1, list.commands[0].separator == nil, list.comment == nil else { return nil }
        var words = list.commands[0].words
        if words.first?.raw == "exec" { words.removeFirst() }
        guard let first = words.first, words.allSatisfy(\.isPlain), !first.raw.contains("="), !builtins.contains(first.raw) else { return nil }
        return words.map(\.raw)
    }

    /// A CMD's or ENTRYPOINT's words in exec form: as written, or the plain words of a shell form.
    package static func words(_ i: Instruction) -> [String]? {
        switch i.command {
        case .exec(let w): return w
        case .shell: return plainWords(i)
        case nil: return nil
        }
    }
}
