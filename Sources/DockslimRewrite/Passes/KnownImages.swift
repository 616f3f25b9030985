import DockerfileModel

/// What dockslim knows about common base images without pulling them.
enum KnownImages {
    /// Images whose configuration sets no ENTRYPOINT, so that CMD alone is
    /// what runs. From their Dockerfiles as docker-library/repo-info records
    /// them (e.g. `repos/golang/remote/1.25-trixie.md`: default command
    /// `["bash"]`, no entrypoint), and the distroless README (the static,
    /// base and cc images set no entrypoint; the language images do).
    static func setsNoEntrypoint(_ ref: ImageReference) -> Bool {
        let hub = ["alpine", "debian", "ubuntu", "busybox", "golang", "python", "rust", "gcc", "buildpack-deps"]
        if ref.registry == nil || ref.registry == "docker.io" || ref.registry == "index.docker.io" {
            let repo = ref.repository.hasPrefix("library/") ? String(ref.repository.dropFirst(8)) : ref.repository
            return hub.contains(repo)
        }
        if ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/") {
            let name = ref.repository.dropFirst("distroless/".count)
            return ["static", "base", "cc", "base-nossl"].contains { name == $0 || name.hasPrefix($0 + "-debian") }
        }
        return false
    }
}
