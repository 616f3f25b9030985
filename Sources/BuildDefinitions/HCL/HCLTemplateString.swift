extension HCLReader {
    /// Reads `text` as the body of an HCL template (no quote escapes, as in a
    /// heredoc): how HCL's JSON syntax reads every JSON string. Positions
    /// inside the string are not known; every expression gets `location`.
    public static func readTemplate(_ text: String, at location: SourceLocation, limits: Limits = Limits()) throws(DefinitionError) -> HCLExpression {
        let bytes = Array(text.utf8)
        var parser = HCLParser(bytes, file: location.file, limits: limits)
        do {
            return relocated(try parser.parseTemplateText(), to: location)
        } catch {
            let message = error.message.replacingSuffix(" the end of the file", with: " the end of the string")
            throw DefinitionError("this string is not a valid template: \(message)", at: location)
        }
    }

    private static func relocated(_ e: HCLExpression, to location: SourceLocation) -> HCLExpression {
        var e = e
        e.location = location
        switch e.kind {
        case .template(let parts):
            e.kind = .template(parts.map {
                switch $0 {
                case .literal: return $0
                case .interpolation(let inner): return .interpolation(relocated(inner, to: location))
                case .directive(let u, _): return .directive(u, location)
                }
            })
        case .tuple(let items): e.kind = .tuple(items.map { relocated($0, to: location) })
        case .object(let items): e.kind = .object(items.map { HCLObjectItem(key: relocated($0.key, to: location), value: relocated($0.value, to: location)) })
        case .string, .number, .bool, .null, .variable, .unsupported: break
        }
        return e
    }
}

extension HCLParser {
    /// The whole input as a template body.
    mutating func parseTemplateText() throws(DefinitionError) -> HCLExpression {
        if let bad = firstInvalidUTF8(b) { throw fail("the text is not valid UTF-8", at: bad) }
        return try parseTemplateBody(from: 0, to: n)
    }
}

extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
