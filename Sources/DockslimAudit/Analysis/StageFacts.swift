import DockerfileFacts
import DockerfileModel

/// What one stage is, as far as the Dockerfile says: the image at the root
/// of its FROM chain, its state (from the file's `StageStates`), and its files.
struct StageFacts {
    let stage: Stage
    /// The image the FROM chain starts from (`scratch` included); `nil`
    /// when a variable or an unknown stage hides it.
    let rootImage: ImageReference?
    /// WORKDIR before each instruction, and after the last (`nil`: unknown).
    let workdirs: [String?]
    /// ENV and ARG values at the end of the stage (ARG defaults taken as given).
    let environment: [String: String]
    /// The last USER of the stage or of the stages it builds on, with the
    /// instruction that sets it.
    let user: (name: String, instruction: Instruction)?
    let files: StageFiles

    init(_ stage: Stage, base: StageFacts?, file: Dockerfile, states: StageStates) {
        self.stage = stage
        switch stage.base {
        case .stage: rootImage = base?.rootImage
        case .image(let ref): rootImage = ref
        case .scratch: rootImage = ImageReference("scratch")
        case .unresolved: rootImage = nil
        }
        let trail = states.all(of: stage)
        workdirs = trail.map { $0.workdir?.text }
        let end = trail.last!
        environment = end.variables.mapValues(\.text)
        if let u = end.user, let i = end.userInstruction { user = (u.text, i) } else { user = nil }
        files = StageFiles(stage, file: file, states: states)
    }

    /// The user name without the group (`app:app` → `app`).
    var userName: String? { user.map { String($0.name.split(separator: ":").first ?? "") } }
}
