import DockslimReport
import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// The `buildkit` format: one object per file with the fields, and the
/// meaning, of what BuildKit's parser returns through the PyPI binding
/// `dockerfile` 3.4.0 (BuildKit 0.12.5): `cmd`, `sub_cmd`, `json`,
/// `original`, `start_line`, `end_line`, `flags`, `value`, `heredocs`.
///
/// The binding hands strings to Python as C strings, so each is cut at its
/// first NUL byte, and a field that is not valid UTF-8 after the cut makes
/// the binding fail: then `ok` is false, as the binding would report.
enum BuildKitJSON {
    static func write(path: String, file: Dockerfile, into w: inout JSONWriter) {
        w.open()
        w.key("path"); w.string(path)
        if let rejection = file.tree.diagnostics.first(where: { $0.rejectedByBuildKit }) {
            failure(rejection.message, &w)
            return
        }
        var records = JSONWriter()
        records.bytes.reserveCapacity(file.tree.source.count * 3)
        var first = true
        for instruction in file.instructions {
            if !first { records.comma() }
            first = false
            guard instruction.rejection == nil else {
                failure(instruction.rejection!, &w)
                return
            }
            guard record(instruction, into: &records) else {
                failure("UnicodeDecodeError: 'utf-8' codec can't decode bytes", &w)
                return
            }
        }
        w.comma(); w.key("ok"); w.bool(true)
        w.comma(); w.key("error"); w.null()
        w.comma(); w.key("instructions")
        w.bytes.append(UInt8(ascii: "["))
        w.bytes += records.bytes
        w.bytes.append(UInt8(ascii: "]"))
        w.close()
    }

    private static func failure(_ message: String, _ w: inout JSONWriter) {
        w.comma(); w.key("ok"); w.bool(false)
        w.comma(); w.key("error"); w.string(message)
        w.comma(); w.key("instructions"); w.raw("[]")
        w.close()
    }

    /// Writes one instruction; `false` when a field would not decode.
    private static func record(_ i: Instruction, into w: inout JSONWriter) -> Bool {
        let inner = i.trigger ?? i
        var original = i.logicalLine
        if !i.heredocs.isEmpty {
            original.append(0x0A)
            for h in i.heredocs { original += h.content + h.nameBytes + [0x0A] }
        }
        var ok = true
        func field(_ w: inout JSONWriter, _ bytes: [UInt8], noneWhenEmpty: Bool = false) {
            if noneWhenEmpty && bytes.isEmpty { w.null(); return }
            let cut = bytes.firstIndex(of: 0).map { Array(bytes[..<$0]) } ?? bytes
            if !isValidUTF8(cut) { ok = false }
            w.string(cut)
        }
        w.open()
        w.key("cmd"); field(&w, Array(i.keyword.utf8), noneWhenEmpty: true)
        w.comma(); w.key("sub_cmd")
        if let t = i.trigger { field(&w, Array(t.keyword.utf8), noneWhenEmpty: true) } else { w.null() }
        w.comma(); w.key("json"); w.bool(inner.form == .exec)
        w.comma(); w.key("original"); field(&w, original, noneWhenEmpty: true)
        w.comma(); w.key("start_line"); w.int(i.startLine)
        w.comma(); w.key("end_line"); w.int(i.endLine)
        w.comma(); w.key("flags"); w.array(i.flags) { w, f in field(&w, f.text) }
        w.comma(); w.key("value"); w.array(i.arguments) { w, v in field(&w, v) }
        w.comma(); w.key("heredocs")
        w.array(i.heredocs) { w, h in
            w.open()
            w.key("name"); field(&w, h.nameBytes)
            w.comma(); w.key("file_descriptor"); w.int(h.fileDescriptor)
            w.comma(); w.key("content"); field(&w, h.content)
            w.close()
        }
        w.close()
        return ok
    }

    private static func isValidUTF8(_ b: [UInt8]) -> Bool {
        var it = b.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
