/// The version of the library and of its C interface.
enum RubricVersion {
    /// The library's version.
    static let text: StaticString = "0.1.0"
    /// `RUBRIC_ABI_VERSION` in rubric.h.
    static let abi: Int32 = 1
}
