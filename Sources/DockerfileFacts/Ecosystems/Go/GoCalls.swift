/// The Go calls that name files or programs, by callee (`os.Open`) or
/// method on any receiver (`*.LoadHTMLGlob`).
enum GoCalls {
    enum Kind {
        /// The argument at `index` is a path.
        case path(SourceFindings.Effect, PathUse.Shape, index: Int, PathUse.Necessity)
        /// The arguments at `indices` are paths (a TLS certificate and its key).
        case paths(SourceFindings.Effect, PathUse.Shape, indices: [Int])
        /// Every argument is a path; none means `defaultPath` (godotenv's `.env`).
        case eachPath(SourceFindings.Effect, PathUse.Shape, defaultPath: String?)
        /// `os.OpenFile(path, flags, mode)`: the flags say read or write.
        case openFile
        /// `sql.Open(driver, dsn)`: a SQLite driver's DSN is a file.
        case sqlOpen(driverIndex: Int)
        /// `sqlite.Open(dsn)` (gorm's drivers).
        case sqliteOpen
        /// Runs the program named at this argument.
        case command(index: Int)
        /// A flag whose default value may be a path.
        case flagDefault(nameIndex: Int, valueIndex: Int)
        case viper(GoViperConfig.Setting)
    }

    struct Use {
        let kind: Kind
        /// Counted only in a file importing one of these (a generic method name such as `Static`).
        let frameworks: [String]
        init(_ kind: Kind, frameworks: [String] = []) {
            self.kind = kind
            self.frameworks = frameworks
        }
    }

    static let table: [String: Use] = {
        var t: [String: Use] = [:]
        for name in ["os.Open", "os.ReadFile", "ioutil.ReadFile"] { t[name] = Use(.path(.read, .file, index: 0, .required)) }
        for name in ["os.ReadDir", "ioutil.ReadDir", "os.DirFS", "http.Dir", "gin.Dir"] { t[name] = Use(.path(.read, .folder, index: 0, .required)) }
        for name in ["os.Stat", "os.Lstat"] { t[name] = Use(.path(.read, .file, index: 0, .ifPresent)) }
        for name in ["os.Create", "os.WriteFile", "ioutil.WriteFile"] { t[name] = Use(.path(.write, .file, index: 0, .required)) }
        for name in ["os.Mkdir", "os.MkdirAll"] { t[name] = Use(.path(.write, .folder, index: 0, .required)) }
        t["os.OpenFile"] = Use(.openFile)
        // A TLS server reads its certificate and key when it starts.
        t["http.ListenAndServeTLS"] = Use(.paths(.read, .file, indices: [1, 2]))
        t["*.ListenAndServeTLS"] = Use(.paths(.read, .file, indices: [0, 1]))
        t["*.ServeTLS"] = Use(.paths(.read, .file, indices: [1, 2]))
        t["tls.LoadX509KeyPair"] = Use(.paths(.read, .file, indices: [0, 1]))
        t["*.RunTLS"] = Use(.paths(.read, .file, indices: [1, 2]), frameworks: ["github.com/gin-gonic/gin"])
        t["*.StartTLS"] = Use(.paths(.read, .file, indices: [1, 2]), frameworks: ["github.com/labstack/echo"])
        t["*.ListenTLS"] = Use(.paths(.read, .file, indices: [1, 2]), frameworks: ["github.com/gofiber/fiber"])
        t["http.ServeFile"] = Use(.path(.read, .file, index: 2, .required))
        t["*.ParseGlob"] = Use(.path(.read, .glob, index: 0, .required))
        t["*.ParseFiles"] = Use(.eachPath(.read, .file, defaultPath: nil))
        t["*.LoadHTMLGlob"] = Use(.path(.read, .glob, index: 0, .required))
        t["*.LoadHTMLFiles"] = Use(.eachPath(.read, .file, defaultPath: nil))
        // gin, echo and fiber: `Static(prefix, root)`.
        t["*.Static"] = Use(.path(.read, .folder, index: 1, .required), frameworks: ["github.com/gin-gonic/gin", "github.com/labstack/echo", "github.com/gofiber/fiber"])
        t["*.StaticFile"] = Use(.path(.read, .file, index: 1, .required), frameworks: ["github.com/gin-gonic/gin"])
        t["*.SendFile"] = Use(.path(.read, .file, index: 0, .required), frameworks: ["github.com/gofiber/fiber"])
        for name in ["godotenv.Load", "godotenv.Overload", "godotenv.Read"] { t[name] = Use(.eachPath(.read, .file, defaultPath: ".env")) }
        for name in ["sql.Open", "sqlx.Open", "sqlx.Connect", "sqlx.MustOpen", "sqlx.MustConnect"] { t[name] = Use(.sqlOpen(driverIndex: 0)) }
        t["sqlite.Open"] = Use(.sqliteOpen)
        t["exec.Command"] = Use(.command(index: 0))
        t["exec.CommandContext"] = Use(.command(index: 1))
        t["exec.LookPath"] = Use(.command(index: 0))
        t["syscall.Exec"] = Use(.command(index: 0))
        t["flag.String"] = Use(.flagDefault(nameIndex: 0, valueIndex: 1))
        t["flag.StringVar"] = Use(.flagDefault(nameIndex: 1, valueIndex: 2))
        t["*.StringVar"] = Use(.flagDefault(nameIndex: 1, valueIndex: 2))
        t["*.StringP"] = Use(.flagDefault(nameIndex: 0, valueIndex: 2))
        t["*.StringVarP"] = Use(.flagDefault(nameIndex: 1, valueIndex: 3))
        t["*.SetConfigName"] = Use(.viper(.name))
        t["*.SetConfigType"] = Use(.viper(.type))
        t["*.AddConfigPath"] = Use(.viper(.path))
        t["*.SetConfigFile"] = Use(.viper(.file))
        return t
    }()
}

/// Viper's settings over the whole program: `SetConfigName("config")` with
/// `AddConfigPath(".")` and `SetConfigType("yaml")` reads `./config.yaml`;
/// without a type, any of its extensions.
struct GoViperConfig {
    enum Setting { case name, type, path, file }

    private var names: [(String, Evidence)] = []
    private var types: [String] = []
    private var paths: [String] = []
    private var files: [(String, Evidence)] = []
    private var computed: [Evidence] = []

    mutating func note(_ setting: Setting, value: String?, evidence: Evidence) {
        guard let value, !value.contains("$") else { return computed.append(evidence) }
        switch setting {
        case .name: names.append((value, evidence))
        case .type: types.append(value)
        case .path: paths.append(value)
        case .file: files.append((value, evidence))
        }
    }

    mutating func merge(_ other: GoViperConfig) {
        names += other.names
        types += other.types
        paths += other.paths
        files += other.files
        computed += other.computed
    }

    func record(into findings: inout SourceFindings) {
        for e in computed { findings.unknownPath("viper configuration", evidence: e) }
        for (file, e) in files { findings.add(.read, PathValue(file, base: .workingDirectory), shape: .file, via: "viper SetConfigFile", evidence: e) }
        let extensions = types.isEmpty ? ["*"] : types
        for (name, e) in names {
            for folder in paths.isEmpty ? ["."] : paths {
                let dir = folder == "." || folder == "./" ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
                for ext in extensions {
                    findings.add(.read, PathValue(dir + name + "." + ext, base: .workingDirectory), shape: ext == "*" ? .glob : .file,
                                 via: "viper SetConfigName", evidence: e)
                }
            }
        }
    }
}
