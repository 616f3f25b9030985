/// A value of the build's state, and whether it is certain: a value that
/// comes from an ARG's default (which `--build-arg` may change), from a
/// predefined ARG (the build machine's platform) or from an image whose
/// configuration is not known is a best guess, not a fact.
public struct StateValue: Sendable, Equatable {
    public let text: String
    public let certain: Bool

    public init(_ text: String, certain: Bool = true) {
        self.text = text
        self.certain = certain
    }
}

/// What a base image's configuration sets, as far as it is known. The model
/// does not know images: the caller supplies this (DockerfileFacts' catalogue).
public struct ImageConfig: Sendable, Equatable {
    /// Its WORKDIR (`/` when the image sets none); `nil` when not known.
    public var workdir: String?
    /// Its ENV.
    public var environment: [String: String]
    /// Its USER; `nil` when not known, `""` when it sets none (root).
    public var user: String?

    public init(workdir: String?, environment: [String: String] = [:], user: String? = "") {
        self.workdir = workdir
        self.environment = environment
        self.user = user
    }

    /// An image nothing is known about.
    public static let unknown = ImageConfig(workdir: nil, environment: [:], user: nil)
    /// `scratch`: an empty filesystem and configuration.
    public static let scratch = ImageConfig(workdir: "/", environment: [:], user: "")
}

/// The state BuildKit carries through a stage at one instruction: the
/// working folder, the environment, the ARGs in scope, the user and the
/// shell. `StageStates` computes it once per file, before every instruction.
public struct StageState: Sendable {
    /// WORKDIR, absolute and normalised; `nil` when not known at all.
    public var workdir: StateValue?
    /// ENV values, with the base image's (expanded as BuildKit expands them).
    public var environment: [String: StateValue]
    /// ARGs declared in this stage so far: their value, `nil` when none is known.
    public var args: [String: StateValue?]
    /// USER as set by the stage or the stages it builds on, expanded;
    /// `nil`: the base image's user.
    public var user: StateValue?
    /// The instruction that set `user`, if one did.
    public var userInstruction: Instruction?
    /// The image's user when no USER is set: `""` root, `nil` unknown.
    public var imageUser: String?
    /// SHELL in exec form; `["/bin/sh", "-c"]` by default.
    public var shell: [String]

    /// The user a RUN or the container runs as, as far as known: the USER
    /// name without its group, `root` when nothing sets one, `nil` when
    /// the base image's user is not known.
    public var effectiveUser: String? {
        if let u = user { return String(u.text.split(separator: ":", omittingEmptySubsequences: false).first ?? "") }
        guard let image = imageUser else { return nil }
        return image.isEmpty ? "root" : String(image.split(separator: ":").first ?? "")
    }

    /// The values variables expand to at this point (ENV wins over ARG).
    public var variables: [String: StateValue] {
        var out: [String: StateValue] = [:]
        for (k, v) in args { if let v { out[k] = v } }
        for (k, v) in environment { out[k] = v }
        return out
    }

    /// `text` with this point's variables expanded; `nil` when the text
    /// cannot be read. The result is uncertain when a variable is unknown
    /// or is itself uncertain.
    public func expand(_ text: String) -> StateValue? {
        guard text.contains("$") else { return StateValue(text) }
        let values = variables
        let e = ArgExpansion.expand(text, values.mapValues(\.text))
        if e.failed { return nil }
        let certain = e.unresolved.isEmpty && e.used.allSatisfy { values[$0]?.certain ?? false }
        return StateValue(e.result, certain: certain)
    }

    /// A path made absolute against WORKDIR and normalised; `nil` when it
    /// depends on something unknown.
    public func absolutePath(_ path: String) -> StateValue? {
        guard let p = expand(path) else { return nil }
        if p.text.hasPrefix("/") { return StateValue(PathJoin.join("/", p.text), certain: p.certain) }
        guard let w = workdir else { return nil }
        return StateValue(PathJoin.join(w.text, p.text), certain: p.certain && w.certain)
    }
}

/// Absolute container paths joined and normalised as the shell would.
public enum PathJoin {
    /// `base` + `path` (if `path` is relative), without `.`, `..` or doubled slashes.
    public static func join(_ base: String, _ path: String) -> String {
        let raw = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for p in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(p)
        }
        return "/" + parts.joined(separator: "/")
    }
}
