// dockslim-benchmark: parse+print throughput of the lossless tree.
//
//   swift run -c release dockslim-benchmark [--runs N] [FOLDER]
//
// Measures, as medians over N runs (default 7):
//   1. every Dockerfile under FOLDER (default ../shared/conformance), replicated
//      to about 10,000 files, parsed and printed back one by one: files/s, MB/s;
//   2. one file of about 10 MB made by concatenating them: MB/s.
// The round trip is checked once before timing, so the figures are for a
// correct one. Speed belongs here, never in unit tests.
import DockerfileSyntax
import DockslimCLI

#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func fixed(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return String(r)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func dockerfiles(under folder: String) -> [[UInt8]] {
    var out: [[UInt8]] = []
    func walk(_ dir: String) {
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names.sorted() {
            let path = dir + "/" + name
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                walk(path)
            } else if name.lowercased().contains("dockerfile") || name.lowercased().contains("containerfile"),
                      let bytes = try? FileAccess.read(path: path) {
                out.append(bytes)
            }
        }
    }
    walk(folder)
    return out
}

// The same allocator setting as the dockslim executable (see DockslimCLI.main).
DockslimCLI.tuneAllocator()

var runs = 7
var folder = "../shared/conformance"
var args = Array(CommandLine.arguments.dropFirst())
while let a = args.first {
    args.removeFirst()
    if a == "--profile", let path = args.first {
        // One parse and print of one file, for profilers.
        let bytes = try! FileAccess.read(path: path)
        print(Parser.parse(bytes).printed().count)
        exit(0)
    }
    if a == "--runs", let n = args.first.flatMap(Int.init) { runs = n; args.removeFirst() } else { folder = a }
}

let files = dockerfiles(under: folder)
guard !files.isEmpty else {
    print("Error: no Dockerfiles under \(folder)")
    exit(1)
}
let copies = max(1, 10_000 / files.count)
let corpus = Array(repeating: files, count: copies).flatMap { $0 }
let corpusBytes = corpus.reduce(0) { $0 + $1.count }
var big: [UInt8] = []
while big.count < 10_000_000 {
    for f in files { big += f; big.append(0x0A) }
}

func roundTrip(_ bytes: [UInt8]) -> Int {
    Parser.parse(bytes).printed().count
}

// The figures are for a correct round trip: check it once, outside the timings.
for f in files + [big] where Parser.parse(f).printed() != f {
    print("Error: a file does not print back byte for byte")
    exit(1)
}

var perFile: [Double] = []
var oneFile: [Double] = []
var parseOnly: [Double] = []
var printOnly: [Double] = []
for _ in 0..<runs {
    var t = now()
    var n = 0
    for f in corpus { n &+= roundTrip(f) }
    perFile.append(now() - t)
    t = now()
    n &+= roundTrip(big)
    oneFile.append(now() - t)
    t = now()
    let tree = Parser.parse(big)
    parseOnly.append(now() - t)
    t = now()
    n &+= tree.printed().count
    printOnly.append(now() - t)
}
let mb = 1_000_000.0
let tFiles = median(perFile), tBig = median(oneFile)
print("folder: \(folder) (\(files.count) files, replicated to \(corpus.count))")
print("many files: \(Int(Double(corpus.count) / tFiles)) files/s, \(fixed(Double(corpusBytes) / mb / tFiles)) MB/s (median of \(runs) runs, \(fixed(tFiles * 1000)) ms)")
print("one file:   \(fixed(Double(big.count) / mb)) MB, \(fixed(Double(big.count) / mb / tBig)) MB/s (median of \(runs) runs, \(fixed(tBig * 1000)) ms)")
print("one file, parse alone: \(fixed(Double(big.count) / mb / median(parseOnly))) MB/s; print alone: \(fixed(Double(big.count) / mb / median(printOnly))) MB/s")

// Linearity: pathological inputs at size n and 2n; the ratio of the times
// should stay near 2.
@MainActor func parseTime(_ bytes: [UInt8]) -> Double {
    var times: [Double] = []
    for _ in 0..<max(3, runs / 2) {
        let t = now()
        _ = Parser.parse(bytes).printed()
        times.append(now() - t)
    }
    return median(times)
}
let shapes: [(String, (Int) -> [UInt8])] = [
    ("one long line", { n in Array("FROM a\nRUN echo ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: n) + [0x0A] }),
    ("continuation lines", { n in Array(("FROM a\nRUN echo \\\n" + String(repeating: "  a \\\n", count: n / 6) + "  end\n").utf8) }),
    ("heredoc lines", { n in Array(("FROM a\nRUN <<EOF\n" + String(repeating: "line\n", count: n / 5) + "EOF\n").utf8) }),
    ("unterminated JSON", { n in Array(("FROM a\nCMD [" + String(repeating: "\"a\", ", count: n / 5) + "\n").utf8) }),
    ("nested brackets", { n in Array(("FROM a\nCMD " + String(repeating: "[", count: n) + "\n").utf8) }),
]
for (name, make) in shapes {
    let n = 25_000_000
    let t1 = parseTime(make(n)), t2 = parseTime(make(2 * n))
    print("linearity, \(name): 25 MB \(fixed(t1 * 1000)) ms, 50 MB \(fixed(t2 * 1000)) ms, ratio \(fixed(t2 / t1))")
}
