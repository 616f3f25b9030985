/// The Node.js calls and option fields that name files or programs.
enum NodeCalls {
    struct PathUseRule {
        let effect: SourceFindings.Effect
        let shape: PathUse.Shape
        let index: Int
        let necessity: PathUse.Necessity

        init(_ effect: SourceFindings.Effect, _ shape: PathUse.Shape, index: Int = 0, _ necessity: PathUse.Necessity = .required) {
            self.effect = effect
            self.shape = shape
            self.index = index
            self.necessity = necessity
        }
    }

    /// `fs`, `fs/promises` and `fs-extra` functions by name.
    static let fs: [String: PathUseRule] = {
        var t: [String: PathUseRule] = [:]
        for name in ["readFile", "readFileSync", "createReadStream", "readJson", "readJsonSync", "readJSON", "readJSONSync"] { t[name] = .init(.read, .file) }
        for name in ["readdir", "readdirSync", "opendir", "opendirSync"] { t[name] = .init(.read, .folder) }
        for name in ["existsSync", "exists", "pathExists", "pathExistsSync", "access", "accessSync", "stat", "statSync", "lstat", "lstatSync"] {
            t[name] = .init(.read, .file, .ifPresent)
        }
        for name in ["writeFile", "writeFileSync", "appendFile", "appendFileSync", "createWriteStream", "outputFile", "outputFileSync",
                     "outputJson", "outputJSON", "writeJson", "writeJsonSync", "writeJSON"] { t[name] = .init(.write, .file) }
        for name in ["mkdir", "mkdirSync", "ensureDir", "ensureDirSync", "mkdirp", "mkdirpSync", "mkdirs", "mkdirsSync"] { t[name] = .init(.write, .folder) }
        t["copyFile"] = .init(.write, .file, index: 1)
        t["copyFileSync"] = .init(.write, .file, index: 1)
        return t
    }()

    /// `child_process` functions (and shelljs's `exec`).
    static let childProcess: Set<String> = ["exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync", "fork"]

    /// Object keys that name files in options: log transports, uploads,
    /// SQLite storage, NestJS's `.env` files and generated GraphQL schema.
    static let fileFields: Set<String> = ["filename", "dest", "destination", "storage", "envFilePath", "autoSchemaFile"]
}
