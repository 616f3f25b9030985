import DockerfileModel

extension StageStates {
    /// The states of a file with the image catalogue's configuration facts.
    package static func standard(_ file: Dockerfile, buildArgs: [String: String] = [:]) -> StageStates {
        StageStates(file, buildArgs: buildArgs, imageConfig: ImageCatalog.config(of:))
    }
}
