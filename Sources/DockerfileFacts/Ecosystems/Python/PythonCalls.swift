/// The Python calls that name files or programs.
enum PythonCalls {
    enum Use {
        /// The argument at `index`, or the keyword argument `keyword`, is a path.
        case path(SourceFindings.Effect, PathUse.Shape, index: Int?, keyword: String?, PathUse.Necessity)
        /// `open(file, mode)`: the mode says read or write.
        case open
        /// A database kept in one file the call creates when missing
        /// (`sqlite3.connect(database)`, `TinyDB(path)`, `shelve.open(filename)`): read and written.
        case fileDatabase(keyword: String)
        /// `load_dotenv()` (`.env` found from the calling file's folder) or `load_dotenv(path)`.
        case dotenv
        /// `Flask(__name__)`: `templates/` and `static/` beside the module.
        case flask
        /// The argument at `index` names a program.
        case program(index: Int)
        /// A command: a list whose first item is the program, or a shell string.
        case shell
    }

    /// Methods on a path (`Path("x").read_text()`, `CONFIG.mkdir()`).
    enum Method {
        case use(SourceFindings.Effect, PathUse.Shape, PathUse.Necessity)
        case open
        case glob
    }

    static let table: [String: Use] = {
        var t: [String: Use] = [:]
        for name in ["open", "io.open", "codecs.open"] { t[name] = .open }
        for name in ["os.makedirs", "os.mkdir"] { t[name] = .path(.write, .folder, index: 0, keyword: "name", .required) }
        for name in ["os.path.exists", "os.path.isfile", "os.path.isdir", "os.access"] { t[name] = .path(.read, .file, index: 0, keyword: nil, .ifPresent) }
        for name in ["os.listdir", "os.scandir"] { t[name] = .path(.read, .folder, index: 0, keyword: "path", .required) }
        for name in ["glob.glob", "glob.iglob"] { t[name] = .path(.read, .glob, index: 0, keyword: "pathname", .required) }
        for name in ["load_dotenv", "dotenv.load_dotenv", "dotenv_values", "dotenv.dotenv_values"] { t[name] = .dotenv }
        for name in ["Flask", "flask.Flask"] { t[name] = .flask }
        for name in ["StaticFiles", "Jinja2Templates"] { t[name] = .path(.read, .folder, index: 0, keyword: "directory", .required) }
        for name in ["FileSystemLoader", "jinja2.FileSystemLoader"] { t[name] = .path(.read, .folder, index: 0, keyword: "searchpath", .required) }
        for name in ["sqlite3.connect", "aiosqlite.connect"] { t[name] = .fileDatabase(keyword: "database") }
        for name in ["TinyDB", "tinydb.TinyDB"] { t[name] = .fileDatabase(keyword: "path") }
        for name in ["shelve.open", "dbm.open", "SqliteDict", "sqlitedict.SqliteDict"] { t[name] = .fileDatabase(keyword: "filename") }
        t["pickledb.load"] = .fileDatabase(keyword: "location")
        for handler in ["FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler"] {
            t[handler] = .path(.write, .file, index: 0, keyword: "filename", .required)
            t["*." + handler] = t[handler]
        }
        t["logging.basicConfig"] = .path(.write, .file, index: nil, keyword: "filename", .required)
        for name in ["subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen", "os.system",
                     "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput", "asyncio.create_subprocess_shell"] { t[name] = .shell }
        for name in ["os.execvp", "os.execlp", "os.execv", "os.execl", "shutil.which", "asyncio.create_subprocess_exec"] { t[name] = .program(index: 0) }
        t["os.spawnlp"] = .program(index: 1)
        // Data and models loaded from files.
        for name in ["*.read_csv", "*.read_parquet", "*.read_excel", "*.read_pickle", "joblib.load", "torch.load", "np.load", "numpy.load",
                     "Image.open", "cv2.imread", "*.load_model"] { t[name] = .path(.read, .file, index: 0, keyword: nil, .required) }
        for name in ["*.to_csv", "*.to_parquet"] { t[name] = .path(.write, .file, index: 0, keyword: nil, .required) }
        return t
    }()

    static let methods: [String: Method] = [
        "read_text": .use(.read, .file, .required), "read_bytes": .use(.read, .file, .required),
        "write_text": .use(.write, .file, .required), "write_bytes": .use(.write, .file, .required), "touch": .use(.write, .file, .required),
        "mkdir": .use(.write, .folder, .required), "iterdir": .use(.read, .folder, .required),
        "exists": .use(.read, .file, .ifPresent), "is_file": .use(.read, .file, .ifPresent), "is_dir": .use(.read, .folder, .ifPresent),
        "open": .open, "glob": .glob, "rglob": .glob,
    ]
}
