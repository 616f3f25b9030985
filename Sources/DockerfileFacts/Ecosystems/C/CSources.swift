/// What a C or C++ program's sources and build files say it needs at run
/// time. Paths resolve against the working directory. Sources: `fopen`
/// and `open` (the mode or flags say read or write), streams, directories,
/// SQLite, `system`/`popen`/`exec*` programs, `dlopen` libraries. Build
/// files (`CMakeLists.txt`, Makefiles): the programs they make, `-l`
/// libraries and sanitizer runtimes. Tests (`test/`, `tests/`,
/// `*_test.c`, `test_*.c`) and CMake's generated folders are not read.
public enum CSources {
    /// The extensions `BuildContext.isInteresting` has the scan read.
    static let extensions: Set<String> = ["c", "h", "cc", "cpp", "cxx", "hpp"]

    public static func read(_ context: BuildContext, root: String = "") -> SourceFindings {
        let set = SourceFiles.select(context, root: root, extensions: extensions, language: "C", skip: isSkipped)
        var findings = SourceFindings()
        findings.unknowns += set.unknowns
        for file in set.files {
            var reader = CFileReader(source: ScannedSource(path: file.path, bytes: file.bytes, syntax: .c))
            reader.read()
            findings.merge(reader.findings)
        }
        let prefix = SourceFiles.folderPrefix(root)
        for path in context.files(under: prefix) where !isSkipped(String(path.dropFirst(prefix.count))) {
            switch SourceFiles.name(path) {
            case "CMakeLists.txt":
                if let bytes = findings.manifest(context, path) { CMakeLists.read(bytes, file: path, into: &findings) }
            case "Makefile", "makefile", "GNUmakefile":
                if let bytes = findings.manifest(context, path) { Makefiles.read(bytes, file: path, into: &findings) }
            default:
                continue
            }
        }
        return findings.normalized()
    }

    static func isSkipped(_ relative: String) -> Bool {
        let name = SourceFiles.name(relative)
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        if stem.hasPrefix("test_") || stem.hasSuffix("_test") || stem.hasSuffix("_tests") { return true }
        return SourceFiles.inFolder(relative, ["test", "tests", "CMakeFiles"]) || relative.hasPrefix("build/") || relative.hasPrefix("cmake-build-")
    }
}

/// One C or C++ file.
struct CFileReader {
    let source: ScannedSource
    /// `#define CONFIG "x"`, `static const char *CONFIG = "x";`.
    let constants: [String: String]
    var findings = SourceFindings()

    init(source: ScannedSource) {
        self.source = source
        constants = Self.constants(source)
    }

    mutating func read() {
        for call in source.calls() {
            let callee = source.text(call.name)
            let args = source.arguments(at: call.open)
            var via = callee
            var use = CCalls.table[callee] ?? CCalls.streams[callee]
            // `std::ifstream in("x")`: the stream type is the word before the variable.
            if use == nil, call.name > 0, source.tokens[call.name - 1].kind == .word, let stream = CCalls.streams[source.text(call.name - 1)] {
                use = stream
                via = source.text(call.name - 1)
            }
            guard let use else { continue }
            record(use, via: via, arguments: args, evidence: source.evidence(token: call.name))
        }
    }

    private func string(_ r: Range<Int>) -> String? {
        if let s = source.onlyString(r) { return s }
        guard r.count == 1, source.tokens[r.lowerBound].kind == .word else { return nil }
        return constants[source.text(r.lowerBound)]
    }

    private mutating func record(_ use: CCalls.Use, via: String, arguments args: [Range<Int>], evidence: Evidence) {
        switch use {
        case .path(let effect, let shape, let index, let necessity):
            guard index < args.count else { return }
            guard let path = string(args[index]) else { return findings.unknownPath(via, evidence: evidence) }
            findings.add(effect, PathValue(path, base: .workingDirectory), shape: shape, necessity: necessity, via: via, evidence: evidence)
        case .fopen:
            guard let first = args.first else { return }
            guard let path = string(first) else { return findings.unknownPath(via, evidence: evidence) }
            let mode = args.count > 1 ? string(args[1]) ?? "r" : "r"
            findings.add(PythonFileReader.effect(ofMode: mode), PathValue(path, base: .workingDirectory), shape: .file, via: via, evidence: evidence)
        case .open(let index):
            guard index < args.count else { return }
            guard let path = string(args[index]) else { return findings.unknownPath(via, evidence: evidence) }
            let flags = args.count > index + 1 ? args[index + 1].map { source.text($0) }.joined() : ""
            let writes = ["O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"].contains { flags.contains($0) }
            findings.add(writes ? .write : .read, PathValue(path, base: .workingDirectory), shape: .file, via: via, evidence: evidence)
        case .program(let index, let shell):
            guard index < args.count else { return }
            guard let text = string(args[index]), let program = shell ? SourceNames.program(ofShellCommand: text) : text else {
                return findings.unknownProgram(via, evidence: evidence)
            }
            findings.execute(program, via: via, evidence: evidence)
        case .library:
            guard let first = args.first, !source.isWord(first.lowerBound, "NULL") else { return }
            guard let name = string(first) else { return findings.unknownPath(via, evidence: evidence) }
            findings.nativeNeeds.append(NativeNeed(dependency: name, requirement: .systemLibrary(name), detail: "loaded with dlopen at run time", evidence: evidence))
        }
    }

    /// `#define NAME "x"` and `… NAME[] = "x";` / `*NAME = "x";` given once.
    static func constants(_ source: ScannedSource) -> [String: String] {
        var values = source.constants()
        var counts: [String: Int] = [:]
        let t = source.tokens
        for k in t.indices where source.isWord(k, "define") && source.isPunctuation(k - 1, .hash) && k + 2 < t.count {
            if t[k + 1].kind == .word, source.isPlainString(k + 2), t[k + 2].line == t[k].line { values[source.text(k + 1)] = source.value(k + 2) }
        }
        for k in t.indices where source.isPunctuation(k, .equals) && source.isPlainString(k + 1) && source.isPunctuation(k + 2, UInt8(ascii: ";")) {
            var j = k - 1
            while j >= 0 && (source.isPunctuation(j, .openBracket) || source.isPunctuation(j, .closeBracket)) { j -= 1 }
            guard j >= 0, t[j].kind == .word else { continue }
            let name = source.text(j)
            counts[name, default: 0] += 1
            values[name] = source.value(k + 1)
        }
        return values.filter { (counts[$0.key] ?? 1) == 1 }
    }
}

enum CCalls {
    enum Use {
        case path(SourceFindings.Effect, PathUse.Shape, index: Int, PathUse.Necessity)
        case fopen
        /// `open(path, flags)` (index 0), `openat(dir, path, flags)` (index 1).
        case open(index: Int)
        case program(index: Int, shell: Bool)
        case library
    }

    static let table: [String: Use] = [
        "fopen": .fopen, "freopen": .fopen, "fopen64": .fopen, "open": .open(index: 0), "open64": .open(index: 0), "openat": .open(index: 1),
        "opendir": .path(.read, .folder, index: 0, .required), "std::filesystem::directory_iterator": .path(.read, .folder, index: 0, .required),
        "mkdir": .path(.write, .folder, index: 0, .required), "std::filesystem::create_directories": .path(.write, .folder, index: 0, .required),
        "stat": .path(.read, .file, index: 0, .ifPresent), "access": .path(.read, .file, index: 0, .ifPresent),
        "std::filesystem::exists": .path(.read, .file, index: 0, .ifPresent),
        "sqlite3_open": .path(.readWrite, .file, index: 0, .required), "sqlite3_open_v2": .path(.readWrite, .file, index: 0, .required),
        "system": .program(index: 0, shell: true), "popen": .program(index: 0, shell: true),
        "execl": .program(index: 0, shell: false), "execlp": .program(index: 0, shell: false), "execle": .program(index: 0, shell: false),
        "execv": .program(index: 0, shell: false), "execvp": .program(index: 0, shell: false), "execve": .program(index: 0, shell: false),
        "posix_spawn": .program(index: 1, shell: false), "posix_spawnp": .program(index: 1, shell: false),
        "dlopen": .library,
    ]

    /// `std::ifstream in("x")`, `std::ofstream("x")`.
    static let streams: [String: Use] = [
        "std::ifstream": .path(.read, .file, index: 0, .required), "ifstream": .path(.read, .file, index: 0, .required),
        "std::ofstream": .path(.write, .file, index: 0, .required), "ofstream": .path(.write, .file, index: 0, .required),
        "std::fstream": .path(.readWrite, .file, index: 0, .required), "fstream": .path(.readWrite, .file, index: 0, .required),
    ]
}
