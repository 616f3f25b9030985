/// A `CMakeLists.txt`: `project(name)`, `set(VAR value)`,
/// `add_executable(name …)` renamed by `set_target_properties(… OUTPUT_NAME
/// …)`, `target_link_libraries` (plain names, `-l` flags, known imported
/// targets such as `OpenSSL::SSL`), and `-fsanitize`/`-static` flags in any
/// command.
enum CMakeLists {
    struct Command {
        let name: String
        let arguments: [String]
        let line: Int
    }

    /// Imported targets and the libraries they link.
    static let importedTargets: [String: String] = [
        "OpenSSL::SSL": "libssl", "OpenSSL::Crypto": "libcrypto", "CURL::libcurl": "libcurl", "ZLIB::ZLIB": "libz",
        "SQLite::SQLite3": "libsqlite3", "PostgreSQL::PostgreSQL": "libpq", "PkgConfig::LIBPQ": "libpq",
    ]

    static func read(_ bytes: [UInt8], file: String, into findings: inout SourceFindings) {
        let commands = parse(bytes)
        var variables: [String: String] = [:]
        var executables: [(target: String, line: Int)] = []
        var libraries = Set<String>()
        var outputNames: [String: String] = [:]
        let staticBuild = commands.contains { $0.arguments.contains { $0.split(separator: " ").contains("-static") } }
        let lineText = lines(bytes)
        func evidence(_ line: Int) -> Evidence { Evidence(file: file, line: line, text: lineText(line)) }
        for c in commands {
            let args = c.arguments.map { expand($0, variables) }
            switch c.name {
            case "project":
                if let name = args.first { variables["PROJECT_NAME"] = name; variables["CMAKE_PROJECT_NAME"] = name }
            case "set":
                if args.count >= 2 { variables[args[0]] = args[1] }
            case "add_executable" where args.count >= 1 && !args.contains("IMPORTED") && !args.contains("ALIAS"):
                executables.append((args[0], c.line))
            case "add_library":
                if let name = args.first { libraries.insert(name) }
            case "set_target_properties":
                if let at = args.firstIndex(of: "OUTPUT_NAME"), at + 1 < args.count, let target = args.first { outputNames[target] = args[at + 1] }
            case "target_link_libraries", "link_libraries":
                let names = c.name == "link_libraries" ? args : Array(args.dropFirst())
                findings.nativeNeeds += linkedLibraries(names, own: libraries, staticBuild: staticBuild, evidence: evidence(c.line))
                continue
            default:
                break
            }
            // Flags may sit in one quoted argument: `set(CMAKE_CXX_FLAGS "${CMAKE_CXX_FLAGS} -fsanitize=address")`.
            let flags = args.flatMap { $0.split(separator: " ").map(String.init) }.filter { $0.hasPrefix("-fsanitize=") || $0.hasPrefix("-static-lib") }
            if !flags.isEmpty { findings.nativeNeeds += CLinkFlags.needs(in: flags, staticBuild: staticBuild, evidence: evidence(c.line)) }
        }
        for e in executables {
            findings.products.append(BuildProduct(name: outputNames[e.target] ?? e.target, evidence: evidence(e.line)))
        }
    }

    /// A source an `add_executable` or `add_library` of the context's
    /// CMakeLists.txt files names that the context does not have (the
    /// original build fails too), as `CMakeLists.txt:7 compiles src/main.cpp`.
    static func missingSource(in context: BuildContext) -> String? {
        let extensions: Set<String> = ["c", "cc", "cpp", "cxx", "c++", "h", "hh", "hpp", "hxx"]
        for path in context.files.sorted() where SourceFiles.name(path) == "CMakeLists.txt" {
            guard let bytes = context.contents[path] else { continue }
            let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : ""
            for c in parse(bytes) where c.name == "add_executable" || c.name == "add_library" {
                for source in c.arguments.dropFirst() {
                    guard !source.contains("$"), !source.contains("<"), let dot = source.lastIndex(of: "."),
                          extensions.contains(source[source.index(after: dot)...].lowercased()) else { continue }
                    let wanted = source.hasPrefix("/") ? nil : String(Paths.join("/", folder + source).dropFirst())
                    if let wanted, !context.has(wanted) { return "\(path):\(c.line) compiles \(source), which the build context does not have" }
                }
            }
        }
        return nil
    }

    private static func linkedLibraries(_ names: [String], own: Set<String>, staticBuild: Bool, evidence: Evidence) -> [NativeNeed] {
        var out: [NativeNeed] = []
        for name in names where !["PRIVATE", "PUBLIC", "INTERFACE", "debug", "optimized", "general"].contains(name) && !own.contains(name) {
            if name.hasPrefix("-") { out += CLinkFlags.needs(in: [name], staticBuild: staticBuild, evidence: evidence); continue }
            if let library = importedTargets[name] { out.append(CLinkFlags.library(library, dependency: name, staticBuild: staticBuild, evidence: evidence)); continue }
            guard !name.contains("::"), !name.contains("$"), !name.contains("/"), !CLinkFlags.partsOfLibc.contains(name) else { continue }
            out.append(CLinkFlags.library(name.hasPrefix("lib") ? name : "lib" + name, dependency: name, staticBuild: staticBuild, evidence: evidence))
        }
        return out
    }

    private static func expand(_ text: String, _ variables: [String: String]) -> String {
        text.contains("${") ? Makefiles.expand(text, variables) : text
    }

    /// Commands `name(args)`: `#` comments, quoted and unquoted arguments,
    /// nested parentheses kept in one argument, one pass over the bytes.
    static func parse(_ b: [UInt8]) -> [Command] {
        var out: [Command] = []
        var i = 0
        var line = 1
        while i < b.count {
            let c = b[i]
            if c == .newline { line += 1; i += 1; continue }
            if c == .hash { while i < b.count && b[i] != .newline { i += 1 }; continue }
            guard c.isIdentifierStart else { i += 1; continue }
            let start = i
            while i < b.count && b[i].isIdentifierByte { i += 1 }
            let name = String(decoding: b[start..<i], as: UTF8.self).lowercased()
            var j = i
            while j < b.count && (b[j] == .space || b[j] == .tab) { j += 1 }
            guard j < b.count && b[j] == .openParen else { continue }
            let commandLine = line
            i = j + 1
            out.append(Command(name: name, arguments: arguments(b, &i, &line), line: commandLine))
        }
        return out
    }

    /// From after `(` to past its `)`.
    private static func arguments(_ b: [UInt8], _ i: inout Int, _ line: inout Int) -> [String] {
        var args: [String] = []
        var current: [UInt8] = []
        var depth = 1
        func flush() { if !current.isEmpty { args.append(String(decoding: current, as: UTF8.self)); current = [] } }
        while i < b.count {
            let c = b[i]
            i += 1
            switch c {
            case .newline: line += 1; flush()
            case .space, .tab, .cr: if depth == 1 { flush() } else { current.append(c) }
            case .hash where current.isEmpty: while i < b.count && b[i] != .newline { i += 1 }
            case .quote:
                while i < b.count && b[i] != .quote { if b[i] == .newline { line += 1 }; if b[i] == .backslash { i += 1 }; if i < b.count { current.append(b[i]) }; i += 1 }
                i += 1
            case .openParen: depth += 1; current.append(c)
            case .closeParen:
                depth -= 1
                if depth == 0 { flush(); return args }
                current.append(c)
            default: current.append(c)
            }
        }
        flush()
        return args
    }

    /// The trimmed text of a line, found through an index of line starts.
    private static func lines(_ b: [UInt8]) -> (Int) -> String {
        var starts = [0]
        for (k, c) in b.enumerated() where c == .newline { starts.append(k + 1) }
        return { n in
            guard n >= 1 && n <= starts.count else { return "" }
            let end = n < starts.count ? starts[n] : b.count
            return String(decoding: b[starts[n - 1]..<min(end, starts[n - 1] + 200)], as: UTF8.self).trimmingCharacters(in: " \t\r\n")
        }
    }
}
