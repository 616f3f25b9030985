import DockslimRewrite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gathers `ProjectFacts` for the folder that holds a Dockerfile: the names
/// in it (and one level down), and the contents of the small files passes
/// read. This is the scan phase that runs before any pass.
enum ProjectScanner {
    /// Files larger than this are listed but not read.
    static let maxRead = 1 << 20

    static func facts(forFolder folder: String) -> ProjectFacts {
        var files: Set<String> = []
        var contents: [String: [UInt8]] = [:]
        func list(_ dir: String, prefix: String, depth: Int) {
            guard let d = opendir(dir) else { return }
            defer { closedir(d) }
            while let e = readdir(d) {
                let name = withUnsafePointer(to: e.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                if name == "." || name == ".." { continue }
                let path = dir + "/" + name
                let relative = prefix + name
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    files.insert(relative + "/")
                    if depth == 0 && !FileWalker.skippedFolders.contains(name) { list(path, prefix: relative + "/", depth: 1) }
                } else {
                    files.insert(relative)
                    if ProjectFacts.isInteresting(relative), Int(st.st_size) <= maxRead, let bytes = try? FileAccess.read(path: path) {
                        contents[relative] = bytes
                    }
                }
            }
        }
        list(folder.isEmpty ? "." : folder, prefix: "", depth: 0)
        return ProjectFacts(files: files, contents: contents)
    }
}
