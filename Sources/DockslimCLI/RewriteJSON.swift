import DockslimReport
import DockslimRewrite

/// `rewrite --format json`: per file, what changed, which passes applied or
/// not and why, and the patch.
enum RewriteJSON {
    /// `root` is the folder the patch applies in (`RepositoryRoots`), `nil` for standard input.
    static func file(_ path: String, _ r: FileRewrite, patch: [UInt8], root: String?, into w: inout JSONWriter) {
        w.open()
        w.key("path"); w.string(path)
        w.comma(); w.key("root"); w.optionalString(root)
        w.comma(); w.key("changed"); w.bool(r.changed)
        w.comma(); w.key("outcome"); w.string(r.outcome.name)
        w.comma(); w.key("reason"); w.optionalString(r.outcome.reason)
        w.comma(); w.key("skipped"); w.optionalString(r.skipped)
        w.comma(); w.key("chosen"); w.optionalString(r.chosen)
        w.comma(); w.key("applied")
        w.array(r.steps.filter(\.applied)) { w, s in
            w.open()
            w.key("pass"); w.string(s.pass)
            w.comma(); w.key("reasons"); w.array(uniqued(s.edits.map(\.reason))) { $0.string($1) }
            w.comma(); w.key("notes"); w.array(s.notes) { $0.string($1) }
            w.close()
        }
        w.comma(); w.key("notApplied")
        w.array(r.steps.filter { !$0.applied }) { w, s in
            w.open()
            w.key("pass"); w.string(s.pass)
            w.comma(); w.key("reasons"); w.array(s.notes) { $0.string($1) }
            w.close()
        }
        w.comma(); w.key("warnings"); attributed(r.warnings, into: &w)
        w.comma(); w.key("leftAlone"); attributed(r.declined, into: &w)
        w.comma(); w.key("patch"); w.string(patch)
        w.close()
    }

    private static func attributed(_ xs: [(pass: String, text: String)], into w: inout JSONWriter) {
        w.array(xs) { w, x in
            w.open()
            w.key("pass"); w.string(x.pass)
            w.comma(); w.key("message"); w.string(x.text)
            w.close()
        }
    }

    private static func uniqued(_ xs: [String]) -> [String] {
        var seen: Set<String> = []
        return xs.filter { seen.insert($0).inserted }
    }
}
