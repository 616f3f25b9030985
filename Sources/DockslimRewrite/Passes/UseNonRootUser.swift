import DockerfileFacts
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
/// so the program can read them but not write them: the pass adds a user
/// only when the program's sources show it writes nothing outside `/tmp`
/// (and it starts no tool that writes, such as Vite or a development
/// server), and never to a GitHub Docker action, a stage with a VOLUME, a
/// server that starts as root to drop privileges itself (nginx, sshd…), an
/// entrypoint that switches users, or a stage exposing a port below 1024,
/// which a non-root process can bind only where the runtime allows it.
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
    public static let summary = "Run the final stage as a non-root user, unless the program must stay root (its writes, a port below 1024)."

    public init(options: [String: String]) throws(RecipeError) {
        try Self.checkOptions(options)
    }

    public func apply(to file: FileContext) -> PassResult {
        guard let final = file.dockerfile.finalStage else { return .notApplicable("no FROM") }
        var notes = PassNotes()
        if let user = final.instructions.last(where: { $0.kind == .user }) {
            let name = user.argumentStrings.first.map { String($0.split(separator: ":").first ?? "") } ?? ""
            if name != "root" && name != "0" { return .alreadyDone("the final stage already runs as \(name)") }
        } else if case .image(let ref) = final.base, ref.registry == "gcr.io", ref.repository.hasPrefix("distroless/"), ref.tag?.hasSuffix("nonroot") == true {
            return .alreadyDone("\(ref.original) runs as nonroot (uid 65532)")
        } else if case .image(let ref) = final.base, let user = ImageCatalog.runtimeFacts(of: ref)?.user, user != .root {
            return .alreadyDone("\(ref.original) runs as \(user.name) (uid \(user.uid))")
        }
        if let why = NonRootChecks.mustStayRoot(final, file) { return .refusing("not changed: \(why)") }
        var lines: [String] = []
        let kw = file.style.keyword
        let base: ImageReference?
        if case .image(let ref) = final.base { base = ref } else { base = nil }
        if final.base == .scratch || base?.repository.hasPrefix("distroless/") == true {
            lines.append("\(kw("USER")) 65532:65532")
        } else if let base, base.name == "node", ImageCatalog.isOfficial(base) {
            lines.append("\(kw("USER")) node")
        } else if let base, ImageCatalog.isOfficial(base), base.name == "alpine" || (base.tag ?? "").contains("alpine") {
            lines.append("\(kw("RUN")) adduser -D -u 10001 app")
            lines.append("\(kw("USER")) app")
        } else {
            return .refusing("not changed: dockslim adds a non-root user only on distroless, scratch, Alpine and the node images, whose users it knows")
        }
        var editor = file.editor()
        let reason = "the program runs as root; as a non-root user a compromise of it cannot change the image's files"
        guard Fragment.check(lines.joined(separator: "\n"), style: file.style) != nil else { return .refusing("the new lines did not parse") }
        if let anchor = final.instructions.first(where: { [.cmd, .entrypoint, .healthcheck].contains($0.kind) }) {
            editor.insert(lines, before: anchor.node, reason: reason)
        } else {
            editor.insert(lines, after: (final.instructions.last ?? final.from).node, reason: reason)
        }
        return .applied(edits: editor.edits, notes: notes)
    }
}
