@testable import DockerfileFacts
import XCTest

/// A build context from file texts (folders listed from the paths).
func sourceContext(_ files: [String: String], complete: Bool = true) -> BuildContext {
    var paths = Set<String>()
    for path in files.keys {
        paths.insert(path)
        var folder = Substring(path)
        while let slash = folder.dropLast().lastIndex(of: "/") {
            folder = folder[...slash]
            paths.insert(String(folder))
            folder = folder.dropLast()
        }
        if let slash = path.firstIndex(of: "/") { paths.insert(String(path[...slash])) }
    }
    return BuildContext(files: paths, contents: files.mapValues { Array($0.utf8) }, complete: complete)
}

/// One line per use, easy to compare and to read in a failure:
/// `path [shape, base, ifPresent] via @file:line`.
func describe(_ uses: [PathUse]) -> [String] {
    uses.map { u in
        var tags: [String] = []
        if u.shape != .file { tags.append("\(u.shape)") }
        switch u.base {
        case .workingDirectory: break
        case .sourceFolder(let f): tags.append("source:\(f)")
        case .builderPathOf(let f): tags.append("builder:\(f)")
        case .absolute: tags.append("absolute")
        }
        if u.necessity == .ifPresent { tags.append("ifPresent") }
        return "\(u.path)\(tags.isEmpty ? "" : " [" + tags.joined(separator: ",") + "]") \(u.via) @\(u.evidence.file):\(u.evidence.line)"
    }
}

func describe(_ programs: [ProgramUse]) -> [String] {
    programs.map { "\($0.program) \($0.via) @\($0.evidence.file):\($0.evidence.line)" }
}

func describe(_ needs: [NativeNeed]) -> [String] {
    needs.map { n in
        let r: String
        switch n.requirement {
        case .cgo: r = "cgo"
        case .systemLibrary(let l): r = "lib:\(l)"
        case .compiledExtension(let p): r = "compiled:\(p)"
        case .glibc: r = "glibc"
        case .program(let p): r = "program:\(p)"
        }
        return "\(n.dependency) \(r)\(n.phase == .build ? " (build)" : "") @\(n.evidence.file):\(n.evidence.line)"
    }
}

func describe(_ unknowns: [Unknown]) -> [String] {
    unknowns.map { u in u.evidence.map { "\(u.kind) @\($0.file):\($0.line)" } ?? "\(u.kind): \(u.reason)" }
}
