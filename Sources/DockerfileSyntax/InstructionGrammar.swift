/// The whole instruction grammar: keyword → how its arguments are read.
/// This mirrors BuildKit's dispatch table (`parser.go`), one line per keyword.
public enum ArgumentShape: Sendable {
    /// JSON array, else whitespace-separated words (ADD, COPY, VOLUME).
    case execOrWords
    /// JSON array, else one shell string (RUN, CMD, ENTRYPOINT, SHELL).
    case execOrShell
    /// Quote-aware words, each `name` or `name=value` (ARG).
    case nameOrNameValue
    /// `key=value …` or the legacy `key value` (ENV, LABEL).
    case keyValue
    /// Words split at spaces and tabs (FROM, EXPOSE).
    case whitespaceList
    /// The rest of the line as one string (USER, WORKDIR, MAINTAINER, STOPSIGNAL).
    case singleString
    /// A type word, then `execOrShell` (HEALTHCHECK).
    case healthcheck
    /// Another instruction (ONBUILD).
    case subInstruction
    /// Unknown keyword: BuildKit keeps the keyword and drops the arguments.
    case ignored
}

public enum InstructionGrammar {
    public struct Entry: Sendable {
        public let keyword: StaticString
        public let kind: SyntaxKind
        public let shape: ArgumentShape
        /// Whether `<<WORD` here-documents are read after the line (BuildKit: ADD, COPY, RUN).
        public let allowsHeredocs: Bool
    }

    public static let entries: [Entry] = [
        Entry(keyword: "add", kind: .addInstruction, shape: .execOrWords, allowsHeredocs: true),
        Entry(keyword: "arg", kind: .argInstruction, shape: .nameOrNameValue, allowsHeredocs: false),
        Entry(keyword: "cmd", kind: .cmdInstruction, shape: .execOrShell, allowsHeredocs: false),
        Entry(keyword: "copy", kind: .copyInstruction, shape: .execOrWords, allowsHeredocs: true),
        Entry(keyword: "entrypoint", kind: .entrypointInstruction, shape: .execOrShell, allowsHeredocs: false),
        Entry(keyword: "env", kind: .envInstruction, shape: .keyValue, allowsHeredocs: false),
        Entry(keyword: "expose", kind: .exposeInstruction, shape: .whitespaceList, allowsHeredocs: false),
        Entry(keyword: "from", kind: .fromInstruction, shape: .whitespaceList, allowsHeredocs: false),
        Entry(keyword: "healthcheck", kind: .healthcheckInstruction, shape: .healthcheck, allowsHeredocs: false),
        Entry(keyword: "label", kind: .labelInstruction, shape: .keyValue, allowsHeredocs: false),
        Entry(keyword: "maintainer", kind: .maintainerInstruction, shape: .singleString, allowsHeredocs: false),
        Entry(keyword: "onbuild", kind: .onbuildInstruction, shape: .subInstruction, allowsHeredocs: false),
        Entry(keyword: "run", kind: .runInstruction, shape: .execOrShell, allowsHeredocs: true),
        Entry(keyword: "shell", kind: .shellInstruction, shape: .execOrShell, allowsHeredocs: false),
        Entry(keyword: "stopsignal", kind: .stopsignalInstruction, shape: .singleString, allowsHeredocs: false),
        Entry(keyword: "user", kind: .userInstruction, shape: .singleString, allowsHeredocs: false),
        Entry(keyword: "volume", kind: .volumeInstruction, shape: .execOrWords, allowsHeredocs: false),
        Entry(keyword: "workdir", kind: .workdirInstruction, shape: .singleString, allowsHeredocs: false),
    ]

    static let unknown = Entry(keyword: "", kind: .unknownInstruction, shape: .ignored, allowsHeredocs: false)

    /// The entry for a keyword, matched case-insensitively (ASCII only, as
    /// Go's `strings.ToLower` leaves these keywords).
    static func entry(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Entry {
        let n = r.count
        guard n >= 3, n <= 11 else { return unknown }
        let first = b[r.lowerBound] | 0x20
        guard first >= 0x61, first <= 0x7A else { return unknown }
        for candidate in byFirstLetter[Int(first - 0x61)] where candidate.keyword.utf8CodeUnitCount == n {
            let k = candidate.keyword.utf8Start
            var i = 1
            while i < n, b[r.lowerBound + i] | 0x20 == k[i] { i += 1 }
            if i == n { return candidate }
        }
        return unknown
    }

    /// Entries by the first letter of their keyword.
    private static let byFirstLetter: [[Entry]] = {
        var table = [[Entry]](repeating: [], count: 26)
        for e in entries { table[Int(e.keyword.utf8Start[0] - 0x61)].append(e) }
        return table
    }()

    /// The entry for an instruction node's kind.
    public static func entry(for kind: SyntaxKind) -> Entry? {
        entries.first { $0.kind == kind }
    }
}
