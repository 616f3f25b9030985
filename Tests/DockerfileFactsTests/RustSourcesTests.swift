@testable import DockerfileFacts
import XCTest

final class RustSourcesTests: XCTestCase {
    private let cargo = """
    [package]
    name = "blog"
    version = "0.1.0"

    [dependencies]
    rocket = { version = "0.5", features = ["json"] }
    rocket_dyn_templates = { version = "0.2", features = ["tera"] }
    dotenvy = "0.15"
    rusqlite = "0.31"
    reqwest = { version = "0.12", default-features = false, features = [
        "json",
        "rustls-tls",
    ] }
    openssl = { version = "0.10" }

    [dependencies.diesel]
    version = "2"
    features = ["postgres", "r2d2"]

    [dev-dependencies]
    libsqlite3-sys = "0.28"
    mysqlclient-sys = "0.2"

    [features]
    default = ["openssl/vendored"]
    """

    private let main = """
    #[macro_use] extern crate rocket;
    use rocket::fs::{relative, FileServer};
    use rocket_dyn_templates::Template;
    use std::process::Command;

    const DB_FILE: &str = "blog.db";
    static BANNER: &str = include_str!("../banner.txt");

    #[get("/")]
    fn index() -> Template {
        let conn = rusqlite::Connection::open(DB_FILE).unwrap();
        let rev = Command::new("git").args(["rev-parse", "HEAD"]).output();
        Template::render("index", context! {})
    }

    #[launch]
    fn rocket() -> _ {
        dotenvy::dotenv().ok();
        let drafts = std::fs::read_to_string(std::env::var("DRAFTS").unwrap());
        rocket::build()
            .mount("/", routes![index])
            .mount("/static", FileServer::from(relative!("static")))
            .mount("/media", FileServer::from("media"))
            .attach(Template::fairing())
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn reads_fixture() { std::fs::read_to_string("tests/fixture.json").unwrap(); }
    }
    """

    func testRocketAppWithTemplatesSqliteDotenvAndGit() {
        let findings = RustSources.read(sourceContext(["Cargo.toml": cargo, "src/main.rs": main, "tests/api.rs": "fn t() { std::fs::read(\"x\"); }"]))
        XCTAssertEqual(describe(findings.reads), [
            "blog.db rusqlite::Connection::open @src/main.rs:11",
            ".env dotenvy::dotenv @src/main.rs:18",
            "Rocket.toml [ifPresent] Rocket configuration @src/main.rs:20",
            "static [folder,builder:] FileServer::from @src/main.rs:22",
            "media [folder] FileServer::from @src/main.rs:23",
            "templates [folder] Rocket templates @src/main.rs:24",
        ])
        XCTAssertEqual(describe(findings.writes), ["blog.db rusqlite::Connection::open @src/main.rs:11"])
        XCTAssertEqual(describe(findings.executes), ["git Command::new @src/main.rs:12"])
        XCTAssertEqual(describe(findings.unknowns), ["computedPath @src/main.rs:19"])
        // openssl is vendored by the crate's default feature; reqwest uses rustls; dev-dependencies are not linked.
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "rusqlite lib:libsqlite3 @Cargo.toml:9",
            "diesel lib:libpq @Cargo.toml:16",
        ])
    }

    func testActixFilesLogsOpenOptionsAndManifestDir() {
        let main = """
        use actix_files::Files;
        use std::fs::OpenOptions;

        fn main() {
            let log = OpenOptions::new().create(true).append(true).open("logs/access.log");
            let cfg = std::fs::File::open("config/app.toml");
            let appender = tracing_appender::rolling::daily("logs", "app.log");
            let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/assets");
            let pool = SqlitePool::connect("sqlite://data/app.db?mode=rwc");
            App::new().service(Files::new("/static", "./static").show_files_listing())
                .service(Files::new("/assets", assets));
            if std::path::Path::new("maintenance.flag").exists() {}
        }
        """
        let findings = RustSources.read(sourceContext(["server/Cargo.toml": "[dependencies]\nactix-files = \"0.6\"\n", "server/src/main.rs": main]),
                                        root: "server")
        XCTAssertEqual(describe(findings.reads), [
            "config/app.toml std::fs::File::open @server/src/main.rs:6",
            "data/app.db SQLite URL @server/src/main.rs:9",
            "./static [folder] Files::new @server/src/main.rs:10",
            "maintenance.flag [ifPresent] Path::exists @server/src/main.rs:12",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "logs/access.log OpenOptions::open @server/src/main.rs:5",
            "logs [folder] tracing_appender::rolling::daily @server/src/main.rs:7",
            "data/app.db SQLite URL @server/src/main.rs:9",
        ])
        // A name given a computed value (`let assets = …`) is not followed: unknown.
        XCTAssertEqual(describe(findings.unknowns), ["computedPath @server/src/main.rs:11"])
    }

    func testBuildScriptOutputsBesideTheCrateAreGenerated() {
        let build = """
        use std::{env, fs, path::Path, process::Command};
        fn main() {
            let out = env::var("OUT_DIR").unwrap();
            fs::write(Path::new(&out).join("version.rs"), "pub const V: &str = \\"1\\";").unwrap();
            fs::create_dir_all("static/css").unwrap();
            fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/static/css/site.css"), css()).unwrap();
            Command::new("npm").args(["run", "build"]).status().unwrap();
        }
        """
        let main = """
        fn main() { let files = std::fs::read_dir("static/css"); }
        """
        let findings = RustSources.read(sourceContext(["web/Cargo.toml": "[package]\nname = \"web\"\n", "web/build.rs": build, "web/src/main.rs": main]))
        XCTAssertEqual(describe(findings.generated), [
            "static/css [folder,source:web/] build.rs fs::create_dir_all @web/build.rs:5",
            "static/css/site.css [source:web/] build.rs fs::write @web/build.rs:6",
        ])
        XCTAssertEqual(describe(findings.nativeNeeds), ["build.rs program:npm (build) @web/build.rs:7"])
        XCTAssertEqual(describe(findings.reads), ["static/css [folder] std::fs::read_dir @web/src/main.rs:1"])
        XCTAssertEqual(findings.unknowns, [])
    }

    func testCompiledInFilesCommentsAndExamplesAreNotReads() {
        let lib = """
        //! Reads `fs::read_to_string("doc.txt")` in docs only.
        /* std::fs::read("block.txt") /* nested */ still comment */
        #[derive(Template)]
        #[template(path = "hello.html")]
        struct Hello<'a> { name: &'a str }
        const CSS: &[u8] = include_bytes!("style.css");
        fn lifetimes<'a>(x: &'a str) -> char { '"' }
        """
        let findings = RustSources.read(sourceContext(["src/lib.rs": lib, "examples/demo.rs": "fn main() { std::fs::read(\"demo\"); }",
                                                        "benches/b.rs": "fn b() { std::fs::read(\"b\"); }"]))
        XCTAssertEqual(findings, SourceFindings())
    }

    func testCargoLockSysCratesAndRdkafkaFeatures() {
        let cargo = """
        [dependencies]
        rdkafka = { version = "0.36", features = ["ssl", "cmake-build"] }
        sqlx = { version = "0.7", features = ["postgres"] }
        """
        let lock = """
        [[package]]
        name = "openssl-sys"
        version = "0.9.102"

        [[package]]
        name = "pq-sys"
        version = "0.4.8"
        """
        let findings = RustSources.read(sourceContext(["Cargo.toml": cargo, "Cargo.lock": lock]))
        // openssl-sys is already covered by rdkafka's ssl feature; pq-sys comes only from the lockfile.
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "pq-sys lib:libpq @Cargo.lock:6",
            "rdkafka program:cmake and a C toolchain (build) @Cargo.toml:2",
            "rdkafka lib:libssl @Cargo.toml:2",
            "rdkafka lib:libz @Cargo.toml:2",
        ])
    }
}
