#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files being written when SIGINT, SIGTERM or SIGHUP
/// arrives, then lets the signal do what it did before (usually: end the
/// process), so a Ctrl-C or a CI timeout leaves no `.<name>.dockslim-XXXXXX`
/// behind to show up in `git status`. (SIGKILL cannot be caught: a later
/// `--write` removes what it leaves, see `TemporaryFiles.removeStale`.)
///
/// A signal handler may only call async-signal-safe functions, so the paths
/// live in a buffer allocated once, before any handler is installed, and the
/// handler does no more than `unlink`, `sigaction` and `raise`. Slots change
/// only with these signals blocked on the writing thread (libdispatch's
/// worker threads block them for good, so the handler runs on that thread).
enum InterruptCleanup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let slotCount = 8
    static let slotSize = Int(PATH_MAX) + 1

    /// Installs the handlers, once per process; a signal the process ignores
    /// (`nohup`, a background job) stays ignored.
    static let installed: Void = {
        _ = (cleanupPaths, cleanupSlotUsed, cleanupPreviousActions)  // allocate before any handler can run
        for (i, signo) in signals.enumerated() {
            var previous = sigaction()
            sigaction(signo, nil, &previous)
            cleanupPreviousActions[i] = previous
            if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removeTemporariesAndReraise
            sigemptyset(&action.sa_mask)
            for s in signals { sigaddset(&action.sa_mask, s) }
            action.sa_flags = SA_RESTART
            sigaction(signo, &action, nil)
        }
    }()

    /// Remembers `path` for removal on a signal; `nil` when it cannot (a
    /// path too long, every slot taken), and then the caller does not write.
    static func register(_ path: String) -> Int? {
        _ = installed
        let bytes = Array(path.utf8)
        guard bytes.count < slotSize, !bytes.contains(0) else { return nil }
        return withSignalsBlocked {
            guard let slot = (0..<slotCount).first(where: { cleanupSlotUsed[$0] == 0 }) else { return nil }
            let target = cleanupPaths + slot * slotSize
            bytes.withUnsafeBufferPointer { b in
                for (k, byte) in b.enumerated() { target[k] = CChar(bitPattern: byte) }
            }
            target[bytes.count] = 0
            cleanupSlotUsed[slot] = 1
            return slot
        }
    }

    /// The file is renamed into place or removed: nothing to clean up.
    static func release(_ slot: Int) {
        withSignalsBlocked { cleanupSlotUsed[slot] = 0 }
    }

    private static func withSignalsBlocked<T>(_ body: () -> T) -> T {
        var block = sigset_t(), previous = sigset_t()
        sigemptyset(&block)
        for s in signals { sigaddset(&block, s) }
        pthread_sigmask(SIG_BLOCK, &block, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return body()
    }
}

// The handler's state: plain memory, allocated once (`InterruptCleanup.installed`).
nonisolated(unsafe) private let cleanupPaths: UnsafeMutablePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: InterruptCleanup.slotCount * InterruptCleanup.slotSize)
    p.initialize(repeating: 0, count: InterruptCleanup.slotCount * InterruptCleanup.slotSize)
    return p
}()
nonisolated(unsafe) private let cleanupSlotUsed: UnsafeMutablePointer<sig_atomic_t> = {
    let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: InterruptCleanup.slotCount)
    p.initialize(repeating: 0, count: InterruptCleanup.slotCount)
    return p
}()
nonisolated(unsafe) private let cleanupPreviousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: InterruptCleanup.signals.count)
    p.initialize(repeating: sigaction(), count: InterruptCleanup.signals.count)
    return p
}()

/// Async-signal-safe: `unlink` each path in flight, put the previous action
/// back, and raise the signal again (it is delivered when this returns).
private func removeTemporariesAndReraise(_ signo: Int32) {
    var slot = 0
    while slot < InterruptCleanup.slotCount {
        if cleanupSlotUsed[slot] != 0 { unlink(cleanupPaths + slot * InterruptCleanup.slotSize) }
        slot += 1
    }
    let index = signo == SIGINT ? 0 : signo == SIGTERM ? 1 : 2
    sigaction(signo, cleanupPreviousActions + index, nil)
    raise(signo)
}
