/// Reads each path once: discovery asks whether a file exists, loading then
/// reads it, and `extends` may name the same file again.
final class CachedFiles {
    private let source: FileSource
    private var cache: [String: [UInt8]?] = [:]

    init(_ source: FileSource) {
        self.source = source
    }

    func read(_ path: String) -> [UInt8]? {
        let key = PathNames.clean(path)
        if let hit = cache[key] { return hit }
        let bytes = source.read(path)
        cache[key] = .some(bytes)
        return bytes
    }

    var fileSource: FileSource { FileSource { [self] in self.read($0) } }
}
