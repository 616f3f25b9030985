import DockerfileFacts
import DockerfileModel

/// The translation of one RUN's package commands to Alpine's: the source
/// edits, what was folded away or dropped (said in notes), or why the RUN
/// cannot be translated. It works word by word on `RunShellText`, so line
/// continuations, indentation and comments stay where they are; it never
/// removes a command it does not replace with an equivalent, and refuses
/// what it cannot follow.
struct RunTranslation {
    struct Edit {
        let range: Range<Int>
        let text: String
    }

    private(set) var edits: [Edit] = []
    private(set) var notes: [String] = []
    /// The notes a user must read: pins and packages dropped, bash added.
    private(set) var warnings: [String] = []
    private mutating func warn(_ s: String) {
        notes.append(s)
        warnings.append(s)
    }

    /// Every command of the RUN goes: the instruction is removed.
    private(set) var removesInstruction = false
    /// The RUN installs packages with apk after translation.
    private(set) var installs = false
    private(set) var installedNames: [String] = []

    struct Refusal: Error { let reason: String }

    /// A package the stage needs that its installs lack (bash for a bash
    /// script, tzdata for TZ), to add to the RUN's first install, and why.
    struct Addition: Equatable {
        let package: String
        let why: String
    }

    /// Translates a RUN; `nil` when it has no package command (nothing to do).
    /// `adding`: packages to append to its first install.
    static func translate(_ run: Instruction, adding: [Addition] = []) -> Result<RunTranslation, Refusal>? {
        // The here-document bodies too: `RUN <<EOT` hides its commands there.
        let raw = run.original + run.heredocs.map { String(decoding: $0.content, as: UTF8.self) }.joined()
        let mentions = ["apt-get", "apt ", "apt-cache", "apt-mark", "aptitude", "dpkg", "yum", "dnf", "microdnf", "rpm ", "useradd", "groupadd", "/etc/apt",
                        "apt-key", "add-apt-repository", "locale-gen"]
        guard mentions.contains(where: { raw.contains($0) }) else { return nil }
        guard let shell = RunShellText(run) else {
            if run.form == .exec { return .failure(Refusal(reason: "RUN on line \(run.startLine) is in exec form")) }
            if !run.heredocs.isEmpty { return .failure(Refusal(reason: "RUN on line \(run.startLine) runs a here-document")) }
            return .failure(Refusal(reason: "RUN on line \(run.startLine) uses shell constructs dockslim does not follow (subshells, command substitution, quotes it cannot read, bytes that are not UTF-8)"))
        }
        var t = RunTranslation()
        do {
            try t.translate(shell, adding: adding)
        } catch let r as Refusal {
            return .failure(Refusal(reason: "RUN on line \(run.startLine) left as it is: \(r.reason)"))
        } catch {
            return .failure(Refusal(reason: "RUN on line \(run.startLine) left as it is"))
        }
        return t.edits.isEmpty && !t.removesInstruction ? nil : .success(t)
    }

    // MARK: Commands

    private enum Plan {
        case keep
        case delete(String)
        case words([Int: String], deleted: Set<Int>)
        case replace(String, String)
    }

    private mutating func translate(_ shell: RunShellText, adding: [Addition]) throws {
        let commands = shell.list.commands
        var plans: [Plan] = []
        var pending = adding
        for (k, c) in commands.enumerated() {
            if c.separator == "|" || (k > 0 && commands[k - 1].separator == "|") {
                if touchesPackages(c) { throw Refusal(reason: "a package command is part of a pipeline") }
                let next = k + 1 < commands.count ? commands[k + 1].texts.first ?? "" : ""
                if c.separator == "|", ["sh", "bash"].contains(next) { throw Refusal(reason: "it pipes a downloaded script into a shell, which may expect Debian") }
            }
            var plan = try self.plan(c)
            if !pending.isEmpty, case .words(var changes, let deleted) = plan, let last = lastPackageIndex(c, deleted: deleted) {
                changes[last] = (changes[last] ?? c.words[last].raw) + pending.map { " " + $0.package }.joined()
                plan = .words(changes, deleted: deleted)
                for a in pending {
                    installedNames.append(a.package)
                    warn("added \(a.package) to apk add on line \(shell.run.startLine): \(a.why)")
                }
                pending = []
            }
            if case .keep = plan, let left = c.texts.first(where: Self.packageManagers.contains) {
                throw Refusal(reason: "`\(c.texts.joined(separator: " "))` would still run \(left) on Alpine: dockslim cannot rewrite it")
            }
            plans.append(plan)
        }
        if let a = pending.first { throw Refusal(reason: "\(a.why), and this RUN installs nothing to add \(a.package) to") }

        // Commands that go: runs of consecutive ones, each cut with the
        // operators and line breaks that tie it to its neighbours.
        let deleted = plans.indices.filter { if case .delete = plans[$0] { return true }; return false }
        if deleted.count == commands.count {
            removesInstruction = true
            for case .delete(let why) in plans { notes.append(why) }
            return
        }
        var k = 0
        while k < commands.count {
            guard case .delete = plans[k] else { k += 1; continue }
            var j = k
            while j + 1 < commands.count, case .delete = plans[j + 1] { j += 1 }
            for i in k...j { if case .delete(let why) = plans[i] { notes.append(why) } }
            let ok: (String?) -> Bool = { $0 == "&&" || $0 == ";" }
            let range: Range<Int>
            if j + 1 < commands.count {
                guard (k...j).allSatisfy({ ok(commands[$0].separator) }), k == 0 || ok(commands[k - 1].separator) else {
                    throw Refusal(reason: "a command to remove is joined with `||` or `&`")
                }
                range = shell.start(commands[k].range.lowerBound)..<shell.start(commands[j + 1].range.lowerBound)
            } else {
                guard ok(commands[k - 1].separator), (k..<j).allSatisfy({ ok(commands[$0].separator) }) else {
                    throw Refusal(reason: "a command to remove is joined with `||` or `&`")
                }
                range = shell.end(commands[k - 1].range.upperBound)..<shell.end(commands[j].range.upperBound)
            }
            if shell.hasComment(in: range) { throw Refusal(reason: "a comment sits inside a command to remove") }
            edits.append(Edit(range: range, text: ""))
            k = j + 1
        }
        for (i, plan) in plans.enumerated() {
            switch plan {
            case .keep, .delete: continue
            case .replace(let text, let why):
                let r = shell.start(commands[i].range.lowerBound)..<shell.end(commands[i].range.upperBound)
                if shell.breaksLine(r.lowerBound, r.upperBound) { throw Refusal(reason: "\(commands[i].texts.first ?? "") spans lines") }
                edits.append(Edit(range: r, text: text))
                notes.append(why)
            case .words(let changes, let gone):
                try wordEdits(shell, commands[i], changes: changes, deleted: gone, lastCommand: i == commands.count - 1)
            }
        }
    }

    /// Debian's and the RPM family's package tools: a command that still
    /// names one after translation would run it on Alpine.
    static let packageManagers: Set<String> = ["apt-get", "apt", "aptitude", "dpkg", "yum", "dnf", "microdnf", "rpm"]

    private func touchesPackages(_ c: ShellCommandList.Command) -> Bool {
        let words = c.texts
        var start = 0
        while start < words.count, words[start].contains("="), !words[start].hasPrefix("-") { start += 1 }
        start = Self.afterSudo(words, from: start) ?? start
        return start < words.count && Self.packageManagers.contains(words[start])
    }

    /// The index of the command `sudo` runs (`sudo -E apt-get …` → 2), or
    /// `nil` when the word at `start` is not sudo or sudo takes options
    /// dockslim does not follow (`-u user` runs the command as someone else).
    static func afterSudo(_ words: [String], from start: Int) -> Int? {
        guard start < words.count, words[start] == "sudo" else { return nil }
        var i = start + 1
        while i < words.count, words[i].hasPrefix("-") {
            guard ["-E", "-H", "-n", "-S", "--preserve-env", "--set-home", "--non-interactive"].contains(words[i]) else { return nil }
            i += 1
        }
        return i < words.count ? i : nil
    }

    private func lastPackageIndex(_ c: ShellCommandList.Command, deleted: Set<Int>) -> Int? {
        guard let tool = c.texts.firstIndex(where: { ["apt-get", "apt", "yum", "dnf", "microdnf"].contains($0) }),
              c.texts.contains("install") else { return nil }
        return c.words.indices.last { $0 > tool && !deleted.contains($0) && !c.words[$0].raw.hasPrefix("-") && c.words[$0].raw != "install" }
    }

    /// What to do with one simple command.
    private mutating func plan(_ c: ShellCommandList.Command) throws -> Plan {
        let words = c.texts
        var start = 0
        var deleted: Set<Int> = []
        while start < words.count, words[start].contains("="), !words[start].hasPrefix("-") {
            if words[start].hasPrefix("DEBIAN_FRONTEND=") || words[start].hasPrefix("APT_") { deleted.insert(start) }
            start += 1
        }
        guard start < words.count else { return .keep }
        // `sudo apt-get install …`: the package command behind sudo, which stays.
        let sudo = Self.afterSudo(words, from: start)
        if let behind = sudo { start = behind }
        let tool = words[start]
        let rest = Array(words[(start + 1)...])
        switch tool {
        case "apt-get", "apt", "aptitude":
            return try planManager(c, toolIndex: start, family: .apt, prefixDeleted: deleted, sudo: sudo != nil)
        case "yum", "dnf", "microdnf":
            return try planManager(c, toolIndex: start, family: .rpm, prefixDeleted: deleted, sudo: sudo != nil)
        case "rm":
            let paths = rest.enumerated().filter { !$0.element.hasPrefix("-") }
            let cache = paths.filter { Self.isPackageCache($0.element) }
            guard !cache.isEmpty else { return .keep }
            if cache.count == paths.count {
                return .delete("folded away `\(words.joined(separator: " "))`: apk add --no-cache keeps no package lists or cache")
            }
            notes.append("removed \(cache.map(\.element).joined(separator: ", ")) from rm: apk add --no-cache leaves no such files")
            return .words([:], deleted: Set(cache.map { $0.offset + start + 1 }).union(deleted))
        case "useradd":
            return .replace(try Self.adduser(rest), "useradd becomes busybox adduser: `\(words.joined(separator: " "))`")
        case "groupadd":
            return .replace(try Self.addgroup(rest), "groupadd becomes busybox addgroup: `\(words.joined(separator: " "))`")
        case "add-apt-repository", "apt-key", "apt-cache", "apt-mark", "dpkg", "dpkg-reconfigure", "debconf-set-selections",
             "locale-gen", "update-locale", "update-alternatives", "yum-config-manager", "rpm":
            throw Refusal(reason: "`\(tool)` has no Alpine counterpart dockslim can write")
        default:
            if words.contains(where: { $0.contains("/etc/apt") || $0.contains("sources.list") || $0.contains("/etc/yum") || $0.hasSuffix(".deb") || $0.hasSuffix(".rpm") }) {
                throw Refusal(reason: "`\(tool)` works on Debian or RPM package files")
            }
            return .keep
        }
    }

    static func isPackageCache(_ path: String) -> Bool {
        ["/var/lib/apt/lists", "/var/cache/apt", "/var/cache/yum", "/var/cache/dnf", "/var/log/apt"].contains { path.hasPrefix($0) }
    }

    /// apt-get / yum / dnf with a subcommand.
    private mutating func planManager(_ c: ShellCommandList.Command, toolIndex: Int, family: PackageTable.Family, prefixDeleted: Set<Int>,
                                      sudo: Bool = false) throws -> Plan {
        let words = c.texts
        let tool = words[toolIndex]
        guard let subIndex = words.indices.first(where: { $0 > toolIndex && !words[$0].hasPrefix("-") }) else {
            throw Refusal(reason: "`\(tool)` without a subcommand")
        }
        let sub = words[subIndex]
        // Options may come before the subcommand (`apt-get -y install`).
        for i in (toolIndex + 1)..<subIndex where ["-t", "-o", "-c"].contains(words[i]) {
            throw Refusal(reason: "`\(tool) \(words[i]) …` before the subcommand")
        }
        switch sub {
        case "update", "makecache", "check-update":
            return .delete("folded away `\(words.joined(separator: " "))`: apk add --no-cache fetches the index itself")
        case "clean", "autoclean":
            return .delete("folded away `\(words.joined(separator: " "))`: apk add --no-cache leaves no cache")
        case "autoremove":
            return .delete("folded away `\(words.joined(separator: " "))`: apk removes no automatic dependencies this way; nothing was left to remove")
        case "upgrade", "dist-upgrade", "full-upgrade":
            let upgrade = (sudo ? "sudo " : "") + "apk upgrade --no-cache"
            return .replace(upgrade, "`\(words.joined(separator: " "))` becomes `\(upgrade)`")
        case "install", "in", "remove", "purge", "erase":
            let removing = ["remove", "purge", "erase"].contains(sub)
            var changes: [Int: String] = [toolIndex: "apk", subIndex: removing ? "del" : "add --no-cache"]
            var deleted = prefixDeleted
            var emitted: [String] = []
            var pins: [String] = []
            var dropped: [String] = []
            var i = toolIndex + 1
            while i < words.count {
                defer { i += 1 }
                if i == subIndex { continue }
                let w = words[i]
                if w.hasPrefix("-") {
                    if ["-t", "--target-release", "--enablerepo", "--disablerepo", "--repo"].contains(where: { w == $0 || w.hasPrefix($0 + "=") }) {
                        throw Refusal(reason: "`\(w)` picks a repository or release that Alpine does not have")
                    }
                    deleted.insert(i)
                    if w == "-o" || w == "--option" || w == "--setopt" { i += 1; deleted.insert(i) }
                    continue
                }
                guard c.words[i].isPlain || Self.isPackageWord(w) else { throw Refusal(reason: "`\(w)` is not a package name dockslim can read") }
                if w.contains("/") { throw Refusal(reason: "`\(w)` names a release (\(w.split(separator: "/").last ?? ""))") }
                var name = w
                if let eq = name.firstIndex(of: "=") { pins.append(w); name = String(name[..<eq]) }
                if family == .rpm, let dash = Self.rpmVersionStart(name) { pins.append(w); name = String(name[..<dash]) }
                if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
                switch PackageTable.translate(name, family) {
                case .unknown(let why):
                    throw Refusal(reason: why)
                case .drop(let why):
                    deleted.insert(i)
                    dropped.append("\(name) (\(why))")
                case .packages(let names):
                    let fresh = names.filter { !emitted.contains($0) }
                    emitted += fresh
                    if fresh.isEmpty { deleted.insert(i) } else if fresh != [w] { changes[i] = fresh.joined(separator: " ") }
                }
            }
            if !pins.isEmpty { warn("version pins dropped (Alpine's versions differ): \(pins.joined(separator: ", "))") }
            if !dropped.isEmpty { warn("nothing to install on Alpine for \(dropped.joined(separator: "; "))") }
            if emitted.isEmpty {
                return .delete("`\(words.joined(separator: " "))` \(removing ? "removes" : "installs") nothing on Alpine")
            }
            if !removing { installs = true; installedNames += emitted }
            return .words(changes, deleted: deleted)
        default:
            throw Refusal(reason: "`\(tool) \(sub)` has no apk counterpart dockslim writes")
        }
    }

    /// `name=version*`, `name:arch`: characters a package word may hold.
    static func isPackageWord(_ w: String) -> Bool {
        !w.isEmpty && w.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || "-+._:=~*".utf8.contains(c)
        }
    }

    /// `nginx-1.24.0` → the `-` before the version, for RPM's `name-version`.
    static func rpmVersionStart(_ name: String) -> String.Index? {
        guard let dash = name.lastIndex(of: "-"), let next = name[name.index(after: dash)...].first, next.isNumber,
              PackageTable.row(name, .rpm) == nil else { return nil }
        return dash
    }

    // MARK: Users and groups

    /// useradd's options as busybox adduser's; anything else is refused.
    static func adduser(_ args: [String]) throws -> String {
        var out = ["adduser", "-D"]
        var name: String?
        var home = false
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw Refusal(reason: "useradd \(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "-r", "--system": out.append("-S")
            case "-m", "--create-home": home = true
            case "-M", "--no-create-home": home = false
            case "-U", "--user-group", "-l", "--no-log-init": break
            case "-u", "--uid": out += ["-u", try value()]
            case "-g", "--gid": out += ["-G", try value()]
            case "-s", "--shell": out += ["-s", try value()]
            case "-d", "--home-dir": out += ["-h", try value()]
            case "-c", "--comment": out += ["-g", try value()]
            default:
                if a.hasPrefix("-") {
                    // -rm, -ms: single-letter flags combined.
                    let letters = Array(a.dropFirst())
                    guard !a.hasPrefix("--"), letters.allSatisfy({ "rmMUl".contains($0) }) else { throw Refusal(reason: "useradd \(a) has no busybox adduser counterpart") }
                    for l in letters {
                        switch l {
                        case "r": out.append("-S")
                        case "m": home = true
                        case "M": home = false
                        default: break
                        }
                    }
                } else {
                    guard name == nil else { throw Refusal(reason: "useradd with more than one name") }
                    name = a
                }
            }
            i += 1
        }
        guard let name, ShellCommandList.parse(name)?.commands.first?.words.first?.isPlain == true else { throw Refusal(reason: "useradd without a plain user name") }
        if !home { out.append("-H") }
        return (out + [name]).joined(separator: " ")
    }

    /// groupadd's options as busybox addgroup's.
    static func addgroup(_ args: [String]) throws -> String {
        var out = ["addgroup"]
        var name: String?
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "-r", "--system": out.append("-S")
            case "-g", "--gid":
                i += 1
                guard i < args.count else { throw Refusal(reason: "groupadd \(a) needs a value") }
                out += ["-g", args[i]]
            default:
                if a.hasPrefix("-") { throw Refusal(reason: "groupadd \(a) has no busybox addgroup counterpart") }
                guard name == nil else { throw Refusal(reason: "groupadd with more than one name") }
                name = a
            }
            i += 1
        }
        guard let name else { throw Refusal(reason: "groupadd without a name") }
        return (out + [name]).joined(separator: " ")
    }

    // MARK: Words

    /// Replaces and cuts words of one command. A run of cut words goes with
    /// the space before it when it ends the command, or else with the space
    /// after it; a run alone on its lines goes with those lines.
    private mutating func wordEdits(_ shell: RunShellText, _ c: ShellCommandList.Command, changes: [Int: String], deleted: Set<Int>, lastCommand: Bool) throws {
        for (i, text) in changes where !deleted.contains(i) {
            let r = shell.range(c.words[i])
            if shell.hasComment(in: r) { throw Refusal(reason: "a comment sits inside `\(c.words[i].raw)`") }
            edits.append(Edit(range: r, text: text))
        }
        var k = 0
        let n = c.words.count
        while k < n {
            guard deleted.contains(k) else { k += 1; continue }
            var j = k
            while j + 1 < n, deleted.contains(j + 1) { j += 1 }
            let range: Range<Int>
            if j == n - 1 {
                guard k > 0 else { throw Refusal(reason: "every word of a command would go") }
                range = shell.end(c.words[k - 1].range.upperBound)..<shell.end(c.words[j].range.upperBound)
            } else {
                let a = shell.start(c.words[k].range.lowerBound)
                let b = shell.end(c.words[j].range.upperBound)
                let next = shell.start(c.words[j + 1].range.lowerBound)
                if shell.breaksLine(b, next) {
                    // The line break after the run stays: whole lines go, or the run with the space before it.
                    if shell.startsLine(a), k > 0, shell.breaksLine(shell.end(c.words[k - 1].range.upperBound), a) {
                        range = shell.lineStart(a)..<shell.lineStart(next)
                    } else if k > 0 {
                        range = shell.end(c.words[k - 1].range.upperBound)..<b
                    } else {
                        range = a..<next
                    }
                } else {
                    range = a..<next
                }
            }
            if shell.hasComment(in: range) { throw Refusal(reason: "a comment sits between words to remove") }
            edits.append(Edit(range: range, text: ""))
            k = j + 1
        }
    }
}
