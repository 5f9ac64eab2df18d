/// The four ordering comparisons, shared by their opcodes, by `compareJump` (which carries
/// one in its `b` operand), by the compiler's fusion and by the disassembler.
enum Comparison: Int32, CaseIterable {
    case less, lessEqual, greater, greaterEqual

    /// The comparison an ordering opcode performs, or nil for any other opcode.
    init?(_ opcode: Opcode) {
        switch opcode {
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        default: return nil
        }
    }

    /// Whether the comparison holds for an order of -1, 0 or 1.
    @inline(__always)
    func holds(_ order: Int) -> Bool {
        switch self {
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        case .greaterEqual: order >= 0
        }
    }

    /// The operator as written in a rubric.
    var symbol: String {
        switch self {
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        }
    }
}
