/// The Rust calls that name files or programs, by path (`fs::read_to_string`
/// also matches `std::fs::…` and `tokio::fs::…`) or method on any receiver.
enum RustCalls {
    enum Use {
        case path(SourceFindings.Effect, PathUse.Shape, index: Int, PathUse.Necessity)
        /// `File::open`, or `OpenOptions::new()….open(path)`: the chain says read or write.
        case open
        /// `dotenv()` reads `.env` (found from the working directory up); `from_filename(x)` reads x.
        case dotenv(defaultPath: String?)
        case command
        /// `Template::fairing()`: Rocket reads `templates/`.
        case rocketTemplates
        /// `rocket::build()`: Rocket reads `Rocket.toml` when there.
        case rocketLaunch
    }

    struct Method {
        let effect: SourceFindings.Effect
        let shape: PathUse.Shape
        let necessity: PathUse.Necessity
    }

    static let table: [String: Use] = {
        var t: [String: Use] = [:]
        for name in ["fs::read_to_string", "fs::read", "NamedFile::open", "NamedFile::open_async", "ServeFile::new", "fs::file"] {
            t[name] = .path(.read, .file, index: 0, .required)
        }
        for name in ["fs::read_dir", "FileServer::from", "ServeDir::new", "fs::dir", "path_loader", "*.path_loader"] { t[name] = .path(.read, .folder, index: 0, .required) }
        t["fs::metadata"] = .path(.read, .file, index: 0, .ifPresent)
        t["Files::new"] = .path(.read, .folder, index: 1, .required)
        t["Tera::new"] = .path(.read, .glob, index: 0, .required)
        t["*.register_template_file"] = .path(.read, .file, index: 1, .required)
        t["log4rs::init_file"] = .path(.read, .file, index: 0, .required)
        for name in ["fs::write", "File::create"] { t[name] = .path(.write, .file, index: 0, .required) }
        t["fs::copy"] = .path(.write, .file, index: 1, .required)
        for name in ["fs::create_dir_all", "fs::create_dir"] { t[name] = .path(.write, .folder, index: 0, .required) }
        for name in ["rolling::daily", "rolling::hourly", "rolling::minutely", "rolling::never"] { t[name] = .path(.write, .folder, index: 0, .required) }
        for name in ["Connection::open", "SqliteConnection::establish"] { t[name] = .path(.readWrite, .file, index: 0, .required) }
        t["File::open"] = .open
        for name in ["dotenv", "dotenv::dotenv", "dotenvy::dotenv"] { t[name] = .dotenv(defaultPath: ".env") }
        for name in ["dotenv::from_filename", "dotenvy::from_filename", "dotenv::from_path", "dotenvy::from_path"] { t[name] = .dotenv(defaultPath: nil) }
        t["Command::new"] = .command
        for name in ["Template::fairing", "Template::custom", "Template::try_custom"] { t[name] = .rocketTemplates }
        for name in ["rocket::build", "rocket::custom"] { t[name] = .rocketLaunch }
        return t
    }()

    /// Methods on a `Path::new(…)` receiver.
    static let methods: [String: Method] = [
        "exists": Method(effect: .read, shape: .file, necessity: .ifPresent),
        "is_file": Method(effect: .read, shape: .file, necessity: .ifPresent),
        "is_dir": Method(effect: .read, shape: .folder, necessity: .ifPresent),
        "open": Method(effect: .read, shape: .file, necessity: .required),
    ]
}
