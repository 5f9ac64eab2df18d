/// A byte range inside one source file. Offsets are UTF-8 byte offsets.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    /// Creates a range covering the bytes `start..<end`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// Returns the smallest range covering both this range and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// A human-facing position: 1-based line and 1-based column (counted in Unicode scalars).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// The text of one rubric, its name for diagnostics, and a table of line starts so that
/// byte offsets can be turned into line/column positions without rescanning.
public final class SourceFile: Sendable {
    public let name: String
    public let text: String
    public let bytes: [UInt8]
    /// Byte offset at which each line begins; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Creates a source file from its text, indexing its line starts once.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// Returns the 1-based line number containing byte `offset`.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// Returns the line and column of byte `offset`; columns count Unicode scalars.
    public func location(of offset: Int) -> SourceLocation {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        let clamped = min(max(offset, start), bytes.count)
        var column = 1
        var index = start
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // The loop counted the first byte of the scalar at `clamped` only if it started earlier.
        return SourceLocation(line: line, column: column)
    }

    /// Returns the text of 1-based line `line` without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// Returns the source text covered by `range`.
    public func text(in range: SourceRange) -> String {
        let start = min(range.start, bytes.count)
        let end = min(range.end, bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
