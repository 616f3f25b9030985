import DockerfileModel

/// The kind of runtime image `swap-base` moves to.
package enum RuntimeTarget: String, Sendable, CaseIterable {
    case distroless, alpine, scratch, slim
}

/// What the user asked of the move: an image or tag instead of the chosen one.
package struct RuntimeOptions: Sendable {
    package let image: String?
    package let tag: String?
    /// Whose small images `to=distroless` means: Google's distroless (the
    /// default), Chainguard's, Docker's hardened images, Microsoft's chiseled .NET.
    package let family: RuntimeFamily
    package init(image: String? = nil, tag: String? = nil, family: RuntimeFamily = .distroless) {
        self.image = image
        self.tag = tag
        self.family = family
    }
}

/// An ecosystem's answer to "which runtime image for this target?".
package enum RuntimeChoice: Sendable {
    /// The runtime stage is already on what the target would give.
    case alreadyThere(String)
    /// The target does not fit this language (scratch for Node.js).
    case notApplicable(String)
    /// Moving would break the program, and why.
    case refused(String)
    case move(RuntimeMove)
}

/// The new runtime image and what moving there implies, for `swap-base`'s
/// edits: exec form where there is no shell, the users it has, lines to run
/// first, and whether the builder must move too.
package struct RuntimeMove: Sendable {
    /// How a program starts on the new image.
    package enum Program: Sendable, Equatable {
        /// A binary, run as built (Go, Rust, C).
        case binary(programs: Set<String>)
        /// An interpreter the image carries (node, python, java).
        case interpreter
    }

    package var image: String
    package var program: Program
    package var hasShell: Bool
    /// Users the image has (numeric ids are always accepted).
    package var users: Set<String>
    /// The unprivileged user the image runs as by default (Chainguard's and
    /// Docker's hardened images); `nil` when it runs as root or the tag says (`:nonroot`).
    package var runsAs: ImageUser?
    /// Users the stage names that the image has under another name (node → nonroot on distroless).
    package var userReplacements: [String: String] = [:]
    /// Instructions written after FROM (`RUN apk add …`, `COPY --from=… certs`), each a keyword and its arguments.
    package var setup: [String] = []
    package var setupReason: String?
    /// The builder moves too (node_modules built for musl), with the reason.
    package var builderImage: String?
    package var builderReason: String?
    /// What the image's ENTRYPOINT runs (`["node"]`, `["java", "-jar"]`), which CMD then omits.
    package var entryPrefix: [String] = []
    /// Where the image keeps that interpreter (`/nodejs/bin/node`).
    package var interpreterPath: String?
    /// Commands the new image has, to check every program the stage runs; `nil`: not checked here.
    package var tools: Set<String>?
    /// Shared libraries the new image has (`libssl`, `libyaml`), when the
    /// ecosystem knows them; `nil`: distroless's, or none known.
    package var libraries: Set<String>?
    /// Tools a HEALTHCHECK may run on the image without a shell of its own (busybox applets on Alpine).
    package var healthcheckTools: Set<String> = []
    /// Why the stage moves here, for the edit's reason.
    package var reason: String
    package var warnings: [String] = []
    package var info: [String] = []

    package init(image: String, program: Program, hasShell: Bool, users: Set<String>, reason: String) {
        self.image = image
        self.program = program
        self.hasShell = hasShell
        self.users = users
        self.reason = reason
    }
}

/// How a CMD or ENTRYPOINT changes on the new image.
package enum CommandChange: Sendable, Equatable {
    case keep
    /// Replaced by these instructions (each `KEYWORD arguments`), with a note for the user.
    case replace([String], reason: String, note: String?)
    case refuse(String)
}

/// The cache folders a command fills.
package enum CacheMountNeed: Sendable, Equatable {
    /// Not a command whose cache dockslim knows.
    case none
    /// A command that fills a cache, which must not be mounted, and why.
    case skip(String)
    case mounts([CacheMount])
}

/// A BuildKit cache mount: `--mount=type=cache,target=…`.
package struct CacheMount: Sendable, Equatable {
    package let target: String
    /// `sharing=locked`, for caches two builds must not write at once (apt, apk).
    package let locked: Bool

    package init(_ target: String, locked: Bool = false) {
        self.target = target
        self.locked = locked
    }

    package var flag: String { "--mount=type=cache,target=\(target)" + (locked ? ",sharing=locked" : "") }
}
