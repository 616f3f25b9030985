// A libFuzzer target for the audit and its reports: any bytes must audit,
// and every output format must render, without a trap; findings point at
// lines of the file.
//
// Built and run by `scripts/fuzz SECONDS audit` (swiftc -sanitize=fuzzer,address).
import DockerfileModel
import DockslimAudit
import DockslimReport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let dockerfile = Dockerfile(parsing: bytes)
    let result = Auditor.audit(dockerfile, project: nil)
    let lines = max(1, dockerfile.tree.lineCount)
    for f in result.findings {
        guard f.line >= 1, f.line <= lines, f.column >= 1, f.endLine >= f.line else {
            fatalError("finding \(f.id) at \(f.line):\(f.column) outside a file of \(lines) lines")
        }
        if let s = f.stage, s >= result.stages.count { fatalError("finding \(f.id) names stage \(s)") }
    }
    let file = AuditedFile(path: "Dockerfile", dockerfile: dockerfile, result: result)
    _ = FindingText.lines(file, color: true)
    _ = FindingJSON.document([file], failed: [])
    _ = SARIFLog.document([file], version: "fuzz")
    let graph = StageGraphDocument(file)
    for e in graph.edges where graph.node(e.from) == nil || graph.node(e.to) == nil { fatalError("edge to nowhere") }
    _ = GraphFormats.mermaid(graph)
    _ = GraphFormats.dot(graph)
    _ = GraphFormats.json(graph)
    _ = HTMLReport.page([file], version: "fuzz")
    return 0
}
