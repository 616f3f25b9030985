@testable import DockerfileFacts
import XCTest

final class GoSourcesTests: XCTestCase {
    private let goMod = """
    module example.com/shop

    go 1.22

    require (
    \tgithub.com/gin-gonic/gin v1.10.0
    \tgithub.com/joho/godotenv v1.5.1
    \tgithub.com/mattn/go-sqlite3 v1.14.22
    \tgithub.com/spf13/viper v1.18.2
    \tgithub.com/confluentinc/confluent-kafka-go v1.9.2
    )

    require github.com/bytedance/sonic v1.11.6 // indirect
    """

    private let main = """
    package main

    import (
    \t"database/sql"
    \t"log"
    \t"os"
    \t"os/exec"

    \t"github.com/gin-gonic/gin"
    \t"github.com/joho/godotenv"
    \t_ "github.com/mattn/go-sqlite3"
    )

    // templates live in templates/; os.Open("comment.txt") is not a read.
    func main() {
    \tif err := godotenv.Load(); err != nil {
    \t\tlog.Fatal("no .env")
    \t}
    \tdb, _ := sql.Open("sqlite3", "file:data/shop.db?_fk=1")
    \tdefer db.Close()
    \tr := gin.Default()
    \tr.LoadHTMLGlob("templates/*")
    \tr.Static("/assets", "./assets")
    \tos.MkdirAll("uploads", 0o755)
    \tout, _ := exec.Command("git", "rev-parse", "HEAD").Output()
    \t_ = out
    \tf, _ := os.OpenFile("logs/app.log", os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
    \tlog.SetOutput(f)
    \tcfg, _ := os.ReadFile(os.Getenv("CONFIG_FILE"))
    \t_ = cfg
    \tr.Run()
    }
    """

    func testGinAppWithDotenvSqliteTemplatesAndGit() {
        let findings = GoSources.read(sourceContext(["go.mod": goMod, "main.go": main]))
        XCTAssertEqual(describe(findings.reads), [
            ".env godotenv.Load @main.go:16",
            "data/shop.db sql.Open @main.go:19",
            "templates/* [glob] r.LoadHTMLGlob @main.go:22",
            "./assets [folder] r.Static @main.go:23",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "data/shop.db sql.Open @main.go:19",
            "uploads [folder] os.MkdirAll @main.go:24",
            "logs/app.log os.OpenFile @main.go:27",
        ])
        XCTAssertEqual(describe(findings.executes), ["git exec.Command @main.go:25"])
        // go-sqlite3 is imported: cgo. confluent-kafka-go is required but imported nowhere: not linked.
        XCTAssertEqual(describe(findings.nativeNeeds), ["github.com/mattn/go-sqlite3 cgo @main.go:11"])
        XCTAssertEqual(describe(findings.unknowns), ["computedPath @main.go:29"])
        XCTAssertEqual(findings.reads.first?.evidence.text, "if err := godotenv.Load(); err != nil {")
    }

    func testTLSServersReadTheirCertificateAndKey() {
        let server = """
        package main

        import (
        \t"crypto/tls"
        \t"net/http"
        )

        func main() {
        \tpair, _ := tls.LoadX509KeyPair("tls/client.crt", "tls/client.key")
        \t_ = pair
        \thttp.ListenAndServeTLS(":8443", "certs/server.crt", "certs/server.key", nil)
        }
        """
        let findings = GoSources.read(sourceContext(["go.mod": "module example.com/tls\n", "server.go": server]))
        XCTAssertEqual(describe(findings.reads), [
            "tls/client.crt tls.LoadX509KeyPair @server.go:9",
            "tls/client.key tls.LoadX509KeyPair @server.go:9",
            "certs/server.crt http.ListenAndServeTLS @server.go:11",
            "certs/server.key http.ListenAndServeTLS @server.go:11",
        ])
    }

    func testEmbeddedFilesTestsAndCommentsAreNotReads() {
        let server = """
        package main

        import (
        \t"embed"
        \t"html/template"
        \t"net/http"
        )

        //go:embed templates/* static
        var content embed.FS

        /* http.Dir("./public") */
        func main() {
        \tt := template.Must(template.ParseFS(content, "templates/*.html"))
        \t_ = t
        \thttp.Handle("/", http.FileServer(http.FS(content)))
        \tlog := "os.Open(\\"not a call\\")"
        \t_ = log
        }
        """
        let test = """
        package main
        import "os"
        func TestX() { os.ReadFile("testdata/golden.json") }
        """
        let findings = GoSources.read(sourceContext(["go.mod": "module x\n", "main.go": server, "main_test.go": test, "testdata/helper.go": test]))
        XCTAssertEqual(findings, SourceFindings())
    }

    func testViperConfigFlagDefaultsAndStaticConfig() {
        let config = """
        package config

        import (
        \t"flag"
        \t"github.com/spf13/viper"
        \t"gopkg.in/natefinch/lumberjack.v2"
        )

        var path = flag.String("config", "./config.yaml", "config file")
        var addr = flag.String("addr", ":8080", "listen address")

        func Load() {
        \tviper.SetConfigName("settings")
        \tviper.SetConfigType("toml")
        \tviper.AddConfigPath(".")
        \tviper.AddConfigPath("/etc/shop/")
        \t_ = viper.ReadInConfig()
        \tw := &lumberjack.Logger{Filename: "logs/shop.log", MaxSize: 10}
        \t_ = w
        }
        """
        let findings = GoSources.read(sourceContext(["internal/config/config.go": config]))
        XCTAssertEqual(describe(findings.reads), [
            "./config.yaml flag.String default of -config @internal/config/config.go:9",
            "/etc/shop/settings.toml [absolute] viper SetConfigName @internal/config/config.go:13",
            "settings.toml viper SetConfigName @internal/config/config.go:13",
        ])
        XCTAssertEqual(describe(findings.writes), ["logs/shop.log lumberjack.Logger @internal/config/config.go:18"])
    }

    func testCgoInOwnSourcesIndirectModulesAndPureGoSqlite() {
        let cgo = """
        package native

        /*
        #include <zlib.h>
        */
        import "C"
        """
        let pure = """
        package store
        import (
        \t"database/sql"
        \t_ "modernc.org/sqlite"
        )
        const storePath = "store.db"
        func open() { sql.Open("sqlite", storePath) }
        """
        let goMod = """
        module x
        require (
        \tmodernc.org/sqlite v1.29.0
        \tgithub.com/mattn/go-sqlite3 v1.14.22 // indirect
        )
        """
        let findings = GoSources.read(sourceContext(["go.mod": goMod, "native/zlib.go": cgo, "store/store.go": pure]))
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "github.com/mattn/go-sqlite3 cgo @go.mod:4",
            "native/zlib.go cgo @native/zlib.go:6",
        ])
        XCTAssertEqual(describe(findings.writes), ["store.db sql.Open @store/store.go:7"])
    }

    func testShellCommandsAndComputedPrograms() {
        let run = """
        package main
        import "os/exec"
        func main() {
        \texec.Command("sh", "-c", "ffmpeg -i in.mp4 out.webm").Run()
        \texec.CommandContext(ctx, tool, "--version").Run()
        \texec.Command("./scripts/migrate.sh").Run()
        }
        """
        let findings = GoSources.read(sourceContext(["main.go": run]))
        XCTAssertEqual(describe(findings.executes), [
            "ffmpeg exec.Command (sh -c) @main.go:4",
            "sh exec.Command @main.go:4",
            "./scripts/migrate.sh exec.Command @main.go:6",
        ])
        XCTAssertEqual(describe(findings.unknowns), ["computedProgram @main.go:5"])
    }

    func testEchoAndFiberStaticFoldersNeedTheirFramework() {
        let echo = """
        package main
        import (
        	"github.com/labstack/echo/v4"
        	"github.com/labstack/echo/v4/middleware"
        	"github.com/joho/godotenv"
        )
        func main() {
        	_ = godotenv.Load(".env.production", "config/.env")
        	e := echo.New()
        	e.Static("/static", "web/static")
        	e.Use(middleware.StaticWithConfig(middleware.StaticConfig{Root: "web/dist", HTML5: true}))
        }
        """
        let fiber = "package main\nimport \"github.com/gofiber/fiber/v2\"\nfunc main() { app := fiber.New(); app.Static(\"/\", \"./public\") }\n"
        let other = "package cache\nfunc f(c *Cache) { c.Static(\"key\", \"value\") }\n"
        let findings = GoSources.read(sourceContext(["cmd/echo/main.go": echo, "cmd/fiber/main.go": fiber, "cache/cache.go": other]))
        XCTAssertEqual(describe(findings.reads), [
            ".env.production godotenv.Load @cmd/echo/main.go:8",
            "config/.env godotenv.Load @cmd/echo/main.go:8",
            "web/static [folder] e.Static @cmd/echo/main.go:10",
            "web/dist [folder] echo StaticConfig @cmd/echo/main.go:11",
            "./public [folder] app.Static @cmd/fiber/main.go:3",
        ])
    }

    func testRootLimitsTheFilesRead() {
        let other = "package x\nimport \"os\"\nfunc f() { os.ReadFile(\"other.json\") }\n"
        let api = "package x\nimport \"os\"\nfunc f() { os.ReadFile(\"api.json\") }\n"
        let findings = GoSources.read(sourceContext(["services/api/main.go": api, "services/other/main.go": other]), root: "services/api")
        XCTAssertEqual(describe(findings.reads), ["api.json os.ReadFile @services/api/main.go:3"])
    }
}
