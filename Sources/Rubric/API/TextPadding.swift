extension String {
    /// The string padded with spaces to `width` characters: on the left (right-aligned) for a
    /// positive width, on the right (left-aligned) for a negative one. Longer strings stay whole.
    func padded(to width: Int) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, abs(width) - count))
        return width > 0 ? fill + self : self + fill
    }
}
