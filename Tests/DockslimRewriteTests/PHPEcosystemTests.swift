@testable import DockerfileFacts
import DockerfileModel
import DockslimRewrite
import XCTest

/// The PHP ecosystem's readings: images, Composer's commands, caches and
/// hoisting, and what stays in the builder or runs again in the runtime.
final class PHPEcosystemTests: XCTestCase {
    let php = PHP()
    let split = try! SplitBuilderAndRuntimeStages(options: ["languages": "php"])
    static let app = project(["composer.json": "{\"require\": {\"slim/slim\": \"^4.14\"}}\n", "index.php": "<?php\nrequire 'vendor/autoload.php';\n"])

    func testImagesAndCommands() {
        XCTAssertEqual(php.role(of: ImageReference("php:8.3-fpm-alpine")!), .runtime)
        XCTAssertEqual(php.role(of: ImageReference("composer:2")!), .toolchain)
        XCTAssertEqual(php.role(of: ImageReference("composer/composer:2-bin")!), .toolchain)
        XCTAssertNil(php.role(of: ImageReference("bitnami/php-fpm:8.2")!))
        XCTAssertTrue(php.isBuildCommand(["composer", "install", "--no-dev"]))
        XCTAssertTrue(php.isBuildCommand(["php", "composer.phar", "install"]))
        XCTAssertFalse(php.isBuildCommand(["php", "artisan", "serve"]))
        XCTAssertTrue(Composer.installsComposer(["curl", "-sS", "https://getcomposer.org/installer"]))
        XCTAssertTrue(Composer.installsComposer(["php", "--", "--install-dir=/usr/local/bin", "--filename=composer"]))
        XCTAssertFalse(Composer.installsComposer(["php", "artisan", "migrate"]))
    }

    func testHoistingNeedsNoScriptsAndNoAutoloader() {
        guard case .refuse(let why) = php.dependencyInstall(["composer", "install", "--no-dev"]) else { return XCTFail("hoisted") }
        XCTAssertTrue(why.contains("--no-scripts --no-autoloader"))
        guard case .install(let install) = php.dependencyInstall(["composer", "install", "--no-dev", "--no-scripts", "--no-autoloader"]) else {
            return XCTFail("not hoisted")
        }
        XCTAssertEqual(install.required, ["composer.json"])
        let local = project(["composer.json": "{\"repositories\": [{\"type\": \"path\", \"url\": \"packages/*\"}]}\n"])
        XCTAssertNotNil(php.installObstacle(install, in: local))
        if case .install = php.dependencyInstall(["composer", "global", "require", "x/y"]) { XCTFail("a global require is not the project's install") }
    }

    func testCacheFolders() {
        XCTAssertEqual(php.cacheMounts(["composer", "install"], environment: [:], image: ImageReference("php:8.3-cli")),
                       .mounts([CacheMount("/root/.composer/cache", locked: true), CacheMount("/root/.cache/composer", locked: true)]))
        XCTAssertEqual(php.cacheMounts(["composer", "install"], environment: [:], image: ImageReference("composer:2")),
                       .mounts([CacheMount("/tmp/cache", locked: true)]))
        XCTAssertEqual(php.cacheMounts(["composer", "install"], environment: ["COMPOSER_CACHE_DIR": "/cache/composer"], image: nil),
                       .mounts([CacheMount("/cache/composer", locked: true)]))
        XCTAssertEqual(php.cacheMounts(["composer", "dump-autoload"], environment: [:], image: nil), .none)
    }

    func testTheSystemSetupRunsAgainAndComposerStaysInTheBuilder() {
        let input = """
        FROM php:8.3-cli
        RUN docker-php-ext-install pdo_mysql
        RUN apt-get update && apt-get install -y git unzip
        RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer
        WORKDIR /app
        COPY . .
        RUN composer install --no-dev
        CMD ["php", "index.php"]

        """
        assertRewrite(split, input: input, expected: """
        # syntax=docker/dockerfile:1
        FROM php:8.3-cli AS build
        RUN docker-php-ext-install pdo_mysql
        RUN apt-get update && apt-get install -y git unzip
        RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer
        WORKDIR /app
        COPY . .
        RUN composer install --no-dev

        FROM php:8.3-cli
        RUN docker-php-ext-install pdo_mysql
        WORKDIR /app
        COPY --from=build --exclude=.git /app /app
        CMD ["php", "index.php"]

        """, project: Self.app)
    }

    func testWhatCannotBeSplit() {
        let start = "FROM php:8.3-cli\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nWORKDIR /app\nCOPY . .\n"
        assertNotApplicable(split, input: start + "RUN composer install\nCMD [\"composer\", \"run\", \"serve\"]\n",
                            reason: "runs composer when the container starts", project: Self.app)
        assertNotApplicable(split, input: start + "RUN composer global require laravel/installer && composer install\nCMD [\"php\", \"index.php\"]\n",
                            reason: "installs into COMPOSER_HOME", project: Self.app)
        assertNotApplicable(split, input: start + "RUN composer install\nRUN composer dump-autoload -o && docker-php-ext-install intl\nCMD [\"php\", \"index.php\"]\n",
                            reason: "changes more than the app folder", project: Self.app)
        assertNotApplicable(split, input: "FROM php:8.3-cli\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\nCOPY . .\nRUN composer install\nCMD [\"php\", \"index.php\"]\n",
                            reason: "composer install runs in / (no WORKDIR)", project: Self.app)
    }
}
