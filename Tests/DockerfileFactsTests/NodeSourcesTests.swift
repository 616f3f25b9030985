@testable import DockerfileFacts
import XCTest

final class NodeSourcesTests: XCTestCase {
    private let server = """
    require('dotenv').config();
    const express = require('express');
    const path = require('path');
    const fs = require('fs');
    const winston = require('winston');
    const { execSync } = require('child_process');
    const Database = require('better-sqlite3');

    const logger = winston.createLogger({
      transports: [
        new winston.transports.File({ filename: 'error.log', dirname: 'logs', level: 'error' }),
        new winston.transports.Console(),
      ],
    });

    const app = express();
    const db = new Database('data/app.db');
    app.set('view engine', 'ejs');
    app.use(express.static('public'));
    app.use('/docs', express.static(path.join(__dirname, '..', 'docs')));
    // fs.readFileSync('commented.json')
    const settings = JSON.parse(fs.readFileSync('./config/settings.json', 'utf8'));
    const commit = execSync('git rev-parse HEAD').toString();
    app.get('/', (req, res) => res.sendFile(path.join(__dirname, 'index.html')));
    app.get('/file/:name', (req, res) => res.sendFile(req.params.name, { root: 'uploads' }));
    app.get('/raw', (req, res) => res.sendFile(path.join(__dirname, 'files', req.query.f)));
    app.listen(process.env.PORT || 3000);
    """

    private let packageJSON = """
    {
      "name": "shop",
      "dependencies": {
        "better-sqlite3": "^11.0.0",
        "dotenv": "^16.4.5",
        "express": "^4.19.2",
        "sharp": "^0.33.4",
        "winston": "^3.13.0",
        "internal-ui": "github:acme/internal-ui#v2"
      },
      "devDependencies": {
        "canvas": "^2.11.2",
        "eslint-config-acme": "git+ssh://git@github.com/acme/eslint-config.git"
      }
    }
    """

    func testExpressAppWithWinstonLogsSqliteAndViews() {
        let findings = NodeSources.read(sourceContext(["src/server.js": server, "package.json": packageJSON]))
        XCTAssertEqual(describe(findings.reads), [
            ".env dotenv.config @src/server.js:1",
            "data/app.db new Database @src/server.js:17",
            "views [folder] Express view engine default @src/server.js:18",
            "public [folder] express.static @src/server.js:19",
            "docs [folder,source:] express.static @src/server.js:20",
            "./config/settings.json fs.readFileSync @src/server.js:22",
            "index.html [source:src/] res.sendFile @src/server.js:24",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "logs [folder] log folder @src/server.js:11",
            "logs/error.log log file @src/server.js:11",
            "data/app.db new Database @src/server.js:17",
        ])
        XCTAssertEqual(describe(findings.executes), ["git execSync @src/server.js:23"])
        XCTAssertEqual(describe(findings.unknowns), ["computedPath @src/server.js:25", "computedPath @src/server.js:26"])
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "better-sqlite3 compiled:glibcAndMusl @package.json:4",
            "sharp compiled:glibcAndMusl @package.json:7",
            "internal-ui program:git (build) @package.json:9",
            "eslint-config-acme program:git (build) @package.json:13",
        ])
    }

    func testESModulesDotenvImportTemplatesAndMulter() {
        let app = """
        import 'dotenv/config';
        import express from 'express';
        import multer from 'multer';
        import { spawn } from 'node:child_process';
        import { fileURLToPath } from 'node:url';
        import path from 'node:path';
        import { writeFile, mkdir } from 'node:fs/promises';

        const __dirname = path.dirname(fileURLToPath(import.meta.url));
        const publicDir = `${__dirname}/public`;
        const upload = multer({ dest: 'uploads/' });
        const app = express();
        app.set('views', path.join(__dirname, 'views'));
        app.use(express.static(publicDir));
        await mkdir('cache', { recursive: true });
        await writeFile(new URL('./state.json', import.meta.url), '{}');
        spawn('ffmpeg', ['-i', 'in.mp4']);
        spawn(process.env.CONVERTER, []);
        const tpl = `fs.readFileSync("${name}")`;
        """
        let findings = NodeSources.read(sourceContext(["web/app.mjs": app]), root: "web")
        XCTAssertEqual(describe(findings.reads), [
            ".env dotenv/config @web/app.mjs:1",
            "views [folder,source:web/] app.set views @web/app.mjs:13",
            "public [folder,source:web/] express.static @web/app.mjs:14",
        ])
        XCTAssertEqual(describe(findings.writes), [
            "uploads/ [folder] multer dest @web/app.mjs:11",
            "cache [folder] mkdir @web/app.mjs:15",
            "state.json [source:web/] writeFile @web/app.mjs:16",
        ])
        XCTAssertEqual(describe(findings.executes), ["ffmpeg spawn @web/app.mjs:17"])
        XCTAssertEqual(describe(findings.unknowns), ["computedProgram @web/app.mjs:18"])
    }

    func testTestFilesRegexExecAndDevAddonsAreNotNeeds() {
        let spec = "const fs = require('fs');\nfs.writeFileSync('snapshot.json', '{}');\n"
        let lib = """
        const re = /"(\\w+)"/g;
        const m = re.exec(line);
        const n = /x/.exec(line);
        """
        let packageJSON = #"{ "devDependencies": { "sqlite3": "^5.1.7", "puppeteer": "^22" }, "dependencies": { "express": "4" } }"#
        let lock = """
        {
          "packages": {
            "node_modules/sqlite3": {
              "version": "5.1.7",
              "dev": true,
              "hasInstallScript": true
            },
            "node_modules/pkg/node_modules/bcrypt": {
              "version": "5.1.1",
              "hasInstallScript": true
            }
          }
        }
        """
        let findings = NodeSources.read(sourceContext([
            "app.test.js": spec, "src/__tests__/x.js": spec, "test/helper.js": spec, "types/index.d.ts": spec, "src/lib.js": lib,
            "package.json": packageJSON, "package-lock.json": lock,
        ]))
        XCTAssertEqual(findings.reads + findings.writes, [])
        XCTAssertEqual(findings.executes, [])
        XCTAssertEqual(describe(findings.nativeNeeds), ["bcrypt compiled:glibcAndMusl @package-lock.json:8"])
    }

    func testGitSpecs() {
        for spec in ["git+https://github.com/a/b.git", "github:a/b", "a/b#main", "https://github.com/a/b", "git://host/x.git", "gitlab:a/b"] {
            XCTAssertTrue(NodePackages.isGitSpec(spec), spec)
        }
        for spec in ["^1.2.3", "@scope/pkg", "file:../lib", "npm:react@18", "https://example.com/x.tgz", "latest", "./local"] {
            XCTAssertFalse(NodePackages.isGitSpec(spec), spec)
        }
    }
}
