/// A line of a file: its bytes, line ending included (the last line may
/// have none).
public typealias Line = ArraySlice<UInt8>

/// Splits bytes into lines, each keeping its `\n` (so `\r\n` stays whole
/// and CRLF files diff and patch byte for byte).
public func splitLines(_ bytes: [UInt8]) -> [Line] {
    var lines: [Line] = []
    var start = 0
    for i in bytes.indices where bytes[i] == 0x0A {
        lines.append(bytes[start...i])
        start = i + 1
    }
    if start < bytes.count { lines.append(bytes[start...]) }
    return lines
}

/// One step of an edit script.
public enum DiffOp: Equatable, Sendable {
    /// Lines equal in both: old index, new index.
    case keep(Int, Int)
    /// An old line removed.
    case delete(Int)
    /// A new line inserted.
    case insert(Int)
}

/// The shortest edit script between two line lists (Myers' O(ND) greedy
/// algorithm), after trimming the common prefix and suffix, which is where
/// most of two versions of a file agree.
public func diffLines(_ a: [Line], _ b: [Line]) -> [DiffOp] {
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }

    var ops: [DiffOp] = (0..<prefix).map { .keep($0, $0) }
    ops += myers(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)])).map {
        switch $0 {
        case .keep(let i, let j): return .keep(i + prefix, j + prefix)
        case .delete(let i): return .delete(i + prefix)
        case .insert(let j): return .insert(j + prefix)
        }
    }
    ops += (0..<suffix).map { .keep(a.count - suffix + $0, b.count - suffix + $0) }
    return ops
}

private func myers(_ a: [Line], _ b: [Line]) -> [DiffOp] {
    let n = a.count, m = b.count
    if n == 0 { return (0..<m).map { .insert($0) } }
    if m == 0 { return (0..<n).map { .delete($0) } }
    let max = n + m
    let offset = max + 1
    var v = [Int](repeating: 0, count: 2 * max + 3)
    var trace: [[Int]] = []
    search: for d in 0...max {
        trace.append(v)
        for k in stride(from: -d, through: d, by: 2) {
            var x: Int
            if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                x = v[offset + k + 1]
            } else {
                x = v[offset + k - 1] + 1
            }
            var y = x - k
            while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
            v[offset + k] = x
            if x >= n && y >= m { trace.append(v); break search }
        }
    }
    // Walk back through the saved frontiers.
    var ops: [DiffOp] = []
    var x = n, y = m
    for d in stride(from: trace.count - 2, through: 0, by: -1) {
        let vd = trace[d]
        let k = x - y
        let prevK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1
        let prevX = vd[offset + prevK]
        let prevY = prevX - prevK
        while x > prevX && y > prevY {
            x -= 1; y -= 1
            ops.append(.keep(x, y))
        }
        if d > 0 {
            if x == prevX { y -= 1; ops.append(.insert(y)) } else { x -= 1; ops.append(.delete(x)) }
        }
    }
    while x > 0 && y > 0 { x -= 1; y -= 1; ops.append(.keep(x, y)) }
    return ops.reversed()
}
