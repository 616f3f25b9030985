/// The Ruby calls that name files or programs.
enum RubyCalls {
    struct PathRule {
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

    enum Use {
        case path(PathRule)
        /// `File.open(path, mode)`, `File.new(path, mode)`.
        case open
        /// `Logger.new("log/app.log")`: a file written (not `STDOUT`).
        case logger
        case command
    }

    static let table: [String: Use] = {
        var t: [String: Use] = [:]
        for name in ["File.read", "File.readlines", "File.foreach", "File.binread", "IO.read", "IO.readlines", "YAML.load_file", "YAML.safe_load_file",
                     "Psych.load_file", "JSON.load_file", "CSV.read", "CSV.foreach"] { t[name] = .path(.init(.read, .file)) }
        for name in ["Dir.entries", "Dir.children", "Dir.each_child", "Dir.foreach"] { t[name] = .path(.init(.read, .folder)) }
        t["Dir.glob"] = .path(.init(.read, .glob))
        for name in ["File.exist?", "File.exists?", "File.file?", "File.readable?"] { t[name] = .path(.init(.read, .file, .ifPresent)) }
        for name in ["File.directory?", "Dir.exist?", "Dir.exists?"] { t[name] = .path(.init(.read, .folder, .ifPresent)) }
        for name in ["File.write", "File.binwrite", "IO.write", "FileUtils.touch"] { t[name] = .path(.init(.write, .file)) }
        for name in ["FileUtils.mkdir_p", "FileUtils.mkdir", "FileUtils.makedirs", "FileUtils.mkpath", "Dir.mkdir"] { t[name] = .path(.init(.write, .folder)) }
        for name in ["SQLite3::Database.new", "SQLite3::Database.open", "Sequel.sqlite"] { t[name] = .path(.init(.readWrite, .file)) }
        t["File.open"] = .open
        t["File.new"] = .open
        for name in ["Logger.new", "ActiveSupport::Logger.new"] { t[name] = .logger }
        for name in ["system", "exec", "spawn", "Kernel.system", "Kernel.exec", "Kernel.spawn", "Process.spawn", "IO.popen", "Open3.capture2",
                     "Open3.capture2e", "Open3.capture3", "Open3.popen3", "Open3.popen2", "Open3.popen2e", "PTY.spawn"] { t[name] = .command }
        return t
    }()
}
