import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// Turns a shell-form CMD or ENTRYPOINT into exec form.
///
/// In shell form the container's first process is `/bin/sh -c …`: it does
/// not pass signals on, and images without a shell (distroless, scratch)
/// cannot run it at all. The pass converts only a command that means the
/// same with or without a shell: one simple command of plain words (no `$`,
/// quotes, escapes, globs, redirections, pipes or `&&`), not a shell
/// builtin; a leading `exec` is dropped. It leaves an instruction alone, and
/// says why, when the change would alter what runs: an ENTRYPOINT in a stage
/// that also has a CMD (the CMD would become its arguments), or a CMD that
/// an ENTRYPOINT (set in the file, or possibly by a base image it does not
/// know) would receive differently. Comments inside the command keep it
/// from being joined onto one line.
///
/// ## Before
/// ```dockerfile
/// FROM alpine:3.20
/// COPY server /usr/local/bin/server
/// CMD exec server --port 8080
/// ```
///
/// ## After
/// ```dockerfile
/// FROM alpine:3.20
/// COPY server /usr/local/bin/server
/// CMD ["server", "--port", "8080"]
/// ```
public struct UseExecForm: RewritePass {
    public static let id = "use-exec-form"
    public static let summary = "Write CMD and ENTRYPOINT in exec form when the command is a plain word list."

    /// Shell builtins and keywords: no executable of that name exists to run directly.
    static let builtins: Set<String> = [
        "cd", "export", "source", ".", "set", "unset", "ulimit", "umask", "eval", "trap", "alias", "exit", "return",
        "shift", "wait", "read", "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case",
        "esac", "function", "{", "}", "[[", "!", "time", "builtin", "command", "type", "hash", "let", "local",
        "readonly", "declare", "typeset", "getopts", "times", "exec",
    ]

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
    }

    public func apply(to file: FileContext) -> PassResult {
        var editor = file.editor()
        var notes = PassNotes()
        for stage in file.dockerfile.stages {
            for instruction in stage.instructions where instruction.kind == .cmd || instruction.kind == .entrypoint {
                guard instruction.form == .shell else { continue }
                let line = "\(instruction.keyword) on line \(instruction.startLine)"
                switch convert(instruction, in: stage, of: file.dockerfile) {
                case .failure(let why):
                    notes.decline("\(line) left in shell form: \(why)")
                case .success(let words):
                    guard let command = instruction.node.firstChild(.shellCommand) else { continue }
                    let json = "[" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                    let keyword = editor.style.keyword(instruction.kind == .cmd ? "CMD" : "ENTRYPOINT")
                    guard Fragment.check("\(keyword) \(json)", style: editor.style) != nil else {
                        notes.decline("\(line) left in shell form: the exec form did not parse")
                        continue
                    }
                    editor.replace(command, with: json, reason: "\(line): exec form runs the program as PID 1 without a shell, so it gets signals and works in images without /bin/sh")
                }
            }
        }
        if editor.isEmpty && notes.isEmpty { return .alreadyDone("no shell-form CMD or ENTRYPOINT") }
        return .from(editor.edits, notes, nothing: "no shell-form CMD or ENTRYPOINT")
    }


    private func convert(_ instruction: Instruction, in stage: Stage, of file: Dockerfile) -> Result<[String], Failure> {
        guard case .shell(let text)? = instruction.command else { return .failure(Failure("not shell form")) }
        if instruction.node.tokens.dropFirst().contains(where: { $0.leadingTrivia.contains { $0.kind == .comment } }) {
            return .failure(Failure("it has comments inside, which a one-line exec form would drop"))
        }
        guard let list = ShellCommandList.parse(text), list.commands.count == 1, list.commands[0].separator == nil, list.comment == nil else {
            return .failure(Failure("it is more than one simple command"))
        }
        var words = list.commands[0].words
        if words.first?.raw == "exec" { words.removeFirst() }
        guard let first = words.first else { return .failure(Failure("nothing to run")) }
        guard words.allSatisfy(\.isPlain) else {
            return .failure(Failure("it relies on the shell (variables, quotes, globs or redirections)"))
        }
        if first.raw.contains("=") { return .failure(Failure("it sets environment variables for the command")) }
        if Self.builtins.contains(first.raw) { return .failure(Failure("'\(first.raw)' is a shell builtin")) }

        let cmds = stage.instructions.filter { $0.kind == .cmd }
        let entrypoint = stage.instructions.last { $0.kind == .entrypoint }
        if instruction.kind == .entrypoint {
            if let cmd = cmds.first {
                return .failure(Failure("the CMD on line \(cmd.startLine) would become the entrypoint's arguments"))
            }
        } else if let entrypoint {
            if entrypoint.form == .shell { return .failure(Failure("a shell-form ENTRYPOINT ignores CMD")) }
            return .failure(Failure("the ENTRYPOINT on line \(entrypoint.startLine) would receive these words instead of /bin/sh -c"))
        } else if let why = Self.inheritedEntrypoint(stage, file) {
            return .failure(Failure(why))
        }
        return .success(words.map(\.raw))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ s: String) { description = s }
    }

    /// Why a stage may inherit an ENTRYPOINT, or `nil` when it cannot.
    static func inheritedEntrypoint(_ stage: Stage, _ file: Dockerfile) -> String? {
        switch stage.base {
        case .scratch:
            return nil
        case .stage(let i):
            let parent = file.stages[i]
            if parent.instructions.contains(where: { $0.kind == .entrypoint }) {
                return "stage \(parent.name ?? String(i)) sets an ENTRYPOINT that this stage inherits"
            }
            return inheritedEntrypoint(parent, file)
        case .image(let ref):
            return ImageCatalog.setsNoEntrypoint(ref) ? nil : "the base image \(ref.original) may set an ENTRYPOINT, which would receive the words instead of /bin/sh -c"
        case .unresolved:
            return "the base image is not known, and may set an ENTRYPOINT"
        }
    }
}
