// A libFuzzer target for the YAML reader: any bytes must read or throw,
// without a trap or a hang, and every position it gives (of a node or of the
// error) must lie inside the input. The same bytes then go through the
// Compose loader (as compose.yaml) and the Bake loader (as docker-bake.json):
// no trap, and every position they report in that file lies inside it.
//
// Built and run by `scripts/fuzz SECONDS yaml` (swiftc -sanitize=fuzzer,address).
import BuildDefinitions

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let shape = InputShape(bytes)
    do {
        let documents = try YAMLReader.read(bytes, file: "compose.yaml")
        var budget = 100_000
        for document in documents { check(document.root, shape, &budget) }
    } catch {
        shape.check(error.location, "error \(error.message)")
    }
    let files = FileSource { path in path == "proj/compose.yaml" || path == "proj/docker-bake.json" ? bytes : nil }
    check(ComposeLoader(files: files, environment: ["HOME": "/home/fuzz"]).load(directory: "proj"), shape)
    check(BakeLoader(files: files, environment: [:]).load(files: ["proj/docker-bake.json"], workingDirectory: "proj"), shape)
    return 0
}

/// Every position a loader reports in the fuzzed file lies inside it.
func check(_ project: BuildProject, _ shape: InputShape) {
    func check(_ location: SourceLocation?, _ what: String) {
        guard let location, location.file.hasPrefix("proj/") else { return }
        shape.check(location, what)
    }
    for d in project.diagnostics { check(d.location, "diagnostic \(d.message)") }
    for build in project.builds {
        check(build.location, "build \(build.name)")
        for a in build.args { check(a.location, "argument \(a.name)") }
        for c in build.additionalContexts { check(c.location, "context \(c.name)") }
    }
}

/// Lines and their lengths in characters, to check positions against.
struct InputShape {
    var lengths: [Int] = [0]

    init(_ bytes: [UInt8]) {
        for b in bytes {
            if b == 0x0A { lengths.append(0) } else if b & 0xC0 != 0x80 { lengths[lengths.count - 1] += 1 }
        }
    }

    func check(_ location: SourceLocation, _ what: @autoclosure () -> String) {
        guard location.line >= 1, location.line <= lengths.count,
              location.column >= 1, location.column <= lengths[location.line - 1] + 1 else {
            fatalError("\(what()) at \(location) is outside the input (\(lengths.count) lines)")
        }
    }
}

/// Walks the tree (aliases make it a graph: the walk stops after `budget` nodes).
func check(_ node: YAMLNode, _ shape: InputShape, _ budget: inout Int) {
    guard budget > 0 else { return }
    budget -= 1
    shape.check(node.location, "node")
    switch node.content {
    case .scalar: break
    case .sequence(let items): for item in items { check(item, shape, &budget) }
    case .mapping(let pairs):
        for pair in pairs {
            check(pair.key, shape, &budget)
            check(pair.value, shape, &budget)
        }
    }
}
