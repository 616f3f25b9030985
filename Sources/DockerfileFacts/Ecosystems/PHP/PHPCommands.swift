/// What one command of a PHP stage's RUN does, for deciding where it runs
/// after a split: in the builder only (it brings composer in, or changes
/// only the app folder, whose files and ownership the runtime stage copies),
/// in both stages (it changes the system: extensions, libraries, the web
/// server's configuration), or in neither safely.
enum PHPCommand: Equatable {
    /// Changes nothing (`set -eux`, `true`, `echo` to the log, `nproc`).
    case neutral
    /// Brings composer or its helpers in: the installer, git/unzip/zip installs, apt's lists.
    case composerSetup(packages: [String])
    /// Runs composer in the app folder (`composer install`, `composer dump-autoload`).
    case composer
    /// Changes only files inside the app folder (`chown -R www-data storage`, `php artisan config:cache`).
    case appLocal
    /// Changes the system outside the app folder.
    case system

    /// Commands that change only the system image and never name a file of
    /// the app: package managers, the php images' extension helpers
    /// (docker-library/php `docker-php-ext-*`, `docker-php-source`),
    /// PECL/PEAR, Debian's Apache helpers (`a2enmod`…), account tools.
    static let systemTools: Set<String> = ["apt-get", "apt", "apk", "dpkg", "docker-php-ext-install", "docker-php-ext-enable",
                                           "docker-php-ext-configure", "docker-php-source", "pecl", "pear", "a2enmod", "a2dismod",
                                           "a2ensite", "a2dissite", "a2enconf", "a2disconf", "install-php-extensions", "phpenmod",
                                           "update-ca-certificates", "ldconfig", "usermod", "groupmod", "useradd", "groupadd",
                                           "adduser", "addgroup", "locale-gen", "set", "true", "nproc"]
    /// File commands that are system changes when every path they name is absolute and outside the app folder.
    static let fileTools: Set<String> = ["ln", "sed", "mkdir", "rm", "echo", "printf", "mv", "cp", "chmod", "chown", "touch", "tee"]

    /// Whether a system command can run before the app folder exists, as the
    /// runtime stage runs it (ahead of the copy from the builder): it names no
    /// file of the app.
    static func runsWithoutApp(_ words: [String], appDir: String) -> Bool {
        guard let tool = words.first.map(Paths.basename) else { return true }
        if systemTools.contains(tool) { return true }
        guard fileTools.contains(tool) else { return false }
        var args = words.dropFirst().filter { !$0.hasPrefix("-") && !$0.contains(">") }
        if tool == "echo" || tool == "printf" { return !words.contains { $0.contains(">") } || args.last.map { $0.hasPrefix("/") && !Paths.covers(appDir, $0) } == true }
        if tool == "sed", !words.contains("-e") { args = Array(args.dropFirst()) }
        if tool == "chown" || tool == "chmod" { args = Array(args.dropFirst()) }
        return !args.isEmpty && args.allSatisfy { $0.hasPrefix("/") && !$0.contains("$") && !Paths.covers(appDir, $0) && !Paths.covers($0, appDir) }
    }

    /// Reads one command (its words, as `ShellScan` gives them) run in `workdir`, where the app lives in `appDir`.
    static func read(_ words: [String], workdir: String?, appDir: String) -> PHPCommand {
        guard let tool = words.first.map(Paths.basename) else { return .neutral }
        if Composer.installsComposer(words) { return .composerSetup(packages: []) }
        if Composer.arguments(words) != nil { return .composer }
        switch tool {
        case "set", "true", "nproc", ":":
            return .neutral
        case "echo", "printf":
            return words.contains(where: { $0.contains(">") }) ? .system : .neutral
        case "apt-get", "apt", "apk":
            let packages = PackageInstalls.installedPackages(words)
            let verb = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
            if ["update", "clean", "autoclean", "autoremove"].contains(verb) { return .composerSetup(packages: []) }
            if !packages.isEmpty, packages.allSatisfy(Composer.helperPackages.contains) { return .composerSetup(packages: packages) }
            return .system
        case "rm":
            let targets = words.dropFirst().filter { !$0.hasPrefix("-") }
            let caches = ["/var/lib/apt/lists", "/var/cache/apk", "/var/cache/apt", "/tmp/", "/root/.composer", "/root/.cache"]
            if !targets.isEmpty, targets.allSatisfy({ t in caches.contains { t.hasPrefix($0) } }) { return .composerSetup(packages: []) }
            return inApp(targets, workdir: workdir, appDir: appDir) ? .appLocal : .system
        case "chown", "chgrp", "chmod":
            // The first word is the owner or the mode.
            let targets = Array(words.dropFirst().filter { !$0.hasPrefix("-") }.dropFirst())
            return inApp(targets, workdir: workdir, appDir: appDir) ? .appLocal : .system
        case "mkdir", "touch", "cp", "mv":
            let targets = words.dropFirst().filter { !$0.hasPrefix("-") }
            return inApp(targets, workdir: workdir, appDir: appDir) ? .appLocal : .system
        case "php":
            // `php artisan …`, `php bin/console …`: the app's own commands, which write its caches into the app folder.
            guard let script = words.dropFirst().first(where: { !$0.hasPrefix("-") }), !words.dropFirst().contains("-r") else { return .system }
            return inApp([script], workdir: workdir, appDir: appDir) && workdir == appDir ? .appLocal : .system
        case "npm", "yarn", "pnpm", "npx":
            let global = words.contains { $0 == "-g" || $0 == "--global" || $0 == "global" }
            return !global && workdir == appDir ? .appLocal : .system
        default:
            return .system
        }
    }

    /// Whether every path names something inside the app folder (relative
    /// ones resolved against `workdir`); `false` for none, variables, globs at the root.
    static func inApp(_ targets: [String], workdir: String?, appDir: String) -> Bool {
        guard !targets.isEmpty else { return false }
        return targets.allSatisfy { raw in
            let t = raw.replacing("\"", with: "").replacing("'", with: "")
            if t.isEmpty || t.contains("$") || t.hasPrefix("~") || t.contains("..") || t.contains(">") { return false }
            let absolute: String
            if t.hasPrefix("/") { absolute = t } else {
                guard let workdir else { return false }
                absolute = Paths.join(workdir, t)
            }
            let path = absolute.hasSuffix("/*") ? String(absolute.dropLast(2)) : absolute
            return Paths.covers(appDir, path)
        }
    }
}
