// A libFuzzer target for the HCL reader: any bytes must read or throw,
// without a trap or a hang, and every position it gives (of a block, an
// attribute, an expression or the error) must lie inside the input. The
// same bytes then go through the Bake loader (as docker-bake.hcl): no trap,
// and every position it reports lies inside the file.
//
// Built and run by `scripts/fuzz SECONDS hcl` (swiftc -sanitize=fuzzer,address).
import BuildDefinitions

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let shape = InputShape(bytes)
    do {
        check(try HCLReader.read(bytes, file: "docker-bake.hcl"), shape)
    } catch {
        shape.check(error.location, "error \(error.message)")
    }
    let files = FileSource { path in path == "proj/docker-bake.hcl" ? bytes : nil }
    let project = BakeLoader(files: files, environment: ["TAG": "fuzz"]).load(directory: "proj")
    for d in project.diagnostics { if let at = d.location { shape.check(at, "diagnostic \(d.message)") } }
    for build in project.builds {
        if let at = build.location { shape.check(at, "target \(build.name)") }
        for a in build.args { if let at = a.location { shape.check(at, "argument \(a.name)") } }
    }
    return 0
}

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

func check(_ body: HCLBody, _ shape: InputShape) {
    for item in body.items {
        switch item {
        case .attribute(let a):
            shape.check(a.location, "attribute \(a.name)")
            check(a.value, shape)
        case .block(let b):
            shape.check(b.location, "block \(b.type)")
            check(b.body, shape)
        }
    }
}

func check(_ e: HCLExpression, _ shape: InputShape) {
    shape.check(e.location, "expression")
    switch e.kind {
    case .tuple(let items): for item in items { check(item, shape) }
    case .object(let items): for item in items { check(item.key, shape); check(item.value, shape) }
    case .template(let parts):
        for part in parts {
            if case .interpolation(let inner) = part { check(inner, shape) }
            if case .directive(_, let at) = part { shape.check(at, "directive") }
        }
    case .unsupported(let u):
        if u.text.isEmpty { fatalError("an unsupported expression without text at \(e.location)") }
    case .string, .number, .bool, .null, .variable: break
    }
}
