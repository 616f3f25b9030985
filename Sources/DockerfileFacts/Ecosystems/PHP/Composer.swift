/// Composer's commands as a Dockerfile runs them: the install that builds
/// `vendor/`, the ways composer itself arrives (the installer script, a copy
/// from the composer image), and the tools only composer needs.
///
/// Sources: getcomposer.org/doc/03-cli.md (`install` reads composer.lock,
/// else composer.json; it runs the `pre-`/`post-install-cmd` and
/// `post-autoload-dump` scripts unless `--no-scripts`, and dumps the
/// autoloader from the project's `autoload` folders unless
/// `--no-autoloader`; `--working-dir`/`-d` runs it in another folder;
/// `COMPOSER_VENDOR_DIR` and `config.vendor-dir` move `vendor/`);
/// getcomposer.org/doc/faqs/how-to-install-composer-programmatically.md (the
/// installer: `php composer-setup.php`, or `curl … | php -- --install-dir=…
/// --filename=composer`); composer/composer `src/Composer/Factory.php`
/// (`getCacheDir`: `COMPOSER_CACHE_DIR`, else `$COMPOSER_HOME/cache`, else
/// `~/.composer/cache`, or `~/.cache/composer` when the system uses XDG
/// folders); docker-library's composer image (`COMPOSER_HOME=/tmp`, the
/// program at `/usr/bin/composer`); Composer's zip downloader (`unzip`,
/// `7z` or PHP's zip extension unpack dists; git clones sources).
enum Composer {
    /// Composer's subcommands that install the project's dependencies into `vendor/`.
    static let installVerbs: Set<String> = ["install", "i", "update", "u", "upgrade"]

    /// The words after the program when a command runs composer (`composer`,
    /// `/usr/local/bin/composer`, `php composer.phar`, `composer.phar`), else `nil`.
    static func arguments(_ words: [String]) -> ArraySlice<String>? {
        guard let first = words.first else { return nil }
        let name = Paths.basename(first)
        if name == "composer" || name == "composer.phar" { return words.dropFirst() }
        if name == "php", words.count >= 2, Paths.basename(words[1]) == "composer.phar" || Paths.basename(words[1]) == "composer" {
            return words.dropFirst(2)
        }
        return nil
    }

    /// The subcommand of a composer command (`install`), skipping global flags.
    static func verb(_ args: ArraySlice<String>) -> String? {
        args.first { !$0.hasPrefix("-") }
    }

    /// `composer install` or `composer update` (with any flags).
    static func isInstall(_ words: [String]) -> Bool {
        guard let args = arguments(words), let v = verb(args) else { return false }
        return installVerbs.contains(v)
    }

    /// A command that only brings composer in: the installer script run by
    /// php (`php composer-setup.php`, `php -r "copy(…installer…)"`, `curl …
    /// getcomposer.org/installer`), moving or marking the phar, or composer
    /// asking about itself (`composer --version`, `composer self-update`).
    static func installsComposer(_ words: [String]) -> Bool {
        guard let tool = words.first.map(Paths.basename) else { return false }
        let text = words.joined(separator: " ")
        switch tool {
        case "curl", "wget":
            return text.contains("getcomposer.org")
        case "php":
            if words.contains(where: { Paths.basename($0) == "composer-setup.php" || $0.contains("getcomposer.org") }) { return true }
            if words.contains("--") && words.contains(where: { $0.hasPrefix("--install-dir") || $0.hasPrefix("--filename") }) { return true }
            return words.dropFirst().first == "-r" && (text.contains("composer-setup") || text.contains("getcomposer.org"))
        case "composer-setup.php":
            return true
        case "mv", "chmod", "ln", "cp":
            let targets = words.dropFirst().filter { !$0.hasPrefix("-") && !$0.hasPrefix("+") && !$0.allSatisfy { $0.isNumber } }
            return !targets.isEmpty && targets.allSatisfy { Paths.basename($0).hasPrefix("composer") || $0.hasSuffix("/bin") || $0.hasSuffix("/bin/") }
        case "rm":
            let targets = words.dropFirst().filter { !$0.hasPrefix("-") }
            return !targets.isEmpty && targets.allSatisfy { Paths.basename($0).hasPrefix("composer-setup") || Paths.basename($0) == "installer" }
        default:
            guard let args = arguments(words), let v = verb(args) else { return false }
            return ["self-update", "selfupdate", "--version", "-V", "diagnose"].contains(v) || args.contains("--version") || args.contains("-V")
        }
    }

    /// Packages Composer uses to fetch and unpack dependencies and nothing at
    /// run time needs for PHP: git (source installs), unzip/zip/7-Zip
    /// (dists), and the fetchers the php images already have (curl, ca-certificates).
    static let helperPackages: Set<String> = ["git", "git-core", "git-all", "unzip", "zip", "p7zip", "p7zip-full", "7zip", "curl", "wget",
                                              "ca-certificates", "openssh-client", "openssl", "subversion", "mercurial"]

    /// Programs those packages give, which a program that runs them at run time would miss.
    static let helperPrograms: Set<String> = ["git", "unzip", "zip", "7z", "7za", "svn", "hg", "ssh", "wget"]

    /// Why a composer command cannot run in the builder with its result copied to the runtime stage.
    static func problem(_ words: [String]) -> String? {
        guard let args = arguments(words) else { return nil }
        let text = "`\(words.joined(separator: " "))`"
        if args.contains("global") {
            return "\(text) installs into COMPOSER_HOME, outside the app folder the runtime stage copies"
        }
        if args.contains(where: { $0 == "-d" || $0 == "--working-dir" || $0.hasPrefix("--working-dir=") || $0.hasPrefix("-d") && $0.count > 2 && !$0.hasPrefix("--") }) {
            return "\(text) runs in another folder (--working-dir) than the one the build ends in"
        }
        return nil
    }
}
