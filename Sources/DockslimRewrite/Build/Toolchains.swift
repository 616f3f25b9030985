import DockerfileModel

/// Facts about build toolchains and base images that the compiled-language
/// passes rely on, each with where it comes from.
package enum Toolchains {
    package enum Language: String, Sendable { case go, rust, c }

    package enum Libc: String, Sendable { case glibc, musl }

    /// The language an image is the toolchain of, by repository name.
    package static func language(ofImage ref: ImageReference) -> Language? {
        switch ref.name {
        case "golang": return .go
        case "rust": return .rust
        case "gcc", "buildpack-deps": return .c
        default: return nil
        }
    }

    /// The C library of an image: musl for Alpine-based tags, glibc for the
    /// Debian and Ubuntu families; `nil` when not known.
    package static func libc(ofImage ref: ImageReference) -> Libc? {
        let tag = ref.tag ?? "latest"
        if ref.name == "alpine" || tag.contains("alpine") { return .musl }
        if ["golang", "rust", "gcc", "buildpack-deps", "debian", "ubuntu"].contains(ref.name) { return .glibc }
        return nil
    }

    /// The WORKDIR an image sets, for the images whose value is known
    /// (docker-library/repo-info: golang sets `WORKDIR /go`; rust, gcc,
    /// debian, ubuntu and alpine set none, so `/`).
    package static func workdir(ofImage ref: ImageReference) -> String? {
        switch ref.name {
        case "golang": return "/go"
        case "rust", "gcc", "buildpack-deps", "debian", "ubuntu", "alpine": return "/"
        default: return nil
        }
    }

    /// The environment an image sets that Dockerfiles refer to (docker-library:
    /// golang sets GOPATH=/go, rust sets CARGO_HOME and RUSTUP_HOME).
    package static func environment(ofImage ref: ImageReference) -> [String: String] {
        switch ref.name {
        case "golang": return ["GOPATH": "/go"]
        case "rust": return ["CARGO_HOME": "/usr/local/cargo", "RUSTUP_HOME": "/usr/local/rustup"]
        default: return [:]
        }
    }

    /// Where `go install` and `cargo install` put binaries in the official
    /// images (`GOPATH=/go`, `CARGO_HOME=/usr/local/cargo`).
    package static let goBin = "/go/bin"
    package static let cargoBin = "/usr/local/cargo/bin"

    /// ENV names that belong to the toolchain, not the program.
    package static func isToolchainEnv(_ name: String) -> Bool {
        let exact: Set<String> = ["GOPATH", "GOROOT", "GOBIN", "GOFLAGS", "GOOS", "GOARCH", "GOARM", "GOAMD64", "GOPROXY", "GOPRIVATE",
                                  "GONOSUMDB", "GONOPROXY", "GOSUMDB", "GOCACHE", "GOMODCACHE", "GO111MODULE", "GOTOOLCHAIN", "GOEXPERIMENT",
                                  "CGO_ENABLED", "CGO_CFLAGS", "CGO_LDFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS",
                                  "RUSTFLAGS", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "RUSTDOCFLAGS",
                                  "CC", "CXX", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "AR", "LD", "MAKEFLAGS", "PKG_CONFIG_PATH",
                                  "DEBIAN_FRONTEND", "PATH"]
        return exact.contains(name) || name.hasPrefix("CARGO_") || name.hasPrefix("GO_") && name.hasSuffix("_VERSION")
    }

    /// Packages installed only to build: compilers, headers, build tools,
    /// fetchers. Anything else a stage installs may be needed at run time.
    package static func isBuildOnlyPackage(_ name: String) -> Bool {
        let n = name.split(separator: "=").first.map(String.init) ?? name
        let exact: Set<String> = ["gcc", "g++", "cc", "clang", "llvm", "lld", "make", "cmake", "ninja", "ninja-build", "build-essential",
                                  "build-base", "musl-dev", "libc-dev", "libc6-dev", "linux-headers", "pkg-config", "pkgconf", "pkgconfig",
                                  "git", "mercurial", "bzr", "subversion", "openssh-client", "curl", "wget", "unzip", "tar", "gzip", "xz", "xz-utils",
                                  "bash", "upx", "binutils", "autoconf", "automake", "libtool", "patch", "file", "protobuf-compiler", "protoc",
                                  "protobuf", "protobuf-dev", "ca-certificates", "tzdata", "gnupg", "go", "rust", "cargo", "musl-tools", "gdb"]
        return exact.contains(n) || n.hasSuffix("-dev") || n.hasSuffix("-devel") || n.hasSuffix("-headers")
    }

    /// Folders a program commonly reads at run time; copied to the runtime
    /// stage when the Dockerfile's folder has them.
    package static let runtimeFolders = ["templates", "static", "public", "assets", "config", "configs", "migrations", "views", "web", "www", "locales"]
}
