/// How much dockslim reads, at most. Its input is often a repository nobody
/// reviewed; these caps keep a hostile file (a link to `/dev/zero`, a huge
/// generated file) from costing more than a bounded amount of memory and time.
enum ReadLimits {
    /// A Dockerfile (or a Containerfile) over 16 MiB is refused with an
    /// error: real ones are a few kilobytes, and the tree of a file this size
    /// already takes a few hundred megabytes.
    static let dockerfile = 16 << 20
    /// A project file the scan phase reads (a manifest, `.dockerignore`, a
    /// source file) over 1 MiB is listed but not read, as if it were absent.
    static let projectFile = 1 << 20
    /// The scan phase reads at most 16 MiB of project files per build
    /// context, shallow folders first; later files are listed but not read,
    /// and the context is then marked incomplete (the application model
    /// answers "unknown" instead of guessing).
    static let projectFolder = 16 << 20
    /// The scan phase lists at most this many entries of a build context,
    /// at most this deep; a larger context is marked incomplete.
    static let projectEntries = 20_000
    static let projectDepth = 12
    /// A recipe JSON file over 1 MiB is refused.
    static let recipe = 1 << 20

    /// `16 MiB`, for messages.
    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
