import DockerfileModel

extension Language {
    package static let php = Language(rawValue: "php")
}

/// PHP: the `php` official images (`cli`, `apache`, `fpm`, `zts`, on Debian
/// suites or Alpine; every variant keeps `$PHPIZE_DEPS` out of the final
/// image but has `docker-php-ext-*`, curl and the PHP it was built with),
/// the `composer` image (PHP on Alpine with composer, `COMPOSER_HOME=/tmp`),
/// Composer's installs, and the split `php-runtime` makes: the builder runs
/// `composer install` on the app's own php image, and the runtime stage is
/// the same image with the extensions and the app folder.
///
/// Sources: docker-library/php `8.3/bookworm/cli/Dockerfile`
/// (@910674b44ecb: no WORKDIR on cli and zts; `/var/www/html` owned by
/// www-data; `PHPIZE_DEPS`, curl, ca-certificates installed;
/// `ENTRYPOINT ["docker-php-entrypoint"]`); the apache and fpm variants set
/// `WORKDIR /var/www/html` (`ImageCatalog.workdir`); Composer's
/// documentation and sources for commands and caches (`Composer`).
package struct PHP: Ecosystem {
    package let language = Language.php
    package let name = "PHP"
    package let recipes = ["php-runtime"]

    package init() {}

    package func role(of image: ImageReference) -> ImageRole? {
        switch ImageCatalog.officialName(image) {
        case "php": return .runtime
        case "composer": return .toolchain
        default: return image.repository == "composer/composer" ? .toolchain : nil
        }
    }

    package func isBuildCommand(_ words: [String]) -> Bool {
        Composer.arguments(words) != nil
    }

    package func readBuild(_ input: StageInput) -> BuildReading {
        guard case .image(let ref) = input.stage.base, role(of: ref) != nil else { return .notMine }
        return PHPBuild.read(input, image: ref)
    }

    package func isToolchainVariable(_ name: String) -> Bool { name.hasPrefix("COMPOSER_") }

    // MARK: Dependencies and caches

    /// `composer install` on the manifests alone: only with `--no-scripts`
    /// (its scripts, like Laravel's `post-autoload-dump` running `artisan
    /// package:discover`, need the app's files) and `--no-autoloader` (the
    /// autoloader and its classmap are made from the app's `autoload`
    /// folders); the Dockerfile then dumps the autoloader after the sources.
    package func dependencyInstall(_ words: [String]) -> DependencyInstall.Reading {
        guard let args = Composer.arguments(words), let verb = Composer.verb(args), ["install", "i"].contains(verb) else { return .none }
        if Composer.problem(words) != nil { return .refuse(Composer.problem(words)!) }
        guard args.contains("--no-scripts"), args.contains("--no-autoloader") else {
            return .refuse("composer install runs scripts and builds the autoloader from the sources; with --no-scripts --no-autoloader it could be hoisted")
        }
        return .install(.init(ecosystem: "composer", required: ["composer.json"], optional: ["composer.lock", "auth.json"],
                              optionalPatterns: ["composer.loc[k]", "auth.jso[n]"]))
    }

    /// Packages from the project's own folders (`"type": "path"`
    /// repositories) or files merged into composer.json need more than the manifests.
    package func installObstacle(_ install: DependencyInstall, in context: BuildContext) -> String? {
        guard install.ecosystem == "composer", let json = context.text("composer.json") else { return nil }
        let compact = json.filter { !$0.isWhitespace }
        if compact.contains("\"type\":\"path\"") { return "composer.json installs a package from a local path repository" }
        if compact.contains("\"merge-plugin\"") { return "composer.json merges other composer files (merge-plugin)" }
        if compact.contains("\"type\":\"artifact\"") { return "composer.json installs packages from a local artifact folder" }
        return nil
    }

    /// Composer's download cache (`Factory::getCacheDir`): `COMPOSER_CACHE_DIR`,
    /// else `$COMPOSER_HOME/cache` (the composer image sets `COMPOSER_HOME=/tmp`),
    /// else root's `~/.composer/cache`, or `~/.cache/composer` when the
    /// system uses XDG folders (both are mounted: which one depends on
    /// whether `/etc/xdg` exists, and an unused mount changes nothing).
    /// The installed packages (`vendor/`) are never mounted.
    package func cacheMounts(_ words: [String], environment e: [String: String], image: ImageReference?) -> CacheMountNeed {
        guard let args = Composer.arguments(words), let verb = Composer.verb(args),
              Composer.installVerbs.contains(verb) || ["require", "create-project"].contains(verb) else { return .none }
        if args.contains("global") { return .none }
        if let dir = e["COMPOSER_CACHE_DIR"], !dir.isEmpty {
            guard dir.hasPrefix("/"), !dir.contains("$") else { return .skip("COMPOSER_CACHE_DIR is not an absolute path dockslim can read") }
            return .mounts([CacheMount(dir, locked: true)])
        }
        if let home = e["COMPOSER_HOME"] ?? image.flatMap({ role(of: $0) == .toolchain ? "/tmp" : nil }), !home.isEmpty {
            guard home.hasPrefix("/"), !home.contains("$") else { return .skip("COMPOSER_HOME is not an absolute path dockslim can read") }
            return .mounts([CacheMount(Paths.join(home, "cache"), locked: true)])
        }
        if let home = e["HOME"], home != "/root" { return .skip("HOME is \(home), so where composer keeps its cache is not known") }
        if e.keys.contains(where: { $0.hasPrefix("XDG_") }) { return .skip("an XDG_ variable is set, which moves composer's cache") }
        return .mounts([CacheMount("/root/.composer/cache", locked: true), CacheMount("/root/.cache/composer", locked: true)])
    }

    // MARK: Runtime

    /// `php-runtime` keeps the runtime on the app's own php image: another
    /// image would have another PHP build and none of the extensions the
    /// Dockerfile compiled into it.
    package func runtime(for builds: [BuildPlan], in input: StageInput, target: RuntimeTarget, options: RuntimeOptions) -> RuntimeChoice {
        .notApplicable("a PHP runtime stage stays on the app's own php image, with the extensions the Dockerfile installed (php-runtime)")
    }
}
