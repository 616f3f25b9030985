import DockerfileModel

/// What `split-stages` needs to split a stage, from either analysis: a
/// compiled build (`BuildAnalysis`) or a Node.js, Python or Java app
/// (`AppBuild`), which may also change the builder.
struct SplitPlan {
    let stage: Stage
    let builderImage: ImageReference
    let buildIndex: Int
    let artifacts: [BuildAnalysis.Artifact]
    let afterBuild: [Instruction]
    let packages: [String]
    let isApp: Bool
    /// go, rust, c, node, python or java.
    let language: String
    /// Python checks its packages itself (Debian's python3 is the runtime's own).
    var checksOwnPackages = false
    var builderInsertions: [(Instruction, [String])] = []
    var builderAppend: [String] = []
    var runtimeEnv: [String] = []
    var entryReplacement: (Instruction, String)?
    var notes: [String] = []

    init(_ a: BuildAnalysis) {
        language = a.language.rawValue
        stage = a.stage
        builderImage = a.builderImage
        buildIndex = a.buildIndex
        artifacts = a.artifacts
        afterBuild = a.afterBuild
        packages = a.packages
        isApp = false
    }

    init(_ a: AppBuild) {
        language = a.language.rawValue
        stage = a.stage
        builderImage = a.image
        buildIndex = a.buildIndex
        artifacts = a.copies.map { BuildAnalysis.Artifact(builderPath: $0, runtimePath: $0) } + a.movedCopies.map { BuildAnalysis.Artifact(builderPath: $0.from, runtimePath: $0.to) }
        afterBuild = a.afterBuild
        packages = a.packages
        isApp = true
        checksOwnPackages = a.language == .python
        builderInsertions = a.builderInsertions.map { ($0.before, $0.lines) }
        builderAppend = a.builderAppend
        runtimeEnv = a.runtimeEnv
        entryReplacement = a.entryReplacement
        notes = a.notes
    }
}
