import DockerfileModel
import DockerfileSyntax
import Foundation
import XCTest

/// BuildKit's own parser fixtures: for every `testfiles/<case>`, the model
/// dumped the way BuildKit dumps its AST (`(*Node).Dump`) must equal the
/// `result` file BuildKit's tests hold it to.
final class BuildKitFixtureTests: XCTestCase {
    static let fixtures: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(4)  // main/Tests/DockerfileModelTests/<file>
        return parts.joined(separator: "/") + "/shared/conformance/buildkit-parser"
    }()

    func testEveryFixtureDumpsAsBuildKitDoes() throws {
        let fm = FileManager.default
        let folder = Self.fixtures + "/testfiles"
        guard let cases = try? fm.contentsOfDirectory(atPath: folder) else {
            throw XCTSkip("no BuildKit fixtures at \(folder)")
        }
        XCTAssertEqual(cases.count, 33)
        for name in cases.sorted() {
            let input = try XCTUnwrap(fm.contents(atPath: "\(folder)/\(name)/Dockerfile"))
            let expected = try String(contentsOfFile: "\(folder)/\(name)/result", encoding: .utf8)
            let tree = Parser.parse(Array(input))
            XCTAssertEqual(tree.printed(), Array(input), name)
            let file = Dockerfile(tree: tree)
            XCTAssertFalse(file.diagnostics.contains { $0.rejectedByBuildKit }, name)
            let dump = file.instructions.map { "(" + BuildKitDump.dump($0) + ")\n" }.joined()
            XCTAssertEqual(dump, expected, name)
        }
    }

    func testNegativeFixturesAreRejected() throws {
        let fm = FileManager.default
        let folder = Self.fixtures + "/testfiles-negative"
        guard let cases = try? fm.contentsOfDirectory(atPath: folder) else {
            throw XCTSkip("no BuildKit fixtures at \(folder)")
        }
        XCTAssertEqual(cases.count, 4)
        for name in cases {
            let input = try XCTUnwrap(fm.contents(atPath: "\(folder)/\(name)/Dockerfile"))
            let tree = Parser.parse(Array(input))
            XCTAssertEqual(tree.printed(), Array(input), name)
            XCTAssertTrue(tree.diagnostics.contains { $0.rejectedByBuildKit }, name)
        }
    }
}

/// BuildKit's AST dump: `(keyword ["flags"] "arg" …)` with Go's quoting.
enum BuildKitDump {
    static func dump(_ i: Instruction) -> String {
        var s = i.keyword.lowercased()
        if !i.flags.isEmpty { s += " [" + i.flags.map { quote($0.text) }.joined(separator: " ") + "]" }
        if let t = i.trigger { return s + " (" + dump(t) + ")" }
        if i.kind == .env || i.kind == .label {
            for kv in i.keyValues { s += " " + [quote(kv.key), quote(kv.value ?? []), quote(kv.isLegacyForm ? [] : [0x3D])].joined(separator: " ") }
            return s
        }
        if i.kind == .unknown { return s }
        for a in i.arguments { s += " " + quote(a) }
        return s
    }

    /// Go's `strconv.Quote`.
    static func quote(_ bytes: [UInt8]) -> String {
        var out = "\""
        var it = bytes[...]
        while let c = it.first {
            if c < 0x80 {
                it.removeFirst()
                switch c {
                case 0x07: out += "\\a"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x0B: out += "\\v"
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(c))
                default: out += String(format: "\\x%02x", c)
                }
                continue
            }
            var decoder = UTF8()
            var iterator = it.makeIterator()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                let width = String(scalar).utf8.count
                it.removeFirst(width)
                switch scalar.properties.generalCategory {
                case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
                    out += scalar.value < 0x10000 ? String(format: "\\u%04x", scalar.value) : String(format: "\\U%08x", scalar.value)
                default:
                    out.unicodeScalars.append(scalar)
                }
            } else {
                out += String(format: "\\x%02x", c)
                it.removeFirst()
            }
        }
        return out + "\""
    }
}
