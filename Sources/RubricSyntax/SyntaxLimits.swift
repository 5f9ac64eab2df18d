/// Limits the parser enforces so that every later stage can walk the tree recursively.
public struct SyntaxLimits: Sendable, Hashable {
    /// Largest accepted source, in bytes. Rubrics are small programs; 4 MiB leaves room for
    /// large embedded test data while bounding the memory a hostile source can make us spend.
    public var maxSourceBytes: Int
    /// Deepest accepted nesting of expressions (brackets, operators, conditionals). Every pass
    /// over the tree recurses once per level; 256 levels keep each pass far inside the 512 KiB
    /// stack of a secondary thread, and no hand-written or generated rubric comes close.
    public var maxNesting: Int

    public init(maxSourceBytes: Int = 4 << 20, maxNesting: Int = 256) {
        self.maxSourceBytes = maxSourceBytes
        self.maxNesting = maxNesting
    }
}
