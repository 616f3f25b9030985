import DockerfileModel

/// Where `go build` and `go install` write their programs and under which
/// names, by cmd/go's rules (`go help build`, `go help install`,
/// `go help modules`, `go help gopath`; cmd/go/internal/load's
/// DefaultExecName):
/// - a main package's program is named after the last element of its import
///   path, the one before a `/vN` major-version suffix (N ≥ 2) in module mode;
///   `go build a.go b.go` names it after the first file;
/// - in module mode the import path is go.mod's `module` plus the folder
///   below go.mod; in GOPATH mode it is the folder below `$GOPATH/src`, or
///   `_/abs/folder` outside it: the folder's name either way;
/// - `go install` writes to `$GOBIN`, else the first `$GOPATH` entry's
///   `bin` (the golang image sets GOPATH=/go);
/// - module mode is the default from Go 1.16; Go 1.13–1.15 use it when a
///   go.mod is in the folder or above; 1.11–1.12 only outside
///   `$GOPATH/src`; before 1.11 there is none; `GO111MODULE` overrides.
struct GoOutputs {
    let folder: String
    let site: BuildSite?
    let context: BuildContext?
    let image: ImageReference
    let environment: [String: String]

    // MARK: Names

    /// cmd/go's DefaultExecName.
    static func execName(importPath: String, moduleMode: Bool) -> String {
        let parts = importPath.split(separator: "/").map(String.init)
        guard let last = parts.last else { return importPath }
        if moduleMode, parts.count > 1, isMajorVersion(last) { return parts[parts.count - 2] }
        return last
    }

    /// `v2`, `v10`; not `v0`, `v1`, `v01`.
    static func isMajorVersion(_ s: String) -> Bool {
        let digits = s.dropFirst()
        guard s.first == "v", !digits.isEmpty, digits.allSatisfy(\.isNumber), digits.first != "0" else { return false }
        return digits != "1"
    }

    /// go.mod's `module` path (`module example.com/x // comment`, quoted or not).
    static func modulePath(_ goMod: String) -> String? {
        for line in goMod.textLines() {
            let t = line.trimmingCharacters(in: " \t\r")
            guard t.hasPrefix("module ") || t.hasPrefix("module\t") else { continue }
            var rest = t.dropFirst("module".count).trimmingCharacters(in: " \t")
            if let c = rest.range(of: "//") { rest = String(rest[..<c.lowerBound]).trimmingCharacters(in: " \t") }
            let path = rest.trimmingCharacters(in: "\"`")
            return path.isEmpty ? nil : path
        }
        return nil
    }

    /// The Go version of a golang tag (`1.16.0-alpine3.13` → [1, 16, 0]); `nil` for the newest (`latest`, `alpine`, `1`).
    static func version(of image: ImageReference) -> [Int]? {
        guard let tag = image.tag, let first = tag.split(separator: "-").first else { return nil }
        let numbers = first.split(separator: ".").map { Int($0) }
        guard numbers.count >= 2, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.compactMap { $0 }
    }

    var gopath: String {
        let first = environment["GOPATH"]?.split(separator: ":").first.map(String.init)
        return first ?? (ImageCatalog.officialName(image) == "golang" ? "/go" : "/root/go")
    }

    /// Where `go install` writes.
    var installFolder: String { environment["GOBIN"] ?? Paths.join(gopath, "bin") }

    // MARK: Modules

    /// The go.mod that governs an image folder: the image folder holding it and its context path.
    func moduleFile(governing imageFolder: String) -> (folder: String, contextPath: String)? {
        guard let placements = site?.placements else { return nil }
        var f = imageFolder
        while true {
            if let c = placements.contextPath(of: Paths.join(f, "go.mod")), context?.has(c) == true { return (f, c) }
            if f == "/" { return nil }
            f = Paths.dirname(f)
        }
    }

    /// Whether the go command runs in module mode in `folder`; `nil` when it depends on a go.mod dockslim cannot see.
    var moduleMode: Bool? {
        let setting = environment["GO111MODULE"] ?? ""
        if setting == "on" { return true }
        if setting == "off" { return false }
        let v = Self.version(of: image)
        if let v, v[0] == 1, v[1] < 11 { return false }
        if setting.isEmpty, v == nil || v![0] > 1 || v![1] >= 16 { return true }
        // auto: a go.mod in the folder or above (Go 1.11–1.12: and outside $GOPATH/src).
        guard site != nil else { return nil }
        let hasModule = moduleFile(governing: folder) != nil
        if let v, v[0] == 1, v[1] < 13, Paths.covers(Paths.join(gopath, "src"), folder) { return false }
        return hasModule
    }

    /// The name of the program built from the package in an image folder, when it can be known.
    func programName(ofPackageIn packageFolder: String) -> String? {
        if moduleMode == false { return Paths.basename(packageFolder) }
        guard let module = moduleFile(governing: packageFolder), let text = context?.text(module.contextPath),
              let path = Self.modulePath(text) else {
            // No go.mod in sight: a package below the build's folder is named after its folder, in either mode.
            let name = Paths.basename(packageFolder)
            return packageFolder != folder && Paths.covers(folder, packageFolder) && !Self.isMajorVersion(name) ? name : nil
        }
        let below = packageFolder == module.folder ? "" : String(packageFolder.dropFirst(module.folder == "/" ? 1 : module.folder.count + 1))
        return Self.execName(importPath: below.isEmpty ? path : path + "/" + below, moduleMode: true)
    }

    // MARK: Packages

    /// The image folders of the main packages a relative pattern matches
    /// (`.`, `./cmd/api`, `./...`, `./cmd/...`), or `nil` when the context's
    /// copy into the image does not show them. Packages of another module
    /// (a folder with its own go.mod) are not matched by `...` in module mode.
    func mainPackages(_ pattern: String) -> (main: [String], all: Int)? {
        guard let site, let context, let contextFolder = site.contextFolder else { return nil }
        let recursive = pattern == "..." || pattern.hasSuffix("/...")
        let base = recursive ? String(pattern.dropLast(3)) : pattern
        let imageBase = Paths.join(folder, base.isEmpty ? "." : base)
        let top = String(Paths.join("/", contextFolder + "/" + (base.isEmpty ? "." : base)).dropFirst())
        // Each folder must come from the same folder copy as the build folder.
        guard site.placements.contextPath(of: imageBase) == top else { return nil }
        let skipModules = moduleMode ?? true
        var folders: [String: [String]] = [:]
        for file in context.files where file.hasSuffix(".go") && !file.hasSuffix("_test.go") {
            let dir = String(Paths.dirname("/" + file).dropFirst())
            guard top.isEmpty || dir == top || dir.hasPrefix(top + "/") else { continue }
            let inside = top.isEmpty ? dir : String(dir.dropFirst(top.count))
            if !recursive && !inside.isEmpty { continue }
            let parts = inside.split(separator: "/")
            if parts.contains(where: { $0 == "vendor" || $0 == "testdata" || $0.hasPrefix(".") || $0.hasPrefix("_") }) { continue }
            if skipModules, nestedModule(dir, below: top, context) { continue }
            guard site.placements.contextHas(file) else { continue }
            folders[dir, default: []].append(file)
        }
        var mains: [String] = []
        var all = 0
        for (dir, files) in folders.sorted(by: { $0.key < $1.key }) {
            let names = Set(files.compactMap { f in context.text(f).flatMap(GoPackageClause.name(ofBuildable:)) })
            guard !names.isEmpty else { continue }
            all += 1
            if names.contains("main") {
                let rest = top.isEmpty ? dir : String(dir.dropFirst(top.count).drop { $0 == "/" })
                mains.append(Paths.join(imageBase, rest.isEmpty ? "." : rest))
            }
        }
        return (mains, all)
    }

    /// A folder strictly below `top` (or `dir` itself, when below) with its own go.mod.
    private func nestedModule(_ dir: String, below top: String, _ context: BuildContext) -> Bool {
        var f = dir
        while f != top && !f.isEmpty {
            if context.has(f + "/go.mod") { return true }
            f = f.contains("/") ? String(f[..<f.lastIndex(of: "/")!]) : ""
        }
        return false
    }
}

/// A Go file's `package` clause, for files the linux build compiles.
enum GoPackageClause {
    /// The package name, or `nil` for a file a build constraint leaves out
    /// on linux (`//go:build ignore`, `// +build windows`) or with no clause.
    static func name(ofBuildable text: String) -> String? {
        for line in text.textLines() {
            let t = line.trimmingCharacters(in: " \t\r")
            if t.hasPrefix("//go:build ") || t.hasPrefix("// +build ") {
                if excludesLinux(String(t.drop { $0 != " " }.dropFirst())) { return nil }
                continue
            }
            if t.hasPrefix("package ") {
                let name = t.dropFirst("package ".count).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" }).first
                return name.map(String.init)
            }
        }
        return nil
    }

    /// Other systems' names, `ignore` and the like: a constraint that names
    /// only these (no `!`, no `||` with linux) leaves the file out.
    static func excludesLinux(_ expression: String) -> Bool {
        let words = expression.split(whereSeparator: { " \t()&|,".contains($0) }).map(String.init)
        guard !words.isEmpty, !words.contains(where: { $0.hasPrefix("!") }), !expression.contains("||") || !expression.contains("linux") else { return false }
        let others: Set<String> = ["ignore", "tools", "windows", "darwin", "freebsd", "openbsd", "netbsd", "js", "wasm", "wasip1", "plan9",
                                   "solaris", "aix", "illumos", "ios", "android", "dragonfly"]
        return words.contains(where: others.contains) && !words.contains("linux") && !words.contains("unix")
    }
}

extension GoOutputs {
    /// A program the runtime stage puts on its PATH elsewhere than the
    /// builder had it (`/go/bin/app` → `/usr/local/bin/app`, since the
    /// runtime image's PATH lacks `/go/bin`), whose sources look for files
    /// beside their own executable (`os.Executable`): the move would change
    /// what it finds.
    static func movedProgramFindsFiles(_ plan: BuildPlan, context: BuildContext?) -> String? {
        guard let moved = plan.artifacts.first(where: { $0.runtimePath != $0.builderPath }), let context else { return nil }
        for file in context.contents.keys.sorted() where file.hasSuffix(".go") && !GoSources.isTestFile(file) && !SourceFiles.inFolder(file, ["vendor"]) {
            guard let text = context.text(file), text.contains("os.Executable(") else { continue }
            let line = (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("os.Executable(") } ?? 0) + 1
            return "\(file):\(line) finds files beside the program's own path (os.Executable), and the runtime image's PATH has no \(Paths.dirname(moved.builderPath)), so the program would run from \(moved.runtimePath) and look there instead"
        }
        return nil
    }
}
