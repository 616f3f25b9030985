/// Turns bytes into a `SyntaxTree`. Parsing never fails: whatever the input,
/// the tree holds every byte, and problems become diagnostics.
///
/// The parser reads physical lines the way BuildKit's `Parse` does (parser
/// directives at the top, comment and blank lines between instructions,
/// line continuations, here-documents after the line that announces them),
/// reads each instruction's logical line with `InstructionLayout`, and lays
/// tokens over the source bytes. What is not token text is trivia.
public enum Parser {
    public static func parse(_ text: String) -> SyntaxTree {
        parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) -> SyntaxTree {
        bytes.withUnsafeBufferPointer { b in
            var p = ParserRun(b)
            p.run()
            let (tokens, nodes) = p.builder.finish()
            return SyntaxTree(source: bytes, escape: p.escape, tokens: tokens, nodes: nodes,
                              lineStarts: p.lines.starts, diagnostics: p.diagnostics)
        }
    }
}

/// The state of one parse.
struct ParserRun {
    let b: UnsafeBufferPointer<UInt8>
    let lines: PhysicalLines
    var builder: TreeBuilder
    var diagnostics: [Diagnostic] = []
    var escape = UInt8(ascii: "\\")
    private var logical = LogicalLine()
    private var storage = LayoutStorage()
    private var seenDirectives: Set<DirectiveName> = []
    private var instructionCount = 0
    /// BuildKit's line scanner stops at lines longer than this (bytes before the newline).
    static let buildKitMaxLine = 65_535

    init(_ b: UnsafeBufferPointer<UInt8>) {
        self.b = b
        self.lines = PhysicalLines(b)
        self.builder = TreeBuilder(expectedBytes: b.count)
    }

    mutating func run() {
        builder.startNode(.sourceFile)
        let bomEnd = (b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) ? 3 : 0
        var directivesOpen = true
        var li = 0
        while li < lines.count {
            let ls = li == 0 ? bomEnd : lines.start(li)
            let ce = lines.contentEnd(li)
            let first = Whitespace.skipUnicodeSpaces(b, ls, ce)
            if directivesOpen {
                if let m = DirectiveMatcher.match(b, first, ce), let name = DirectiveMatcher.knownName(b, m.name) {
                    directive(m, name)
                    li += 1
                    continue
                }
                directivesOpen = false
            }
            if first == ce || b[first] == UInt8(ascii: "#") {
                li += 1
                continue
            }
            li = instruction(line: li, contentStart: first)
        }
        builder.token(.endOfFile, b.count, b.count)
        builder.finishNode()
        finalChecks()
    }

    // MARK: Directives

    private mutating func directive(_ m: DirectiveMatch, _ name: DirectiveName) {
        builder.startNode(.directive)
        builder.token(.directiveHash, m.hash, m.hash + 1)
        builder.token(.directiveName, m.name.lowerBound, m.name.upperBound)
        builder.token(.equals, m.equals, m.equals + 1)
        builder.token(.directiveValue, m.value.lowerBound, m.value.upperBound)
        builder.finishNode()
        if seenDirectives.contains(name) {
            report(.error, "duplicate-directive", "only one \(name.rawValue) parser directive can be used", at: m.hash, rejected: true)
            return
        }
        seenDirectives.insert(name)
        if name == .escape {
            let v = Array(UnsafeBufferPointer(rebasing: b[m.value]))
            if v == [UInt8(ascii: "\\")] || v == [UInt8(ascii: "`")] {
                escape = v[0]
            } else {
                let text = String(decoding: v, as: UTF8.self)
                report(.error, "invalid-escape", "invalid escape token '\(text)' does not match ` or \\", at: m.value.lowerBound, rejected: true)
            }
        }
    }

    // MARK: Instructions

    /// Parses the instruction that starts on `line`; returns the next line to read.
    private mutating func instruction(line: Int, contentStart: Int) -> Int {
        var next = logical.build(lines, line: line, contentStart: contentStart, escape: escape, inPlace: true)
        instructionCount += 1
        let escape = self.escape
        storage.resetIfLarge()
        let layout = logical.withText(b) { t, r in
            InstructionLayout.read(t, r.lowerBound, r.upperBound, escape: escape, storage: &storage)
        }
        let entry = layout.entry
        var emitter = SpanEmitter(logical: logical, b: b)
        builder.startNode(entry.kind)
        if layout.keyword.isEmpty {
            // Only line continuations: BuildKit still counts an instruction.
            builder.token(.keyword, contentStart, contentStart)
            report(.error, "empty-instruction", "line continuation with no instruction after it", at: contentStart)
        } else {
            emitter.emit(.keyword, layout.keyword, into: &builder)
        }
        emitBody(layout, &emitter)
        if let reason = layout.rejection {
            report(.error, "rejected-instruction", reason, at: emitter.source(layout.keyword.lowerBound), rejected: true)
        }
        if entry.kind == .unknownInstruction && !layout.keyword.isEmpty {
            let k = logical.withText(b) { t, _ in TreeDump.quoted(UnsafeBufferPointer(rebasing: t[layout.keyword])) }
            report(.error, "unknown-instruction", "unknown instruction: \(k)", at: emitter.source(layout.keyword.lowerBound))
        }
        if logical.hasEmptyContinuationLine {
            report(.warning, "empty-continuation-line", "empty continuation line (BuildKit warns; future versions may reject it)", at: contentStart)
        }
        warnAboutJSON(layout.arguments, &emitter)
        if allowsHeredocs(layout, entry) {
            next = heredocs(after: next, announcedAt: contentStart)
        }
        builder.finishNode()
        return next
    }

    private func allowsHeredocs(_ layout: InstructionLayout, _ entry: InstructionGrammar.Entry) -> Bool {
        if entry.kind == .onbuildInstruction, case .trigger(let t) = layout.arguments {
            return allowsHeredocs(t, t.entry)
        }
        if !entry.allowsHeredocs { return false }
        if case .exec = layout.arguments { return false }
        return true
    }

    private mutating func emitBody(_ layout: InstructionLayout, _ emitter: inout SpanEmitter) {
        for f in layout.flags {
            builder.startNode(.flag)
            emitter.emit(.flag, storage.spans[f], into: &builder)
            builder.finishNode()
        }
        if let t = layout.flagTerminator {
            builder.startNode(.flagTerminator)
            emitter.emit(.flag, t, into: &builder)
            builder.finishNode()
        }
        emitArguments(layout.arguments, &emitter)
    }

    private mutating func emitArguments(_ args: InstructionLayout.Arguments, _ emitter: inout SpanEmitter) {
        switch args {
        case .none:
            break
        case .words(let words):
            for w in words { node(.word, .text, storage.spans[w], &emitter) }
        case .nameValues(let words):
            for wi in words {
                let w = storage.spans[wi]
                let eq = logical.withText(b) { t, _ in InstructionLayout.firstEquals(t, w) }
                keyValue(InstructionLayout.KeyValueLayout(
                    whole: w, key: w.lowerBound..<(eq ?? w.upperBound), equals: eq,
                    value: (eq.map { $0 + 1 } ?? w.upperBound)..<w.upperBound), &emitter)
            }
        case .string(let r):
            node(.string, .text, r, &emitter)
        case .shell(let r):
            node(.shellCommand, .text, r, &emitter)
        case .ignored(let r):
            node(.string, .text, r, &emitter)
        case .exec(let json):
            builder.startNode(.jsonArray)
            for pi in json.pieces {
                let piece = storage.pieces[pi]
                switch piece.kind {
                case .leftBracket: emitter.emit(.leftBracket, piece.range, into: &builder)
                case .rightBracket: emitter.emit(.rightBracket, piece.range, into: &builder)
                case .comma: emitter.emit(.comma, piece.range, into: &builder)
                case .string: node(.jsonString, .jsonString, piece.range, &emitter)
                case .value: node(.jsonValue, .jsonValue, piece.range, &emitter)
                }
            }
            builder.finishNode()
            if let t = json.trailing { node(.trailingText, .text, t, &emitter) }
        case .keyValues(let pairs, _):
            for p in pairs { keyValue(storage.pairs[p], &emitter) }
        case .healthcheck(let type, let command):
            node(.healthcheckType, .text, type, &emitter)
            emitArguments(command, &emitter)
        case .trigger(let trigger):
            builder.startNode(trigger.entry.kind)
            emitter.emit(.keyword, trigger.keyword, into: &builder)
            emitBody(trigger, &emitter)
            builder.finishNode()
        }
    }

    private mutating func keyValue(_ p: InstructionLayout.KeyValueLayout, _ emitter: inout SpanEmitter) {
        builder.startNode(.keyValue)
        node(.key, .text, p.key, &emitter)
        if let eq = p.equals { emitter.emit(.equals, eq..<(eq + 1), into: &builder) }
        node(.value, .text, p.value, &emitter)
        builder.finishNode()
    }

    private mutating func node(_ kind: SyntaxKind, _ token: TokenKind, _ r: Range<Int>, _ emitter: inout SpanEmitter) {
        guard !r.isEmpty else { return }
        builder.startNode(kind)
        emitter.emit(token, r, into: &builder)
        builder.finishNode()
    }

    private mutating func warnAboutJSON(_ args: InstructionLayout.Arguments, _ emitter: inout SpanEmitter) {
        switch args {
        case .exec(let json):
            if let t = json.trailing {
                report(.warning, "text-after-json", "text after the JSON array: BuildKit 0.12 ignores it, 0.13 and later run the line in shell form",
                       at: emitter.source(t.lowerBound))
            }
        case .shell(let r):
            if logical.withText(b, { t, _ in t[r.lowerBound] }) == UInt8(ascii: "[") {
                report(.warning, "invalid-json", "looks like exec form but is not a valid JSON array: BuildKit runs it in shell form",
                       at: emitter.source(r.lowerBound))
            }
        case .trigger(let t):
            warnAboutJSON(t.arguments, &emitter)
        case .healthcheck(_, let c):
            warnAboutJSON(c, &emitter)
        default:
            break
        }
    }

    // MARK: Here-documents

    /// Reads the bodies of the here-documents the instruction's line announces.
    private mutating func heredocs(after line: Int, announcedAt: Int) -> Int {
        let specs: [HeredocSpec]
        do {
            specs = try logical.withText(b) { t, r in Result { () throws(HeredocDetector.Failure) in
                try HeredocDetector.find(UnsafeBufferPointer(rebasing: t[r]))
            } }.get()
        } catch {
            report(.error, "invalid-heredoc", error.message, at: announcedAt, rejected: true)
            return line
        }
        var li = line
        for spec in specs {
            builder.startNode(.heredoc)
            let bodyStart = li < lines.count ? lines.start(li) : b.count
            var terminated = false
            while li < lines.count {
                let s = lines.start(li), ce = lines.contentEnd(li)
                var t = s
                if spec.chomp { while t < ce, b[t] == 0x09 { t += 1 } }
                if ce - t == spec.name.count, memcmpEqual(t, spec.name) {
                    builder.token(.heredocContent, bodyStart, s)
                    builder.token(.heredocTerminator, t, ce)
                    terminated = true
                    li += 1
                    break
                }
                li += 1
            }
            if !terminated {
                builder.token(.heredocContent, bodyStart, b.count)
                let name = String(decoding: spec.name, as: UTF8.self)
                report(.error, "unterminated-heredoc", "unterminated heredoc: no line \"\(name)\" ends it", at: announcedAt, rejected: true)
            }
            builder.finishNode()
        }
        return li
    }

    private func memcmpEqual(_ at: Int, _ word: [UInt8]) -> Bool {
        for (k, c) in word.enumerated() where b[at + k] != c { return false }
        return true
    }

    // MARK: Diagnostics

    private mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, at offset: Int, rejected: Bool = false) {
        diagnostics.append(Diagnostic(severity: severity, code: code, message: message,
                                      location: location(offset), rejectedByBuildKit: rejected))
    }

    private func location(_ offset: Int) -> SourceLocation {
        var lo = 0, hi = lines.starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lines.starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(offset: offset, line: lo + 1, column: offset - lines.starts[lo] + 1)
    }

    private mutating func finalChecks() {
        if instructionCount == 0 {
            report(.error, "no-instructions", "file with no instructions", at: b.count, rejected: true)
        }
        if let li = lines.firstLine(longerThan: Self.buildKitMaxLine) {
            report(.error, "line-too-long", "line longer than BuildKit's limit of \(Self.buildKitMaxLine) bytes", at: lines.start(li), rejected: true)
        }
        if let bad = UTF8Decoding.firstInvalid(b) {
            report(.warning, "invalid-utf8", "invalid UTF-8", at: bad)
        }
        diagnostics.sort { $0.location.offset < $1.location.offset }
    }
}

/// Lays tokens over the source for ranges of a logical line: a range that
/// crosses a line continuation becomes one token per source run, and the
/// spaces and tabs at the edges of each run are left to trivia.
struct SpanEmitter {
    /// Empty when the logical line is the source itself (offsets are then equal).
    let segments: [LogicalLine.Segment]
    let direct: Bool
    let b: UnsafeBufferPointer<UInt8>
    private var segment = 0

    init(logical: LogicalLine, b: UnsafeBufferPointer<UInt8>) {
        self.direct = logical.isDirect
        self.segments = logical.isDirect ? [] : logical.segments
        self.b = b
    }

    /// The source offset of a logical offset.
    func source(_ logicalOffset: Int) -> Int {
        if direct { return logicalOffset }
        guard let s = segments.last(where: { $0.logicalStart <= logicalOffset }) else { return segments.first?.sourceStart ?? 0 }
        return s.sourceStart + (logicalOffset - s.logicalStart)
    }

    mutating func emit(_ kind: TokenKind, _ r: Range<Int>, into builder: inout TreeBuilder) {
        if direct {
            var s = r.lowerBound, e = r.upperBound
            while s < e, Whitespace.isBlank(b[s]) { s += 1 }
            while e > s, Whitespace.isBlank(b[e - 1]) { e -= 1 }
            if s < e { builder.token(kind, s, e) }
            return
        }
        let segs = segments
        while segment < segs.count, segs[segment].logicalStart + segs[segment].count <= r.lowerBound { segment += 1 }
        var k = segment
        while k < segs.count, segs[k].logicalStart < r.upperBound {
            let seg = segs[k]
            let lo = max(r.lowerBound, seg.logicalStart), hi = min(r.upperBound, seg.logicalStart + seg.count)
            var s = seg.sourceStart + (lo - seg.logicalStart)
            var e = seg.sourceStart + (hi - seg.logicalStart)
            while s < e, Whitespace.isBlank(b[s]) { s += 1 }
            while e > s, Whitespace.isBlank(b[e - 1]) { e -= 1 }
            if s < e { builder.token(kind, s, e) }
            k += 1
        }
        if k > 0 { segment = k - 1 }
    }
}
