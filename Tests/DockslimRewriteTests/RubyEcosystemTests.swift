@testable import DockerfileFacts
import DockerfileModel
import DockslimRewrite
import XCTest

/// The Ruby ecosystem's readings, through the passes that ask it.
final class RubyEcosystemTests: XCTestCase {
    let ruby = Ruby()
    let split = try! SplitBuilderAndRuntimeStages(options: ["languages": "ruby"])
    let slim = try! SwapBaseImage(options: ["to": "slim", "languages": "ruby"])
    let alpine = try! SwapBaseImage(options: ["to": "alpine", "languages": "ruby"])

    static let gemfile = "source \"https://rubygems.org\"\ngem \"sinatra\"\ngem \"puma\"\n"
    static func lock(_ specs: String, dependencies: [String] = ["puma", "sinatra"]) -> String {
        "GEM\n  remote: https://rubygems.org/\n  specs:\n" + specs + "\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n" + dependencies.map { "  \($0)\n" }.joined()
    }
    /// A Sinatra app on puma (puma and nio4r compile C extensions; puma links OpenSSL, which every ruby image keeps).
    static let app = project(["Gemfile": gemfile, "Gemfile.lock": lock("    nio4r (2.7.3)\n    puma (6.4.2)\n      nio4r (~> 2.0)\n    sinatra (4.0.0)\n"),
                              "app.rb": "require \"sinatra\"\n"])
    static let pg = project(["Gemfile": gemfile + "gem \"pg\"\n", "Gemfile.lock": lock("    pg (1.5.6)\n    puma (6.4.2)\n    sinatra (4.0.0)\n", dependencies: ["pg", "puma", "sinatra"]),
                             "app.rb": "require \"sinatra\"\n"])

    func testAStaleLockIsRefused() {
        let input = "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\nRUN bundle install\nCMD [\"bundle\", \"exec\", \"puma\"]\n"
        let windows = Self.lock("    puma (6.4.2)\n").replacingOccurrences(of: "  ruby\n", with: "  x64-mingw32\n")
        assertNotApplicable(split, input: input, reason: "Gemfile.lock is locked for x64-mingw32 only",
                            project: project(["Gemfile": Self.gemfile, "Gemfile.lock": windows, "app.rb": "require \"sinatra\"\n"]))
        assertNotApplicable(split, input: input, reason: "Gemfile.lock lists nokogiri, which the Gemfile does not ask for",
                            project: project(["Gemfile": Self.gemfile, "Gemfile.lock": Self.lock("    puma (6.4.2)\n", dependencies: ["nokogiri", "puma", "sinatra"]),
                                              "app.rb": "require \"sinatra\"\n"]))
    }

    func testImagesAndCommands() {
        XCTAssertEqual(ruby.role(of: ImageReference("ruby:3.3")!), .toolchain)
        XCTAssertEqual(ruby.role(of: ImageReference("ruby:3.3-slim-bookworm")!), .runtime)
        XCTAssertEqual(ruby.role(of: ImageReference("ruby:3.3-alpine")!), .runtime)
        XCTAssertEqual(ruby.role(of: ImageReference("docker.io/library/ruby")!), .toolchain)
        XCTAssertNil(ruby.role(of: ImageReference("bitnami/ruby:3.3")!))
        XCTAssertTrue(ruby.isBuildCommand(["bundle", "install"]))
        XCTAssertTrue(ruby.isBuildCommand(["gem", "install", "bundler"]))
        XCTAssertFalse(ruby.isBuildCommand(["ruby", "app.rb"]))
        XCTAssertEqual(Ecosystems.toolchain(of: ImageReference("ruby:3.3")!)?.language, .ruby)
        XCTAssertEqual(ImageCatalog.recipes(forLanguage: "ruby"), ["ruby-slim", "ruby-alpine"])
        XCTAssertTrue(ruby.buildInputs.allSatisfy { !["Gemfile", "Gemfile.lock", "config", "public"].contains($0) }, "Bundler reads the Gemfile when the program starts")
    }

    func testDependencyInstall() {
        func required(_ command: String) -> [String]? {
            if case .install(let i) = DependencyInstall.read(command.split(separator: " ").map(String.init)) { return i.required + i.optional }
            return nil
        }
        XCTAssertEqual(required("bundle install"), ["Gemfile", "Gemfile.lock", ".ruby-version"])
        XCTAssertEqual(required("bundle"), ["Gemfile", "Gemfile.lock", ".ruby-version"])
        XCTAssertEqual(required("bundle install --jobs 4 --retry 3 --without development test"), ["Gemfile", "Gemfile.lock", ".ruby-version"])
        XCTAssertEqual(required("BUNDLE_FROZEN=true bundle install -j4"), ["Gemfile", "Gemfile.lock", ".ruby-version"])
        for refused in ["bundle install --gemfile gems.rb", "bundle install --binstubs"] {
            guard case .refuse = DependencyInstall.read(refused.split(separator: " ").map(String.init)) else { return XCTFail(refused) }
        }
        XCTAssertNil(required("bundle exec rake"))
        XCTAssertNil(required("bundle --version"))
        XCTAssertNil(required("gem install rails"))
    }

    func testInstallObstacles() {
        let install = DependencyInstall(ecosystem: "bundler", required: ["Gemfile"], optional: [], optionalPatterns: [])
        let cases: [([String: String], String?)] = [
            (["Gemfile": Self.gemfile], nil),
            (["Gemfile": "source \"https://rubygems.org\"\ngemspec\n"], "installs the project's own gemspec"),
            (["Gemfile": "gem \"core\", path: \"engines/core\"\n"], "from a local path"),
            (["Gemfile": "eval_gemfile \"Gemfile.local\"\n"], "reads other files"),
            (["Gemfile": "ruby file: \".ruby-version\"\ngem \"rack\"\n"], nil),
            (["Gemfile": "ruby file: \".tool-versions\"\n"], "reads another file"),
            (["Gemfile": "# gemspec is not used\ngem \"rack\"\n"], nil),
            (["Gemfile": Self.gemfile, "vendor/cache/rack-3.1.4.gem": ""], "vendor/cache holds packaged gems"),
        ]
        for (files, expected) in cases {
            let why = ruby.installObstacle(install, in: project(files))
            if let expected { XCTAssertTrue(why?.contains(expected) == true, "\(files): \(why ?? "nil")") } else { XCTAssertNil(why, "\(files)") }
        }
    }

    func testCacheMounts() {
        let pass = try! UseCacheMounts(options: [:])
        assertRewrite(pass, input: "FROM ruby:3.3\nRUN bundle install\n",
                      expected: "# syntax=docker/dockerfile:1\nFROM ruby:3.3\nRUN --mount=type=cache,target=/usr/local/bundle/cache,sharing=locked bundle install\n")
        assertRewrite(pass, input: "FROM ruby:3.3\nENV GEM_HOME=/gems\nRUN bundle install --jobs 4\n",
                      expected: "# syntax=docker/dockerfile:1\nFROM ruby:3.3\nENV GEM_HOME=/gems\nRUN --mount=type=cache,target=/gems/cache,sharing=locked bundle install --jobs 4\n")
        assertNotApplicable(pass, input: "FROM ruby:3.3\nENV BUNDLE_DEPLOYMENT=1\nRUN bundle install\n", reason: "installed outside GEM_HOME")
        assertNotApplicable(pass, input: "FROM ruby:3.3\nRUN bundle install --path vendor/bundle\n", reason: "installed outside GEM_HOME")
        assertNotApplicable(pass, input: "FROM ruby:3.3\nRUN BUNDLE_PATH=/b bundle install\n", reason: "installed outside GEM_HOME")
        assertNotApplicable(pass, input: "FROM debian:12\nRUN bundle install\n", reason: "GEM_HOME is not set")
        assertNotApplicable(pass, input: "FROM ruby:3.3\nRUN bundle exec rake\n", reason: "no RUN uses a package manager")
        // The bundle the runtime stage copies keeps its cache: another stage copies /usr/local/bundle.
        assertNotApplicable(pass, input: "FROM ruby:3.3 AS build\nRUN bundle install\nFROM ruby:3.3-slim\nCOPY --from=build /usr/local/bundle /usr/local/bundle\n",
                            reason: "another stage copies /usr/local/bundle/cache")
    }

    func testSplitCopiesTheGemsAndWhatTheBuildWrote() {
        let head = "FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\n"
        let env = { (line: String) in head.replacingOccurrences(of: "FROM ruby:3.3\n", with: "FROM ruby:3.3\nENV \(line)\n") }
        // Sources after the install: the gems (and Bundler's settings) from the builder, the sources from the context.
        assertRewrite(split, input: head + "RUN bundle config set --local without test && bundle install\nCOPY . .\nCMD [\"ruby\", \"app.rb\"]\n",
                      expected: "FROM ruby:3.3 AS build\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle config set --local without test && bundle install\n\nFROM ruby:3.3\nWORKDIR /app\nCOPY --from=build /usr/local/bundle /usr/local/bundle\nCOPY . .\nCMD [\"ruby\", \"app.rb\"]\n")
        // A bundle inside the app (deployment, --path) or an asset build: the app folder comes from the builder.
        let cases: [(String, [String])] = [
            (env("BUNDLE_DEPLOYMENT=1") + "RUN bundle install\n", ["/usr/local/bundle", "/app"]),
            (head + "RUN bundle install --path vendor/bundle\n", ["/usr/local/bundle", "/app"]),
            (head + "RUN bundle install\nCOPY . .\nRUN SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile\n", ["/usr/local/bundle", "/app"]),
            (head + "RUN bundle install && rm -rf /usr/local/bundle/cache ~/.bundle\nCOPY . .\nRUN bin/rails assets:precompile && bundle exec bootsnap precompile app/ lib/\n", ["/usr/local/bundle", "/app"]),
            // The sources are not at hand: the app folder (with the Gemfile Bundler reads at start) goes along too.
            (env("BUNDLE_PATH=/gems") + "RUN bundle install\n", ["/usr/local/bundle", "/gems", "/app"]),
            (env("BUNDLE_APP_CONFIG=/etc/bundler") + "RUN bundle config set --local frozen true && bundle install\n", ["/usr/local/bundle", "/etc/bundler", "/app"]),
            (head + "RUN gem install bundler -v 2.5.11 && bundle install --system\n", ["/usr/local/bundle", "/app"]),
        ]
        for (input, copied) in cases {
            let out = String(decoding: rewrite(split, input + "CMD [\"bundle\", \"exec\", \"puma\"]\n").output, as: UTF8.self)
            let runtime = out.components(separatedBy: "\n\nFROM ").last ?? ""
            // Continued lines joined; a folder copied without its build inputs counts by its path.
            let lines = runtime.replacingOccurrences(of: " \\\n    ", with: " ").split(separator: "\n")
            let copies = lines.filter { $0.hasPrefix("COPY --from=build ") }.map { String($0.split(separator: " ").filter { !$0.hasPrefix("--") }[1]) }
            XCTAssertEqual(copies, copied, input)
        }
    }

    func testSplitRefusesWhatItCannotCarry() {
        let head = "FROM ruby:3.3\nWORKDIR /app\nCOPY . .\n"
        let cmd = "CMD [\"bundle\", \"exec\", \"puma\"]\n"
        let cases: [(String, String)] = [
            (head + "RUN bundle config set without test && bundle install\n", "does not say --local"),
            (head + "RUN bundle config --global path /x && bundle install\n", "does not say --local"),
            (head + "RUN bundle install --standalone\n", "--standalone"),
            (head + "RUN gem update --system && bundle install\n", "updates RubyGems"),
            (head + "RUN gem install pg && bundle install\n", "builds pg against libpq"),
            (head + "RUN gem install --user-install rake && bundle install\n", "installs outside GEM_HOME"),
            (head + "RUN bundle install && bundle exec rails db:migrate\n", "`bundle exec rails db:migrate`, which dockslim does not carry"),
            (head + "RUN bundle install && rm -rf /usr/lib/x86_64-linux-gnu\n", "which dockslim does not carry"),
            (head + "RUN bundle check || bundle install\n", "joins commands with something other than &&"),
            ("FROM ruby:3.3\nCOPY . .\nRUN bundle install\n", "installed in / (no WORKDIR)"),
            ("FROM ruby:3.3\nWORKDIR $APP\nCOPY . .\nRUN bundle install\n", "the folder the gems are installed for is not known"),
            (head + "RUN bundle install --path $BUNDLE_DIR\n", "names a variable"),
        ]
        for (input, reason) in cases { assertNotApplicable(split, input: input + cmd, reason: reason) }
        assertNotApplicable(split, input: head + "RUN bundle install\n" + cmd, reason: "own gemspec",
                            project: project(["Gemfile": "source \"https://rubygems.org\"\ngemspec\n", "x.gemspec": ""]))
        assertNotApplicable(split, input: head + "RUN bundle exec rake assets:precompile\n" + cmd, reason: "no RUN installs the gems")
        assertNotApplicable(split, input: head + "RUN bundle install\n", reason: "no CMD or ENTRYPOINT")
        // The builder's system packages come from changed repositories: the runtime stage cannot simply install them again.
        assertNotApplicable(split, input: "FROM ruby:3.3\nRUN echo 'deb http://deb.debian.org/debian bookworm-backports main' > /etc/apt/sources.list.d/b.list && apt-get update && apt-get install -y libpq-dev\nWORKDIR /app\nCOPY . .\nRUN bundle install\n" + cmd,
                            reason: "changes the package repositories")
        // Not Ruby: another recipe's language.
        assertNotApplicable(split, input: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n", reason: "this recipe is for ruby")
    }

    /// What the program needs of the builder's system packages is installed
    /// again in the runtime stage, with the builder's package manager; build
    /// tools and what the stage removes again are not.
    func testSplitInstallsTheBuildersRuntimePackagesAgain() {
        let cmd = "CMD [\"bundle\", \"exec\", \"puma\"]\n"
        let cases: [(String, String, [String: String])] = [
            ("FROM ruby:3.3\nRUN apt-get update && apt-get install -y build-essential libpq-dev nodejs\nWORKDIR /app\nCOPY . .\nRUN bundle install\n",
             "RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev nodejs && rm -rf /var/lib/apt/lists/*", [:]),
            ("FROM ruby:3.3-alpine\nRUN apk add --no-cache build-base tzdata\nWORKDIR /app\nCOPY . .\nRUN bundle install\n", "RUN apk add --no-cache tzdata", [:]),
            ("FROM ruby:3.3-alpine\nRUN apk add --no-cache --virtual .deps build-base postgresql-dev && apk add --no-cache libpq\nWORKDIR /app\nCOPY . .\nRUN bundle install && apk del .deps\n",
             "RUN apk add --no-cache libpq", [:]),
            ("FROM ruby:3.3-slim\nRUN apt-get update && apt-get install -y git\nWORKDIR /app\nCOPY . .\nRUN bundle install\n",
             "RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*", ["app.rb": "system(\"git\", \"pull\")\n"]),
        ]
        for (input, line, files) in cases {
            let out = String(decoding: rewrite(split, input + cmd, project: files.isEmpty ? nil : project(files)).output, as: UTF8.self)
            let runtime = out.components(separatedBy: "\n\nFROM ").last ?? ""
            XCTAssertTrue(runtime.contains("\n" + line + "\n"), "\(input)\n→\n\(out)")
        }
    }

    /// The runtime stage as split-stages leaves it, on `image`.
    func runtime(_ image: String) -> String {
        "FROM \(image) AS build\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n\nFROM \(image)\nWORKDIR /app\nCOPY --from=build /usr/local/bundle /usr/local/bundle\nCOPY . .\nCMD [\"bundle\", \"exec\", \"puma\"]\n"
    }

    func testSlimRuntime() {
        assertRewrite(slim, input: runtime("ruby:3.3"), expected: runtime("ruby:3.3").replacingOccurrences(of: "FROM ruby:3.3\nWORKDIR", with: "FROM ruby:3.3-slim\nWORKDIR"), project: Self.app)
        assertRewrite(slim, input: runtime("ruby:3.2.4-bookworm"), expected: runtime("ruby:3.2.4-bookworm").replacingOccurrences(of: "FROM ruby:3.2.4-bookworm\nWORKDIR", with: "FROM ruby:3.2.4-slim-bookworm\nWORKDIR"), project: Self.app)
        assertNotApplicable(slim, input: runtime("ruby:3.3"), reason: "pg (Gemfile.lock:4): its C extension links libpq, which ruby:3.3 carries and ruby:3.3-slim lacks", project: Self.pg)
        assertNotApplicable(slim, input: runtime("ruby:3.3"), reason: "Gemfile.lock is not at hand")
        let magick = project(["Gemfile": "gem \"mini_magick\"\n", "Gemfile.lock": Self.lock("    mini_magick (4.13.1)\n", dependencies: ["mini_magick"])])
        assertNotApplicable(slim, input: runtime("ruby:3.3"), reason: "mini_magick (Gemfile.lock:4) runs convert (ImageMagick)", project: magick)
        let git = project(["Gemfile": Self.gemfile, "Gemfile.lock": Self.lock("    puma (6.4.2)\n"), "app.rb": "require \"sinatra\"\npost \"/sync\" do\n  system(\"git pull\")\nend\n"])
        assertNotApplicable(slim, input: runtime("ruby:3.3"), reason: "app.rb:3 runs git", project: git)
        assertNotApplicable(slim, input: runtime("ruby:3.3-alpine"), reason: "installed on ruby:3.3-alpine (musl)", project: Self.app)
        XCTAssertTrue(rewrite(slim, runtime("ruby:3.3-slim"), project: Self.app).steps[0].alreadyDone)
    }

    func testAlpineRuntimeOnlyFromAnAlpineBuilder() {
        XCTAssertTrue(rewrite(alpine, runtime("ruby:3.3-alpine"), project: Self.app).steps[0].alreadyDone, "split-stages already left it on the builder's Alpine image")
        assertNotApplicable(alpine, input: runtime("ruby:3.3"), reason: "C extensions (nio4r, puma) do not run on musl", project: Self.app)
        assertNotApplicable(alpine, input: runtime("ruby:3.3"), reason: "only from an Alpine builder")
        assertNotApplicable(try! SwapBaseImage(options: ["to": "distroless", "languages": "ruby"]), input: runtime("ruby:3.3"), reason: "not moved to distroless")
        assertNotApplicable(try! SwapBaseImage(options: ["to": "scratch", "languages": "ruby"]), input: runtime("ruby:3.3"), reason: "needs its interpreter")
    }

    func testMovingToAlpine() {
        let move = try! UseAlpineBase(options: [:])
        let install = "WORKDIR /app\nCOPY . .\nRUN bundle install\nCMD [\"bundle\", \"exec\", \"puma\"]\n"
        let buildEssential = "RUN apt-get update && apt-get install -y build-essential\n"
        assertNotApplicable(move, input: "FROM ruby:3.3\n" + install, reason: "compile C extensions with ruby:3.3's gcc and -dev packages", project: Self.app)
        assertNotApplicable(move, input: "FROM ruby:3.3\n" + install, reason: "Gemfile.lock is not at hand")
        assertNotApplicable(move, input: "FROM ruby:3.3-slim\n" + buildEssential + install, reason: "pg (Gemfile.lock:4): its C extension links libpq", project: Self.pg)
        let rails = project(["Gemfile": Self.gemfile + "gem \"tzinfo-data\", platforms: %i[ windows jruby ]\n", "Gemfile.lock": Self.lock("    puma (6.4.2)\n"),
                             "config/application.rb": "class App < Rails::Application\nend\n"])
        assertNotApplicable(move, input: "FROM ruby:3.3-slim\n" + buildEssential + install, reason: "a Rails app reads time zones from tzdata", project: rails)
        let glibcOnly = project(["Gemfile": "gem \"nokogiri\"\n", "Gemfile.lock": Self.lock("    nokogiri (1.16.6-x86_64-linux)\n")])
        assertNotApplicable(move, input: "FROM ruby:3.3-slim\n" + buildEssential + install, reason: "locked precompiled for glibc only", project: glibcOnly)
        // With a compiler and the libraries' packages, it moves (translate-packages then rewrites apt-get).
        XCTAssertTrue(rewrite(move, "FROM ruby:3.3-slim\n" + buildEssential.replacingOccurrences(of: "build-essential", with: "build-essential libpq-dev") + install, project: Self.pg).changed)
        XCTAssertTrue(rewrite(move, "FROM ruby:3.3-slim\n" + buildEssential.replacingOccurrences(of: "build-essential", with: "build-essential tzdata") + install, project: rails).changed)
        // A stage that installs no gems, or is not on a ruby image, is not Ruby's to judge.
        XCTAssertTrue(rewrite(move, "FROM ruby:3.3\nCOPY app.rb .\nCMD [\"ruby\", \"app.rb\"]\n").changed)
        let verdict = ruby.movingToAlpine(Dockerfile(parsing: Array("FROM node:22\nRUN bundle install\n".utf8)).stages[0], from: ImageReference("node:22")!, chain: [], context: nil)
        XCTAssertNil(verdict.refusal)
    }

    func testRailsTzinfoDataPlatforms() {
        XCTAssertTrue(Ruby.tzinfoDataOnlyOnOtherPlatforms("gem \"tzinfo-data\", platforms: %i[ windows jruby ]\n"))
        XCTAssertTrue(Ruby.tzinfoDataOnlyOnOtherPlatforms("gem 'tzinfo-data', platforms: [:mingw, :mswin, :x64_mingw, :jruby]\n"))
        XCTAssertFalse(Ruby.tzinfoDataOnlyOnOtherPlatforms("gem \"tzinfo-data\"\n"))
        XCTAssertFalse(Ruby.tzinfoDataOnlyOnOtherPlatforms("gem \"tzinfo-data\", platforms: %i[ ruby windows ]\n"))
    }
}
