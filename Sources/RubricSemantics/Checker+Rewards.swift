import RubricSyntax

/// The reward semantics: scores and rewards that may `skip`, the special bindings `steps`,
/// `latent`, `fallback` and `group`, and the stratification of `group(e)`/`batch(e)`.
extension Checker {
    /// Checks the value of a score or the reward. `skip` is allowed as the whole value, as a
    /// branch of a conditional in that position, and after `??`; a value that may skip is
    /// typed `float?`, so anything that reads it must say what a skip means (`?? 0`).
    mutating func checkScoreBody(_ expr: Expr, what: String) -> TypedExpr {
        let range = expr.range
        switch expr.kind {
        case .skip:
            return TypedExpr(.constant(.null), .null, range)
        case .conditional(let condition, let thenBranch, let elseBranch)
            where containsSkip(thenBranch) || containsSkip(elseBranch):
            let typedCondition = checkExpr(condition)
            requireType(typedCondition, .bool, what: "the condition of 'if'")
            let typedThen = checkScoreBody(thenBranch, what: what)
            let typedElse = checkScoreBody(elseBranch, what: what)
            let type: RType = typedThen.type.admitsNull || typedElse.type.admitsNull ? .float.orNull : .float
            return TypedExpr(.conditional(typedCondition, typedThen, typedElse), type, range)
        case .binary(.coalesce, let value, let fallbackValue) where isSkip(fallbackValue):
            let typedValue = checkExpr(value)
            let nonNull = TypedExpr(typedValue.kind, typedValue.type.nonNull, typedValue.range)
            _ = scoreValue(nonNull, what: what)  // reports a non-numeric value
            return TypedExpr(.toScore(typedValue, nullSkips: true), .float.orNull, range)
        default:
            return scoreValue(checkExpr(expr), what: what)
        }
    }

    /// True when `expr` is `skip`, ignoring parentheses (which the parser already removed).
    func isSkip(_ expr: Expr) -> Bool {
        if case .skip = expr.kind { return true }
        return false
    }

    /// True when `skip` appears in a position `checkScoreBody` accepts.
    func containsSkip(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .skip: return true
        case .conditional(_, let thenBranch, let elseBranch): return containsSkip(thenBranch) || containsSkip(elseBranch)
        case .binary(.coalesce, _, let rhs): return isSkip(rhs)
        default: return false
        }
    }

    /// Checks `steps = …`, `latent = …`, `fallback = …` or `group = …`; each may appear once.
    mutating func checkSpecialBinding(_ decl: SpecialBindingDecl) {
        let name = decl.kind.rawValue
        let already: Bool
        switch decl.kind {
        case .steps: already = stepsSlot != nil
        case .latent: already = latentSlot != nil
        case .group: already = groupKeySlot != nil
        case .fallback: already = sawFallback
        }
        if already {
            diagnostics.error(.duplicateSpecialBinding, "the rubric already has '\(name) = ...'", at: decl.range)
            return
        }
        switch decl.kind {
        case .fallback:
            sawFallback = true
            fallback = checkFallback(decl.value)
        case .steps:
            let value = checkExpr(decl.value)
            if !isNumericList(value.type, list: true) {
                diagnostics.error(.invalidSteps, "steps must be a list of numbers, not \(value.type)", at: value.range)
            }
            stepsSlot = appendGlobal("steps", kind: .steps, type: value.type, range: decl.range, value: value)
        case .latent:
            let value = checkExpr(decl.value)
            if !isNumericList(value.type, list: false) {
                diagnostics.error(.invalidSteps, "latent must be a map of numbers (factor name to score), not \(value.type)",
                                  at: value.range)
            }
            latentSlot = appendGlobal("latent", kind: .latent, type: value.type, range: decl.range, value: value)
        case .group:
            let value = checkExpr(decl.value)
            switch value.type.nonNull {
            case .string, .int, .bool, .any: break
            default:
                diagnostics.error(.invalidGroupKey, "a group key must be a string, an int or a bool, not \(value.type)",
                                  at: value.range)
            }
            if stage > 0 {
                diagnostics.error(.invalidGroupKey, "the group key cannot depend on group(...) or batch(...)",
                                  at: value.range)
            }
            groupKeySlot = appendGlobal("group", kind: .groupKey, type: value.type, range: decl.range, value: value)
        }
    }

    /// True for `list[T]` (or `map[T]` when `list` is false) with numeric or bool elements.
    func isNumericList(_ type: RType, list: Bool) -> Bool {
        switch (type, list) {
        case (.any, _): return true
        case (.list(let element), true), (.map(let element), false):
            switch element {
            case .int, .float, .number, .bool, .any: return true
            default: return false
            }
        default: return false
        }
    }

    /// The fallback reward: a number literal (optionally negated) or `skip` (nil).
    mutating func checkFallback(_ expr: Expr) -> Double? {
        if case .skip = expr.kind { return nil }
        if let value = numberLiteral(expr) { return value }
        diagnostics.error(.invalidFallback, "the fallback must be a number or 'skip'", at: expr.range,
                          notes: ["help: write 'fallback = 0' or 'fallback = skip'"])
        return nil
    }

    /// Checks `group(e)` or `batch(e)`: `e` becomes a hidden global computed in every sample,
    /// and the expression reads the list of its values over the group, one stage later.
    mutating func checkCollection(_ inner: Expr, scope: CollectionScope, range: SourceRange) -> TypedExpr {
        if currentFunction != nil || inExpectation || inExampleValue {
            diagnostics.error(.misplacedCollection,
                              "'\(scope.rawValue)(...)' can only be used in a top-level let, score, steps, latent or reward",
                              at: range)
            return TypedExpr(.constant(.null), .any, range)
        }
        // The gathered expression is evaluated per sample, outside any enclosing comprehension.
        let outerFrame = frame
        let outerStage = stage
        collectionOuterFrames.append(outerFrame)
        frame = LocalFrame()
        stage = 0
        let value = checkExpr(inner)
        collectedLocals = max(collectedLocals, frame.slotCount)
        frame = outerFrame
        collectionOuterFrames.removeLast()
        let slot = appendGlobal("\(scope.rawValue)(...)", kind: .collected, type: value.type, range: inner.range,
                                value: value)
        stage = max(outerStage, globalStages[slot] + 1)
        return TypedExpr(.collect(slot: slot, scope: scope), .list(value.type), range)
    }
}
