import ArgumentParser
import Foundation
import Rubric
import enum RubricSyntax.PathSegment

/// The formats `rubric eval` reads.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    /// One JSON object per line (the default); blank lines are skipped.
    case jsonl
    /// One JSON array of objects.
    case json
    /// YAML documents separated by `---` lines.
    case yaml
}

/// Reads records one at a time from a file or standard input. JSONL is streamed line by
/// line; a JSON array or YAML stream is read whole (they cannot be split safely otherwise).
/// A record that does not parse becomes an `.unreadable` item naming its line.
final class RecordReader {
    let format: InputFormat
    let maxDepth: Int
    private let handle: FileHandle
    /// Bytes read but not yet returned, from `cursor` on (consumed bytes are dropped only
    /// when a new block is read, so taking a line never moves the rest of the buffer).
    private var buffer: [UInt8] = []
    private var cursor = 0
    private var atEnd = false
    /// Records of a whole-file format, parsed up front.
    private var queued: [StreamItem] = []
    private var queuedIndex = 0
    /// Line number of the next JSONL line (1-based).
    private(set) var line = 0
    /// Bytes consumed so far and the file's size (nil for stdin), for the progress bar.
    private(set) var bytesRead = 0
    let totalBytes: Int?

    init(path: String, format: InputFormat, maxDepth: Int) throws {
        self.format = format
        self.maxDepth = maxDepth
        if path == "-" {
            handle = FileHandle.standardInput
            totalBytes = nil
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure("cannot read '\(path)'", status: ExitStatus.usage)
            }
            handle = opened
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            totalBytes = (attributes?[.size] as? NSNumber)?.intValue
        }
        if format != .jsonl { try loadWhole() }
    }

    /// The next record, or nil at the end of the input. JSONL lines come back unparsed
    /// (`.jsonLine`), for the workers to parse in parallel.
    func next() -> StreamItem? {
        if format != .jsonl {
            guard queuedIndex < queued.count else { return nil }
            defer { queuedIndex += 1 }
            return queued[queuedIndex]
        }
        while let text = nextLine() {
            line += 1
            if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            return .jsonLine(text, line: line)
        }
        return nil
    }

    /// The next line of the input without its terminator, reading in 1 MiB blocks. The line
    /// break is found with memchr and the line decoded from the buffer in one piece.
    private func nextLine() -> String? {
        var searchFrom = cursor
        while true {
            if let newline = Self.offset(of: 0x0A, in: buffer, from: searchFrom) {
                let line = decode(cursor..<newline)
                bytesRead += newline + 1 - cursor
                cursor = newline + 1
                return line
            }
            if atEnd {
                guard cursor < buffer.count else { return nil }
                let line = decode(cursor..<buffer.count)
                bytesRead += buffer.count - cursor
                cursor = buffer.count
                return line
            }
            buffer.removeSubrange(0..<cursor)
            cursor = 0
            searchFrom = buffer.count
            let block = handle.readData(ofLength: 1 << 20)
            if block.isEmpty { atEnd = true } else { buffer.append(contentsOf: block) }
        }
    }

    /// The bytes `range` of the buffer as a string (invalid UTF-8 repaired).
    private func decode(_ range: Range<Int>) -> String {
        buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The offset of the first `byte` in `bytes` at or after `start`, or nil.
    static func offset(of byte: UInt8, in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let hit = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Reads and parses a JSON array or a YAML stream.
    private func loadWhole() throws {
        let data = handle.readDataToEndOfFile()
        bytesRead = data.count
        let text = String(decoding: data, as: UTF8.self)
        switch format {
        case .jsonl: break
        case .json:
            let parsed: Value
            do throws(RuntimeError) {
                parsed = try JSON.parse(text, maxDepth: maxDepth)
            } catch {
                throw CommandFailure("the JSON input is invalid: \(error.message)", status: ExitStatus.usage)
            }
            guard case .list(let elements) = parsed else {
                throw CommandFailure("a JSON input must be an array of objects", status: ExitStatus.usage)
            }
            queued = elements.map { .sample($0) }
        case .yaml:
            for (index, document) in Self.yamlDocuments(text).enumerated() {
                do throws(RuntimeError) {
                    if let value = try parseYAMLDocument(document, maxDepth: maxDepth) {
                        queued.append(.sample(value))
                    } else {
                        queued.append(.unreadable(SampleError(code: "E1003", message: "YAML document \(index + 1) is invalid",
                                                              line: nil, column: nil)))
                    }
                } catch {
                    queued.append(.unreadable(SampleError(code: error.code.rawValue,
                                                          message: "YAML document \(index + 1): \(error.message)",
                                                          line: nil, column: nil)))
                }
            }
        }
    }

    /// Splits a YAML stream at its document markers: a line that is `---` (or starts with
    /// `--- `, whose rest begins the document) or `...`. Empty documents are dropped.
    static func yamlDocuments(_ text: String) -> [String] {
        var documents: [String] = []
        var current: [Substring] = []
        func finish() {
            let document = current.joined(separator: "\n")
            if !document.allSatisfy({ $0.isWhitespace }) { documents.append(document) }
            current = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "---" || line.hasPrefix("--- ") || line == "..." {
                finish()
                if line.hasPrefix("--- ") { current.append(line.dropFirst(4)) }
            } else {
                current.append(line)
            }
        }
        finish()
        return documents
    }
}

/// Groups consecutive records into chunks: for a rubric that reads `group(e)`, a run of
/// records with the same group key (found at `keyPath` in the raw record); for one that reads
/// `batch(e)`, `batchSize` records (0: the whole input); otherwise `chunkSize` records.
struct Chunker {
    let reader: RecordReader
    let usesGroups: Bool
    let keyPath: [PathSegment]?
    let batchSize: Int
    let chunkSize: Int
    private var lookahead: StreamItem?
    /// Group keys already finished, to warn when a group's records are not adjacent.
    private var seenKeys: Set<String> = []
    private(set) var splitGroups: [String] = []

    init(reader: RecordReader, usesGroups: Bool, keyPath: [PathSegment]?, batchSize: Int, chunkSize: Int) {
        self.reader = reader
        self.usesGroups = usesGroups
        self.keyPath = keyPath
        self.batchSize = batchSize
        self.chunkSize = chunkSize
    }

    /// The group key of a record, as compact JSON ("" for unreadable records).
    func key(_ item: StreamItem) -> String {
        guard case .sample(let value) = item, let keyPath else { return "" }
        return JSON.serialize(Evaluator.lookup(value, keyPath) ?? .null)
    }

    mutating func next() -> EvaluationChunk? {
        var items: [StreamItem] = []
        if let held = lookahead {
            items.append(held)
            lookahead = nil
        }
        // Without a key, a rubric that reads groups sees its batch as one group.
        let byKey = usesGroups && keyPath != nil
        let limit = usesGroups && !byKey ? (batchSize > 0 ? batchSize : Int.max) : chunkSize
        while byKey || items.count < limit, var item = reader.next() {
            // Records are parsed here only when their group key is needed now.
            if byKey { item = ParallelEvaluator.parsed(item, maxDepth: reader.maxDepth) }
            // An unreadable record has no key: it stays with the run it sits in.
            if byKey, case .sample = item, let first = items.first(where: { if case .sample = $0 { true } else { false } }),
               key(item) != key(first) {
                lookahead = item
                break
            }
            items.append(item)
        }
        guard !items.isEmpty else { return nil }
        if byKey, let first = items.first(where: { if case .sample = $0 { true } else { false } }) {
            let groupKey = key(first)
            if !seenKeys.insert(groupKey).inserted, splitGroups.count < 5 { splitGroups.append(groupKey) }
        }
        return EvaluationChunk(items: items)
    }
}

/// Parses one YAML document as a sample.
func parseYAMLDocument(_ text: String, maxDepth: Int) throws(RuntimeError) -> Value? {
    try Evaluator.parseYAML(text, maxDepth: maxDepth)
}

/// Parses a dotted path such as `usage.completion_tokens` or `messages.0.content`.
func parsePath(_ text: String) -> [PathSegment] {
    Evaluator.parsePath(text)
}
