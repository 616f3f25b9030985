/// Django's settings name the folders the app serves and writes:
/// `TEMPLATES[…]['DIRS']` and `STATIC_ROOT` are read, `MEDIA_ROOT` is
/// written (uploads), a SQLite `DATABASES` `NAME` is read and written.
/// Paths usually hang off `BASE_DIR`, which `PythonPaths` resolves.
extension PythonFileReader {
    mutating func readDjangoSettings() {
        let t = source.tokens
        let usesSQLite = t.indices.contains { source.isPlainString($0) && source.value($0).hasSuffix("backends.sqlite3") }
        for k in t.indices {
            if t[k].kind == .word, source.isPunctuation(k + 1, .equals), k == 0 || t[k - 1].line != t[k].line {
                switch source.text(k) {
                case "STATIC_ROOT": setting(k + 2, .read, .folder, "Django STATIC_ROOT", at: k)
                case "MEDIA_ROOT": setting(k + 2, .write, .folder, "Django MEDIA_ROOT", at: k)
                default: break
                }
            }
            guard source.isPlainString(k), source.isPunctuation(k + 1, .colon) else { continue }
            switch source.value(k) {
            case "DIRS" where source.isPunctuation(k + 2, .openBracket):
                for item in source.arguments(at: k + 2) { setting(item.lowerBound, .read, .folder, "Django TEMPLATES DIRS", at: k, range: item) }
            case "NAME" where usesSQLite:
                setting(k + 2, .readWrite, .file, "Django SQLite database", at: k)
            default:
                break
            }
        }
    }

    private mutating func setting(_ start: Int, _ effect: SourceFindings.Effect, _ shape: PathUse.Shape, _ via: String, at k: Int,
                                  range: Range<Int>? = nil) {
        let evidence = source.evidence(token: k)
        let r = range ?? source.expression(from: start)
        guard !r.isEmpty else { return }
        guard let value = paths.value(r) else { return findings.unknownPath(via, evidence: evidence) }
        findings.add(effect, value, shape: shape, via: via, evidence: evidence)
    }
}
