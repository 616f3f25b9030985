import DockerfileModel

/// What an ecosystem reads a stage from: the stage, its file, the state
/// before each instruction, and the build context when it is at hand.
package struct StageInput: Sendable {
    package let stage: Stage
    package let file: Dockerfile
    package let states: StageStates
    package let context: BuildContext?
    /// The stage must say what it runs (CMD or ENTRYPOINT): `split-stages`
    /// needs it; `swap-base` reads builders, which run nothing.
    package let requireEntry: Bool

    package init(stage: Stage, file: Dockerfile, states: StageStates, context: BuildContext?, requireEntry: Bool = true) {
        self.stage = stage
        self.file = file
        self.states = states
        self.context = context
        self.requireEntry = requireEntry
    }

    /// The same file, another stage.
    package func reading(_ other: Stage, requireEntry: Bool) -> StageInput {
        StageInput(stage: other, file: file, states: states, context: context, requireEntry: requireEntry)
    }

    /// The state before instruction `index` of the stage.
    package func state(before index: Int) -> StageState { states.before(index, in: stage) }

    /// A WORKDIR known for certain before instruction `index`, else `nil`.
    package func workdir(before index: Int) -> String? {
        guard let w = state(before: index).workdir, w.certain else { return nil }
        return w.text
    }

    /// The image at the root of the stage's FROM chain.
    package var rootImage: ImageReference? {
        if case .image(let ref) = file.chainRoot(of: stage).base { return ref }
        return nil
    }
}

/// Why an ecosystem cannot do something, in words for the user.
package struct Why: Error, Sendable, Equatable {
    package let text: String
    package init(_ text: String) { self.text = text }
}

/// What an ecosystem made of a stage.
package enum BuildReading: Sendable {
    /// Not this language's stage.
    case notMine
    /// This language's stage, with nothing to split (no build or install).
    case nothingToBuild(String)
    /// This language's build, which dockslim cannot split safely, and why.
    case refused(String)
    case plan(BuildPlan)
}

/// A file the build produces and the runtime stage needs.
package struct Artifact: Sendable, Equatable {
    /// Where the build writes it.
    package let builderPath: String
    /// Where the runtime stage puts it.
    package var runtimePath: String

    package init(builderPath: String, runtimePath: String) {
        self.builderPath = builderPath
        self.runtimePath = runtimePath
    }

    package init(_ path: String) { self.init(builderPath: path, runtimePath: path) }
}

/// How the program the build makes runs.
package enum Linking: Sendable, Equatable {
    /// A binary that needs no C library (Go with CGO_ENABLED=0, `-static`, Rust on musl).
    case staticBinary
    /// A binary linked against a C library, with the libraries it links (`-l` names).
    case dynamicBinary(libc: ImageCatalog.Libc?, libraries: [String])
    /// Sources or bytecode run by an interpreter or VM the image carries.
    case interpreted
}

/// What `split-stages` needs to split a stage and `swap-base` to move its
/// runtime: the build, what the runtime stage copies, and the builder's own
/// changes (a virtual environment, pruned dependencies).
package struct BuildPlan: Sendable {
    package let language: Language
    package let stage: Stage
    package let builderImage: ImageReference
    /// The last instruction of the builder: what follows describes the runtime image.
    package let buildIndex: Int
    package var artifacts: [Artifact]
    /// The CMD or ENTRYPOINT that starts the program (absent for a builder read by `swap-base`).
    package let entry: Instruction?
    package var linking: Linking
    /// Packages the stage installs with apt, apk or yum.
    package var packages: [String]
    /// Why a Go build may use cgo.
    package var cgoSigns: [String] = []
    /// The ecosystem checks its own system packages (Python's Debian python3).
    package var checksOwnPackages = false
    /// Lines the builder gets before an instruction.
    package var builderInsertions: [BuilderInsertion] = []
    /// Lines the builder gets after its last RUN.
    package var builderAppend: [String] = []
    /// ENV lines the runtime stage needs before anything else.
    package var runtimeEnv: [String] = []
    /// Instructions before the build the runtime stage runs again, as
    /// written, right after its FROM (PHP's extension installs and their
    /// libraries, the web server's configuration), with the WORKDIR, ENV and
    /// ARG they depend on.
    package var runtimeSetup: [Instruction] = []
    /// Where the setup's copies from the context land: the runtime stage need not take them from the builder.
    package var runtimeSetupPaths: [String] = []
    /// RUNs after the build that the ecosystem checked to need only what the
    /// runtime stage has: they stay in it and run on the copied app.
    package var runtimeRuns: [Instruction] = []
    /// RUN lines the runtime stage runs after its copies, as root: the
    /// builder's setup of users and folders outside the app (`AppSetup`).
    package var runtimeSetupRuns: [String] = []
    /// An entry rewritten (`npm start` → `node server.js`), with its new text.
    package var entryReplacement: EntryReplacement?
    package var notes: [String] = []

    package init(language: Language, stage: Stage, builderImage: ImageReference, buildIndex: Int, artifacts: [Artifact],
                 entry: Instruction?, linking: Linking, packages: [String]) {
        self.language = language
        self.stage = stage
        self.builderImage = builderImage
        self.buildIndex = buildIndex
        self.artifacts = artifacts
        self.entry = entry
        self.linking = linking
        self.packages = packages
    }

    /// Instructions after the build, which describe the runtime image.
    package var afterBuild: [Instruction] { Array(stage.instructions[(buildIndex + 1)...]) }

    /// The program runs from sources or installed packages, not one binary.
    package var isApp: Bool { linking == .interpreted }

    package var isStatic: Bool { linking == .staticBinary }

    package var libc: ImageCatalog.Libc? {
        switch linking {
        case .dynamicBinary(let l, _): return l
        case .staticBinary: return nil
        case .interpreted: return ImageCatalog.libc(of: builderImage)
        }
    }

    package var linkedLibraries: [String] {
        if case .dynamicBinary(_, let libs) = linking { return libs }
        return []
    }
}

package struct BuilderInsertion: Sendable {
    package let before: Instruction
    package let lines: [String]
    package init(before: Instruction, lines: [String]) {
        self.before = before
        self.lines = lines
    }
}

package struct EntryReplacement: Sendable {
    package let instruction: Instruction
    package let text: String
    package init(_ instruction: Instruction, _ text: String) {
        self.instruction = instruction
        self.text = text
    }
}
