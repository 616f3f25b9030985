import DockslimCLI
import XCTest

/// Help text and errors behave like swift-argument-parser's.
final class HelpAndErrorTests: XCTestCase {
    func testRootHelp() {
        let run = Run(["--help"])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.hasPrefix("OVERVIEW: Slim Dockerfiles: read them exactly as BuildKit does, and rewrite them with minimal patches.\n\nEXAMPLES:\n"))
        for part in ["\nSHARDS: --shard-index/--shard-count, or JOB_COMPLETION_INDEX and DOCKSLIM_SHARD_COUNT\n",
                     "\nEXIT STATUS:\n  0   done; for rewrite, with or without changes (also with --write)\n",
                     "  64  usage error\n", "  Engines: integrations/ (multi-gitter",
                     "\nCONFIGURATION: each Dockerfile's nearest .dockslim.json (up to its repository's top;\n",
                     "\nUSAGE: dockslim <subcommand>\n\nOPTIONS:\n  --version               Show the version.\n  -h, --help              Show help information.\n\nSUBCOMMANDS:\n",
                     "  rewrite                 Rewrite Dockerfiles with a recipe; print the patch, or apply it.\n",
                     "  audit                   Find leaks into the final image, cache-busting steps and more; text, JSON, SARIF or HTML.\n",
                     "  config                  Print the configuration (.dockslim.json and flags) a Dockerfile gets.\n",
                     "  completions             Print the shell completion script for bash, zsh or fish.\n",
                     "  man                     Print the manual page (roff) made from the help text.\n",
                     "  help                    Show help for a subcommand.\n",
                     "\n  See 'dockslim help <subcommand>' for detailed help.\n"] {
            XCTAssertTrue(run.stdout.contains(part), part)
        }
        XCTAssertEqual(Run([]).stdout, run.stdout)
        XCTAssertEqual(Run(["help"]).stdout, run.stdout)
    }

    func testParseHelp() {
        let run = Run(["parse", "--help"])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.hasPrefix("OVERVIEW: Parse Dockerfiles and print their syntax tree or BuildKit's reading.\n"))
        XCTAssertTrue(run.stdout.contains("\nUSAGE: dockslim parse [--format <format>] <path> ...\n"))
        XCTAssertTrue(run.stdout.contains("\nARGUMENTS:\n  <path>                  Dockerfiles to parse; '-' reads standard input.\n"))
        XCTAssertTrue(run.stdout.contains("\nOPTIONS:\n  --format <format>       tree, json or buildkit. (default: tree)\n  -h, --help              Show help information.\n"))
        XCTAssertEqual(Run(["help", "parse"]).stdout, run.stdout)
        XCTAssertEqual(Run(["parse", "-h"]).stdout, run.stdout)
    }

    func testRewriteHelp() {
        let run = Run(["rewrite", "--help"])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.hasPrefix("OVERVIEW: Rewrite Dockerfiles with a recipe; print the patch, or apply it with --write.\n"))
        XCTAssertTrue(run.stdout.contains("\nUSAGE: dockslim rewrite --recipe <recipe> [<options>] [<path> ...]\n"))
        for row in ["  --recipe <recipe>       A builtin recipe id", "  -w, --write             Apply the changes in place, atomically.",
                    "  --check                 Exit 1 if any file would change", "  -j, --jobs <n>          Files processed at once. (default: all cores)",
                    "  --shard-index <i>       Take only shard i (from 0) of --shard-count; files are grouped by repository (default: $JOB_COMPLETION_INDEX).",
                    "  --shard-count <n>       The number of shards (default: $DOCKSLIM_SHARD_COUNT).",
                    "  --patch-dir <dir>       Write one patch per repository, DIR/<repository>.patch, instead of printing it.",
                    "  --color <when>          Colour the patch: auto, always or never (NO_COLOR is honoured). (default: auto)"] {
            XCTAssertTrue(run.stdout.contains(row), row)
        }
    }

    func testVersion() {
        let run = Run(["--version"])
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(run.stdout, DockslimCLI.version + "\n")
    }

    func testUsageErrorsExit64WithUsageAndHint() {
        let cases: [([String], String)] = [
            (["parse"], "Error: Missing expected argument '<path> ...'\nUsage: dockslim parse [--format <format>] <path> ...\n  See 'dockslim parse --help' for more information.\n"),
            (["parse", "--format", "xml", "x"], "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'tree', 'json' and 'buildkit'.\nUsage: dockslim parse [--format <format>] <path> ...\n  See 'dockslim parse --help' for more information.\n"),
            (["parse", "--format"], "Error: Missing value for '--format <format>'\nUsage: dockslim parse [--format <format>] <path> ...\n  See 'dockslim parse --help' for more information.\n"),
            (["parse", "--bogus", "x"], "Error: Unknown option '--bogus'\nUsage: dockslim parse [--format <format>] <path> ...\n  See 'dockslim parse --help' for more information.\n"),
            (["frobnicate"], "Error: Unknown subcommand 'frobnicate'\nUsage: dockslim <subcommand>\n  See 'dockslim --help' for more information.\n"),
            (["--bogus"], "Error: Unknown option '--bogus'\nUsage: dockslim <subcommand>\n  See 'dockslim --help' for more information.\n"),
            (["help", "nope"], "Error: Unknown subcommand 'nope'\nUsage: dockslim <subcommand>\n  See 'dockslim --help' for more information.\n"),
        ]
        for (args, expected) in cases {
            let run = Run(args)
            XCTAssertEqual(run.code, 64, "\(args)")
            XCTAssertEqual(run.stderr, expected, "\(args)")
            XCTAssertEqual(run.stdout, "", "\(args)")
        }
    }
}
