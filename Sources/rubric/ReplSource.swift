import Rubric
import RubricSyntax

/// A rubric source put together from pieces of other texts (a loaded file, lines typed at the
/// prompt, lines the REPL adds), remembering where each piece came from, so a diagnostic or a
/// runtime error in the whole is reported at its place in the piece the user wrote.
struct ReplSource {
    /// `length` bytes of the source from `start` are bytes of `origin` from `originStart`.
    struct Segment {
        var start: Int
        var length: Int
        var origin: SourceFile
        var originStart: Int
    }

    private(set) var text = ""
    private(set) var segments: [Segment] = []

    init() {}

    /// A source that is all of `origin`.
    init(_ origin: SourceFile) {
        append(origin.text, from: origin, at: 0)
    }

    /// Appends `piece`, which is the text of `origin` from byte `originStart` on.
    mutating func append(_ piece: String, from origin: SourceFile, at originStart: Int) {
        segments.append(Segment(start: text.utf8.count, length: piece.utf8.count, origin: origin,
                                originStart: originStart))
        text += piece
    }

    /// Appends a line the REPL writes itself; errors in it are shown in it.
    mutating func appendGenerated(_ line: String) {
        append(line, from: SourceFile(name: "<repl>", text: line), at: 0)
    }

    /// Where the piece taken from byte `originStart` of `origin` begins in this source.
    func start(of origin: SourceFile, at originStart: Int) -> Int? {
        segments.first { $0.origin === origin && $0.originStart == originStart }?.start
    }

    /// The piece holding byte `offset` and the matching range in its origin.
    func locate(_ range: SourceRange) -> (SourceFile, SourceRange)? {
        guard let segment = segments.last(where: { $0.start <= range.start }) else { return nil }
        let shift = segment.originStart - segment.start
        // A piece may begin before its origin does (`let __value = ` before a typed
        // expression): positions there are shown at the origin's start.
        // Past the end (where a missing token was expected), they are shown after its last
        // character rather than on an empty line.
        var last = segment.origin.bytes.count
        if last > 0, segment.origin.bytes[last - 1] == UInt8(ascii: "\n") { last -= 1 }
        let start = min(max(0, range.start + shift), last)
        return (segment.origin, SourceRange(start, min(max(start, range.end + shift), last)))
    }

    /// Renders a compile diagnostic at its place in the piece it is about.
    func render(_ diagnostic: Diagnostic) -> String {
        guard let (origin, range) = locate(diagnostic.range) else { return diagnostic.message }
        var moved = diagnostic
        moved.range = range
        return DiagnosticRenderer.text(moved, in: origin)
    }

    /// Renders a runtime error at its place in the piece it is about (`compiled` is this text
    /// as the program saw it).
    func render(_ error: SampleError, compiled: SourceFile) -> String {
        guard let offset = offset(of: error, compiled: compiled),
              let (origin, range) = locate(SourceRange(offset, offset))
        else { return "error[\(error.code)]: \(error.message)" }
        return DiagnosticRenderer.text(code: error.code, message: error.message, at: range, in: origin)
    }

    /// Where in this source a runtime error happened, when the error has a position.
    func offset(of error: SampleError, compiled: SourceFile) -> Int? {
        guard let line = error.line, let column = error.column, line >= 1, line <= compiled.lineStarts.count
        else { return nil }
        return offset(line: line, column: column, in: compiled)
    }

    /// The byte offset of a 1-based line and column (columns count Unicode scalars).
    func offset(line: Int, column: Int, in file: SourceFile) -> Int {
        guard line >= 1, line <= file.lineStarts.count else { return file.bytes.count }
        var offset = file.lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0, offset < file.bytes.count, file.bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < file.bytes.count, file.bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }
}
