/// How BuildKit reads one logical line: where the keyword, the flags and
/// each argument are, as ranges of the logical line.
///
/// This follows BuildKit's `splitCommand`, `extractBuilderFlags` and line
/// parsers (`line_parsers.go`, v0.12) rule for rule; the parser turns the
/// ranges into nodes and the semantic model reads the values from them, so
/// the two cannot disagree about what an instruction says.
///
/// Lists of ranges live in a `LayoutStorage` that the caller reuses from
/// line to line, so reading a line allocates nothing; a layout holds index
/// ranges into it.
public struct InstructionLayout: Sendable {
    public var keyword: Range<Int>
    /// The keyword's grammar entry (`unknown` for keywords BuildKit does not know).
    public var entry: InstructionGrammar.Entry
    public var shape: ArgumentShape { entry.shape }
    /// Indices into `LayoutStorage.spans`.
    public var flags: Range<Int>
    /// A lone `--` that ended the flags.
    public var flagTerminator: Range<Int>?
    /// Everything after the flags, trimmed.
    public var rest: Range<Int>
    public var arguments: Arguments = .none
    /// Why BuildKit's parser rejects this instruction, if it does.
    public var rejection: String?

    public enum Arguments: Sendable {
        case none
        /// Words split at `[\t\v\f\r ]` (FROM, EXPOSE, and COPY/ADD/VOLUME in
        /// shell form); indices into `LayoutStorage.spans`.
        case words(Range<Int>)
        /// `name` or `name=value` words, quote-aware (ARG); indices into `LayoutStorage.spans`.
        case nameValues(Range<Int>)
        /// The rest as one string (USER, WORKDIR, MAINTAINER, STOPSIGNAL).
        case string(Range<Int>)
        /// Shell form (RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD).
        case shell(Range<Int>)
        /// Exec form: a JSON array.
        case exec(JSONArrayLayout)
        /// ENV and LABEL pairs, indices into `LayoutStorage.pairs`; `legacy`
        /// is the `key value` form.
        case keyValues(Range<Int>, legacy: Bool)
        /// HEALTHCHECK: its type word, then the command.
        indirect case healthcheck(type: Range<Int>, command: Arguments)
        /// ONBUILD's instruction.
        indirect case trigger(InstructionLayout)
        /// An unknown instruction's arguments, kept but not interpreted.
        case ignored(Range<Int>)
    }

    public struct KeyValueLayout: Sendable {
        /// The whole word (modern form) or `key value` run (legacy form).
        public var whole: Range<Int>
        public var key: Range<Int>
        /// The offset of the `=`, absent in the legacy form and in a word without one.
        public var equals: Int?
        public var value: Range<Int>
    }

    /// Reads `[start, end)` of `b` (a logical line) with the escape character `escape`.
    public static func read(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, escape: UInt8,
                            storage: inout LayoutStorage) -> InstructionLayout {
        // splitCommand: trim, then split off the keyword at the first `[\t\v\f\r ]+`.
        let s = Whitespace.skipUnicodeSpaces(b, start, end)
        let e = Whitespace.trimTrailingUnicodeSpaces(b, s, end)
        var k = s
        while k < e, !Whitespace.isSeparator(b[k]) { k += 1 }
        let entry = InstructionGrammar.entry(b, s..<k)
        let flagStart = storage.spans.count
        var layout = InstructionLayout(keyword: s..<k, entry: entry, flags: flagStart..<flagStart, rest: e..<e)
        if k < e {
            var r = k
            while r < e, Whitespace.isSeparator(b[r]) { r += 1 }
            let argsStart = layout.extractFlags(b, r, e, &storage)
            layout.flags = flagStart..<storage.spans.count
            let a = Whitespace.skipUnicodeSpaces(b, argsStart, e)
            layout.rest = a..<Whitespace.trimTrailingUnicodeSpaces(b, a, e)
        }
        layout.readArguments(b, entry.shape, escape: escape, &storage)
        return layout
    }

    // MARK: Flags

    /// BuildKit's `extractBuilderFlags`: words that start with `--`, with
    /// quotes and backslashes, split at Latin-1 spaces. Returns where the
    /// arguments start.
    private mutating func extractFlags(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ storage: inout LayoutStorage) -> Int {
        var pos = start
        while true {
            while pos < end, Whitespace.isLatin1Space(b[pos]) { pos += 1 }
            if pos == end { return end }
            if b[pos] != UInt8(ascii: "-") || pos + 1 == end || b[pos + 1] != UInt8(ascii: "-") { return pos }
            let wordStart = pos
            let (wordEnd, isTerminator) = Self.flagWordEnd(b, wordStart, end)
            pos = wordEnd
            if isTerminator {
                flagTerminator = wordStart..<wordEnd
                return wordEnd
            }
            storage.spans.append(wordStart..<wordEnd)
        }
    }

    /// Where a flag word ends, and whether its value is exactly `--` (the
    /// end of the flags): `scanFlagWord` without building the value.
    static func flagWordEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Bool) {
        var pos = start
        var quote: UInt8 = 0
        var inQuote = false
        var count = 0
        var dashes = 0
        while pos < end {
            var c = b[pos]
            if !inQuote && Whitespace.isLatin1Space(c) { break }
            if !inQuote && (c == UInt8(ascii: "'") || c == UInt8(ascii: "\"")) {
                quote = c
                inQuote = true
                pos += 1
                continue
            }
            if inQuote && c == quote { inQuote = false; pos += 1; continue }
            if c == UInt8(ascii: "\\") {
                if pos + 1 == end { inQuote = false; pos += 1; continue }
                pos += 1
                c = b[pos]
            }
            count += 1
            if c == UInt8(ascii: "-") && count <= 2 { dashes += 1 }
            pos += 1
        }
        return (pos, count == 2 && dashes == 2)
    }

    /// Scans one flag word from `start` (ends at a Latin-1 space outside
    /// quotes, or at `end`). Returns its end and its value as BuildKit builds
    /// it: quotes removed, backslash escapes applied, each byte taken as a
    /// Latin-1 character (so non-ASCII bytes are re-encoded, as BuildKit does).
    static func scanFlagWord(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, [UInt8]) {
        var word: [UInt8] = []
        var pos = start
        var quote: UInt8 = 0
        var inQuote = false
        func add(_ c: UInt8) {
            if c < 0x80 { word.append(c) } else { word.append(0xC0 | (c >> 6)); word.append(0x80 | (c & 0x3F)) }
        }
        while pos < end {
            var c = b[pos]
            if !inQuote {
                if Whitespace.isLatin1Space(c) { break }
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    quote = c
                    inQuote = true
                    pos += 1
                    continue
                }
                if c == UInt8(ascii: "\\") {
                    if pos + 1 == end { pos += 1; continue }
                    pos += 1
                    c = b[pos]
                }
                add(c)
                pos += 1
            } else {
                if c == quote { inQuote = false; pos += 1; continue }
                if c == UInt8(ascii: "\\") {
                    if pos + 1 == end { inQuote = false; pos += 1; continue }
                    pos += 1
                    c = b[pos]
                }
                add(c)
                pos += 1
            }
        }
        return (pos, word)
    }

    // MARK: Arguments

    private mutating func readArguments(_ b: UnsafeBufferPointer<UInt8>, _ shape: ArgumentShape, escape: UInt8,
                                        _ storage: inout LayoutStorage) {
        let r = rest
        switch shape {
        case .execOrWords:
            if let json = exec(b, r, &storage) { arguments = json } else if !r.isEmpty { arguments = .words(Self.splitWords(b, r, &storage)) }
        case .execOrShell:
            arguments = Self.execOrShell(b, r, rejection: &rejection, &storage)
        case .nameOrNameValue:
            let words = Self.quotedWords(b, r, escape: escape, &storage)
            if !words.isEmpty { arguments = .nameValues(words) }
        case .keyValue:
            readKeyValues(b, r, escape: escape, &storage)
        case .whitespaceList:
            if !r.isEmpty { arguments = .words(Self.splitWords(b, r, &storage)) }
        case .singleString:
            if !r.isEmpty { arguments = .string(r) }
        case .healthcheck:
            guard !r.isEmpty else { return }
            var sep = r.lowerBound
            while sep < r.upperBound, !Whitespace.isLatin1Space(b[sep]) { sep += 1 }
            var next = sep
            while next < r.upperBound, Whitespace.isLatin1Space(b[next]) { next += 1 }
            let command = Self.execOrShell(b, next..<r.upperBound, rejection: &rejection, &storage)
            arguments = .healthcheck(type: r.lowerBound..<sep, command: command)
        case .subInstruction:
            guard !r.isEmpty else { return }
            let trigger = InstructionLayout.read(b, r.lowerBound, r.upperBound, escape: escape, storage: &storage)
            rejection = rejection ?? trigger.rejection
            arguments = .trigger(trigger)
        case .ignored:
            if !r.isEmpty { arguments = .ignored(r) }
        }
    }

    private mutating func exec(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ storage: inout LayoutStorage) -> Arguments? {
        guard let json = JSONArrayScanner.scan(b, r, &storage) else { return nil }
        if !json.allStrings { rejection = "when using JSON array syntax, arrays must be comprised of strings only" }
        return .exec(json)
    }

    private static func execOrShell(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, rejection: inout String?,
                                    _ storage: inout LayoutStorage) -> Arguments {
        guard !r.isEmpty else { return .none }
        if let json = JSONArrayScanner.scan(b, r, &storage) {
            if !json.allStrings { rejection = "when using JSON array syntax, arrays must be comprised of strings only" }
            return .exec(json)
        }
        return .shell(r)
    }

    /// ENV and LABEL (BuildKit's `parseNameVal`).
    private mutating func readKeyValues(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, escape: UInt8,
                                        _ storage: inout LayoutStorage) {
        let words = Self.quotedWords(b, r, escape: escape, &storage)
        guard !words.isEmpty else { return }
        let first = storage.spans[words.lowerBound]
        let keyword = String(decoding: UnsafeBufferPointer(rebasing: b[self.keyword]), as: UTF8.self).uppercased()
        if Self.firstEquals(b, first) == nil {
            // Legacy `KEY name value`: split once at `[\t\v\f\r ]+`.
            var k = r.lowerBound
            while k < r.upperBound, !Whitespace.isSeparator(b[k]) { k += 1 }
            var v = k
            while v < r.upperBound, Whitespace.isSeparator(b[v]) { v += 1 }
            if k == r.upperBound { rejection = rejection ?? "\(keyword) must have two arguments" }
            let at = storage.pairs.count
            storage.pairs.append(KeyValueLayout(whole: r, key: r.lowerBound..<k, equals: nil, value: v..<r.upperBound))
            arguments = .keyValues(at..<(at + 1), legacy: true)
            return
        }
        let pairStart = storage.pairs.count
        for wi in words {
            let w = storage.spans[wi]
            if let eq = Self.firstEquals(b, w) {
                storage.pairs.append(KeyValueLayout(whole: w, key: w.lowerBound..<eq, equals: eq, value: (eq + 1)..<w.upperBound))
            } else {
                if rejection == nil {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: b[w]), as: UTF8.self)
                    rejection = "Syntax error - can't find = in \"\(text)\". Must be of the form: name=value"
                }
                storage.pairs.append(KeyValueLayout(whole: w, key: w, equals: nil, value: w.upperBound..<w.upperBound))
            }
        }
        arguments = .keyValues(pairStart..<storage.pairs.count, legacy: false)
    }

    static func firstEquals(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        r.first { b[$0] == UInt8(ascii: "=") }
    }

    /// `reWhitespace.Split(rest, -1)`: pieces between runs of `[\t\v\f\r ]`;
    /// returns their indices in `storage.spans`.
    static func splitWords(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ storage: inout LayoutStorage) -> Range<Int> {
        let first = storage.spans.count
        var i = r.lowerBound
        var wordStart = i
        while i < r.upperBound {
            if Whitespace.isSeparator(b[i]) {
                storage.spans.append(wordStart..<i)
                while i < r.upperBound, Whitespace.isSeparator(b[i]) { i += 1 }
                wordStart = i
            } else {
                i += 1
            }
        }
        storage.spans.append(wordStart..<r.upperBound)
        return first..<storage.spans.count
    }

    /// BuildKit's `parseWords`: words split at Unicode spaces outside quotes;
    /// quotes and escapes stay in the word. Returns their indices in `storage.spans`.
    static func quotedWords(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, escape: UInt8,
                            _ storage: inout LayoutStorage) -> Range<Int> {
        let first = storage.spans.count
        var pos = r.lowerBound
        let end = r.upperBound
        while pos < end {
            let w = Whitespace.unicodeSpaceWidth(b, pos, end)
            if w > 0 { pos += w; continue }
            let start = pos
            var quote: UInt8 = 0
            while pos < end {
                let c = b[pos]
                if quote == 0 {
                    if Whitespace.unicodeSpaceWidth(b, pos, end) > 0 { break }
                    if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") { quote = c }
                    if c == escape { pos += 1; if pos < end { pos += utf8Width(b, pos, end) }; continue }
                    pos += utf8Width(b, pos, end)
                } else {
                    if c == quote { quote = 0; pos += 1; continue }
                    if c == escape && quote != UInt8(ascii: "'") {
                        pos += 1
                        if pos < end { pos += utf8Width(b, pos, end) } else { quote = 0 }
                        continue
                    }
                    pos += utf8Width(b, pos, end)
                }
            }
            storage.spans.append(start..<pos)
        }
        return first..<storage.spans.count
    }

    /// The width of the UTF-8 sequence at `i` as Go decodes it: 1 for an
    /// invalid byte.
    @inline(__always)
    static func utf8Width(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        return UTF8Decoding.decode(b, i, end).width
    }
}

/// The lists that layouts index into. Keep one per reader and `reset()` it
/// between lines.
public struct LayoutStorage: Sendable {
    public internal(set) var spans: [Range<Int>] = []
    public internal(set) var pieces: [JSONArrayLayout.Piece] = []
    public internal(set) var pairs: [InstructionLayout.KeyValueLayout] = []

    public init() {}

    /// Empties the lists once they are large; between instructions, old
    /// entries can simply stay (layouts index only their own).
    mutating func resetIfLarge() {
        if spans.count > 4096 || pieces.count > 4096 || pairs.count > 4096 { reset() }
    }

    public mutating func reset() {
        spans.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
        pairs.removeAll(keepingCapacity: true)
    }
}
