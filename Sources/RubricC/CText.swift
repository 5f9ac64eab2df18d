import Foundation

/// Reading text the caller passes in and allocating text the caller frees.
enum CText {
    /// The bytes at `pointer` as a buffer; NULL is allowed only for an empty buffer.
    static func bytes(_ pointer: UnsafePointer<CChar>?, count: UInt, what: String) throws(Failure) -> UnsafeBufferPointer<UInt8> {
        guard count <= UInt(Int.max) else { throw Failure(.nullArgument, "\(what): impossible length \(count)") }
        guard let pointer else {
            if count == 0 { return UnsafeBufferPointer(start: nil, count: 0) }
            throw Failure(.nullArgument, "\(what) is NULL")
        }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: Int(count))
    }

    /// Decodes bytes as UTF-8, refusing invalid sequences.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, what: String) throws(Failure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(.invalidUTF8, "\(what) is not valid UTF-8")
        }
        return text
    }

    /// Decodes a NUL-terminated UTF-8 string, or nil for NULL.
    static func optionalString(_ pointer: UnsafePointer<CChar>?, what: String) throws(Failure) -> String? {
        guard let pointer else { return nil }
        let count = strlen(pointer)
        return try string(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                              count: count), what: what)
    }

    /// Copies `text` into memory the caller frees with `rubric_string_free`, NUL terminated.
    static func allocate(_ text: String) -> (pointer: UnsafeMutablePointer<CChar>, count: Int) {
        var text = text
        return text.withUTF8 { utf8 in
            let buffer = malloc(utf8.count + 1)!.assumingMemoryBound(to: CChar.self)
            if let base = utf8.baseAddress { memcpy(buffer, base, utf8.count) }
            buffer[utf8.count] = 0
            return (buffer, utf8.count)
        }
    }

    /// Stores a copy of `text` in `*out` when `out` is not NULL.
    static func store(_ text: String, in out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) {
        out?.pointee = allocate(text).pointer
    }
}
