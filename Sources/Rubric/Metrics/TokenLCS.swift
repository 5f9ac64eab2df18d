/// Longest common subsequences of token-id sequences, as rouge-score computes them for ROUGE-L
/// (`_lcs_table`) and for the summary-level ROUGE-Lsum (`lcs_ind`, which reads one longest
/// subsequence back out of the table with a fixed tie-breaking rule).
enum TokenLCS {
    /// Returns the length of a longest common subsequence of `a` and `b`, keeping one row of
    /// the dynamic-programming table at a time.
    static func length(_ a: [Int], _ b: [Int]) -> Int {
        if a.isEmpty || b.isEmpty { return 0 }
        var row = [Int32](repeating: 0, count: b.count + 1)
        for symbol in a {
            var diagonal: Int32 = 0
            for column in 1...b.count {
                let above = row[column]
                row[column] = symbol == b[column - 1] ? diagonal + 1 : max(above, row[column - 1])
                diagonal = above
            }
        }
        return Int(row[b.count])
    }

    /// Returns the positions in `reference` of the longest common subsequence of `reference`
    /// and `candidate` that rouge-score's `_backtrack_norec` reads out, in increasing order:
    /// walking back from the end, equal tokens are taken, and otherwise the walk moves left in
    /// the candidate when that keeps a strictly longer subsequence, else up in the reference.
    /// The table keeps one bit per cell (the direction of that choice), so memory is
    /// `reference.count * candidate.count / 8` bytes.
    static func referencePositions(_ reference: [Int], _ candidate: [Int]) -> [Int] {
        let rows = reference.count, columns = candidate.count
        if rows == 0 || columns == 0 { return [] }
        var moveLeft = [UInt64](repeating: 0, count: (rows * columns + 63) / 64)
        var previous = [Int32](repeating: 0, count: columns + 1)
        var current = [Int32](repeating: 0, count: columns + 1)
        for row in 1...rows {
            let symbol = reference[row - 1]
            for column in 1...columns {
                if symbol == candidate[column - 1] {
                    current[column] = previous[column - 1] + 1
                } else {
                    let left = current[column - 1], up = previous[column]
                    if left > up {
                        let bit = (row - 1) * columns + (column - 1)
                        moveLeft[bit >> 6] |= 1 << UInt64(bit & 63)
                    }
                    current[column] = max(left, up)
                }
            }
            swap(&previous, &current)
        }
        var positions: [Int] = []
        var row = rows, column = columns
        while row > 0 && column > 0 {
            if reference[row - 1] == candidate[column - 1] {
                positions.append(row - 1)
                row -= 1
                column -= 1
            } else {
                let bit = (row - 1) * columns + (column - 1)
                if moveLeft[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { column -= 1 } else { row -= 1 }
            }
        }
        return positions.reversed()
    }
}
