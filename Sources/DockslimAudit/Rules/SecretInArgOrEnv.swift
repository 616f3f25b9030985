import DockerfileFacts
import DockerfileModel

/// DS008: a secret in an ARG or ENV.
enum SecretInArgOrEnv: AuditRule {
    static let metadata = RuleMetadata(
        id: "DS008", name: "secret-in-arg-or-env", severity: .warning, tags: [.security], securitySeverity: "7.5",
        summary: "A secret is passed through ARG or ENV.",
        explanation: """
        ENV values are stored in the image's configuration: anyone who can pull the image can read \
        them. ARG values are recorded in the image history and build provenance when a RUN uses them. \
        A value written in the Dockerfile is also in version control. Pass secrets to the build with \
        BuildKit secret mounts (RUN --mount=type=secret,id=…) and to the container at run time.
        """,
        advice: "Use RUN --mount=type=secret,id=NAME (docker build --secret id=NAME,…) at build time, and inject run-time secrets when the container starts.")

    /// Name parts that mark a secret, alone or as a pair.
    static let secretWords: Set<String> = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIALS", "CREDENTIAL", "PRIVATEKEY", "PASSPHRASE"]
    static let secretPairs: Set<String> = ["API KEY", "ACCESS KEY", "SECRET KEY", "PRIVATE KEY", "AUTH KEY", "CLIENT SECRET", "SIGNING KEY", "ENCRYPTION KEY", "MASTER KEY"]
    /// Names that hold where a secret is, not the secret.
    static let pointerWords: Set<String> = ["FILE", "PATH", "DIR", "URL", "URI", "ID", "NAME", "HEADER", "TYPE", "LENGTH", "TTL", "EXPIRY", "ENDPOINT"]

    static func isSecretName(_ name: String) -> Bool {
        let parts = name.uppercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init)
        guard let last = parts.last, !pointerWords.contains(last) else { return false }
        if parts.contains(where: secretWords.contains) { return true }
        return zip(parts, parts.dropFirst()).contains { secretPairs.contains("\($0) \($1)") }
    }

    /// Values that are credentials whatever their name: AWS access key ids,
    /// GitHub, GitLab, Slack and Stripe tokens, PEM private keys.
    static func looksLikeCredential(_ value: String) -> Bool {
        let prefixes = ["ghp_", "gho_", "ghs_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "sk_live_", "rk_live_"]
        if prefixes.contains(where: { value.hasPrefix($0) && value.count >= 20 }) { return true }
        if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") { return true }
        let u = Array(value.utf8)
        if u.count == 20, value.hasPrefix("AKIA") || value.hasPrefix("ASIA"),
           u.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }) { return true }
        return false
    }

    static func check(_ context: AuditContext) -> [Finding] {
        var out: [Finding] = []
        let shipped = Set(context.finalChain)
        func inspect(_ i: Instruction, stage: Int?) {
            for kv in i.keyValues {
                let value = kv.valueString ?? ""
                if !value.isEmpty, looksLikeCredential(value) {
                    out.append(finding(at: i, part: kv.node, stage: stage,
                                       "\(i.keyword.uppercased()) \(kv.name) holds what looks like a credential, written in the Dockerfile", severity: .error))
                    continue
                }
                guard isSecretName(kv.name) else { continue }
                let inImage = stage.map(shipped.contains) == true
                if i.kind == .env {
                    if !value.isEmpty && !value.contains("$") {
                        out.append(finding(at: i, part: kv.node, stage: stage,
                                           "ENV \(kv.name) is set to a literal value: it is written in the Dockerfile\(inImage ? " and stored in the image's configuration" : "")",
                                           severity: .error))
                    } else if !value.isEmpty, inImage {
                        out.append(finding(at: i, part: kv.node, stage: stage,
                                           "ENV \(kv.name) copies a build argument into the image's configuration, where anyone who pulls the image can read it"))
                    }
                } else if i.kind == .arg {
                    if kv.value != nil && !value.isEmpty && !value.contains("$") {
                        out.append(finding(at: i, part: kv.node, stage: stage,
                                           "ARG \(kv.name) has a literal default: the secret is written in the Dockerfile", severity: .error))
                    } else {
                        out.append(finding(at: i, part: kv.node, stage: stage,
                                           "ARG \(kv.name) passes a secret as a build argument: it is recorded in the image history and provenance when a RUN uses it",
                                           severity: inImage ? .warning : .note))
                    }
                }
            }
        }
        for i in context.file.instructions where i.kind == .arg && i.startLine < (context.file.stages.first?.from.startLine ?? Int.max) {
            inspect(i, stage: nil)
        }
        for facts in context.stages {
            for i in facts.stage.instructions where i.kind == .env || i.kind == .arg { inspect(i, stage: facts.stage.index) }
        }
        return out
    }
}
