/// What the HCL reader returns: a body of attributes and blocks, in file
/// order, whose expressions are kept as far as Bake files need them
/// (literals, variable references, string templates, lists, objects).
/// Anything else (function calls, operators, conditionals, `for`,
/// attribute access) is an `unsupported` expression that keeps its text and
/// position, so a loader can name it and read on.
public struct HCLBody: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        case attribute(HCLAttribute)
        case block(HCLBlock)
    }

    public var items: [Item]

    public var attributes: [HCLAttribute] {
        items.compactMap { if case .attribute(let a) = $0 { return a } else { return nil } }
    }

    public var blocks: [HCLBlock] {
        items.compactMap { if case .block(let b) = $0 { return b } else { return nil } }
    }

    public init(items: [Item]) { self.items = items }

    public subscript(attribute name: String) -> HCLAttribute? {
        attributes.last { $0.name == name }
    }
}

/// `name = expression`.
public struct HCLAttribute: Sendable, Equatable {
    public var name: String
    public var value: HCLExpression
    /// Where the name is.
    public var location: SourceLocation

    public init(name: String, value: HCLExpression, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// `type "label" … { body }`.
public struct HCLBlock: Sendable, Equatable {
    /// `target`, `group`, `variable`, `function`, …
    public var type: String
    public var labels: [String]
    public var body: HCLBody
    /// Where the type is.
    public var location: SourceLocation

    public init(type: String, labels: [String], body: HCLBody, location: SourceLocation) {
        self.type = type
        self.labels = labels
        self.body = body
        self.location = location
    }
}

/// An attribute's value, with where it starts.
public struct HCLExpression: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        /// A string without interpolation (quoted or heredoc).
        case string(String)
        /// A number as written (`1`, `1.5`, `-2e3`).
        case number(String)
        case bool(Bool)
        case null
        /// A string with `${…}` interpolations.
        case template([HCLTemplatePart])
        /// A bare name: a variable.
        case variable(String)
        case tuple([HCLExpression])
        case object([HCLObjectItem])
        case unsupported(HCLUnsupported)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// A piece of a string template.
public enum HCLTemplatePart: Sendable, Equatable {
    case literal(String)
    case interpolation(HCLExpression)
    /// A `%{ if … }` or `%{ for … }` directive.
    case directive(HCLUnsupported, SourceLocation)
}

/// `key = value` in an object.
public struct HCLObjectItem: Sendable, Equatable {
    /// A bare name key is a `.string`, as in HCL.
    public var key: HCLExpression
    public var value: HCLExpression

    public init(key: HCLExpression, value: HCLExpression) {
        self.key = key
        self.value = value
    }
}

/// An expression the reader recognises but does not keep.
public struct HCLUnsupported: Sendable, Equatable {
    /// What it is, for a person: "function call `notequal(…)`", "conditional
    /// expression", "`for` expression", "operator `+`", "reference
    /// `target.app.tags`".
    public var construct: String
    /// Its source text.
    public var text: String

    public init(construct: String, text: String) {
        self.construct = construct
        self.text = text
    }
}

extension HCLExpression {
    /// The first construct in this expression (or inside it) that is not kept,
    /// with where it is.
    public var firstUnsupported: (HCLUnsupported, SourceLocation)? {
        switch kind {
        case .unsupported(let u): return (u, location)
        case .template(let parts):
            for part in parts {
                switch part {
                case .literal: continue
                case .interpolation(let e): if let found = e.firstUnsupported { return found }
                case .directive(let u, let at): return (u, at)
                }
            }
            return nil
        case .tuple(let items):
            for item in items { if let found = item.firstUnsupported { return found } }
            return nil
        case .object(let items):
            for item in items {
                if let found = item.key.firstUnsupported ?? item.value.firstUnsupported { return found }
            }
            return nil
        case .string, .number, .bool, .null, .variable:
            return nil
        }
    }
}
