import DockerfileModel
import DockerfileSyntax

/// Runs the final stage as a non-root user when it does not already.
///
/// The user the image runs as is the last USER of the final stage, or else
/// its base's default: distroless `:nonroot` images run as `nonroot`
/// (uid 65532), every other base as root. When that is root, the pass adds a
/// USER before the stage's CMD, ENTRYPOINT or HEALTHCHECK: `65532:65532` on
/// distroless and scratch (no user database needed), and on Alpine a user
/// made with `adduser -D`. Files copied into the stage stay owned by root,
/// so the program can read them but not write them. It warns when the stage
/// exposes a port below 1024, which a non-root process can bind only where
/// the runtime allows it.
///
/// ## Before
/// ```dockerfile
/// FROM alpine:3.24
/// COPY --from=build /out/app /usr/local/bin/app
/// CMD ["app"]
/// ```
///
/// ## After
/// ```dockerfile
/// FROM alpine:3.24
/// COPY --from=build /out/app /usr/local/bin/app
/// RUN adduser -D -u 10001 app
/// USER app
/// CMD ["app"]
/// ```
public struct UseNonRootUser: RewritePass {
    public static let id = "use-nonroot"
    public static let summary = "Run the final stage as a non-root user, and warn about ports below 1024."

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
    }

    public func apply(to file: FileContext) -> PassOutcome {
        guard let final = file.dockerfile.stages.last else { return .unchanged("no FROM") }
        var notes = PassNotes()
        for expose in final.instructions where expose.kind == .expose {
            for port in expose.argumentStrings {
                if let n = Int(port.split(separator: "/").first ?? ""), n < 1024 {
                    notes.warn("EXPOSE \(port) on line \(expose.startLine): a non-root process binds ports below 1024 only where the runtime allows it (Docker does by default; Kubernetes may not)")
                }
            }
        }
        if let user = final.instructions.last(where: { $0.kind == .user }) {
            let name = user.argumentStrings.first.map { String($0.split(separator: ":").first ?? "") } ?? ""
            if name != "root" && name != "0" { notes.info("the final stage already runs as \(name)")
                return PassOutcome(notes: notes) }
        } else if case .image(let ref) = final.base, ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/"), ref.tag?.hasSuffix("nonroot") == true {
            notes.info("\(ref.original) runs as nonroot (uid 65532)")
            return PassOutcome(notes: notes)
        }
        var lines: [String] = []
        let kw = file.style.keyword
        let base: ImageReference?
        if case .image(let ref) = final.base { base = ref } else { base = nil }
        if final.base == .scratch || base?.repository.hasPrefix("distroless/") == true {
            lines.append("\(kw("USER")) 65532:65532")
        } else if let base, base.name == "node", ImageCatalogLite.isOfficial(base) {
            lines.append("\(kw("USER")) node")
        } else if let base, base.name == "alpine" || (base.tag ?? "").contains("alpine") {
            lines.append("\(kw("RUN")) adduser -D -u 10001 app")
            lines.append("\(kw("USER")) app")
        } else {
            return .declined("not changed: dockslim adds a non-root user only on distroless, scratch, Alpine and the node images, whose users it knows")
        }
        var editor = file.editor()
        let reason = "the program runs as root; as a non-root user a compromise of it cannot change the image's files"
        guard Fragment.check(lines.joined(separator: "\n"), style: file.style) != nil else { return .unchanged("the new lines did not parse") }
        if let anchor = final.instructions.first(where: { [.cmd, .entrypoint, .healthcheck].contains($0.kind) }) {
            editor.insert(lines, before: anchor.node, reason: reason)
        } else {
            editor.insert(lines, after: (final.instructions.last ?? final.from).node, reason: reason)
        }
        return PassOutcome(edits: editor.edits, notes: notes)
    }
}

/// Docker Hub official images, by reference.
enum ImageCatalogLite {
    static func isOfficial(_ ref: ImageReference) -> Bool {
        (ref.registry == nil || ref.registry == "docker.io" || ref.registry == "index.docker.io") && (!ref.repository.contains("/") || ref.repository.hasPrefix("library/"))
    }
}
