/// Native needs of a Go program from its modules: a cgo module counts when
/// the program's sources import it (or a package inside it), or when
/// `go.mod` marks it `// indirect` (a dependency links it). A module
/// required but never imported is not linked, so it does not count.
/// Pure-Go alternatives (`modernc.org/sqlite`, `github.com/glebarez/sqlite`,
/// `github.com/ncruces/go-sqlite3`) are not in the table: they need nothing.
enum GoModules {
    struct Need {
        let requirements: [NativeNeed.Requirement]
        let detail: String
    }

    /// Modules whose packages need cgo, system libraries or glibc.
    static let table: [String: Need] = [
        "github.com/mattn/go-sqlite3": Need(requirements: [.cgo], detail: "SQLite compiled with cgo; modernc.org/sqlite is the pure-Go alternative"),
        "gorm.io/driver/sqlite": Need(requirements: [.cgo], detail: "gorm's SQLite driver uses github.com/mattn/go-sqlite3 (cgo); github.com/glebarez/sqlite is pure Go"),
        "github.com/mutecomm/go-sqlcipher": Need(requirements: [.cgo], detail: "SQLCipher compiled with cgo"),
        "github.com/confluentinc/confluent-kafka-go": Need(requirements: [.cgo], detail: "librdkafka through cgo (bundled static for glibc; musl needs -tags musl)"),
        "gopkg.in/gographics/imagick.v2": Need(requirements: [.cgo, .systemLibrary("libMagickWand")], detail: "ImageMagick's MagickWand through cgo"),
        "gopkg.in/gographics/imagick.v3": Need(requirements: [.cgo, .systemLibrary("libMagickWand")], detail: "ImageMagick's MagickWand through cgo"),
        "github.com/tecbot/gorocksdb": Need(requirements: [.cgo, .systemLibrary("librocksdb")], detail: "RocksDB through cgo"),
        "github.com/linxGnu/grocksdb": Need(requirements: [.cgo, .systemLibrary("librocksdb")], detail: "RocksDB through cgo"),
        "github.com/h2non/bimg": Need(requirements: [.cgo, .systemLibrary("libvips")], detail: "libvips through cgo"),
        "github.com/davidbyttow/govips": Need(requirements: [.cgo, .systemLibrary("libvips")], detail: "libvips through cgo"),
        "github.com/google/gopacket/pcap": Need(requirements: [.cgo, .systemLibrary("libpcap")], detail: "libpcap through cgo"),
        "github.com/godror/godror": Need(requirements: [.cgo, .glibc], detail: "Oracle Instant Client (glibc) through cgo"),
        "github.com/mattn/go-oci8": Need(requirements: [.cgo, .systemLibrary("libclntsh")], detail: "Oracle client through cgo"),
        "github.com/libgit2/git2go": Need(requirements: [.cgo, .systemLibrary("libgit2")], detail: "libgit2 through cgo"),
        "github.com/seccomp/libseccomp-golang": Need(requirements: [.cgo, .systemLibrary("libseccomp")], detail: "libseccomp through cgo"),
        "github.com/alexbrainman/odbc": Need(requirements: [.cgo, .systemLibrary("libodbc")], detail: "unixODBC through cgo"),
        "github.com/ceph/go-ceph": Need(requirements: [.cgo, .systemLibrary("librados")], detail: "Ceph's librados through cgo"),
        "github.com/wasmerio/wasmer-go": Need(requirements: [.cgo, .glibc], detail: "a bundled glibc libwasmer through cgo"),
        "github.com/tensorflow/tensorflow": Need(requirements: [.cgo, .systemLibrary("libtensorflow")], detail: "libtensorflow through cgo"),
        "github.com/playwright-community/playwright-go": Need(requirements: [.glibc], detail: "drives a Playwright Chromium (glibc) it downloads with its driver"),
        "github.com/chromedp/chromedp": Need(requirements: [.glibc], detail: "drives a Chrome or Chromium the image must have (glibc builds)"),
        "github.com/go-rod/rod": Need(requirements: [.glibc], detail: "downloads and drives a glibc Chromium at run time"),
    ]

    static func read(_ context: BuildContext, root: String, imports: [String: Evidence], into findings: inout SourceFindings) {
        // Imports first: they show the module is linked.
        var counted = Set<String>()
        for (path, evidence) in imports.sorted(by: { $0.key < $1.key }) {
            guard let module = owner(of: path), !counted.contains(module), let need = table[module] else { continue }
            counted.insert(module)
            add(need, module: module, evidence: evidence, into: &findings)
        }
        let goMod = SourceFiles.folderPrefix(root) + "go.mod"
        guard let bytes = findings.manifest(context, goMod) else { return }
        let file = ScannedSource(path: goMod, bytes: bytes, syntax: .go)
        for requirement in requirements(file) where requirement.indirect && !counted.contains(requirement.module) {
            guard let need = table[requirement.module] else { continue }
            counted.insert(requirement.module)
            add(need, module: requirement.module, evidence: file.evidence(line: requirement.line), into: &findings)
        }
    }

    private static func add(_ need: Need, module: String, evidence: Evidence, into findings: inout SourceFindings) {
        for r in need.requirements {
            findings.nativeNeeds.append(NativeNeed(dependency: module, requirement: r, detail: need.detail, evidence: evidence))
        }
    }

    /// The table's module an import path belongs to (`…/imagick.v3/imagick` → `…/imagick.v3`).
    static func owner(of importPath: String) -> String? {
        var path = Substring(importPath)
        while !path.isEmpty {
            if table[String(path)] != nil { return String(path) }
            guard let slash = path.lastIndex(of: "/") else { return nil }
            path = path[..<slash]
        }
        return nil
    }

    /// `require x v1` and `require ( … )` lines, with `// indirect` (read from the raw line: the lexer drops comments).
    static func requirements(_ file: ScannedSource) -> [(module: String, line: Int, indirect: Bool)] {
        var out: [(String, Int, Bool)] = []
        var inBlock = false
        for (n, raw) in file.bytes.split(separator: .newline, omittingEmptySubsequences: false).enumerated() {
            let text = String(decoding: raw, as: UTF8.self)
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let first = words.first else { continue }
            if inBlock {
                if first == ")" { inBlock = false; continue }
                if !first.hasPrefix("//") { out.append((first, n + 1, text.contains("// indirect"))) }
            } else if first == "require" {
                if words.count >= 2 && words[1] == "(" { inBlock = true }
                else if words.count >= 2 { out.append((words[1], n + 1, text.contains("// indirect"))) }
            }
        }
        return out
    }
}
