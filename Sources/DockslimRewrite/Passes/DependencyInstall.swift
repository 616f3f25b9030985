/// Dependency installs that `HoistDependencyManifests` knows, and what each
/// needs from the build context.
package struct DependencyInstall: Sendable {
    /// `npm`, `go`, …: how notes name it.
    package let ecosystem: String
    /// Files the install reads that must be there.
    let required: [String]
    /// Files it reads when they are there.
    let optional: [String]
    /// How to copy the optional files when the folder is not at hand: a
    /// pattern that also matches nothing.
    let optionalPatterns: [String]
    /// The install can be hoisted only when the folder is at hand (its
    /// manifests cannot be named by patterns, or may span modules).
    var needsProject: Bool { ecosystem == "maven" || ecosystem == "gradle" }

    /// Reads one simple command (its words). `.none`: not an install;
    /// `.refuse`: an install that cannot be hoisted safely, with the reason.
    package enum Reading {
        case none
        case install(DependencyInstall)
        case refuse(String)
    }

    package static func read(_ words: [String]) -> Reading {
        var w = words
        while let first = w.first, first.contains("="), !first.hasPrefix("-") { w.removeFirst() }  // VAR=value prefixes
        guard let tool = w.first else { return .none }
        let args = Array(w.dropFirst())
        let flagsOnly = { (a: ArraySlice<String>) in a.allSatisfy { $0.hasPrefix("-") } }
        switch tool {
        case "go":
            guard args.first == "mod", args.dropFirst().first == "download" else { return .none }
            guard flagsOnly(args.dropFirst(2)) else { return .refuse("go mod download of named modules") }
            return .install(.init(ecosystem: "go", required: ["go.mod"], optional: ["go.sum"], optionalPatterns: ["go.su[m]"]))
        case "npm":
            guard let sub = args.first, ["ci", "install", "i"].contains(sub) else { return .none }
            guard flagsOnly(args.dropFirst()) else { return .none }  // installing named packages is not the manifest's install
            return .install(.init(ecosystem: "npm", required: ["package.json"],
                                  optional: ["package-lock.json", "npm-shrinkwrap.json", ".npmrc"],
                                  optionalPatterns: ["package*.json", "npm-shrinkwra[p].json", ".npmr[c]"]))
        case "yarn":
            guard args.isEmpty || args.first == "install" || flagsOnly(args[...]) else { return .none }
            guard flagsOnly(args.drop { $0 == "install" }) else { return .none }
            return .install(.init(ecosystem: "yarn", required: ["package.json"], optional: ["yarn.lock", ".yarnrc", ".yarnrc.yml", ".npmrc"],
                                  optionalPatterns: ["yarn.loc[k]", ".yarnr[c]", ".yarnrc.ym[l]", ".npmr[c]"]))
        case "pnpm":
            guard let sub = args.first, ["install", "i"].contains(sub), flagsOnly(args.dropFirst()) else { return .none }
            return .install(.init(ecosystem: "pnpm", required: ["package.json"], optional: ["pnpm-lock.yaml", ".npmrc"],
                                  optionalPatterns: ["pnpm-lock.yam[l]", ".npmr[c]"]))
        case "pip", "pip3":
            return readPip(args)
        case "python", "python3":
            guard args.count >= 2, args[0] == "-m", args[1] == "pip" else { return .none }
            return readPip(Array(args.dropFirst(2)))
        case "uv":
            if args.first == "pip" { return readPip(Array(args.dropFirst())) }
            guard args.first == "sync" else { return .none }
            guard args.contains("--no-install-project") else {
                return .refuse("uv sync also installs the project from its sources; with --no-install-project it could be hoisted")
            }
            return .install(.init(ecosystem: "uv", required: ["pyproject.toml"], optional: ["uv.lock", ".python-version"],
                                  optionalPatterns: ["uv.loc[k]", ".python-versio[n]"]))
        case "poetry":
            guard args.first == "install" else { return .none }
            guard args.contains("--no-root") else {
                return .refuse("poetry install also installs the project from its sources; with --no-root it could be hoisted")
            }
            return .install(.init(ecosystem: "poetry", required: ["pyproject.toml"], optional: ["poetry.lock", "poetry.toml"],
                                  optionalPatterns: ["poetry.loc[k]", "poetry.tom[l]"]))
        case "bundle":
            guard args.first == "install", flagsOnly(args.dropFirst()) else { return .none }
            return .install(.init(ecosystem: "bundler", required: ["Gemfile"], optional: ["Gemfile.lock"], optionalPatterns: ["Gemfile.loc[k]"]))
        case "composer":
            guard args.first == "install" else { return .none }
            guard args.contains("--no-scripts"), args.contains("--no-autoloader") else {
                return .refuse("composer install runs scripts and builds the autoloader from the sources; with --no-scripts --no-autoloader it could be hoisted")
            }
            return .install(.init(ecosystem: "composer", required: ["composer.json"], optional: ["composer.lock"], optionalPatterns: ["composer.loc[k]"]))
        case "mvn":
            let goals = args.filter { !$0.hasPrefix("-") }
            guard !goals.isEmpty, goals.allSatisfy({ $0.hasPrefix("dependency:go-offline") || $0.hasPrefix("dependency:resolve") }) else { return .none }
            return .install(.init(ecosystem: "maven", required: ["pom.xml"], optional: [], optionalPatterns: []))
        case "gradle", "./gradlew":
            let tasks = args.filter { !$0.hasPrefix("-") }
            guard tasks == ["dependencies"] else { return .none }
            if tool == "./gradlew" {
                return .install(.init(ecosystem: "gradle", required: ["gradlew", "gradle/"], optional: ["build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties"], optionalPatterns: []))
            }
            return .install(.init(ecosystem: "gradle", required: [], optional: ["build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties"], optionalPatterns: []))
        case "cargo":
            guard let sub = args.first, ["fetch", "build", "install"].contains(sub) else { return .none }
            return .refuse("cargo cannot read a manifest without the crate's source files, so its install cannot run before them")
        default:
            return .none
        }
    }

    /// `pip install -r FILE…` with flags only: nothing but requirement files.
    private static func readPip(_ args: [String]) -> Reading {
        guard args.first == "install" else { return .none }
        var files: [String] = []
        var rest = args.dropFirst()
        while let a = rest.popFirst() {
            if a == "-r" || a == "--requirement" {
                guard let f = rest.popFirst() else { return .none }
                files.append(f)
            } else if a.hasPrefix("--requirement=") {
                files.append(String(a.dropFirst("--requirement=".count)))
            } else if a.hasPrefix("-r"), a.count > 2 {
                files.append(String(a.dropFirst(2)))
            } else if a == "-e" || a == "--editable" || a == "." || !a.hasPrefix("-") {
                return .none  // installs packages or the project, not just the requirement files
            } else if ["-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--target", "-t", "--prefix", "--root"].contains(a) {
                guard let v = rest.popFirst() else { return .none }
                if a == "-c" || a == "--constraint" { files.append(v) }
            }
        }
        guard !files.isEmpty, files.allSatisfy({ !$0.contains("$") && !$0.hasPrefix("/") && !$0.contains("..") }) else { return .none }
        return .install(.init(ecosystem: "pip", required: files, optional: [], optionalPatterns: []))
    }

    /// Why the project's own files keep this install from running on the
    /// manifests alone, or `nil` when nothing does.
    func obstacle(in project: ProjectFacts) -> String? {
        switch ecosystem {
        case "go":
            if project.has("go.work") { return "go.work makes this a workspace: the install needs the modules it names" }
            if let mod = project.text("go.mod"), mod.split(separator: "\n").contains(where: { $0.contains("=>") && ($0.contains("=> ./") || $0.contains("=> ../") || $0.contains("=> /")) }) {
                return "go.mod replaces a module with a local folder, which the install needs"
            }
        case "npm", "yarn", "pnpm":
            guard let pkg = project.text("package.json") else { break }
            for script in ["\"preinstall\"", "\"install\"", "\"postinstall\"", "\"prepare\"", "\"prepublish\""] where pkg.contains(script) {
                return "package.json has a \(script) script, which may need the sources"
            }
            if pkg.contains("\"workspaces\"") { return "package.json declares workspaces, whose manifests the install needs" }
            if pkg.contains("\"file:") || pkg.contains("\"link:") { return "package.json depends on local folders" }
            if project.has("pnpm-workspace.yaml") { return "pnpm-workspace.yaml declares workspaces" }
            if let rc = project.text(".yarnrc.yml"), rc.contains("yarnPath") { return ".yarnrc.yml points at a yarn release inside the project" }
        case "pip":
            for file in required {
                guard let text = project.text(file) else { continue }
                for line in text.split(separator: "\n") {
                    let l = line.trimmingCharacters(in: " \t\r")
                    if l.hasPrefix("-r") || l.hasPrefix("-c") || l.hasPrefix("-e") || l.hasPrefix("--requirement") || l.hasPrefix("--constraint")
                        || l.hasPrefix("--editable") || l.hasPrefix(".") || l.hasPrefix("/") || l.contains("file:") {
                        return "\(file) refers to other files or local packages (\(l))"
                    }
                }
            }
        case "maven":
            if let pom = project.text("pom.xml"), pom.contains("<modules>") { return "pom.xml is a multi-module build, whose modules' poms the install needs" }
        case "gradle":
            for name in ["settings.gradle", "settings.gradle.kts"] {
                if let s = project.text(name), s.contains("include") { return "\(name) includes subprojects, whose build files the install needs" }
            }
        case "bundler":
            if let gemfile = project.text("Gemfile"), gemfile.contains("gemspec") || gemfile.contains("path:") || gemfile.contains(":path") {
                return "the Gemfile uses a gemspec or local paths, which the install needs"
            }
        default:
            break
        }
        return nil
    }
}
