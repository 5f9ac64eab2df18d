/// Every compile-time diagnostic has a stable code. Codes never change meaning once
/// published; retired codes are not reused. E01xx: lexical and syntax, E02xx: names,
/// E03xx: types and calls, E04xx: function order and recursion, E05xx: regular expressions,
/// E06xx: examples, E07xx: reward semantics, E08xx: static verification (declared ranges),
/// E09xx: limits of the compiler (E096x: host functions). W00xx are warnings: `W0001` comes
/// from the type checker, the others are lints for known reward-hacking shapes, reported by
/// `rubric check`.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable {
    // Lexical and syntax errors.
    case unexpectedCharacter = "E0101"
    case unterminatedString = "E0102"
    case invalidEscape = "E0103"
    case invalidNumber = "E0104"
    case expectedToken = "E0105"
    case unexpectedToken = "E0106"
    case chainedComparison = "E0107"
    case invalidStatement = "E0108"
    case invalidType = "E0109"

    // Names.
    case unknownName = "E0201"
    case duplicateDefinition = "E0202"
    case usedBeforeDefinition = "E0203"
    case rewardOutsideExpect = "E0204"
    case missingReward = "E0205"
    case duplicateReward = "E0206"
    case shadowsBuiltin = "E0207"
    case duplicateSpecialBinding = "E0208"

    // Types and calls.
    case typeMismatch = "E0301"
    case invalidOperands = "E0302"
    case notCallable = "E0303"
    case wrongArgumentCount = "E0304"
    case unknownArgument = "E0305"
    case duplicateArgument = "E0306"
    case possiblyNull = "E0307"
    case notAScore = "E0308"
    case notIndexable = "E0309"
    case positionalAfterNamed = "E0310"
    case nonConstantDefault = "E0311"

    // Function order.
    case recursion = "E0401"
    case callBeforeDefinition = "E0402"

    // Regular expressions.
    case invalidRegex = "E0501"

    // Examples.
    case unknownExampleInput = "E0601"
    case duplicateExampleInput = "E0602"

    // Compiler limits.
    // E07xx: reward semantics (skip, fallback, groups).
    case misplacedSkip = "E0701"
    case misplacedCollection = "E0702"
    case invalidGroupKey = "E0703"
    case invalidFallback = "E0704"
    case invalidSteps = "E0705"

    // E08xx: static verification.
    case invalidDeclaredRange = "E0801"
    case rangeNotProved = "E0802"
    case fallbackOutsideRange = "E0803"

    case sourceTooLarge = "E0901"
    case nestingTooDeep = "E0902"
    /// The record of a failed sample (every score and the error) cannot fit the output limit.
    case recordTooLarge = "E0950"

    // E0960-E0989: host functions.
    case hostNotDeclared = "E0960"
    case hostNotRegistered = "E0961"
    case hostSignatureMismatch = "E0962"

    // Warnings.
    case neverNull = "W0001"
    case unboundedStepSum = "W0002"
    case growsWithLength = "W0003"
    case unusedScore = "W0004"
    case irrelevantComponent = "W0005"
    case unguardedJudge = "W0006"

    /// A short title for the code, used in listings and documentation.
    public var title: String {
        switch self {
        case .unexpectedCharacter: "unexpected character"
        case .unterminatedString: "unterminated string literal"
        case .invalidEscape: "invalid escape sequence"
        case .invalidNumber: "invalid number literal"
        case .expectedToken: "expected a token"
        case .unexpectedToken: "unexpected token"
        case .chainedComparison: "comparisons cannot be chained"
        case .invalidStatement: "not a statement"
        case .invalidType: "not a type"
        case .unknownName: "unknown name"
        case .duplicateDefinition: "name defined twice"
        case .usedBeforeDefinition: "name used before its definition"
        case .rewardOutsideExpect: "`reward` read outside an expect"
        case .missingReward: "rubric has no reward"
        case .duplicateReward: "rubric has two rewards"
        case .shadowsBuiltin: "definition shadows a builtin"
        case .typeMismatch: "type mismatch"
        case .invalidOperands: "operator cannot take these operand types"
        case .notCallable: "value is not callable"
        case .wrongArgumentCount: "wrong number of arguments"
        case .unknownArgument: "unknown named argument"
        case .duplicateArgument: "argument given twice"
        case .possiblyNull: "value may be null"
        case .notAScore: "score or reward is not a number"
        case .notIndexable: "value cannot be indexed"
        case .positionalAfterNamed: "positional argument after a named one"
        case .nonConstantDefault: "parameter default is not a literal"
        case .recursion: "recursion is not allowed"
        case .callBeforeDefinition: "function called before its definition"
        case .invalidRegex: "invalid regular expression"
        case .unknownExampleInput: "example sets an unknown input"
        case .duplicateExampleInput: "example sets an input twice"
        case .duplicateSpecialBinding: "special binding defined twice"
        case .misplacedSkip: "skip outside a score or reward"
        case .misplacedCollection: "group or batch outside a top-level binding"
        case .invalidGroupKey: "invalid group key"
        case .invalidFallback: "fallback is not a number or skip"
        case .invalidSteps: "steps or latent of the wrong type"
        case .invalidDeclaredRange: "declared range is not an interval"
        case .rangeNotProved: "declared range not proved"
        case .fallbackOutsideRange: "fallback outside the declared range"
        case .hostNotDeclared: "host function called without a declaration"
        case .hostNotRegistered: "declared host function not registered by the host"
        case .hostSignatureMismatch: "host function declared with another signature than registered"
        case .sourceTooLarge: "source too large"
        case .nestingTooDeep: "nesting too deep"
        case .recordTooLarge: "records cannot fit the output limit"
        case .neverNull: "left side of ?? is never null"
        case .unboundedStepSum: "reward sums a list that grows with the input"
        case .growsWithLength: "reward grows with length without a cap"
        case .unusedScore: "score not used by the reward"
        case .irrelevantComponent: "component cannot change the reward"
        case .unguardedJudge: "judge score used without a master-key guard"
        }
    }
}
