import DockerfileFacts
import DockerfileModel

/// DS004: `.git`, dependency folders, caches, tests or secrets from the
/// build context reach the final image.
enum LeakedPathsInFinalImage: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS004", name: "leaked-paths-in-final-image", severity: .warning, tags: [.security, .imageSize], securitySeverity: "5.5",
        summary: ".git, node_modules, caches, tests or secret files reach the final image.",
        explanation: """
        These folders and files are in the build context but have no place in production: .git holds \
        the whole history (and sometimes credentials), a host node_modules or virtualenv was built for \
        another system, caches and tests are dead weight, and .env or key files are secrets. A broad \
        COPY takes them unless .dockerignore excludes them. dockslim checks the Dockerfile's folder \
        (taken as the build context) and its .dockerignore.
        """,
        advice: "Add these paths to .dockerignore, and copy only what the program needs into the final stage.")

    /// Top-level names that should not ship, and what they are.
    static let leaky: [(name: String, kind: String)] = [
        (".git", "version control"), (".hg", "version control"), (".svn", "version control"),
        ("node_modules", "host dependencies"), (".venv", "host dependencies"), ("venv", "host dependencies"),
        ("__pycache__", "cache"), (".pytest_cache", "cache"), (".mypy_cache", "cache"), (".ruff_cache", "cache"),
        (".cache", "cache"), (".gradle", "cache"), (".next/cache", "cache"), ("target", "build output"),
        ("tests", "tests"), ("test", "tests"), ("spec", "tests"), ("coverage", "tests"),
        (".env", "secrets"), (".aws", "secrets"), (".ssh", "secrets"), ("id_rsa", "secrets"), (".netrc", "secrets"),
    ]

    static func check(_ context: AuditContext) -> [Finding] {
        guard let final = context.final else { return [] }
        var byInstruction: [(Instruction, [String])] = []
        func add(_ i: Instruction, _ names: [String]) {
            guard !names.isEmpty else { return }
            if let k = byInstruction.firstIndex(where: { $0.0 === i }) { byInstruction[k].1 += names } else { byInstruction.append((i, names)) }
        }
        for reach in context.contextReaching(final.index) where reach.whole {
            guard case .context(let sources, let whole) = reach.placement.origin, let last = reach.chain.last else { continue }
            if whole, let project = context.project {
                let excluded = reach.placement.instruction.flags.filter { $0.name == "exclude" }.compactMap(\.value).map(DockerIgnore.init)
                let present = leaky.filter { entry in
                    (project.has(entry.name) || project.has(entry.name + "/"))
                        && context.dockerIgnore?.excludes(entry.name) != true
                        && !excluded.contains { $0.excludes(entry.name) }
                }
                add(last, present.map(\.name))
            }
            // Named explicitly: COPY .git …, COPY node_modules ….
            add(last, sources.compactMap { s in
                let first = String(s.split(separator: "/").first ?? "")
                return leaky.contains { $0.name == first } ? first : nil
            })
        }
        return byInstruction.map { instruction, names in
            var unique: [String] = []
            for n in names where !unique.contains(n) { unique.append(n) }
            let kinds = Set(unique.compactMap { n in leaky.first { $0.name == n }?.kind })
            let ignore = context.project == nil ? "" : context.dockerIgnore == nil ? " (there is no .dockerignore)" : " (.dockerignore does not exclude them)"
            let secrets = kinds.contains("secrets") ? "; secret files among them" : ""
            return finding(at: instruction, stage: context.stageIndex(of: instruction),
                           "\(Describe.list(unique.map { $0 }, limit: 6)) \(unique.count == 1 ? "reaches" : "reach") the final image through \(Describe.short(instruction))\(ignore)\(secrets)",
                           severity: kinds.contains("secrets") ? .error : nil)
        }
    }
}
