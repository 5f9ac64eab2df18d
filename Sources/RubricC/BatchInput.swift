import Rubric

/// Reads the samples of `rubric_evaluate`: a JSON array of objects, or JSON Lines.
enum BatchInput {
    /// The samples in `bytes`, told apart by the first non-blank byte: `[` begins a JSON array
    /// (which must parse whole), anything else is JSON Lines, where a line that is not valid
    /// UTF-8 or JSON becomes an error record naming its line, and blank lines are skipped.
    static func items(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(Failure) -> [StreamItem] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }  // a UTF-8 byte order mark
        let first = bytes[start...].first { !isBlank($0) }
        if first == UInt8(ascii: "[") { return try array(UnsafeBufferPointer(rebasing: bytes[start...]), maxDepth: maxDepth) }
        return lines(UnsafeBufferPointer(rebasing: bytes[start...]), maxDepth: maxDepth)
    }

    /// Parses a JSON array of samples (its elements one level below the array).
    static func array(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(Failure) -> [StreamItem] {
        let text = try CText.string(bytes, what: "the samples")
        let parsed: Value
        do throws(RuntimeError) {
            parsed = try JSON.parse(text, maxDepth: maxDepth + 1)
        } catch {
            throw Failure(.invalidJSON, "the samples are not a valid JSON array: \(error.message)")
        }
        guard case .list(let samples) = parsed else { throw Failure(.invalidJSON, "the samples must be a JSON array") }
        return samples.map(StreamItem.sample)
    }

    /// Parses JSON Lines, one sample per non-blank line.
    static func lines(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> [StreamItem] {
        var items: [StreamItem] = []
        var lineNumber = 0
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            lineStart = lineEnd + 1
            if line.allSatisfy(isBlank) { continue }
            guard let text = String(validating: line, as: UTF8.self) else {
                items.append(.unreadable(SampleError(code: "E1003", message: "input line \(lineNumber) is not valid UTF-8",
                                                     line: nil, column: nil)))
                continue
            }
            items.append(ParallelEvaluator.parsed(.jsonLine(text, line: lineNumber), maxDepth: maxDepth))
        }
        return items
    }

    /// Space, tab, carriage return or line feed.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
