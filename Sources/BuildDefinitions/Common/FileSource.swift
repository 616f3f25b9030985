/// How a loader reads files. The library never touches the file system: the
/// command line gives a closure that reads one (or a table, in tests).
///
/// `read` returns the bytes of a regular file, or `nil` when there is no
/// file at that path (a folder is not a file).
public struct FileSource {
    public let read: (String) -> [UInt8]?

    public init(_ read: @escaping (String) -> [UInt8]?) {
        self.read = read
    }

    /// Files held in memory, by path (paths are cleaned before lookup).
    public static func inMemory(_ files: [String: String]) -> FileSource {
        var table: [String: [UInt8]] = [:]
        for (path, text) in files { table[PathNames.clean(path)] = Array(text.utf8) }
        return FileSource { table[PathNames.clean($0)] }
    }
}
