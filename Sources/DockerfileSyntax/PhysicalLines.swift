/// The physical lines of a file, split at `\n` as BuildKit's scanner does;
/// each line keeps its line ending.
struct PhysicalLines {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Start offset of every line.
    let starts: [Int]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var starts: [Int] = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        if let base = bytes.baseAddress {
            var p = 0
            let n = bytes.count
            while p < n, let hit = memchrNewline(base + p, n - p) {
                let next = hit - base + 1
                if next < n { starts.append(next) }
                p = next
            }
        }
        self.starts = starts
    }

    init(bytes: UnsafeBufferPointer<UInt8>, starts: [Int]) {
        self.bytes = bytes
        self.starts = starts
    }

    var count: Int { bytes.isEmpty ? 0 : starts.count }

    /// The first line whose content (before its line ending) is longer than `limit` bytes.
    func firstLine(longerThan limit: Int) -> Int? {
        for li in 0..<count where end(li) - start(li) > limit && contentEnd(li) - start(li) > limit { return li }
        return nil
    }

    @inline(__always) func start(_ line: Int) -> Int { starts[line] }
    @inline(__always) func end(_ line: Int) -> Int { line + 1 < starts.count ? starts[line + 1] : bytes.count }

    /// Where the line's content ends: before its trailing run of `\r` and `\n`
    /// (Go's `bytes.TrimRight(line, "\r\n")`).
    @inline(__always) func contentEnd(_ line: Int) -> Int {
        let s = starts[line]
        var e = end(line)
        while e > s, bytes[e - 1] == 0x0A || bytes[e - 1] == 0x0D { e -= 1 }
        return e
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always)
private func memchrNewline(_ p: UnsafePointer<UInt8>, _ n: Int) -> UnsafePointer<UInt8>? {
    guard let r = memchr(p, 0x0A, n) else { return nil }
    return UnsafePointer(r.assumingMemoryBound(to: UInt8.self))
}
