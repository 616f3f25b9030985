/// One of N deterministic parts of a run, so N machines (a CI matrix, a
/// Kubernetes Indexed Job) split the work with no list to hand out. Files
/// are grouped by repository: all of one repository's files land in one
/// shard (one pull request per repository), chosen by a hash of the
/// repository's name, so adding a repository never moves the others. A
/// file in no repository is placed by its own path.
struct Shard: Equatable {
    /// 0-based.
    let index: Int
    let count: Int

    static let indexVariable = "JOB_COMPLETION_INDEX"
    static let countVariable = "DOCKSLIM_SHARD_COUNT"

    static let options: [CommandSpec.Option] = [
        .init(names: ["--shard-index"], valueName: "i",
              help: "Take only shard i (from 0) of --shard-count; files are grouped by repository (default: $\(indexVariable))."),
        .init(names: ["--shard-count"], valueName: "n", help: "The number of shards (default: $\(countVariable))."),
        .init(names: ["--shard"], valueName: "i/n", help: "The same as --shard-index i-1 --shard-count n (i from 1)."),
    ]

    /// The shard the command line or the environment asks for, `nil` for all
    /// the work. `JOB_COMPLETION_INDEX` is read only when a count is given
    /// (flag or `DOCKSLIM_SHARD_COUNT`): an Indexed Job that is not sharding
    /// dockslim's work still gets all of it.
    static func parse(_ args: ParsedArguments, environment env: [String: String]) -> Result<Shard?, UsageError> {
        if let s = args.value("--shard") {
            if args.value("--shard-index") != nil || args.value("--shard-count") != nil {
                return .failure(UsageError(message: "'--shard' cannot be used with '--shard-index' or '--shard-count'"))
            }
            let parts = s.split(separator: "/", omittingEmptySubsequences: false).map { number(String($0)) }
            guard parts.count == 2, let i = parts[0], let n = parts[1], n >= 1, i >= 1, i <= n else {
                return .failure(UsageError(message: "The value '\(s)' is invalid for '--shard <i/n>': expected I/N with 1 ≤ I ≤ N"))
            }
            return .success(Shard(index: i - 1, count: n))
        }
        let countText = args.value("--shard-count") ?? env[countVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let countText else {
            if args.value("--shard-index") != nil {
                return .failure(UsageError(message: "'--shard-index' needs '--shard-count <n>' (or \(countVariable) in the environment)"))
            }
            return .success(nil)
        }
        let countSource = args.value("--shard-count") != nil ? "'--shard-count <n>'" : countVariable
        guard let count = number(countText), count >= 1 else {
            return .failure(UsageError(message: "The value '\(countText)' is invalid for \(countSource): expected a whole number ≥ 1"))
        }
        guard let indexText = args.value("--shard-index") ?? env[indexVariable] else {
            return .failure(UsageError(message: "\(countSource) needs '--shard-index <i>' (or \(indexVariable) in the environment)"))
        }
        let indexSource = args.value("--shard-index") != nil ? "'--shard-index <i>'" : indexVariable
        guard let index = number(indexText), index < count else {
            return .failure(UsageError(message: "The value '\(indexText)' is invalid for \(indexSource): expected 0 ≤ i < \(count)"))
        }
        return .success(Shard(index: index, count: count))
    }

    /// Whether this shard takes the file `path` placed at `placement`.
    func takes(_ path: String, placement: RepositoryRoots.Placement?) -> Bool {
        if let root = placement?.root, root.isRepository { return takes(repository: root) }
        return takes(key: path)
    }

    func takes(repository root: RepositoryRoots.Root) -> Bool { takes(key: "repository:" + root.name) }

    /// FNV-1a spreads names poorly over a power-of-two count (its low bits
    /// follow the last bytes), so the hash is mixed (MurmurHash3's final
    /// step) before the remainder.
    private func takes(key: String) -> Bool {
        var h = InputFiles.fnv1a(key)
        h ^= h >> 33; h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33; h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return Int(h % UInt64(count)) == index
    }

    /// A whole number as written by a person: digits only (no sign, no spaces).
    static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
