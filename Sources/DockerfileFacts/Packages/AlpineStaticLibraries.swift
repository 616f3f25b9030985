/// The Alpine packages a build needs to link a system library statically,
/// as Rust's musl target does on the `rust:*-alpine` images, with where each
/// fact comes from.
///
/// rust:alpine carries only ca-certificates, gcc and musl-dev
/// (rust-lang/docker-rust stable/alpine3.24/Dockerfile@d5f584d1909e), and
/// its default host is `x86_64-unknown-linux-musl`, whose programs link
/// statically (crt-static): a `-sys` crate's `-lssl` then needs `libssl.a`,
/// which Alpine ships apart from the headers (`ld: cannot find -lssl … have
/// you installed the static version of the ssl library?`, fixed with
/// openssl-libs-static in balovess/aria2_rust#10; zlib-static in
/// wezterm/wezterm#7390). Linking Alpine's shared OpenSSL into a static
/// musl program instead crashes (rust-openssl/rust-openssl#1620).
package enum AlpineStaticLibraries {
    package struct Packages: Sendable {
        /// Headers, the static archive, and pkg-config to find them.
        package let names: [String]
        package let evidence: String
    }

    /// By the library a `NativeNeed` names (`libssl`, `libsqlite3`, `libz`).
    package static let table: [String: Packages] = [
        "libssl": Packages(names: ["openssl-dev", "openssl-libs-static", "pkgconf"],
                           evidence: "main/openssl/APKBUILD@0079a0b512f5 subpackages $pkgname-libs-static $pkgname-dev; pkgconf: main/abuild/APKBUILD@00be0c9ad6ab depends"),
        "libsqlite3": Packages(names: ["sqlite-dev", "sqlite-static"],
                               evidence: "main/sqlite/APKBUILD@10d8ca73b57f subpackages $pkgname-static $pkgname-dev"),
    ]

    /// Debian and Alpine -dev packages a stage installs because its build links their library.
    package static let libraryOfDevPackage: [String: String] = [
        "libssl-dev": "libssl", "openssl-dev": "libssl", "libsqlite3-dev": "libsqlite3", "sqlite-dev": "libsqlite3",
        "libpq-dev": "libpq", "postgresql-dev": "libpq", "zlib1g-dev": "libz", "zlib-dev": "libz",
        "default-libmysqlclient-dev": "libmysqlclient", "libmysqlclient-dev": "libmysqlclient", "mariadb-dev": "libmysqlclient",
        "mariadb-connector-c-dev": "libmysqlclient", "libcurl4-openssl-dev": "libcurl", "curl-dev": "libcurl",
    ]
}
