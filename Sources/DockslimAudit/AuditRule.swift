import DockerfileFacts
import DockerfileModel
import DockerfileSyntax

/// A rule: one property of a Dockerfile, checked in one file under `Rules/`
/// (named after the property), with its metadata. Rules read the model and
/// the analyses in `AuditContext`; they never touch the file system.
protocol AuditRule: Sendable {
    static var metadata: RuleMetadata { get }
    static func check(_ context: AuditContext) -> [Finding]
}

extension AuditRule {
    /// A finding of this rule at an instruction (at `part` of it, when given).
    static func finding(at instruction: Instruction, part: SyntaxNode? = nil, stage: Int?, _ message: String,
                        severity: Severity? = nil, fixes: [String]? = nil) -> Finding {
        Finding(rule: metadata, severity: severity, at: instruction.node, offset: (part ?? instruction.node).textRange.lowerBound,
                endLine: instruction.endLine, message: message, stage: stage, fixes: fixes)
    }
}

/// Every rule, in id order. A test checks that ids are unique, sorted and
/// that each rule has a golden case.
enum AuditRules {
    static let all: [any AuditRule.Type] = [
        InvalidDockerfile.self,
        ToolchainImageInFinalStage.self,
        BuildToolsInstalledInFinalStage.self,
        BuildContextInFinalImage.self,
        LeakedPathsInFinalImage.self,
        LargeBaseInFinalStage.self,
        ShellFormCommand.self,
        RunsAsRoot.self,
        SecretInArgOrEnv.self,
        AptListsKept.self,
        AptInstallsRecommends.self,
        PackageCacheKept.self,
        CopyBeforeDependencyInstall.self,
        UnpinnedBaseImage.self,
        UnreachableStage.self,
        CopyWholeFilesystem.self,
        StageReferenceProblem.self,
    ]
}
