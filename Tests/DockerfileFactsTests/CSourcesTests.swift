@testable import DockerfileFacts
import XCTest

final class CSourcesTests: XCTestCase {
    private let cmake = """
    cmake_minimum_required(VERSION 3.16)
    project(imgserve C CXX)

    find_package(OpenSSL REQUIRED)
    add_library(core STATIC src/core.c)
    add_executable(${PROJECT_NAME} src/main.c)  # the server
    set_target_properties(${PROJECT_NAME} PROPERTIES OUTPUT_NAME imgserved)
    add_executable(imgtool tools/tool.cpp)
    target_link_libraries(${PROJECT_NAME} PRIVATE core OpenSSL::SSL m pthread
        sqlite3)
    set(CMAKE_C_FLAGS "${CMAKE_C_FLAGS} -fsanitize=address,undefined")
    """

    private let main = """
    #include <stdio.h>
    #include <fcntl.h>
    #define CONFIG_PATH "/etc/imgserve.conf"

    static const char *cache_dir = "cache";

    int main(int argc, char **argv) {
        FILE *cfg = fopen(CONFIG_PATH, "r");
        FILE *log = fopen("logs/imgserve.log", "a");
        int fd = open("state.bin", O_RDWR | O_CREAT, 0644);
        mkdir(cache_dir, 0755);
        /* fopen("commented.txt", "r"); */
        system("convert in.png out.webp");
        void *plugin = dlopen("libheif.so.1", RTLD_NOW);
        FILE *user = fopen(argv[1], "r");
        return 0;
    }
    """

    func testCMakeProjectProductsLibrariesSanitizersAndSources() {
        let findings = CSources.read(sourceContext(["CMakeLists.txt": cmake, "src/main.c": main, "tests/test_main.c": "fopen(\"fixture\", \"r\");"]))
        XCTAssertEqual(findings.products.map(\.name), ["imgserved", "imgtool"])
        XCTAssertEqual(findings.products.map(\.evidence.line), [6, 8])
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "OpenSSL::SSL lib:libssl @CMakeLists.txt:9",
            "sqlite3 lib:libsqlite3 @CMakeLists.txt:9",
            "-fsanitize=address,undefined lib:libasan @CMakeLists.txt:11",
            "-fsanitize=address,undefined lib:libubsan @CMakeLists.txt:11",
            "libheif.so.1 lib:libheif.so.1 @src/main.c:14",
        ])
        XCTAssertEqual(describe(findings.reads), ["/etc/imgserve.conf [absolute] fopen @src/main.c:8"])
        XCTAssertEqual(describe(findings.writes), [
            "logs/imgserve.log fopen @src/main.c:9",
            "state.bin open @src/main.c:10",
            "cache [folder] mkdir @src/main.c:11",
        ])
        XCTAssertEqual(describe(findings.executes), ["convert system @src/main.c:13"])
        XCTAssertEqual(describe(findings.unknowns), ["computedPath @src/main.c:15"])
    }

    func testMakefileTargetsLinkFlagsAndStaticBuilds() {
        let makefile = """
        CC ?= gcc
        TARGET = httpd
        LDLIBS = -lssl -lcrypto -lm \\
                 -lpthread
        CFLAGS += -O2 -fsanitize=address

        .PHONY: all clean
        all: $(TARGET)

        $(TARGET): main.o net.o
        \t$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs libcurl)

        %.o: %.c
        \t$(CC) $(CFLAGS) -c -o $@ $<

        clean:
        \trm -f $(TARGET) *.o
        """
        let findings = CSources.read(sourceContext(["Makefile": makefile]))
        XCTAssertEqual(findings.products.map(\.name), ["httpd"])
        XCTAssertEqual(findings.products.first?.evidence.line, 10)
        // -lm and -lpthread are the C library's; -lssl in LDLIBS is named once, at its variable.
        XCTAssertEqual(describe(findings.nativeNeeds), [
            "-lcrypto lib:libcrypto @Makefile:3",
            "-lssl lib:libssl @Makefile:3",
            "-fsanitize=address lib:libasan @Makefile:5",
            "pkg-config libcurl lib:libcurl @Makefile:11",
        ])

        let staticMakefile = "LDFLAGS = -static\nLDLIBS = -lz\nprog: prog.c\n\tcc $(LDFLAGS) -o prog prog.c $(LDLIBS)\n"
        let staticFindings = CSources.read(sourceContext(["Makefile": staticMakefile]))
        XCTAssertEqual(describe(staticFindings.nativeNeeds), ["-lz lib:libz (build) @Makefile:2"])
        XCTAssertEqual(staticFindings.products.map(\.name), ["prog"])
    }

    func testFirstTargetOrProgramVariableWhenNothingLinksVisibly() {
        let makefile = "BIN := worker\nSRC = $(wildcard *.c)\n\nworker: $(SRC)\n\t$(CC) $(SRC) $(LDFLAGS)\n"
        XCTAssertEqual(CSources.read(sourceContext(["Makefile": makefile])).products.map(\.name), ["worker"])
        let firstTarget = "tool: tool.c\n\tcc tool.c\n"
        XCTAssertEqual(CSources.read(sourceContext(["Makefile": firstTarget])).products.map(\.name), ["tool"])
    }

    func testCppStreamsAndRawStrings() {
        let cpp = """
        #include <fstream>
        int main() {
            std::ifstream in("data/model.bin", std::ios::binary);
            std::ofstream out("results.csv");
            const char *doc = R"(fopen("inside raw", "r"))";
            // system("rm -rf /");
            execvp("ffmpeg", args);
        }
        """
        let findings = CSources.read(sourceContext(["src/app.cpp": cpp]))
        XCTAssertEqual(describe(findings.reads), ["data/model.bin std::ifstream @src/app.cpp:3"])
        XCTAssertEqual(describe(findings.writes), ["results.csv std::ofstream @src/app.cpp:4"])
        XCTAssertEqual(describe(findings.executes), ["ffmpeg execvp @src/app.cpp:7"])
    }
}
