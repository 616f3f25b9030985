@testable import DockerfileFacts
import XCTest

final class RubySourcesTests: XCTestCase {
    private let gemfile = """
    source "https://rubygems.org"

    gem "rails", "~> 7.1"
    gem "pg", "~> 1.5"
    gem "puma", ">= 5.0"
    gem "nokogiri"
    gem "bootsnap", require: false

    group :development, :test do
      gem "sqlite3", "~> 1.4"
      gem "debug", platforms: %i[ mri windows ]
    end
    gem "rspec-rails", group: :test
    """

    private let lock = """
    GEM
      remote: https://rubygems.org/
      specs:
        bootsnap (1.18.3)
          msgpack (~> 1.2)
        debug (1.9.2)
        msgpack (1.7.2)
        nokogiri (1.16.5-x86_64-linux)
          racc (~> 1.4)
        nokogiri (1.16.5-x86_64-linux-musl)
          racc (~> 1.4)
        pg (1.5.6)
        puma (6.4.2)
          nio4r (~> 2.0)
        nio4r (2.7.3)
        racc (1.8.0)
        rails (7.1.3)
        rspec-rails (6.1.2)
        sqlite3 (1.7.3)

    PLATFORMS
      x86_64-linux
      x86_64-linux-musl

    DEPENDENCIES
      bootsnap
      pg (~> 1.5)
    """

    private let databaseYML = """
    default: &default
      adapter: sqlite3
      pool: 5

    development:
      <<: *default
      database: storage/development.sqlite3

    production:
      <<: *default
      database: storage/production.sqlite3
    """

    func testRailsAppConventionsSqliteProductionAndGems() {
        let exporter = """
        class ReportExporter
          TEMPLATE = "config/report_template.yml"

          def call
            template = YAML.load_file(TEMPLATE)
            File.write(Rails.root.join("tmp", "exports", "report.csv"), rows)
            version = `git rev-parse --short HEAD`.strip
            system("wkhtmltopdf", "in.html", "out.pdf")
            File.read(params[:path])
          end
        end
        """
        let findings = RubySources.read(sourceContext([
            "Gemfile": gemfile, "Gemfile.lock": lock, "config/database.yml": databaseYML,
            "config/application.rb": "require_relative \"boot\"\nmodule Shop\n  class Application < Rails::Application\n  end\nend\n",
            "app/services/report_exporter.rb": exporter, "storage/.keep": "", "spec/models/user_spec.rb": "File.read('fixture.json')",
        ]))
        XCTAssertEqual(describe(findings.reads), [
            "config/report_template.yml YAML.load_file @app/services/report_exporter.rb:5",
            "config [folder,source:] Rails configuration @config/application.rb:3",
            "public [folder,source:,ifPresent] Rails public files @config/application.rb:3",
            "storage/production.sqlite3 [source:] Rails SQLite database @config/database.yml:11",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "tmp/exports/report.csv [source:] File.write @app/services/report_exporter.rb:6",
            "log [folder,source:] Rails log @config/application.rb:3",
            "storage [folder,source:] Rails storage @config/application.rb:3",
            "tmp [folder,source:] Rails tmp (pids, caches) @config/application.rb:3",
            "storage/production.sqlite3 [source:] Rails SQLite database @config/database.yml:11",
        ])
        XCTAssertEqual(describe(findings.executes), [
            "git `…` @app/services/report_exporter.rb:7",
            "wkhtmltopdf system @app/services/report_exporter.rb:8",
        ])
        XCTAssertEqual(describe(findings.unknowns), ["computedPath @app/services/report_exporter.rb:9"])
        // sqlite3 and debug are development/test gems: not needs. nokogiri is precompiled for both C libraries.
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "bootsnap compiled:none @Gemfile.lock:4",
            "msgpack compiled:none @Gemfile.lock:7",
            "nokogiri compiled:glibcAndMusl @Gemfile.lock:8",
            "pg compiled:none @Gemfile.lock:12",
            "pg lib:libpq @Gemfile.lock:12",
            "puma compiled:none @Gemfile.lock:13",
            "puma lib:libssl @Gemfile.lock:13",
            "nio4r compiled:none @Gemfile.lock:15",
            "racc compiled:none @Gemfile.lock:16",
        ])
    }

    func testSinatraAppWithParenlessCallsHeredocsAndComments() {
        let app = """
        require "sinatra"
        require "logger"

        set :public_folder, File.join(__dir__, "assets")
        LOG = Logger.new("log/app.log")
        STDOUT_LOG = Logger.new($stdout)

        =begin
        File.read "commented.txt"
        =end
        get "/" do
          config = File.read "settings.json"   # File.read "comment.json"
          FileUtils.mkdir_p File.expand_path("../uploads", __FILE__)
          help = <<~TEXT
            File.read("inside heredoc")
          TEXT
          erb :index
        end
        """
        let findings = RubySources.read(sourceContext(["web/app.rb": app, "web/config.ru": "require_relative \"app\"\nrun Sinatra::Application\n"]))
        XCTAssertEqual(describe(findings.reads), [
            "views [folder,source:web/,ifPresent] Sinatra views @web/app.rb:1",
            "assets [folder,source:web/,ifPresent] Sinatra public_folder @web/app.rb:4",
            "settings.json File.read @web/app.rb:12",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "log/app.log Logger.new @web/app.rb:5",
            "uploads [folder,source:web/] FileUtils.mkdir_p @web/app.rb:13",
        ])
        XCTAssertEqual(findings.unknowns, [])
    }

    func testCommandsInAllTheirForms() {
        let jobs = """
        Open3.capture2e("ffmpeg", "-i", input)
        IO.popen(["convert", src, dst])
        out = %x(pdftotext #{file} -)
        system({ "LANG" => "C" }, "tar", "czf", "a.tgz", "dir")
        exec "#{tool} --run"
        """
        let findings = RubySources.read(sourceContext(["lib/jobs.rb": jobs]))
        XCTAssertEqual(describe(findings.executes), [
            "ffmpeg Open3.capture2e @lib/jobs.rb:1",
            "convert IO.popen @lib/jobs.rb:2",
            "pdftotext `…` @lib/jobs.rb:3",
            "tar system @lib/jobs.rb:4",
        ])
        XCTAssertEqual(describe(findings.unknowns), ["computedProgram @lib/jobs.rb:5"])
    }
}
