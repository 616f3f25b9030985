/// The package names `translate-packages` knows: Debian/Ubuntu (`apt`) and
/// Fedora/RHEL (`rpm`) names mapped to Alpine's, each with the evidence that
/// the Alpine name exists. The Debian rows are generated from
/// `../shared/data/apt-to-apk.tsv` (`AptToApkTable.swift`, refreshed with
/// `scripts/gen-package-table`); the RPM rows below borrow the Alpine side,
/// and so its evidence, from a Debian row.
package enum PackageTable {
    package enum Status: String, Sendable {
        /// The Alpine name was seen in an APKBUILD or on pkgs.alpinelinux.org.
        case verified
        /// Only `X-dev` was seen, which by Alpine's `$pkgname-dev` convention implies `X`.
        case inferred
        /// From general knowledge, not looked up: not trusted.
        case unverified
        /// Nothing to install on Alpine (the note says why).
        case drop
        /// No safe equivalent.
        case unknown
    }

    package struct Row: Sendable {
        package let source: String
        package let alpine: [String]
        package let status: Status
        package let count: Int
        package let evidence: String
        package let note: String

        init(_ source: String, _ alpine: [String], _ status: Status, count: Int, evidence: String, note: String) {
            self.source = source
            self.alpine = alpine
            self.status = status
            self.count = count
            self.evidence = evidence
            self.note = note
        }
    }

    /// What a package name becomes on Alpine.
    package enum Translation: Equatable, Sendable {
        case packages([String])
        /// Installs nothing on Alpine; the reason.
        case drop(String)
        /// Cannot be translated; the reason.
        case unknown(String)
    }

    package enum Family: String, Sendable { case apt, rpm }

    private static let aptIndex: [String: Row] = Dictionary(apt.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
    private static let rpmIndex: [String: Row] = Dictionary(rpm.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })

    package static func row(_ name: String, _ family: Family) -> Row? {
        family == .apt ? aptIndex[name] : rpmIndex[name]
    }

    /// The Alpine names for a package (its version pin already removed).
    package static func translate(_ name: String, _ family: Family) -> Translation {
        guard let row = row(name, family) else {
            return .unknown("\(name) is not in dockslim's \(family == .apt ? "Debian" : "RPM") → Alpine table")
        }
        switch row.status {
        case .verified, .inferred: return .packages(row.alpine)
        case .drop: return .drop(row.note.isEmpty ? "\(name) has no Alpine counterpart to install" : row.note)
        case .unverified: return .unknown("the Alpine name for \(name) (\(row.alpine.joined(separator: " "))) has not been checked against Alpine's packages")
        case .unknown: return .unknown(row.note.isEmpty ? "\(name) has no safe Alpine equivalent" : "\(name): \(row.note)")
        }
    }

    /// Fedora/RHEL names whose Alpine side is a Debian row's (`via`).
    static let rpm: [Row] = {
        let borrowed: [(rpm: String, via: String)] = [
            ("gcc", "gcc"), ("gcc-c++", "g++"), ("make", "make"), ("cmake", "cmake"), ("git", "git"), ("curl", "curl"),
            ("wget", "wget"), ("tar", "tar"), ("unzip", "unzip"), ("zip", "zip"), ("openssl", "openssl"),
            ("openssl-devel", "libssl-dev"), ("zlib-devel", "zlib1g-dev"), ("libffi-devel", "libffi-dev"), ("python3", "python3"),
            ("python3-pip", "python3-pip"), ("python3-devel", "python3-dev"), ("ca-certificates", "ca-certificates"),
            ("tzdata", "tzdata"), ("bzip2", "bzip2"), ("xz", "xz-utils"), ("jq", "jq"), ("nano", "nano"), ("less", "less"),
            ("postgresql-devel", "libpq-dev"), ("libpq-devel", "libpq-dev"), ("libxml2-devel", "libxml2-dev"), ("libxslt-devel", "libxslt-dev"),
            ("libjpeg-turbo-devel", "libjpeg-dev"), ("sqlite-devel", "libsqlite3-dev"), ("nodejs", "nodejs"), ("bash", "bash"),
            ("file", "file"), ("patch", "patch"), ("sudo", "sudo"), ("iproute", "iproute2"), ("net-tools", "net-tools"),
            ("ncurses-devel", "libncursesw5-dev"), ("readline-devel", "libreadline-dev"), ("procps-ng", "procps"),
            ("kernel-headers", "linux-libc-dev"), ("pkgconf-pkg-config", "pkg-config"), ("pkgconfig", "pkg-config"),
            ("glibc-devel", "libc6-dev"), ("libcurl-devel", "libcurl4-openssl-dev"), ("bind-utils", "dnsutils"),
        ]
        var rows: [Row] = borrowed.compactMap { b in
            guard let a = aptIndex[b.via] else { return nil }
            let evidence = "as Debian \(b.via): \(a.evidence) (the RPM name is Fedora/RHEL's, from general knowledge)"
            return Row(b.rpm, a.alpine, a.status, count: 0, evidence: evidence, note: a.note)
        }
        rows += [
            Row("epel-release", [], .drop, count: 0, evidence: "-", note: "EPEL is a Fedora/RHEL repository; Alpine's community repository is enabled in its images"),
            Row("shadow-utils", [], .drop, count: 0, evidence: "-", note: "useradd and groupadd become busybox adduser and addgroup, which Alpine images carry"),
            Row("glibc-langpack-en", [], .drop, count: 0, evidence: "-", note: "musl has no locale data; UTF-8 works with LANG=C.UTF-8"),
            Row("glibc-locale-source", [], .drop, count: 0, evidence: "-", note: "musl has no locale data; UTF-8 works with LANG=C.UTF-8"),
            Row("yum-utils", [], .unknown, count: 0, evidence: "-", note: "yum-config-manager has no apk counterpart"),
            Row("dnf-plugins-core", [], .unknown, count: 0, evidence: "-", note: "dnf config-manager has no apk counterpart"),
        ]
        return rows
    }()
}
