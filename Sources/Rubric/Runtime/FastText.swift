#if canImport(Glibc)
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
        withUTF8Bytes(of: text) { bytes, count in
            var continuation = 0
            for index in 0..<count where bytes[index] & 0xC0 == 0x80 { continuation += 1 }
            return count - continuation
        }
    }

    /// True when `needle` occurs in `haystack`.
    @inline(__always)
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        firstByteOffset(of: needle, in: haystack) != nil
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`, or nil.
    static func firstByteOffset(of needle: String, in haystack: String, from start: Int = 0) -> Int? {
        withBytes(haystack, needle) { hay, hayCount, pin, pinCount -> Int? in
            guard start <= hayCount, pinCount <= hayCount - start else { return nil }
            if pinCount == 0 { return start }
            // Find each candidate first byte with memchr, then compare the rest.
            let last = hayCount - pinCount
            var position = start
            while position <= last {
                guard let hit = memchr(hay + position, Int32(pin[0]), last - position + 1) else { return nil }
                let offset = hay.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(hay + offset + 1, pin + 1, pinCount - 1) == 0 { return offset }
                position = offset + 1
            }
            return nil
        }
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
