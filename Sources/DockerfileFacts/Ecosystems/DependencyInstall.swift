/// Dependency installs that `HoistDependencyManifests` knows, and what each
/// needs from the build context.
package struct DependencyInstall: Sendable {
    /// `npm`, `go`, …: how notes name it.
    package let ecosystem: String
    /// Files the install reads that must be there.
    package let required: [String]
    /// Files it reads when they are there.
    package let optional: [String]
    /// How to copy the optional files when the folder is not at hand: a
    /// pattern that also matches nothing.
    package let optionalPatterns: [String]
    /// The install can be hoisted only when the folder is at hand (its
    /// manifests cannot be named by patterns, or may span modules).
    package var needsProject: Bool { ecosystem == "maven" || ecosystem == "gradle" }

    /// Reads one simple command (its words). `.none`: not an install;
    /// `.refuse`: an install that cannot be hoisted safely, with the reason.
    package enum Reading {
        case none
        case install(DependencyInstall)
        case refuse(String)
    }

    package static func read(_ words: [String]) -> Reading {
        var w = words
        while let first = w.first, first.contains("="), !first.hasPrefix("-") { w.removeFirst() }  // VAR=value prefixes
        for e in Ecosystems.all {
            let r = e.dependencyInstall(w)
            if case .none = r { continue }
            return r
        }
        return .none
    }

    /// Why the project's own files keep this install from running on the
    /// manifests alone, or `nil` when nothing does.
    package func obstacle(in project: BuildContext) -> String? {
        for e in Ecosystems.all {
            if let why = e.installObstacle(self, in: project) { return why }
        }
        return nil
    }
}
