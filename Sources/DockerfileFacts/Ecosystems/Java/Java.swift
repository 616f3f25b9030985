import DockerfileModel

extension Language {
    package static let java = Language(rawValue: "java")
}

/// Java: JDK and build-tool images (maven, gradle, eclipse-temurin…), Maven
/// and Gradle builds, the jar a `java -jar` command runs (copied alone only
/// when it carries its dependencies), and the runtimes: distroless `java`
/// (which runs `java -jar` itself) and eclipse-temurin JREs.
///
/// Sources: docker-library/eclipse-temurin and maven; distroless `java/BUILD`
/// (entrypoint `java -jar`; java17-debian12 and java21-debian13).
package struct Java: Ecosystem {
    package let language = Language.java
    package let name = "Java"
    package let recipes = ["java-distroless", "java-alpine"]

    package init() {}

    static let images: Set<String> = ["maven", "gradle", "eclipse-temurin", "openjdk", "amazoncorretto", "sapmachine", "ibm-semeru-runtimes"]

    package func role(of image: ImageReference) -> ImageRole? {
        if let d = ImageCatalog.distrolessName(image), d.hasPrefix("java") { return .runtime }
        guard let name = ImageCatalog.officialName(image) else { return nil }
        if name == "tomcat" { return .runtime }
        guard Self.images.contains(name) else { return nil }
        return ["maven", "gradle"].contains(name) || !(image.tag ?? "").contains("jre") ? .toolchain : .runtime
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        ["mvn", "./mvnw", "gradle", "./gradlew"].contains(words.first ?? "")
    }

    /// The major version in an image's tag: `21` for `maven:3.9-eclipse-temurin-21` or `gradle:8-jdk21`.
    static func major(_ ref: ImageReference) -> Int? {
        let tag = ref.tag ?? ""
        for marker in ["temurin-", "jdk-", "jdk", "openjdk-", "corretto-", "java"] {
            if let r = tag.range(of: marker) {
                let digits = tag[r.upperBound...].prefix { $0.isNumber }
                if let n = Int(digits) { return n }
            }
        }
        if ["eclipse-temurin", "openjdk", "amazoncorretto", "sapmachine"].contains(ref.name) { return Int(tag.prefix { $0.isNumber }) }
        return nil
    }

    // MARK: Build

    package func readBuild(_ input: StageInput) -> BuildReading {
        guard case .image(let ref) = input.stage.base, let name = ImageCatalog.officialName(ref), Self.images.contains(name) else { return .notMine }
        let app: AppStage
        switch AppStage.read(input, image: ref, name: self.name) {
        case .success(let a): app = a
        case .failure(let stop): return stop.reading
        }
        switch readJar(app) {
        case .success(let plan): return .plan(plan)
        case .failure(let stop): return stop.reading
        }
    }

    private func readJar(_ app: AppStage) -> Result<BuildPlan, BuildReadingStop> {
        let runs: [AppStage.Run]
        switch app.runs() { case .success(let r): runs = r; case .failure(let w): return .failure(.refused(w.text)) }
        var built = false
        var fatJarTask = false
        var packages: [String] = []
        for run in runs {
            for words in run.commands {
                guard let tool = words.first else { continue }
                switch tool {
                case "mvn", "./mvnw", "gradle", "./gradlew":
                    let goals = words.dropFirst().filter { !$0.hasPrefix("-") }
                    if goals.contains(where: { ["package", "install", "verify", "build", "bootJar", "jar", "shadowJar", "assemble"].contains($0) }) { built = true }
                    if goals.contains(where: { ["bootJar", "shadowJar", "spring-boot:repackage"].contains($0) }) { fatJarTask = true }
                case "chmod":
                    continue
                default:
                    if !AppStage.systemCommand(words, packages: &packages) {
                        return .failure(.refused("RUN on line \(run.instruction.startLine) runs `\(words.joined(separator: " "))`, which dockslim does not carry into a runtime stage"))
                    }
                }
            }
        }
        guard built else { return .failure(.nothingToBuild("no RUN builds a jar (mvn package, gradle build, bootJar)")) }
        var plan = BuildPlan(language: .java, stage: app.stage, builderImage: app.image, buildIndex: app.buildIndex, artifacts: [],
                             entry: app.entry, linking: .interpreted, packages: packages)
        guard app.input.requireEntry else { return .success(plan) }
        guard let entry = app.entry, let argv = AppStage.argv(entry), let first = argv.first, first == "java" || first.hasSuffix("/java") else {
            if let e = app.entry, e.original.contains("-jar"), e.original.contains("*") {
                return .failure(.refused("\(e.keyword) on line \(e.startLine) names the jar by a pattern; name it exactly so the runtime stage copies exactly it"))
            }
            return .failure(.refused("no CMD or ENTRYPOINT runs `java -jar FILE`"))
        }
        guard let jarIndex = argv.firstIndex(of: "-jar"), jarIndex + 1 < argv.count else { return .failure(.refused("the command does not run `java -jar`")) }
        let jar = argv[jarIndex + 1]
        guard !jar.contains("*"), !jar.contains("$") else {
            return .failure(.refused("the jar is named by a pattern (\(jar)); name it in CMD so the runtime stage can copy exactly it"))
        }
        // A jar run alone must carry its dependencies: Spring Boot, shaded or -all jars.
        let buildFiles = ["pom.xml", "build.gradle", "build.gradle.kts"].compactMap { app.context?.text($0) }.joined(separator: "\n")
        let fatByBuild = ["spring-boot-maven-plugin", "org.springframework.boot", "maven-shade-plugin", "jar-with-dependencies",
                          "com.github.johnrengelman.shadow", "com.gradleup.shadow"].contains { buildFiles.contains($0) }
        let fatByName = ["-all.jar", "-jar-with-dependencies.jar", "-shaded.jar", "-fat.jar"].contains { jar.hasSuffix($0) }
        guard fatJarTask || fatByBuild || fatByName else {
            return .failure(.refused("\(jar) may load other jars from the build folder at run time (a Class-Path in its manifest); dockslim copies a jar alone only when it is a Spring Boot, shaded or -all jar, which the build file or task shows"))
        }
        let entryIndex = app.stage.instructions.firstIndex { $0 === entry }!
        guard let dir = app.workdir(before: entryIndex) else { return .failure(.refused("the folder the jar is in is not known")) }
        plan.artifacts = [Artifact(jar.hasPrefix("/") ? Paths.join("/", jar) : Paths.join(dir, jar))]
        return .success(plan)
    }

    // MARK: Dependencies and caches

    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard let tool = words.first else { return .none }
        let args = Array(words.dropFirst())
        switch tool {
        case "mvn":
            let goals = args.filter { !$0.hasPrefix("-") }
            guard !goals.isEmpty, goals.allSatisfy({ $0.hasPrefix("dependency:go-offline") || $0.hasPrefix("dependency:resolve") }) else { return .none }
            return .install(DependencyInstall(ecosystem: "maven", required: ["pom.xml"], optional: [], optionalPatterns: []))
        case "gradle", "./gradlew":
            guard args.filter({ !$0.hasPrefix("-") }) == ["dependencies"] else { return .none }
            let buildFiles = ["build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "gradle.properties"]
            return .install(DependencyInstall(ecosystem: "gradle", required: tool == "./gradlew" ? ["gradlew", "gradle/"] : [], optional: buildFiles,
                                              optionalPatterns: []))
        default:
            return .none
        }
    }

    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? {
        if install.ecosystem == "maven", let pom = context.text("pom.xml"), pom.contains("<modules>") {
            return "pom.xml is a multi-module build, whose modules' poms the install needs"
        }
        if install.ecosystem == "gradle" {
            for name in ["settings.gradle", "settings.gradle.kts"] {
                if let s = context.text(name), s.contains("include") { return "\(name) includes subprojects, whose build files the install needs" }
            }
        }
        return nil
    }

    package func cacheMounts(_ words: [String], environment e: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard let tool = words.first else { return .none }
        let args = Set(words.dropFirst())
        switch tool {
        case "mvn", "./mvnw":
            if args.contains(where: { $0.hasPrefix("-Dmaven.repo.local") }) { return .skip("maven's repository is moved") }
            return .mounts([CacheMount("/root/.m2/repository")])
        case "gradle", "./gradlew":
            if image.map({ ImageCatalog.officialName($0) == "gradle" }) == true { return .skip("the gradle image's GRADLE_USER_HOME is not known to dockslim") }
            if e["GRADLE_USER_HOME"] != nil || args.contains("-g") || args.contains(where: { $0.hasPrefix("--gradle-user-home") }) {
                return .skip("gradle's user home is moved")
            }
            return .mounts([CacheMount("/root/.gradle/caches")])
        default:
            return .none
        }
    }

    // MARK: Runtime

    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        guard let build = builds.first else { return .notApplicable("no builder") }
        let ref = build.builderImage
        var move: RuntimeMove
        switch target {
        case .distroless:
            guard let major = Self.major(ref) else { return .refused("not moved: the Java version of \(ref.original) is not known") }
            let image: String
            switch RuntimeChoices.languageImage("java", version: String(major), builder: ref, family: .distroless, options: options) {
            case .success(let i): image = i
            case .failure(let why): return .refused("not moved to distroless: \(why.text)")
            }
            move = RuntimeMove(image: image, program: .interpreter, hasShell: false, users: ["root", "nonroot", "nobody"],
                               reason: "the java runtime stage moves to \(image): the java runtime without the build tools, shell or package manager")
            move.entryPrefix = ["java", "-jar"]
            move.interpreterPath = "/usr/bin/java"
        case .alpine, .slim:
            guard let major = Self.major(ref) else { return .refused("not moved: the Java version of \(ref.original) is not known") }
            let image = (options.image ?? "eclipse-temurin") + ":" + (options.tag ?? "\(major)-jre\(target == .alpine ? "-alpine" : "")")
            if options.image == nil, options.tag == nil, let r = ImageReference(image), ImageCatalog.tagExists(r) != true {
                return .refused("not moved to \(target.rawValue): \(image) is not a published tag dockslim knows")
            }
            move = RuntimeMove(image: image, program: .interpreter, hasShell: true, users: ["root", "nobody"],
                               reason: "the java runtime stage moves to \(image): the java runtime without the build tools")
            let os = target == .alpine ? ImageCommands.alpine : ImageCommands.debianSlim
            move.tools = os.union(ImageCommands.languageTools(of: ImageReference(image) ?? ref))
        case .scratch:
            return .notApplicable("not moved to scratch: a java program needs its runtime")
        }
        if move.image == input.stage.resolvedBase { return .alreadyThere("the runtime stage is already on \(move.image)") }
        if let why = AppStage.runsBuildTool(input.stage, tools: AppStage.buildTools) { return .refused("not moved: \(why)") }
        return .move(move)
    }

    /// On distroless java, CMD gives `java -jar` the jar; JVM options move to JAVA_TOOL_OPTIONS.
    package func command(_ argv: [String], of i: Instruction, on move: RuntimeMove, entrypointSet: Bool) -> CommandChange {
        guard !move.entryPrefix.isEmpty, i.kind == .cmd, !entrypointSet else {
            return InterpreterCommand.stripPrefix(argv, of: i, on: move, entrypointSet: entrypointSet)
        }
        let line = "\(i.keyword) on line \(i.startLine)"
        guard argv.first == "java", let jar = argv.firstIndex(of: "-jar") else { return .refuse("not moved: \(line) does not run java -jar") }
        let options = Array(argv[1..<jar])
        var lines = ["CMD " + AppStage.json(Array(argv[(jar + 1)...]))]
        var note: String?
        if !options.isEmpty {
            guard options.allSatisfy({ !$0.contains("\"") && !$0.contains("$") }) else { return .refuse("not moved: \(line) has JVM options dockslim cannot move") }
            lines.insert("ENV JAVA_TOOL_OPTIONS=\"\(options.joined(separator: " "))\"", at: 0)
            note = "\(line): the JVM options move to JAVA_TOOL_OPTIONS, since \(move.image) runs `java -jar` itself"
        }
        return .replace(lines, reason: "\(line): \(move.image) runs `\(move.entryPrefix.joined(separator: " "))` itself; CMD gives it the rest", note: note)
    }
}
