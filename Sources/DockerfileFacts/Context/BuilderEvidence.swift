/// What the project's own files say about how its Dockerfiles are built,
/// for rewrites that need BuildKit (`RUN --mount`) or that would be lost
/// (a generated file). Read from the build context's text only; each
/// answer names the file that says so.
package enum BuilderEvidence {
    /// Why the project builds this folder's Dockerfiles with a builder that
    /// rejects `RUN --mount`, or `nil` when nothing says so:
    /// - a Cloud Build config (`cloudbuild.yaml`, `.yml`, `.json`) with a
    ///   plain `docker build` step of `gcr.io/cloud-builders/docker` and no
    ///   `DOCKER_BUILDKIT=1` (that step runs the classic builder);
    /// - a `.gcloudignore` beside the Dockerfile and no Cloud Build config
    ///   that enables BuildKit: `gcloud builds submit` and `gcloud run deploy
    ///   --source` upload the folder to that same docker step;
    /// - CI files (`.gitlab-ci.yml`, `.github/workflows/*.yml`, `Makefile`,
    ///   `Jenkinsfile`, Cloud Build configs) that set `DOCKER_BUILDKIT=0`, run
    ///   `gcloud builds submit --tag` or `gcloud run deploy --source`, build
    ///   with Buildah or kaniko, or run `docker build` in a Docker 19 or 20 image
    ///   (whose builder is the classic one unless told otherwise).
    ///
    /// `dockerfile` is the file being rewritten: a Cloud Build step that
    /// builds another Dockerfile of the folder (`-f api.prod.Dockerfile`,
    /// whose text differs) is no evidence about it.
    package static func classicBuilder(in context: BuildContext, dockerfile: [UInt8]? = nil) -> String? {
        let cloudBuild = ["cloudbuild.yaml", "cloudbuild.yml", "cloudbuild.json"].filter(context.has)
        var buildKitInCloudBuild = false
        for name in cloudBuild {
            guard let text = context.text(name) else { continue }
            if text.contains("DOCKER_BUILDKIT=1") || text.contains("buildx") { buildKitInCloudBuild = true; continue }
            let steps = plainDockerBuildSteps(text).filter { file in
                let path = file.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 } ?? "Dockerfile"
                guard let dockerfile, let built = context.contents[path] else { return true }
                return built == dockerfile
            }
            if let built = steps.first {
                let what = built.map { "builds \($0)" } ?? "builds"
                return "\(name) \(what) with Cloud Build's docker step (`docker build` without DOCKER_BUILDKIT=1), whose classic builder rejects RUN --mount"
            }
        }
        for name in ciFiles(context) {
            guard let text = context.text(name) else { continue }
            if let why = ciEvidence(text) { return "\(name) \(why)" }
        }
        if let heroku = context.text("heroku.yml"), herokuBuildsDocker(heroku, dockerfile: dockerfile, context: context) {
            return "heroku.yml builds it with Heroku's container builder, which does not run BuildKit and rejects RUN --mount"
        }
        if context.has(".gcloudignore") && !buildKitInCloudBuild {
            return ".gcloudignore: the folder is uploaded by gcloud (gcloud builds submit, gcloud run deploy --source), whose Cloud Build docker step builds without BuildKit and rejects RUN --mount"
        }
        return nil
    }

    /// Whether heroku.yml's `build: docker:` names this Dockerfile (a
    /// process type mapped to its path, `web: Dockerfile`).
    static func herokuBuildsDocker(_ text: String, dockerfile: [UInt8]?, context: BuildContext) -> Bool {
        var inBuild = false, inDocker = false
        for raw in text.textLines() {
            let indent = raw.prefix { $0 == " " }.count
            let line = raw.trimmingCharacters(in: " \t")
            if line.isEmpty || line.hasPrefix("#") { continue }
            if indent == 0 { inBuild = line.hasPrefix("build:"); inDocker = false; continue }
            guard inBuild else { continue }
            if line.hasPrefix("docker:") { inDocker = true; continue }
            guard inDocker, let colon = line.firstIndex(of: ":") else { continue }
            let path = line[line.index(after: colon)...].trimmingCharacters(in: " \t\"'")
            let file = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            guard let dockerfile, let built = context.contents[file] else { return true }
            if built == dockerfile { return true }
        }
        return false
    }

    /// The CI and build files of the context that may say how it is built.
    static func ciFiles(_ context: BuildContext) -> [String] {
        let fixed = [".gitlab-ci.yml", "Makefile", "makefile", "GNUmakefile", "Jenkinsfile", "cloudbuild.yaml", "cloudbuild.yml", "cloudbuild.json"]
        let workflows = context.files(under: ".github/workflows").filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        return fixed.filter(context.has) + workflows
    }

    /// What a CI file says that rules BuildKit out, as the rest of a sentence.
    static func ciEvidence(_ text: String) -> String? {
        let flat = joinedContinuations(text)
        for line in flat.split(separator: "\n").map(String.init) {
            let l = line.trimmingCharacters(in: " \t\r")
            if l.hasPrefix("#") { continue }
            let compact = l.filter { $0 != " " && $0 != "\"" && $0 != "'" }
            if compact.contains("DOCKER_BUILDKIT=0") || compact.contains("DOCKER_BUILDKIT:0") || compact.contains("DOCKER_BUILDKIT=false")
                || compact.contains("DOCKER_BUILDKIT:false") {
                return "sets DOCKER_BUILDKIT=0: the classic builder rejects RUN --mount"
            }
            // Without --tag it runs the folder's cloudbuild.yaml, which is read above.
            if l.contains("gcloud builds submit"), l.contains("--tag") || l.contains(" -t "), !l.contains("--config"), !l.contains("--pack") {
                return "builds with `gcloud builds submit`, whose Cloud Build docker step builds without BuildKit and rejects RUN --mount"
            }
            if l.contains("gcloud run deploy"), l.contains("--source") {
                return "deploys with `gcloud run deploy --source`, which builds on Cloud Build's docker step without BuildKit and rejects RUN --mount"
            }
            if l.contains("buildah bud") || l.contains("buildah build") || l.contains("buildah-build") {
                return "builds with Buildah, whose older releases reject RUN --mount"
            }
            if l.contains("kaniko-project/executor") || l.contains("/kaniko/executor") {
                return "builds with kaniko, which rejects RUN --mount (Unknown flag: mount)"
            }
        }
        if let old = oldDockerImage(flat), flat.contains("docker build"), !flat.contains("DOCKER_BUILDKIT=1"), !flat.contains("DOCKER_BUILDKIT: 1"),
           !flat.contains("DOCKER_BUILDKIT: \"1\""), !flat.contains("buildx") {
            return "runs docker build in \(old), whose classic builder rejects RUN --mount unless DOCKER_BUILDKIT=1"
        }
        return nil
    }

    /// A `docker:19…` or `docker:20…` image the file runs (CLI before 23 builds without BuildKit).
    static func oldDockerImage(_ text: String) -> String? {
        var search = text[...]
        while let r = search.range(of: "docker:") {
            let before = r.lowerBound == text.startIndex ? " " : text[text.index(before: r.lowerBound)]
            let version = text[r.upperBound...].prefix { $0.isNumber || $0 == "." }
            if (before == " " || before == "\"" || before == "'" || before == "/"), version.hasPrefix("19.") || version.hasPrefix("18.") || version.hasPrefix("20.") {
                return "docker:" + version
            }
            search = text[r.upperBound...]
        }
        return nil
    }

    /// The `gcr.io/cloud-builders/docker` steps of a Cloud Build config
    /// whose first argument is `build` (not `buildx`), each as the
    /// Dockerfile it names with `-f` (`nil`: the context's `Dockerfile`).
    static func plainDockerBuildSteps(_ text: String) -> [String?] {
        // Steps start at each `name` key; a step is the text up to the next one.
        var starts: [String.Index] = []
        var rest = text[...]
        while let r = rest.range(of: "name") {
            starts.append(r.lowerBound)
            rest = text[r.upperBound...]
        }
        let chunks = starts.indices.map { k in text[starts[k]..<(k + 1 < starts.count ? starts[k + 1] : text.endIndex)] }
        var found: [String?] = []
        for step in chunks where step.contains("cloud-builders/docker") && !step.contains("buildx") {
            var plain = step.contains("docker build ")
            if !plain, let args = step.range(of: "args") {
                let after = step[args.upperBound...].drop { " :\"'[\n\r\t-".contains($0) }
                plain = after.prefix { !" ,\"'\n\r\t]".contains($0) } == "build"
            }
            guard plain else { continue }
            // The words of the step, to find `-f FILE` / `--file FILE`.
            let words = step.split(whereSeparator: { " ,[]\"'\n\r\t".contains($0) }).map(String.init).filter { $0 != "-" }
            var file: String?
            if let f = words.firstIndex(where: { $0 == "-f" || $0 == "--file" }), f + 1 < words.count { file = words[f + 1] }
            else if let w = words.first(where: { $0.hasPrefix("--file=") }) { file = String(w.dropFirst(7)) }
            found.append(file)
        }
        return found
    }

    /// The text with backslash-newline continuations joined, so a command split over lines reads as one.
    static func joinedContinuations(_ text: String) -> String {
        text.replacing("\\\r\n", with: " ").replacing("\\\n", with: " ")
    }

    /// Why the Dockerfile's own header says it is generated from something
    /// else ("DO NOT EDIT", "generated by"), so an edit would be lost: the
    /// matching comment line, or `nil`.
    package static func generatedHeader(_ source: [UInt8]) -> String? {
        let text = String(decoding: source.prefix(4096), as: UTF8.self)
        let markers = ["do not edit", "generated by", "generated via", "generated from", "generated with", "auto-generated", "autogenerated",
                       "automatically generated", "this file is generated", "this dockerfile is generated", "code generated"]
        for raw in text.textLines().prefix(40) {
            let line = raw.trimmingCharacters(in: " \t\r\u{FEFF}")
            if line.isEmpty { continue }
            guard line.hasPrefix("#") else { return nil }  // the header ends at the first instruction
            let lower = line.lowercased()
            if markers.contains(where: lower.contains) { return line }
        }
        return nil
    }
}
