@testable import BuildDefinitions
import XCTest

/// A compact, JSON-like rendering of a node so a test states the whole tree
/// at once: scalars quoted, null as `~`, tags before the node.
func render(_ node: YAMLNode) -> String {
    let tag = node.tag.map { "\($0) " } ?? ""
    switch node.content {
    case .scalar(let text, _):
        if node.isNull { return tag + "~" }
        return tag + quote(text)
    case .sequence(let items):
        return tag + "[" + items.map(render).joined(separator: ", ") + "]"
    case .mapping(let pairs):
        return tag + "{" + pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
    }
}

func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// The first document of `text`, rendered.
func yaml(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        let documents = try YAMLReader.read(text, file: "test.yaml")
        return documents.first.map { render($0.root) } ?? "<no document>"
    } catch {
        XCTFail("unexpected error: \(error)", file: file, line: line)
        return "<error>"
    }
}

/// The error `text` gives, as `line:column: message`.
func yamlError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        let documents = try YAMLReader.read(text, file: "test.yaml")
        XCTFail("expected an error, read \(documents.map { render($0.root) })", file: file, line: line)
        return ""
    } catch {
        return "\(error.location.line):\(error.location.column): \(error.message)"
    }
}
