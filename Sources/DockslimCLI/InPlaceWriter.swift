/// `rewrite --write`: replaces each changed file with `AtomicWrite`, after
/// removing what killed runs left in its folder (once per folder).
struct InPlaceWriter {
    /// Also rewrite read-only files and files owned by another user.
    let force: Bool
    private var cleanedFolders: Set<String> = []

    init(force: Bool) { self.force = force }

    mutating func write(_ path: String, _ bytes: [UInt8], readAs identity: FileIdentity?) throws(FileAccess.Failure) {
        let folder = InputFiles.folderOf(path)
        if cleanedFolders.insert(folder).inserted { TemporaryFiles.removeStale(inFolder: folder) }
        try AtomicWrite.replace(path, with: bytes, readAs: identity, force: force)
    }
}
