import Dispatch

/// Runs work over many inputs on all cores and hands the results back in
/// input order, a window at a time, so output never depends on timing and
/// memory stays bounded.
enum Batch {
    static func forEach<T: Sendable, R>(_ items: [T], window: Int = 256, chunk: Int = 16, jobs: Int = Int.max,
                                        _ body: @escaping (T) -> R, emit: (T, R) -> Void) {
        var start = 0
        while start < items.count {
            let end = min(items.count, start + window)
            let slice = Array(items[start..<end])
            for (item, result) in zip(slice, map(slice, chunk: chunk, jobs: jobs, body)) { emit(item, result) }
            start = end
        }
    }

    /// At most `jobs` chunks run at once.
    static func map<T: Sendable, R>(_ items: [T], chunk: Int, jobs: Int = Int.max, _ body: @escaping (T) -> R) -> [R] {
        if items.count <= 1 || jobs <= 1 { return items.map(body) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let chunks = (items.count + chunk - 1) / chunk
        nonisolated(unsafe) let out = results
        nonisolated(unsafe) let work = body
        let workers = min(jobs, chunks)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            // Worker w takes chunks w, w + workers, …
            var c = w
            while c < chunks {
                let lo = c * chunk, hi = min(items.count, lo + chunk)
                for i in lo..<hi { out[i] = work(items[i]) }
                c += workers
            }
        }
        return results.map { $0! }
    }
}
