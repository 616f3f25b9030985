import DockerfileModel

/// Which commands an image has, so that a pass moving a stage to a smaller
/// image can prove that every program the stage runs is still there.
///
/// Sources: the applets of Alpine's busybox (`busybox --list` in
/// alpine:3.20, plus `apk`, `scanelf`, `ssl_client` and musl's `getent`,
/// `getconf`, `iconv`, `ldd`); the `Essential: yes` and `Priority: required`
/// packages of a Debian bookworm/trixie slim image (coreutils, dash, bash,
/// grep, sed, findutils, tar, gzip, diffutils, mawk, perl-base, passwd,
/// login, util-linux, debianutils, hostname, apt, dpkg); and what the
/// official language images add (docker-library's Dockerfiles for node,
/// python, ruby, php, golang, rust, eclipse-temurin).
package enum ImageCommands {
    /// Alpine's base image.
    package static let alpine: Set<String> = [
        "sh", "ash", "[", "[[", "test", "true", "false", "echo", "printf", "cat", "cp", "mv", "rm", "ln", "ls", "mkdir", "rmdir",
        "chmod", "chown", "chgrp", "touch", "pwd", "cd", "export", "set", "unset", "source", ".", "exit", "eval", "read", "shift",
        "trap", "umask", "ulimit", "wait", "alias", "type", "hash", "local", "return", "getopts", "break", "continue", ":",
        "sed", "awk", "grep", "egrep", "fgrep", "find", "xargs", "tar", "gzip", "gunzip", "zcat", "bzip2", "bunzip2", "bzcat",
        "unxz", "xzcat", "xz", "unlzma", "lzcat", "unzip", "sort", "uniq", "head", "tail", "cut", "tr", "wc", "tee", "env",
        "printenv", "sleep", "usleep", "date", "id", "whoami", "basename", "dirname", "readlink", "realpath", "mktemp", "stat",
        "du", "df", "sha1sum", "sha256sum", "sha512sum", "md5sum", "sha3sum", "ps", "pgrep", "pkill", "kill", "killall", "nc",
        "ping", "ping6", "hostname", "uname", "which", "install", "patch", "diff", "cmp", "less", "more", "vi", "ip", "ifconfig",
        "route", "netstat", "nslookup", "wget", "adduser", "addgroup", "deluser", "delgroup", "su", "passwd", "chpasswd",
        "crontab", "crond", "syslogd", "expr", "seq", "yes", "od", "hexdump", "xxd", "base64", "fold", "nohup", "timeout",
        "nproc", "sync", "watch", "top", "free", "uptime", "rev", "nl", "paste", "split", "truncate", "chroot", "mkfifo",
        "mknod", "setsid", "start-stop-daemon", "dd", "logger", "tac", "comm", "cksum", "sum", "dos2unix",
        "unix2dos", "fuser", "pidof", "mount", "umount", "ionice", "renice", "nice", "flock", "chattr", "lsattr",
        "dmesg", "getty", "login", "traceroute", "telnet", "ftpget", "ftpput", "tftp", "udhcpc", "mkpasswd", "cryptpw",
        "apk", "scanelf", "ssl_client", "getent", "getconf", "iconv", "ldd", "ldconfig", "run-parts", "sysctl", "time",
        "command", "exec", "sudo",
    ]

    /// A Debian or Ubuntu slim image: the essential and required packages.
    package static let debianSlim: Set<String> = [
        "sh", "dash", "bash", "[", "[[", "test", "true", "false", "echo", "printf", "cat", "cp", "mv", "rm", "ln", "ls", "mkdir",
        "rmdir", "chmod", "chown", "chgrp", "touch", "pwd", "cd", "export", "set", "unset", "source", ".", "exit", "eval", "read",
        "shift", "trap", "umask", "ulimit", "wait", "alias", "type", "hash", "local", "return", "getopts", "break", "continue",
        ":", "sed", "awk", "mawk", "grep", "egrep", "fgrep", "find", "xargs", "tar", "gzip", "gunzip", "zcat", "sort", "uniq",
        "head", "tail", "cut", "tr", "wc", "tee", "env", "printenv", "sleep", "date", "id", "whoami", "basename", "dirname",
        "readlink", "realpath", "mktemp", "stat", "du", "df", "sha1sum", "sha256sum", "sha512sum", "md5sum", "kill", "hostname",
        "uname", "which", "install", "diff", "cmp", "expr", "seq", "yes", "od", "base64", "fold", "nohup", "timeout", "nproc",
        "sync", "nl", "paste", "split", "truncate", "chroot", "mkfifo", "mknod", "setsid", "dd", "tac", "comm", "cksum", "sum",
        "flock", "mount", "umount", "nice", "renice", "run-parts", "su", "login", "passwd", "chpasswd", "useradd", "groupadd",
        "usermod", "groupmod", "userdel", "groupdel", "adduser", "addgroup", "getent", "ldd", "ldconfig", "iconv", "getconf",
        "perl", "apt-get", "apt", "apt-cache", "apt-key", "apt-mark", "dpkg", "dpkg-query", "dpkg-reconfigure", "update-alternatives",
        "gpgv", "sysctl", "time", "command", "exec", "runuser", "setpriv", "tempfile", "savelog", "ischroot",
    ]

    /// What the official images built on buildpack-deps (golang on its
    /// `scm` variant; node, python, ruby, rust and gcc on the full one) add
    /// to a Debian image: version control, fetchers, compilers and common
    /// tools (docker-library/buildpack-deps' Dockerfiles, and golang's,
    /// which adds gcc, make and pkg-config).
    static let buildpackDeps: Set<String> = [
        "curl", "wget", "gpg", "gpg-agent", "dirmngr", "git", "hg", "svn", "ssh", "scp", "sftp", "ssh-keygen", "ssh-keyscan", "ps", "pgrep",
        "pkill", "top", "free", "watch", "uptime", "gcc", "g++", "cc", "c++", "cpp", "make", "pkg-config", "patch", "unzip", "bzip2", "xz",
        "file", "autoconf", "automake", "libtool", "convert", "identify", "mogrify", "dpkg-dev", "ca-certificates", "update-ca-certificates",
    ]

    /// The commands an image has, when dockslim knows it: its OS's (Alpine's
    /// busybox, a Debian slim image's essential packages, plus
    /// buildpack-deps' tools on the full official images) and its
    /// language's; `nil` for an image it does not know.
    package static func tools(of ref: ImageReference) -> Set<String>? {
        let tag = ref.tag ?? "latest"
        let language = languageTools(of: ref)
        guard let name = ImageCatalog.officialName(ref) else { return nil }
        if name == "alpine" || tag.contains("alpine") { return alpine.union(language) }
        if tag.contains("slim") || ["debian", "ubuntu"].contains(name) { return debianSlim.union(language) }
        let onBuildpackDeps: Set<String> = ["golang", "rust", "gcc", "node", "python", "ruby", "buildpack-deps"]
        if onBuildpackDeps.contains(name) { return debianSlim.union(buildpackDeps).union(language) }
        return language.isEmpty ? nil : debianSlim.union(language)
    }

    /// What an official language or server image adds to its OS, the same in
    /// its Debian, slim and Alpine variants.
    package static func languageTools(of ref: ImageReference) -> Set<String> {
        let name = ref.repository.hasPrefix("library/") ? String(ref.repository.dropFirst(8)) : ref.repository
        let tag = ref.tag ?? ""
        switch name {
        case "node": return ["node", "nodejs", "npm", "npx", "yarn", "yarnpkg", "corepack"]
        case "python", "pypy":
            var tools: Set<String> = ["python", "python3", "pip", "pip3", "pydoc", "pydoc3", "idle3", "python3-config", "2to3"]
            if let dot = tag.split(separator: "-").first, dot.contains(".") {
                let ver = dot.split(separator: ".").prefix(2).joined(separator: ".")
                tools.formUnion(["python\(ver)", "pip\(ver)", "python\(ver)-config"])
            }
            return tools
        case "ruby": return ["ruby", "gem", "bundle", "bundler", "irb", "erb", "rake", "rdoc", "ri", "racc"]
        case "php": return ["php", "pecl", "pear", "phpize", "php-config", "docker-php-ext-install", "docker-php-ext-enable",
                            "docker-php-ext-configure", "docker-php-source", "docker-php-entrypoint", "php-fpm"]
        case "golang": return ["go", "gofmt"]
        case "rust": return ["cargo", "rustc", "rustup", "rustdoc", "rustfmt", "cargo-fmt", "cargo-clippy", "clippy-driver"]
        case "eclipse-temurin", "openjdk", "amazoncorretto":
            return ["java", "keytool", "jar", "javac", "jlink", "jdeps", "jshell", "jcmd", "jps", "jstack", "jmap", "jfr"]
        case "nginx": return ["nginx", "nginx-debug", "envsubst", "docker-entrypoint.sh"]
        case "httpd": return ["httpd", "apachectl", "htpasswd", "rotatelogs"]
        default: return []
        }
    }

    /// Commands the packages of an `apt-get install`, `yum install` or
    /// `apk add` give, beyond a command named like the package.
    static let packageCommands: [String: [String]] = [
        "build-essential": ["gcc", "g++", "cc", "c++", "make", "cpp"], "build-base": ["gcc", "g++", "cc", "c++", "make", "cpp"],
        "gcc": ["gcc", "cc", "cpp"], "g++": ["g++", "c++"], "clang": ["clang", "clang++", "cc", "c++"],
        "openssh-client": ["ssh", "scp", "sftp", "ssh-keygen", "ssh-keyscan", "ssh-agent", "ssh-add"],
        "openssh": ["ssh", "scp", "sftp", "ssh-keygen", "ssh-keyscan", "sshd"], "openssh-server": ["sshd", "ssh-keygen"],
        "procps": ["ps", "pkill", "pgrep", "top", "free", "watch", "uptime", "kill"], "procps-ng": ["ps", "pkill", "pgrep", "top", "free"],
        "postgresql-client": ["psql", "pg_dump", "pg_restore", "pg_isready", "createdb", "dropdb"],
        "mariadb-client": ["mysql", "mysqldump", "mariadb"], "default-mysql-client": ["mysql", "mysqldump"], "mysql-client": ["mysql", "mysqldump"],
        "redis-tools": ["redis-cli"], "redis": ["redis-cli", "redis-server"], "iputils-ping": ["ping"], "iputils": ["ping"],
        "dnsutils": ["dig", "nslookup", "host"], "bind-tools": ["dig", "nslookup", "host"], "bind-utils": ["dig", "nslookup", "host"],
        "net-tools": ["netstat", "ifconfig", "route"], "iproute2": ["ip", "ss"], "netcat-openbsd": ["nc", "netcat"],
        "netcat-traditional": ["nc", "netcat"], "netcat": ["nc", "netcat"], "gnupg": ["gpg", "gpg-agent", "gpgconf"],
        "gnupg2": ["gpg", "gpg2", "gpg-agent"], "xz-utils": ["xz", "unxz", "xzcat"], "xz": ["xz", "unxz", "xzcat"],
        "vim": ["vi", "vim", "xxd"], "vim-tiny": ["vi"], "imagemagick": ["convert", "identify", "magick", "mogrify", "composite"],
        "ImageMagick": ["convert", "identify", "magick", "mogrify"], "ffmpeg": ["ffmpeg", "ffprobe"], "ghostscript": ["gs"],
        "supervisor": ["supervisord", "supervisorctl"], "cron": ["cron", "crontab"], "cronie": ["crond", "crontab"],
        "ca-certificates": ["update-ca-certificates"], "gettext-base": ["envsubst"], "gettext": ["envsubst", "gettext", "msgfmt"],
        "poppler-utils": ["pdftotext", "pdfinfo", "pdftoppm"], "tesseract-ocr": ["tesseract"], "graphviz": ["dot"],
        "python3": ["python3"], "python3-pip": ["pip", "pip3"], "py3-pip": ["pip", "pip3"], "python3-venv": [],
        "python-is-python3": ["python"], "nodejs": ["node", "nodejs"], "npm": ["npm", "npx"], "yarn": ["yarn", "yarnpkg"],
        "default-jre": ["java"], "default-jre-headless": ["java"], "default-jdk": ["java", "javac", "jar"],
        "openjdk-17-jre-headless": ["java"], "openjdk-17-jdk": ["java", "javac", "jar"], "openjdk-21-jre-headless": ["java"],
        "openjdk-21-jdk": ["java", "javac", "jar"], "openjdk17-jre-headless": ["java"], "openjdk21-jre-headless": ["java"],
        "shadow": ["useradd", "groupadd", "usermod"], "shadow-utils": ["useradd", "groupadd", "usermod"],
        "coreutils": [], "findutils": ["find", "xargs"], "util-linux": ["mount", "lsblk", "setsid", "flock"], "pkg-config": ["pkg-config"],
        "pkgconf": ["pkg-config", "pkgconf"], "sqlite3": ["sqlite3"], "sqlite": ["sqlite3"], "chromium": ["chromium", "chromium-browser"],
        "tini": ["tini"], "dumb-init": ["dumb-init"], "gosu": ["gosu"], "su-exec": ["su-exec"], "libxml2-utils": ["xmllint"],
        "golang": ["go", "gofmt"], "golang-go": ["go", "gofmt"], "go": ["go", "gofmt"], "rustc": ["rustc"], "cargo": ["cargo"],
        "ruby-full": ["ruby", "gem", "irb"], "ruby": ["ruby", "gem", "irb"], "php-cli": ["php"], "maven": ["mvn"], "gradle": ["gradle"],
        "tzdata": [], "locales": ["locale-gen"], "nginx": ["nginx"], "apache2": ["apache2", "apachectl"], "git-lfs": ["git-lfs"],
    ]

    /// Commands an install of these packages (any family) gives.
    static func commands(of packages: [String]) -> Set<String> {
        var out: Set<String> = []
        for p in packages {
            out.insert(p)
            out.formUnion(packageCommands[p] ?? [])
            for family in [PackageTable.Family.apt, .rpm] {
                for a in PackageTable.row(p, family)?.alpine ?? [] {
                    out.insert(a)
                    out.formUnion(packageCommands[a] ?? [])
                }
            }
        }
        return out
    }

    /// Programs known to come from OS packages, never from pip, npm or gem:
    /// an unknown command among these is missing, not installed by the app.
    static let systemPrograms: Set<String> = {
        var s: Set<String> = ["curl", "wget", "git", "ssh", "nc", "ps", "gosu", "tini", "dumb-init", "supervisord", "cron",
                              "crond", "make", "gcc", "g++", "cc", "jq", "psql", "pg_isready", "mysql", "mysqladmin", "redis-cli",
                              "bash", "zsh", "unzip", "zip", "xz", "bzip2", "gpg", "openssl", "rsync", "sqlite3", "convert",
                              "ffmpeg", "envsubst", "ping", "dig", "nslookup", "ip", "netstat", "file", "less", "vim", "nano",
                              "su-exec", "sudo", "locale-gen", "update-ca-certificates", "java", "node", "python3", "python"]
        for cmds in packageCommands.values { s.formUnion(cmds) }
        return s
    }()
}
