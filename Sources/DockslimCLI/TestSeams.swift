#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hooks the tests of the `dockslim` executable set through the environment,
/// so that what they check does not depend on timing.
enum TestSeams {
    /// `DOCKSLIM_TEST_PAUSE_BEFORE_RENAME=N`: after N files are written, the
    /// next write stops just before its rename, its temporary file in place,
    /// until a signal arrives. The signal tests then know the temporary file
    /// exists when they send theirs.
    static let pauseBeforeRename = "DOCKSLIM_TEST_PAUSE_BEFORE_RENAME"

    static func install(from env: [String: String]) {
        guard let value = env[pauseBeforeRename], let filesFirst = Int(value), filesFirst >= 0 else { return }
        nonisolated(unsafe) var renames = 0
        AtomicWrite.beforeRename = { _ in
            if renames == filesFirst { pause() }
            renames += 1
        }
    }
}
