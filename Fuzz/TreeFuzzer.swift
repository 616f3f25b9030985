// A libFuzzer target for the command line on hostile folders: the input is a
// small program that builds a tree (Dockerfiles and manifests, FIFOs, links
// inside and out of the tree and to devices, read-only and oversized files,
// control characters in names and contents, stale temporary files); then
// every command runs over it in-process. Checked: no trap, no hang (libFuzzer's
// -timeout) or unbounded read (its -rss_limit_mb), exit codes 0 or 1, nothing
// outside the tree written, links still links, no temporary file left, and no
// raw control character in text meant for a terminal.
//
// Built and run by `scripts/fuzz SECONDS tree` (swiftc -sanitize=fuzzer,address).
import DockslimCLI
import Glibc

private let sandbox: String = {
    var template = Array("/tmp/dockslim-treefuzz-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { fatalError("mkdtemp") }
    let path = String(cString: made)
    mkdir(path + "/outside", 0o755)
    put(path + "/outside/Dockerfile", Array("FROM alpine\nCMD ./run\n".utf8))
    put(path + "/outside/package.json", Array(#"{"scripts":{"start":"node x.js"}}"#.utf8))
    atexit { removeTree(sandbox) }
    return path
}()
private var tree: String { sandbox + "/tree" }

private let names = ["Dockerfile", "a.Dockerfile", "Containerfile", "Dockerfile.prod", "sub/Dockerfile", "sub/b.Dockerfile",
                     "package.json", "go.mod", ".dockerignore", "requirements.txt", "Cargo.toml", "pom.xml", "sub/package.json",
                     "e\u{1B}]0;t\u{07}\u{1B}[2J.Dockerfile", "n\nError: forged.Dockerfile", "c\u{9B}1m.Dockerfile",
                     ".Dockerfile.dockslim-Ab3xYz", "sub/.b.Dockerfile.dockslim-0000aa"]
private let linkTargets = ["Dockerfile", "sub/Dockerfile", "../Dockerfile", "a.Dockerfile", "sub", ".", "missing",
                           "../outside/Dockerfile", "../outside/package.json", "../outside", "/dev/zero", "/dev/urandom", "/dev/null"]
private let contents: [[UInt8]] = [
    "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build -o /app .\nCMD /app\n",
    "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD npm start\n",
    "FROM alpine\nCMD ./run\n",
    "FROM ubuntu:latest\nENV PASSWORD=\u{1B}]8;;http://x\u{07}\u{9B}31m\u{7F}\nRUN apt-get install -y gcc\nCMD ./run \u{1B}[2J\n",
    "module x\n",
    #"{"scripts":{"build":"tsc","start":"node dist/index.js"}}"#,
].map { Array($0.utf8) }

/// The input, read as a program; each read past the end is 0.
private struct Program {
    let bytes: [UInt8]
    var at = 0
    var done: Bool { at >= bytes.count }
    mutating func next() -> Int {
        defer { at += 1 }
        return at < bytes.count ? Int(bytes[at]) : 0
    }
    mutating func pick<T>(_ xs: [T]) -> T { xs[next() % xs.count] }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    removeTree(tree)
    mkdir(tree, 0o755)
    mkdir(tree + "/sub", 0o755)
    var program = Program(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    var steps = 0
    while !program.done && steps < 24 {
        steps += 1
        let path = tree + "/" + program.pick(names)
        switch program.next() % 8 {
        case 0, 1:
            var bytes = program.pick(contents)
            let extra = program.next() % 8
            for _ in 0..<extra { bytes.append(UInt8(program.next())) }
            unlink(path)
            put(path, bytes)
        case 2:
            unlink(path)
            mkfifo(path, 0o644)
        case 3:
            unlink(path)
            symlink(program.pick(linkTargets), path)
        case 4:
            chmod(path, program.pick([0o444, 0o644, 0o000, 0o755]))
        case 5:
            unlink(path)  // just over a limit: 16 MiB for a Dockerfile, 1 MiB for a project file (sparse)
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd >= 0 { ftruncate(fd, program.next() % 2 == 0 ? (16 << 20) + 1 : (1 << 20) + 1); close(fd) }
        case 6:
            var old = [timeval(tv_sec: time(nil) - 600, tv_usec: 0), timeval(tv_sec: time(nil) - 600, tv_usec: 0)]
            utimes(path, &old)
        default:
            mkdir(path, 0o755)
        }
    }

    let links = symlinks(under: tree)
    let outsideBefore = snapshot(sandbox + "/outside")
    let explicit = ["Dockerfile", "a.Dockerfile", "sub/Dockerfile", names[13]].map { tree + "/" + $0 }
    var runs: [[String]] = [
        ["rewrite", "--recipe", "hoist-manifests", "-j", "1", tree],
        ["audit", "--fail-on", "never", "--color", "never", "-j", "1", tree],
        ["rewrite", "--recipe", "use-exec-form", "-w", "-j", "1", tree],
        ["rewrite", "--recipe", "use-exec-form", "-w", "--force", "-j", "1"] + explicit,
    ]
    for path in explicit { runs += [["parse", path], ["graph", path], ["audit", "--color", "never", "-j", "1", path]] }
    for args in runs {
        let console = Console.capturing()
        let code = DockslimCLI.run(args, console: console)
        if code != 0 && code != 1 { fatalError("\(args): exit \(code)\n\(console.stderr.capturedText)") }
        requireNoControlBytes(console.stderr.captured, "\(args) stderr")
        if args[0] != "rewrite" { requireNoControlBytes(console.stdout.captured, "\(args) stdout") }
    }
    let outsideAfter = snapshot(sandbox + "/outside")
    if outsideAfter != outsideBefore { fatalError("a file outside the tree changed; the tree:\n\(describe(tree))") }
    for link in links {
        var st = stat()
        if lstat(link, &st) == 0 && st.st_mode & S_IFMT != S_IFLNK { fatalError("\(link) is no longer a link") }
    }
    if let temp = freshTemporary(under: tree) { fatalError("a temporary file was left: \(temp)") }
    return 0
}

private func put(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { return }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// Each file's bytes, size, inode and modification time, by name.
private func snapshot(_ folder: String) -> [String] {
    var out: [String] = []
    for name in list(folder) {
        var st = stat()
        lstat(folder + "/" + name, &st)
        let fd = open(folder + "/" + name, O_RDONLY | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = fd >= 0 ? read(fd, &buffer, 4096) : -1
        if fd >= 0 { close(fd) }
        out.append("\(name) \(st.st_ino) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_mode) \(buffer.prefix(max(n, 0)))")
    }
    return out.sorted()
}

private func list(_ folder: String) -> [String] {
    guard let d = opendir(folder) else { return [] }
    defer { closedir(d) }
    var names: [String] = []
    while let e = readdir(d) {
        let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}

/// A temporary file of dockslim's made during this input (the stale ones the
/// program planted are a minute old or more, or not ours by name).
private func freshTemporary(under folder: String) -> String? {
    for name in list(folder) {
        let path = folder + "/" + name
        var st = stat()
        guard lstat(path, &st) == 0 else { continue }
        if st.st_mode & S_IFMT == S_IFDIR, let found = freshTemporary(under: path) { return found }
        if st.st_mode & S_IFMT == S_IFREG, name.hasPrefix("."), name.contains(".dockslim-"), time(nil) - st.st_mtim.tv_sec < 60,
           !names.contains(where: { $0.hasSuffix(name) }) { return path }
    }
    return nil
}

/// The tree, one line per entry (links with their targets), for failure messages.
private func describe(_ folder: String) -> String {
    var out = ""
    for name in list(folder).sorted() {
        let path = folder + "/" + name
        var st = stat()
        guard lstat(path, &st) == 0 else { continue }
        var target = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &target, 4095)
        out += "\(path.dropFirst(tree.count)) mode \(String(st.st_mode, radix: 8))" + (n > 0 ? " -> \(String(cString: target))" : "") + "\n"
        if st.st_mode & S_IFMT == S_IFDIR { out += describe(path) }
    }
    return out
}

private func symlinks(under folder: String) -> [String] {
    var out: [String] = []
    for name in list(folder) {
        var st = stat()
        guard lstat(folder + "/" + name, &st) == 0 else { continue }
        if st.st_mode & S_IFMT == S_IFLNK { out.append(folder + "/" + name) }
        if st.st_mode & S_IFMT == S_IFDIR { out += symlinks(under: folder + "/" + name) }
    }
    return out
}

private func removeTree(_ path: String) {
    var st = stat()
    guard lstat(path, &st) == 0 else { return }
    if st.st_mode & S_IFMT == S_IFDIR {
        chmod(path, 0o755)
        for name in list(path) { removeTree(path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}

private func requireNoControlBytes(_ bytes: [UInt8], _ what: String) {
    for (i, b) in bytes.enumerated() {
        let c1 = b == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1])
        let crlf = b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A
        if (b < 0x20 && b != 0x09 && b != 0x0A && !crlf) || b == 0x7F || c1 {
            fatalError("\(what): raw control byte 0x\(String(b, radix: 16)) at \(i)")
        }
    }
}
