/// The kinds of inner nodes of the syntax tree.
///
/// Instruction kinds follow BuildKit's dispatch table; argument kinds follow
/// the argument shapes of `InstructionGrammar`.
public enum SyntaxKind: UInt8, Sendable, CaseIterable {
    case sourceFile
    /// `# syntax=…`, `# escape=…`, `# check=…` at the top of the file.
    case directive

    case fromInstruction
    case runInstruction
    case cmdInstruction
    case entrypointInstruction
    case shellInstruction
    case copyInstruction
    case addInstruction
    case envInstruction
    case argInstruction
    case labelInstruction
    case exposeInstruction
    case userInstruction
    case workdirInstruction
    case volumeInstruction
    case stopsignalInstruction
    case healthcheckInstruction
    case onbuildInstruction
    case maintainerInstruction
    /// A keyword BuildKit does not know (or a broken line): kept verbatim.
    case unknownInstruction

    /// `--name[=value]` before the arguments.
    case flag
    /// A lone `--` that ends the flags.
    case flagTerminator
    /// One whitespace-separated argument (FROM, EXPOSE, COPY, ARG, …).
    case word
    /// The rest of the line as one string (USER, WORKDIR, STOPSIGNAL, MAINTAINER).
    case string
    /// A shell-form command (RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD) or
    /// the arguments of an unknown instruction.
    case shellCommand
    /// An exec-form JSON array: `[`, elements, `,`, `]` tokens.
    case jsonArray
    /// One string element of a JSON array.
    case jsonString
    /// A JSON element that is not a string (BuildKit rejects it).
    case jsonValue
    /// Text after a JSON array's closing bracket.
    case trailingText
    /// `key=value` or, in the legacy form, `key value`.
    case keyValue
    case key
    case value
    /// HEALTHCHECK's first word: `CMD`, `NONE`, …
    case healthcheckType
    /// A here-document body and its terminator line.
    case heredoc

    public var isInstruction: Bool {
        rawValue >= SyntaxKind.fromInstruction.rawValue && rawValue <= SyntaxKind.unknownInstruction.rawValue
    }

    public var name: String { String(describing: self) }
}

/// The kinds of tokens: the leaves that carry the file's meaning.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    /// The instruction keyword, as written (`RUN`, `from`, `Copy`).
    case keyword
    /// A piece of a flag's text.
    case flag
    /// A piece of argument text.
    case text
    /// The `=` between a key and its value.
    case equals
    case leftBracket
    case rightBracket
    case comma
    /// A piece of a JSON string literal, quotes included.
    case jsonString
    /// A piece of a JSON number, literal, object or nested array.
    case jsonValue
    /// The `#` that starts a parser directive.
    case directiveHash
    case directiveName
    case directiveValue
    /// The lines of a here-document, each with its line ending.
    case heredocContent
    /// The line that ends a here-document (without its line ending).
    case heredocTerminator
    /// Zero-width: carries the trivia that ends the file.
    case endOfFile

    public var name: String { String(describing: self) }
}
