/// Every pass, by id. Explicit on purpose: no reflection, no discovery; a
/// test fails if a pass is missing here.
public enum PassRegistry {
    public static let all: [any RewritePass.Type] = [
        UseExecForm.self,
        HoistDependencyManifests.self,
        SplitBuilderAndRuntimeStages.self,
        BuildStaticBinary.self,
        SwapBaseImage.self,
        UseNonRootUser.self,
        UseAlpineBase.self,
        TranslatePackages.self,
        UseCacheMounts.self,
    ]

    public static func pass(_ id: String) -> (any RewritePass.Type)? {
        all.first { $0.id == id }
    }
}
