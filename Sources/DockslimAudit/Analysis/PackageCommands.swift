import DockerfileFacts
/// Package-manager commands in one RUN: what they install, with which
/// options, and what the same RUN cleans up afterwards.
struct PackageCommands {
    enum Manager: String { case apt, apk, yum, pip, npm }

    struct Install {
        let manager: Manager
        /// The command as written (`apt-get`, `dnf`…).
        let tool: String
        let packages: [String]
        let options: Set<String>
        /// `apk add --virtual NAME`.
        let virtualName: String?
    }

    private(set) var installs: [Install] = []
    /// Packages (or `apk --virtual` names) the RUN removes again.
    private(set) var removed: Set<String> = []
    /// The RUN removes packages it names in a way this reading cannot see
    /// (`apt-get purge $(…)`): anything it installed may be gone.
    private(set) var removesUnknown = false
    private(set) var removesAptLists = false
    private(set) var removesApkCache = false
    private(set) var cleansYum = false
    private(set) var cleansNpm = false
    private(set) var removesPipCache = false

    init(_ scan: ShellScan) {
        for words in scan.commands {
            guard let tool = words.first else { continue }
            let args = Array(words.dropFirst())
            let options = Set(args.filter { $0.hasPrefix("-") })
            let sub = args.first { !$0.hasPrefix("-") }
            switch tool {
            case "apt-get", "apt", "aptitude":
                if sub == "install" {
                    installs.append(Install(manager: .apt, tool: tool, packages: Self.operands(args, after: "install", valued: ["-t", "--target-release", "-o", "-c"]),
                                            options: options, virtualName: nil))
                } else if sub == "purge" || sub == "remove" || sub == "autoremove" {
                    noteRemoval(args, sub!, valued: ["-o"])
                }
            case "apk":
                if sub == "add" {
                    var virtual: String?
                    if let v = args.firstIndex(where: { $0 == "--virtual" || $0 == "-t" }), v + 1 < args.count { virtual = args[v + 1] }
                    installs.append(Install(manager: .apk, tool: tool,
                                            packages: Self.operands(args, after: "add", valued: ["--virtual", "-t", "--repository", "-X", "--root", "-p"]),
                                            options: options, virtualName: virtual))
                } else if sub == "del" {
                    noteRemoval(args, "del", valued: [])
                }
            case "yum", "dnf", "microdnf", "tdnf", "zypper":
                if sub == "install" || sub == "in" {
                    installs.append(Install(manager: .yum, tool: tool, packages: Self.operands(args, after: sub!, valued: ["--setopt", "--enablerepo", "--disablerepo"]),
                                            options: options, virtualName: nil))
                } else if sub == "clean" {
                    cleansYum = true
                } else if sub == "remove" || sub == "erase" {
                    noteRemoval(args, sub!, valued: [])
                }
            case "pip", "pip3", "python", "python3", "uv":
                var a = args[...]
                if tool.hasPrefix("python") {
                    guard a.count >= 2, a.first == "-m", a.dropFirst().first == "pip" else { continue }
                    a = a.dropFirst(2)
                } else if tool == "uv" {
                    guard a.first == "pip" else { continue }
                    a = a.dropFirst()
                }
                if a.first(where: { !$0.hasPrefix("-") }) == "install" {
                    installs.append(Install(manager: .pip, tool: tool == "uv" ? "uv pip" : "pip", packages: [], options: Set(a.filter { $0.hasPrefix("-") }),
                                            virtualName: nil))
                } else if a.first == "cache", a.dropFirst().first == "purge" {
                    removesPipCache = true
                }
            case "npm":
                if sub == "ci" || sub == "install" || sub == "i" {
                    installs.append(Install(manager: .npm, tool: tool, packages: [], options: options, virtualName: nil))
                } else if sub == "cache", args.contains("clean") {
                    cleansNpm = true
                }
            case "rm":
                for path in args where !path.hasPrefix("-") {
                    if path.hasPrefix("/var/lib/apt/lists") { removesAptLists = true }
                    if path.hasPrefix("/var/cache/apk") || path.hasPrefix("/etc/apk/cache") { removesApkCache = true }
                    if path.hasPrefix("/var/cache/yum") || path.hasPrefix("/var/cache/dnf") { cleansYum = true }
                    if path.contains(".cache/pip") || path == "/root/.cache" || path == "/root/.cache/" { removesPipCache = true }
                    if path.contains(".npm") { cleansNpm = true }
                }
            default:
                break
            }
        }
    }

    private mutating func noteRemoval(_ args: [String], _ subcommand: String, valued: Set<String>) {
        let names = Self.operands(args, after: subcommand, valued: valued)
        if names.isEmpty || args.contains(where: { $0.contains("$") }) { removesUnknown = true }
        removed.formUnion(names)
    }

    /// The words after `subcommand` that are not options (nor option values).
    static func operands(_ args: [String], after subcommand: String, valued: Set<String>) -> [String] {
        guard let at = args.firstIndex(of: subcommand) else { return [] }
        var out: [String] = []
        var skip = false
        for w in args[(at + 1)...] {
            if skip { skip = false; continue }
            if valued.contains(w) { skip = true; continue }
            if w.hasPrefix("-") || w.isEmpty || w.contains("$") { continue }
            out.append(w)
        }
        return out
    }

    /// The package's name without a version pin (`gcc=4:12.2` → `gcc`, `musl-dev~=1.2` → `musl-dev`).
    static func name(_ package: String) -> String {
        var end = package.endIndex
        for sep in ["=", "~", ">", "<"] {
            if let r = package.range(of: sep), r.lowerBound < end { end = r.lowerBound }
        }
        return String(package[..<end])
    }

    /// Compilers, headers and build tools: what only a build needs.
    static func isBuildTool(_ package: String) -> Bool {
        let n = name(package)
        let exact: Set<String> = ["gcc", "g++", "cpp", "clang", "cc", "make", "cmake", "ninja-build", "build-essential", "build-base",
                                  "musl-dev", "libc6-dev", "libc-dev", "linux-headers", "autoconf", "automake", "libtool", "gfortran",
                                  "golang", "golang-go", "go", "rustc", "cargo", "default-jdk", "default-jdk-headless", "maven", "gradle",
                                  "nasm", "yasm", "bison", "flex", "gcc-c++", "kernel-devel", "python3-dev", "python-dev"]
        if exact.contains(n) { return true }
        if n.hasPrefix("openjdk-") && n.contains("-jdk") { return true }
        if n.hasPrefix("gcc-") || n.hasPrefix("g++-") || n.hasPrefix("clang-") { return Int(n.split(separator: "-").last ?? "") != nil }
        return n.hasSuffix("-dev") || n.hasSuffix("-devel")
    }
}
