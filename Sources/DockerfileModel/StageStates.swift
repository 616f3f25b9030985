/// The state of every stage before each of its instructions, computed once
/// per file with BuildKit's rules:
///
/// - a stage built on another starts from that stage's final WORKDIR, ENV,
///   USER and SHELL, but not its ARGs (an ARG leaves scope at the end of
///   its stage); a stage on an image starts from the image's configuration;
/// - `ARG NAME` takes the value given with `--build-arg`, else its own
///   default, else the default of a global ARG of the same name; a default
///   is a best guess (a build may pass another value);
/// - ENV, WORKDIR and USER expand `$NAME` from the ENV and ARGs in scope,
///   ENV winning; a relative WORKDIR joins the one before it.
public final class StageStates: Sendable {
    /// Per stage: the state before each instruction, then after the last.
    private let states: [[StageState]]

    /// `imageConfig` says what an image sets; `nil` for an unknown image.
    public init(_ file: Dockerfile, buildArgs: [String: String] = [:],
                imageConfig: (ImageReference) -> ImageConfig?) {
        let buildArgs = file.settings.args.merging(buildArgs) { _, explicit in explicit }
        var globals: [String: StateValue] = [:]
        for kv in file.globalArgs {
            if let given = buildArgs[kv.name] {
                globals[kv.name] = StateValue(given)
            } else if let v = kv.valueString {
                let e = ArgExpansion.expand(v, globals.mapValues(\.text))
                globals[kv.name] = StateValue(e.result, certain: false)
            }
        }
        var all: [[StageState]] = []
        all.reserveCapacity(file.stages.count)
        for stage in file.stages {
            var state: StageState
            switch stage.base {
            case .stage(let b) where b < all.count:
                state = all[b].last!
                state.args = [:]
            case .image(let ref):
                state = Self.start(imageConfig(ref) ?? .unknown)
            case .scratch:
                state = Self.start(.scratch)
            default:
                state = Self.start(.unknown)
            }
            var trail: [StageState] = []
            trail.reserveCapacity(stage.instructions.count + 1)
            for instruction in stage.instructions {
                trail.append(state)
                Self.step(&state, over: instruction, buildArgs: buildArgs, globals: globals)
            }
            trail.append(state)
            all.append(trail)
        }
        states = all
    }

    /// The state before instruction `index` of the stage (`index ==
    /// instructions.count`: after the last one).
    public func before(_ index: Int, in stage: Stage) -> StageState {
        states[stage.index][index]
    }

    /// The state before `instruction`, which must belong to `stage`.
    public func before(_ instruction: Instruction, in stage: Stage) -> StageState {
        let k = stage.instructions.firstIndex { $0 === instruction } ?? stage.instructions.count
        return states[stage.index][k]
    }

    /// The state at the end of the stage: what the image it makes is configured with.
    public func end(of stage: Stage) -> StageState { states[stage.index].last! }

    /// Every state of the stage, before each instruction and after the last.
    public func all(of stage: Stage) -> [StageState] { states[stage.index] }

    private static func start(_ config: ImageConfig) -> StageState {
        StageState(workdir: config.workdir.map { StateValue($0) },
                   environment: config.environment.mapValues { StateValue($0) },
                   args: [:], user: nil, userInstruction: nil, imageUser: config.user,
                   shell: ["/bin/sh", "-c"])
    }

    private static func step(_ state: inout StageState, over i: Instruction, buildArgs: [String: String], globals: [String: StateValue]) {
        switch i.kind {
        case .arg:
            for kv in i.keyValues {
                if let given = buildArgs[kv.name] {
                    state.args[kv.name] = StateValue(given)
                } else if let v = kv.valueString {
                    let e = state.expand(v)
                    state.args[kv.name] = e.map { StateValue($0.text, certain: false) }
                } else {
                    state.args[kv.name] = .some(globals[kv.name])
                }
            }
        case .env:
            for kv in i.keyValues {
                state.environment[kv.name] = state.expand(kv.valueString ?? "") ?? StateValue("", certain: false)
            }
        case .workdir:
            guard let raw = i.argumentStrings.first else { return }
            guard let dir = state.expand(raw) else { state.workdir = nil; return }
            if dir.text.hasPrefix("/") {
                state.workdir = StateValue(PathJoin.join("/", dir.text), certain: dir.certain)
            } else if let w = state.workdir {
                state.workdir = StateValue(PathJoin.join(w.text, dir.text), certain: dir.certain && w.certain)
            }
        case .user:
            guard let raw = i.argumentStrings.first else { return }
            state.user = state.expand(raw) ?? StateValue(raw, certain: false)
            state.userInstruction = i
        case .shell:
            if i.form == .exec { state.shell = i.argumentStrings }
        default:
            break
        }
    }
}
