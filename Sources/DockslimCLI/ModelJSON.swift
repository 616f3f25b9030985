import DockslimReport
import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// The semantic model's parts as JSON: stages and diagnostics.
enum ModelJSON {
    static func stages(_ file: Dockerfile, into w: inout JSONWriter) {
        let needed = file.finalStage.map { Set(file.graph.stagesNeeded(by: $0.index)) } ?? []
        w.array(file.stages) { w, s in
            w.open()
            w.key("index"); w.int(s.index)
            w.comma(); w.key("name"); w.optionalString(s.name)
            w.comma(); w.key("line"); w.int(s.from.startLine)
            w.comma(); w.key("base"); w.string(s.baseText)
            w.comma(); w.key("resolvedBase"); w.string(s.resolvedBase)
            w.comma(); w.key("baseKind")
            switch s.base {
            case .image(let ref):
                w.string("image")
                w.comma(); w.key("image"); image(ref, into: &w)
            case .scratch: w.string("scratch")
            case .stage(let i):
                w.string("stage")
                w.comma(); w.key("baseStage"); w.int(i)
            case .unresolved: w.string("unresolved")
            }
            w.comma(); w.key("platform"); w.optionalString(s.platform)
            w.comma(); w.key("unresolvedArgs"); w.array(s.unresolvedArgs) { $0.string($1) }
            w.comma(); w.key("final"); w.bool(s.index == file.stages.count - 1)
            w.comma(); w.key("neededByFinal"); w.bool(needed.contains(s.index))
            w.comma(); w.key("dependsOn")
            w.array(file.graph.edges(of: s.index)) { w, e in
                w.open()
                w.key("kind"); w.string(e.kind.rawValue)
                w.comma(); w.key("line"); w.int(e.instruction.startLine)
                switch e.source {
                case .stage(let i): w.comma(); w.key("stage"); w.int(i)
                case .image(let ref): w.comma(); w.key("image"); w.string(ref.original)
                case .unresolved(let t): w.comma(); w.key("unresolved"); w.string(t)
                }
                if !e.label.isEmpty { w.comma(); w.key("what"); w.string(e.label) }
                w.close()
            }
            w.close()
        }
    }

    static func image(_ ref: ImageReference, into w: inout JSONWriter) {
        w.open()
        w.key("original"); w.string(ref.original)
        w.comma(); w.key("registry"); w.optionalString(ref.registry)
        w.comma(); w.key("repository"); w.string(ref.repository)
        w.comma(); w.key("tag"); w.optionalString(ref.tag)
        w.comma(); w.key("digest"); w.optionalString(ref.digest)
        w.close()
    }

    static func diagnostics(_ list: [Diagnostic], into w: inout JSONWriter) {
        w.array(list) { w, d in
            w.open()
            w.key("severity"); w.string(d.severity.rawValue)
            w.comma(); w.key("code"); w.string(d.code)
            w.comma(); w.key("message"); w.string(d.message)
            w.comma(); w.key("line"); w.int(d.location.line)
            w.comma(); w.key("column"); w.int(d.location.column)
            w.close()
        }
    }
}
