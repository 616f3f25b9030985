/// What compiler and linker flags ask of the runtime image: `-lssl` a
/// shared library (unless `-static` links it in), `-fsanitize=address`
/// the sanitizer's runtime (unless `-static-libasan`),
/// `$(pkg-config --libs x)` the package's library. Parts of the C library
/// (`-lm`, `-lpthread`, `-ldl`, `-lrt`…) are in every image that has one.
enum CLinkFlags {
    static let partsOfLibc: Set<String> = ["m", "c", "pthread", "dl", "rt", "util", "resolv", "gcc", "gcc_s", "atomic"]

    static let sanitizerRuntimes: [String: String] = ["address": "libasan", "undefined": "libubsan", "thread": "libtsan", "leak": "liblsan"]

    /// Whether the flags of a build file link everything statically.
    static func linksStatically(_ words: [String]) -> Bool { words.contains("-static") }

    /// Needs named by one line's words.
    static func needs(in words: [String], staticBuild: Bool, evidence: Evidence) -> [NativeNeed] {
        var out: [NativeNeed] = []
        let staticSanitizers = words.contains { $0.hasPrefix("-static-lib") && $0 != "-static-libgcc" && $0 != "-static-libstdc++" }
        for (k, word) in words.enumerated() {
            if word.hasPrefix("-l"), word.count > 2 {
                let name = String(word.dropFirst(2))
                guard name.allSatisfy({ $0.isLetter || $0.isNumber || "_+-.".contains($0) }), !partsOfLibc.contains(name) else { continue }
                out.append(library("lib" + name, dependency: word, staticBuild: staticBuild, evidence: evidence))
            } else if word.hasPrefix("-fsanitize=") {
                for kind in word.dropFirst("-fsanitize=".count).split(separator: ",") {
                    guard let runtime = sanitizerRuntimes[String(kind)] else { continue }
                    out.append(NativeNeed(dependency: word, requirement: .systemLibrary(runtime), phase: staticBuild || staticSanitizers ? .build : .run,
                                          detail: "the sanitizer's runtime library", evidence: evidence))
                }
            } else if word == "--libs" && words.prefix(k).contains(where: { $0.hasSuffix("pkg-config") }) {
                for package in words[(k + 1)...].prefix(while: { !$0.hasPrefix("-") && !$0.hasPrefix(")") && !$0.hasPrefix("`") }) {
                    let name = package.trimmingCharacters(in: ")`")
                    out.append(library(name.hasPrefix("lib") ? name : "lib" + name, dependency: "pkg-config " + name, staticBuild: staticBuild, evidence: evidence))
                }
            }
        }
        return out
    }

    static func library(_ name: String, dependency: String, staticBuild: Bool, evidence: Evidence) -> NativeNeed {
        NativeNeed(dependency: dependency, requirement: .systemLibrary(name), phase: staticBuild ? .build : .run,
                   detail: staticBuild ? "linked in statically (-static): needed only to build" : "linked as a shared library", evidence: evidence)
    }
}
