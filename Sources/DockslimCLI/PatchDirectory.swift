#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `--patch-dir DIR`: one patch per repository, `DIR/<name>.patch`, each
/// naming files from its repository's top, so a job that opens one pull
/// request per repository hands each its own patch. Names come from
/// `RepositoryRoots.Root.name` with `/` written `__`; two roots with one
/// name get `-2`, `-3` in path order. Only repositories with changes get a
/// file, and each is written atomically.
struct PatchDirectory {
    let folder: String
    private var order: [RepositoryRoots.Root] = []
    private var patches: [RepositoryRoots.Root: [UInt8]] = [:]

    init(_ folder: String) { self.folder = folder }

    mutating func add(_ patch: [UInt8], for root: RepositoryRoots.Root) {
        guard !patch.isEmpty else { return }
        if patches[root] == nil { order.append(root) }
        patches[root, default: []] += patch
    }

    /// The file name for each root with changes, in the order they came.
    func fileNames() -> [(RepositoryRoots.Root, String)] {
        var used: [String: Int] = [:]
        return order.map { root in
            let base = root.name.split(separator: "/").joined(separator: "__")
            used[base, default: 0] += 1
            let n = used[base]!
            return (root, (n == 1 ? base : "\(base)-\(n)") + ".patch")
        }
    }

    /// Writes every patch; returns the failures (`path`, why).
    func write() -> [(String, String)] {
        if patches.isEmpty { return [] }
        if let why = Self.makeFolders(folder) { return [(folder, "cannot create the patch folder: \(why)")] }
        var failures: [(String, String)] = []
        for (root, name) in fileNames() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            do throws(FileAccess.Failure) {
                try AtomicWrite.create(path, with: patches[root] ?? [])
            } catch {
                failures.append((path, "cannot write: \(error)"))
            }
        }
        return failures
    }

    /// `mkdir -p`: `nil` on success, else the reason.
    static func makeFolders(_ path: String) -> String? {
        var st = stat()
        if stat(path, &st) == 0 {
            return st.st_mode & S_IFMT == S_IFDIR ? nil : "it exists and is not a folder"
        }
        let parent = InputFiles.folderOf(path)
        if parent != path && parent != "." && parent != "/" {
            if let why = makeFolders(parent) { return why }
        }
        if mkdir(path, 0o777) != 0 && errno != EEXIST { return String(cString: strerror(errno)) }
        return nil
    }
}
