#if canImport(Glibc)
import CSupport
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level string primitives for the hot path. Swift's generic collection algorithms on
/// `String` are correct but slow (generic metadata lookups per call); these work directly on
/// the UTF-8 storage, which is always valid UTF-8, so byte-wise results are scalar-correct.
enum FastText {
    /// The number of Unicode scalars in `text` (what `len` reports): the UTF-8 bytes that are
    /// not continuation bytes.
    @inline(__always)
    static func scalarCount(_ text: String) -> Int {
        if isASCII(text) { return text.utf8.count }
        return withUTF8Bytes(of: text) { bytes, count in count - continuationCount(bytes, count) }
    }

    /// The number of Unicode scalars in the first `end` UTF-8 bytes of `text`.
    static func scalarCount(_ text: String, upToByte end: Int) -> Int {
        if isASCII(text) { return end }
        return withUTF8Bytes(of: text) { bytes, _ in end - continuationCount(bytes, end) }
    }

    /// True when every scalar of `text` is ASCII (no byte has its top bit set).
    @inline(__always)
    static func isASCII(_ text: String) -> Bool {
        withUTF8Bytes(of: text) { bytes, count in rubric_utf8_is_ascii(bytes, count) != 0 }
    }

    /// The number of UTF-8 continuation bytes (`10xxxxxx`) among the first `count` bytes.
    @inline(__always)
    static func continuationCount(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        rubric_utf8_continuation_count(bytes, count)
    }

    /// The scalars `range` of `text` (scalar offsets, within bounds) as a string, copied from
    /// the UTF-8 bytes in one piece: ASCII text is sliced directly, other text finds the byte
    /// offsets of the two scalar offsets in one scan.
    static func scalarSlice(_ text: String, _ range: Range<Int>, scalarCount: Int) -> String {
        withUTF8Bytes(of: text) { bytes, count in
            var lower = range.lowerBound, upper = range.upperBound
            if scalarCount != count {
                var scalar = 0
                lower = count
                upper = count
                for index in 0..<count where bytes[index] & 0xC0 != 0x80 {
                    if scalar == range.lowerBound { lower = index }
                    if scalar == range.upperBound { upper = index; break }
                    scalar += 1
                }
            }
            return String(decoding: UnsafeBufferPointer(start: bytes + lower, count: upper - lower), as: UTF8.self)
        }
    }

    /// True when `needle` occurs in `haystack`.
    @inline(__always)
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        firstByteOffset(of: needle, in: haystack) != nil
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`, or nil. The search
    /// (`rubric_find`: memchr for candidates, memmem after a few false ones) is linear even
    /// for adversarial needles.
    static func firstByteOffset(of needle: String, in haystack: String, from start: Int = 0) -> Int? {
        withBytes(haystack, needle) { hay, hayCount, pin, pinCount -> Int? in
            search(hay, hayCount, pin, pinCount, from: start)
        }
    }

    /// The number of non-overlapping occurrences of a non-empty `needle` (Python's str.count).
    static func occurrenceCount(of needle: String, in haystack: String) -> Int {
        withBytes(haystack, needle) { hay, hayCount, pin, pinCount -> Int in
            guard pinCount > 0 else { return 0 }
            var count = 0
            var position = 0
            while let offset = search(hay, hayCount, pin, pinCount, from: position) {
                count += 1
                position = offset + pinCount
            }
            return count
        }
    }

    /// `rubric_find` from `start`: the offset of the first occurrence, or nil.
    @inline(__always)
    private static func search(_ hay: UnsafePointer<UInt8>, _ hayCount: Int, _ pin: UnsafePointer<UInt8>,
                               _ pinCount: Int, from start: Int) -> Int? {
        guard start <= hayCount, pinCount <= hayCount - start else { return nil }
        if pinCount == 0 { return start }
        guard let hit = rubric_find(hay + start, hayCount - start, pin, pinCount) else { return nil }
        return hay.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// True when `text` begins with `prefix`, compared byte by byte.
    @inline(__always)
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        withBytes(text, prefix) { bytes, count, start, startCount in
            startCount <= count && memcmp(bytes, start, startCount) == 0
        }
    }

    /// True when `text` ends with `suffix`, compared byte by byte.
    @inline(__always)
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        withBytes(text, suffix) { bytes, count, end, endCount in
            endCount <= count && memcmp(bytes + count - endCount, end, endCount) == 0
        }
    }

    /// Byte-wise equality of two strings (Rubric compares strings by code points, not by
    /// Unicode canonical equivalence, so "é" and "e\u{301}" differ, as in Python).
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        withBytes(a, b) { x, xCount, y, yCount in
            xCount == yCount && memcmp(x, y, xCount) == 0
        }
    }

    /// Gives `body` the UTF-8 bytes and byte counts of two strings (pointers never null).
    @inline(__always)
    private static func withBytes<Result>(
        _ first: String, _ second: String,
        _ body: (UnsafePointer<UInt8>, Int, UnsafePointer<UInt8>, Int) -> Result
    ) -> Result {
        withUTF8Bytes(of: first) { a, aCount in
            withUTF8Bytes(of: second) { b, bCount in body(a, aCount, b, bCount) }
        }
    }
}
