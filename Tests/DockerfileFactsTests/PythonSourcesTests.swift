@testable import DockerfileFacts
import XCTest

final class PythonSourcesTests: XCTestCase {
    private let app = """
    import logging
    import sqlite3
    import subprocess
    from pathlib import Path

    from dotenv import load_dotenv
    from flask import Flask, render_template

    load_dotenv()
    BASE = Path(__file__).resolve().parent
    DB_PATH = "app.db"

    app = Flask(__name__)
    logging.basicConfig(level=logging.INFO)
    handler = logging.FileHandler("logs/app.log")


    def db():
        # open("commented.txt") is not read
        return sqlite3.connect(DB_PATH)


    @app.route("/")
    def index():
        \"\"\"Renders open("index.html") for the docstring.\"\"\"
        version = subprocess.check_output(["git", "describe", "--tags"])
        rules = (BASE / "rules.json").read_text()
        with open("exports/report.csv", "w") as out:
            out.write(rules)
        return render_template("index.html", version=version)
    """

    func testFlaskAppWithSqliteDotenvLogsAndGit() {
        let findings = PythonSources.read(sourceContext(["web/app.py": app, "web/requirements.txt": "flask==3.0\npython-dotenv\n"]), root: "web")
        XCTAssertEqual(describe(findings.reads), [
            ".env [source:web/] load_dotenv @web/app.py:9",
            "static [folder,source:web/,ifPresent] Flask static @web/app.py:13",
            "templates [folder,source:web/] Flask templates @web/app.py:13",
            "app.db sqlite3.connect @web/app.py:20",
            "rules.json [source:web/] Path.read_text @web/app.py:27",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "logs/app.log logging.FileHandler @web/app.py:15",
            "app.db sqlite3.connect @web/app.py:20",
            "exports/report.csv open @web/app.py:28",
        ])
        XCTAssertEqual(describe(findings.executes), ["git subprocess.check_output @web/app.py:26"])
        XCTAssertEqual(findings.nativeNeeds, [])
        XCTAssertEqual(findings.unknowns, [])
    }

    func testFileDatabasesAreReadAndWritten() {
        let bot = """
        import shelve
        from tinydb import TinyDB

        users = TinyDB("db.json")
        with shelve.open(filename="state/seen") as seen:
            pass
        """
        let findings = PythonSources.read(sourceContext(["bot.py": bot]))
        XCTAssertEqual(describe(findings.writes), [
            "db.json TinyDB @bot.py:4",
            "state/seen shelve.open @bot.py:5",
        ])
        XCTAssertEqual(describe(findings.reads), describe(findings.writes))
    }

    func testFlaskSQLAlchemyKeepsRelativeDatabasesInTheInstanceFolder() {
        let app = """
        from flask import Flask
        from flask_sqlalchemy import SQLAlchemy

        app = Flask(__name__, static_folder=None, template_folder="views")
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///shop.db"
        db = SQLAlchemy(app)
        """
        let findings = PythonSources.read(sourceContext(["shop/__init__.py": app]))
        XCTAssertEqual(describe(findings.reads), [
            "views [folder,source:shop/,ifPresent] Flask templates @shop/__init__.py:4",
            "instance/shop.db [source:shop/] SQLite URL (Flask-SQLAlchemy) @shop/__init__.py:5",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "instance [folder,source:shop/] Flask-SQLAlchemy instance folder @shop/__init__.py:5",
            "instance/shop.db [source:shop/] SQLite URL (Flask-SQLAlchemy) @shop/__init__.py:5",
        ])
    }

    func testDjangoSettingsResolveBaseDir() {
        let settings = """
        import os
        from pathlib import Path

        BASE_DIR = Path(__file__).resolve().parent.parent

        TEMPLATES = [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [BASE_DIR / "templates", os.path.join(BASE_DIR, "shared", "templates")],
            },
        ]
        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": BASE_DIR / "db.sqlite3",
            }
        }
        STATIC_ROOT = BASE_DIR / "staticfiles"
        MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/data/media")
        """
        let findings = PythonSources.read(sourceContext(["src/mysite/settings.py": settings, "src/manage.py": "import os\n"]), root: "src")
        XCTAssertEqual(describe(findings.reads), [
            "shared/templates [folder,source:src/] Django TEMPLATES DIRS @src/mysite/settings.py:9",
            "templates [folder,source:src/] Django TEMPLATES DIRS @src/mysite/settings.py:9",
            "db.sqlite3 [source:src/] Django SQLite database @src/mysite/settings.py:15",
            "staticfiles [folder,source:src/] Django STATIC_ROOT @src/mysite/settings.py:18",
        ])
        XCTAssertEqual(describe(findings.writes), ["db.sqlite3 [source:src/] Django SQLite database @src/mysite/settings.py:15"])
        XCTAssertEqual(describe(findings.unknowns), ["computedPath @src/mysite/settings.py:19"])
    }

    func testShellCommandsFastAPIFoldersAndComputedPaths() {
        let main = """
        import os, shlex, subprocess
        from fastapi.staticfiles import StaticFiles
        from fastapi.templating import Jinja2Templates

        app.mount("/static", StaticFiles(directory="static"), name="static")
        templates = Jinja2Templates(directory="templates")
        os.system("convert in.png out.webp")
        subprocess.run(shlex.split("ffmpeg -version"))
        subprocess.run(cmd, shell=True)
        data = open(os.environ["DATA_FILE"]).read()
        os.makedirs(f"{os.getcwd()}/cache", exist_ok=True)
        """
        let findings = PythonSources.read(sourceContext(["main.py": main]))
        XCTAssertEqual(describe(findings.reads), [
            "static [folder] StaticFiles @main.py:5",
            "templates [folder] Jinja2Templates @main.py:6",
        ])
        XCTAssertEqual(describe(findings.executes), ["convert os.system @main.py:7", "ffmpeg subprocess.run @main.py:8"])
        XCTAssertEqual(describe(findings.unknowns), ["computedProgram @main.py:9", "computedPath @main.py:10", "computedPath @main.py:11"])
    }

    func testRequirementsNativeNeedsSkipDevListsAndBinaryBuilds() {
        let requirements = """
        # production
        Django==5.0
        psycopg2==2.9.9
        lxml>=5
        uwsgi ; sys_platform != "win32"
        -r requirements/base.txt
        """
        let pyproject = """
        [project]
        name = "shop"
        dependencies = [
            "psycopg[binary]>=3.1",
            "torch==2.3",
        ]

        [project.optional-dependencies]
        dev = ["mysqlclient"]
        """
        let findings = PythonSources.read(sourceContext([
            "requirements.txt": requirements, "requirements/base.txt": "pycairo\n", "requirements-dev.txt": "mysqlclient\npsycopg2\n",
            "pyproject.toml": pyproject,
        ]))
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "psycopg-binary compiled:glibcAndMusl @pyproject.toml:4",
            "torch glibc @pyproject.toml:5",
            "psycopg2 lib:libpq @requirements.txt:3",
            "lxml compiled:glibcAndMusl @requirements.txt:4",
            "uwsgi lib:libpcre @requirements.txt:5",
            "uwsgi lib:libxml2 @requirements.txt:5",
            "pycairo lib:libcairo @requirements/base.txt:1",
        ])
    }

    func testDotenvSearchesAndGlobs() {
        let settings = """
        from dotenv import load_dotenv, find_dotenv
        import glob, os
        load_dotenv(find_dotenv(usecwd=True))
        load_dotenv(dotenv_path="/run/secrets/app.env")
        HERE = os.path.dirname(os.path.abspath(__file__))
        for name in glob.glob(os.path.join(HERE, "plugins", "*.py")):
            pass
        if os.path.exists("maintenance.flag"):
            pass
        """
        let findings = PythonSources.read(sourceContext(["app/settings.py": settings]))
        XCTAssertEqual(describe(findings.reads), [
            ".env load_dotenv @app/settings.py:3",
            "/run/secrets/app.env [absolute] load_dotenv @app/settings.py:4",
            "plugins/*.py [glob,source:app/] glob.glob @app/settings.py:6",
            "maintenance.flag [ifPresent] os.path.exists @app/settings.py:8",
        ])
    }

    func testTestsCommentsAndDocstringsAreNotReads() {
        let test = "import sqlite3\ndef test_db():\n    sqlite3.connect('test.db')\n    open('fixtures/x.json')\n"
        let module = "'''open(\"doc.txt\")'''\n# open('comment.txt')\nx = 'open(\"string.txt\")'\n"
        let findings = PythonSources.read(sourceContext([
            "test_app.py": test, "tests/helpers.py": test, "app/models_test.py": test, "conftest.py": test, "setup.py": "open('README.md')\n",
            "app/models.py": module,
        ]))
        XCTAssertEqual(findings, SourceFindings())
    }
}
