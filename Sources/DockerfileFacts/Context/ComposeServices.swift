import BuildDefinitions

/// The services of a compose file in the build context that are built from
/// the context's own folder (`build: .`, or `build:` with `context: .` or
/// no context), with the command and entrypoint they start instead of the
/// image's.
package struct ComposeService: Sendable, Equatable {
    /// The compose file, as the context names it.
    package let file: String
    package let name: String
    /// `build: dockerfile:`, when set (the file it names cannot be matched: passes do not know their file's name).
    package let dockerfile: String?
    /// `build: target:`, the stage the service runs.
    package let target: String?
    /// `command:`: argv (sequence) or the string compose splits.
    package let command: Start?
    package let entrypoint: Start?
    /// The line of `command:` (or `entrypoint:`), 1-based.
    package let line: Int

    package enum Start: Sendable, Equatable {
        case argv([String])
        case string(String)

        /// The simple commands the start runs.
        package var commands: [[String]] {
            switch self {
            case .argv(let a): return CacheUse.commands(argv: a)
            case .string(let s): return CacheUse.commands(shell: s)
            }
        }

        package var text: String {
            switch self {
            case .argv(let a): return a.joined(separator: " ")
            case .string(let s): return s
            }
        }
    }

    /// The services of the context's Compose project built from the
    /// context's folder, read by Compose's rules (`ProjectConventions`).
    package static func builtHere(in context: BuildContext, dockerfile: String) -> [ComposeService] {
        ProjectConventions.composeBuilds(context, dockerfile: dockerfile).map { build in
            let runtime = build.runtime
            func start(_ c: ServiceCommand?) -> Start? {
                switch c {
                case .shell(let s)?: return .string(s)
                case .exec(let a)?: return .argv(a)
                case nil: return nil
                }
            }
            let file = build.file
            return ComposeService(file: file, name: build.name, dockerfile: build.dockerfile, target: build.target,
                                  command: start(runtime.command), entrypoint: start(runtime.entrypoint), line: build.location?.line ?? 1)
        }
    }
}
