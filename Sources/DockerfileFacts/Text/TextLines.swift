/// Lines of a text file as its author's editor shows them.
///
/// Swift reads `"\r\n"` as one `Character`, so `split(separator: "\n")`
/// never splits a CRLF file: a Windows-edited go.mod or requirements.txt
/// would read as one line. Every reader of a context file splits here.
extension StringProtocol {
    package func textLines(keepingEmpty: Bool = false) -> [SubSequence] {
        split(omittingEmptySubsequences: !keepingEmpty, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
