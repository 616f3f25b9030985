import DockslimReport

/// Standard error while files are processed: diagnostics, one per line, and
/// on a terminal a progress line (`[n/N] path`) kept below them. A
/// diagnostic first clears the progress line and then draws it again, so
/// the two never share a line.
final class StatusLine {
    private let stream: OutputStream
    private let showsProgress: Bool
    /// The progress text on screen now, if any.
    private var drawn: String?

    /// `showsProgress`: standard error is a terminal and the run is long enough to want it.
    init(_ stream: OutputStream, showsProgress: Bool) {
        self.stream = stream
        self.showsProgress = showsProgress
    }

    static let clearLine = "\r\u{1B}[K"

    /// A diagnostic line (without its newline), above the progress line.
    func diagnostic(_ line: String) {
        if drawn != nil { stream.write(Self.clearLine) }
        stream.write(line + "\n")
        if let drawn { stream.write(drawn); stream.flush() }
    }

    /// `[done/total] path`, replacing the previous progress line.
    func progress(done: Int, total: Int, path: String) {
        guard showsProgress else { return }
        let text = "[\(done)/\(total)] \(TerminalText.escaped(path, singleLine: true))"
        stream.write(Self.clearLine + text)
        stream.flush()
        drawn = text
    }

    /// Clears the progress line for what follows (errors, the summary).
    func finish() {
        guard drawn != nil else { return }
        stream.write(Self.clearLine)
        drawn = nil
    }
}
