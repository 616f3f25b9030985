#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `--patch-dir DIR`: one patch per repository, `DIR/<name>.patch`, each
/// naming files from its repository's top, so a job that opens one pull
/// request per repository hands each its own patch.
///
/// A name depends only on the repository and the command line, never on
/// which other repositories a shard holds: with one folder argument it is
/// the repository's path under that folder, else its path from the current
/// folder; `%` and `/` are written `%25` and `%2F`, so two repositories never
/// share a file and the name reads back as the path. A repository in which
/// a file failed gets no patch (a partial one would be opened as a pull
/// request), and the run says so. Only repositories with changes get a
/// file, each written atomically; files of earlier runs are left alone.
struct PatchDirectory {
    enum Naming {
        /// Paths under the one folder argument.
        case underArgument
        /// Paths from the current folder (several arguments).
        case fromCurrentFolder
    }

    let folder: String
    let naming: Naming
    private var order: [RepositoryRoots.Root] = []
    private var patches: [RepositoryRoots.Root: [UInt8]] = [:]
    private var failed: Set<RepositoryRoots.Root> = []

    init(_ folder: String, naming: Naming) {
        self.folder = folder
        self.naming = naming
    }

    mutating func add(_ patch: [UInt8], for root: RepositoryRoots.Root) {
        guard !patch.isEmpty else { return }
        if patches[root] == nil { order.append(root) }
        patches[root, default: []] += patch
    }

    /// A file of `root` failed: its patch is not written.
    mutating func fail(_ root: RepositoryRoots.Root) { failed.insert(root) }

    /// The file name for `root`.
    func fileName(_ root: RepositoryRoots.Root, naming: Naming? = nil) -> String {
        var path = (naming ?? self.naming) == .underArgument ? root.name : root.display
        if path == "." || path == ".." || path.hasPrefix("../") || path.isEmpty { path = RepositoryRoots.baseName(root.real) }
        var encoded = ""
        for c in path.unicodeScalars {
            switch c {
            case "%": encoded += "%25"
            case "/": encoded += "%2F"
            default: encoded.unicodeScalars.append(c)
            }
        }
        return encoded + ".patch"
    }

    /// Writes every patch; returns the failures (`path`, why).
    func write() -> [(String, String)] {
        var failures: [(String, String)] = []
        let written = order.filter { !failed.contains($0) }
        for root in order where failed.contains(root) {
            failures.append((root.display, "no patch written to \(folder): a file in this repository failed"))
        }
        if written.isEmpty { return failures }
        if let why = Self.makeFolders(folder) { return failures + [(folder, "cannot create the patch folder: \(why)")] }
        var taken: [String: RepositoryRoots.Root] = [:]
        for root in written {
            // A repository named like the folder argument itself, inside it, would share its name: then both paths from here.
            var name = fileName(root)
            if taken[name] != nil { name = fileName(root, naming: .fromCurrentFolder) }
            if let other = taken[name] {
                failures.append((root.display, "no patch written: its name \(name) is taken by \(other.display); give each repository's folder as its own argument"))
                continue
            }
            taken[name] = root
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            do throws(FileAccess.Failure) {
                try AtomicWrite.create(path, with: patches[root] ?? [])
            } catch {
                failures.append((path, "cannot write: \(error)"))
            }
        }
        return failures
    }

    /// The repositories with changes whose folder holds DIR: a tool that
    /// commits every change there would commit the patches too.
    func repositoriesHoldingTheFolder() -> [RepositoryRoots.Root] {
        guard let real = TreeLinks.realPath(folder) else { return [] }
        return order.filter { $0.isRepository && (real == $0.real || RepositoryRoots.relative(real, to: $0.real) != nil) }
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
