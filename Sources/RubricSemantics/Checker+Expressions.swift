import RubricSyntax

extension Checker {
    /// Checks an expression, returning its typed form. Errors are reported and the result is
    /// typed `any` so that checking continues without a cascade.
    mutating func checkExpr(_ expr: Expr) -> TypedExpr {
        let range = expr.range
        switch expr.kind {
        case .int(let value): return TypedExpr(.constant(.int(value)), .int, range)
        case .float(let value): return TypedExpr(.constant(.float(value)), .float, range)
        case .string(let value): return TypedExpr(.constant(.string(value)), .string, range)
        case .bool(let value): return TypedExpr(.constant(.bool(value)), .bool, range)
        case .null: return TypedExpr(.constant(.null), .null, range)
        case .invalid: return TypedExpr(.constant(.null), .any, range)
        case .skip:
            diagnostics.error(.misplacedSkip, "'skip' can only be the value of a score or the reward", at: range,
                              notes: ["help: write it as the whole value, a branch of 'if', or after '??', as in 'score s = x ?? skip'"])
            return TypedExpr(.constant(.null), .any, range)
        case .collect(let inner, let scope): return checkCollection(inner, scope: scope, range: range)
        case .name(let name): return resolveName(name, range: range)
        case .reward:
            guard inExpectation, let slot = rewardSlot else {
                diagnostics.error(.rewardOutsideExpect, "'reward' can only be read inside an 'expect'", at: range)
                return TypedExpr(.constant(.null), .any, range)
            }
            return TypedExpr(.global(slot), .float, range)
        case .interpolation(let parts):
            let typed = parts.map { part -> TypedExpr in
                switch part {
                case .text(let text): return TypedExpr(.constant(.string(text)), .string, range)
                case .expr(let inner): return checkExpr(inner)
                }
            }
            return TypedExpr(.interpolation(typed), .string, range)
        case .list(let elements):
            let typed = elements.map { checkExpr($0) }
            let element = typed.dropFirst().reduce(typed.first?.type ?? .any) { $0.join($1.type) }
            return TypedExpr(.list(typed.map { coerced($0, to: element) }), .list(element), range)
        case .map(let entries):
            var keys: [TypedExpr] = []
            var values: [TypedExpr] = []
            for entry in entries {
                let key = checkExpr(entry.key)
                requireType(key, .string, what: "a map key")
                keys.append(key)
                values.append(checkExpr(entry.value))
            }
            let element = values.dropFirst().reduce(values.first?.type ?? .any) { $0.join($1.type) }
            return TypedExpr(.map(keys: keys, values: values.map { coerced($0, to: element) }), .map(element), range)
        case .listComprehension(let element, let clauses):
            frame.push()
            defer { frame.pop() }
            let typedClauses = checkClauses(clauses)
            let typedElement = checkExpr(element)
            return TypedExpr(.comprehension(.list, element: typedElement, value: nil, clauses: typedClauses),
                             .list(typedElement.type), range)
        case .mapComprehension(let key, let value, let clauses):
            frame.push()
            defer { frame.pop() }
            let typedClauses = checkClauses(clauses)
            let typedKey = checkExpr(key)
            requireType(typedKey, .string, what: "a map key")
            let typedValue = checkExpr(value)
            return TypedExpr(.comprehension(.map, element: typedKey, value: typedValue, clauses: typedClauses),
                             .map(typedValue.type), range)
        case .unary(let op, let operand):
            return checkUnary(op, checkExpr(operand), range: range)
        case .binary(let op, let lhs, let rhs):
            return checkBinary(op, checkExpr(lhs), checkExpr(rhs), range: range)
        case .conditional(let condition, let thenBranch, let elseBranch):
            let typedCondition = checkExpr(condition)
            requireType(typedCondition, .bool, what: "the condition of 'if'")
            let typedThen = checkExpr(thenBranch)
            let typedElse = checkExpr(elseBranch)
            let joined = typedThen.type.join(typedElse.type)
            return TypedExpr(.conditional(typedCondition, coerced(typedThen, to: joined), coerced(typedElse, to: joined)),
                             joined, range)
        case .call(let name, let nameRange, let arguments):
            return checkCall(name, nameRange: nameRange, receiver: nil, arguments: arguments, range: range)
        case .methodCall(let receiver, let name, let nameRange, let arguments):
            return checkCall(name, nameRange: nameRange, receiver: receiver, arguments: arguments, range: range)
        case .field(let base, let name, let nameRange):
            return checkField(checkExpr(base), name: name, nameRange: nameRange, range: range)
        case .index(let base, let index):
            return checkIndex(checkExpr(base), checkExpr(index), range: range)
        case .slice(let base, let start, let end):
            let typedBase = checkExpr(base)
            let typedStart = start.map { checkExpr($0) }
            let typedEnd = end.map { checkExpr($0) }
            for bound in [typedStart, typedEnd].compactMap({ $0 }) {
                requireType(bound, .int, what: "a slice bound")
            }
            switch typedBase.type {
            case .string, .list, .any: break
            default:
                reportNotIndexable(typedBase, verb: "sliced")
            }
            return TypedExpr(.slice(typedBase, typedStart, typedEnd), typedBase.type, range)
        }
    }

    /// Resolves a plain name to a local, a global or an error.
    mutating func resolveName(_ name: String, range: SourceRange) -> TypedExpr {
        if let local = frame.lookup(name) {
            return TypedExpr(.local(local.slot), local.type, range)
        }
        if !inExampleValue, let symbol = topLevel[name] {
            switch symbol {
            case .global(let slot):
                stage = max(stage, globalStages[slot])
                return TypedExpr(.global(slot), globals[slot].type, range)
            case .function, .host:
                diagnostics.error(.typeMismatch, "'\(name)' is a function; call it with arguments, as \(name)(...)",
                                  at: range)
                return TypedExpr(.constant(.null), .any, range)
            }
        }
        if inExampleValue, topLevel[name] != nil {
            diagnostics.error(.unknownName, "example values cannot refer to '\(name)'; they are literal data",
                              at: range)
        } else if collectionOuterFrames.contains(where: { $0.lookup(name) != nil }) {
            diagnostics.error(.misplacedCollection,
                              "'\(name)' is a local variable, but group(...) and batch(...) evaluate their argument in every sample, outside any comprehension",
                              at: range)
        } else if declaredLater[name] != nil {
            diagnostics.error(.usedBeforeDefinition, "'\(name)' is used before its definition", at: range,
                              notes: ["help: move the definition of '\(name)' above this line"])
        } else {
            var notes: [String] = []
            let candidates = frame.visibleNames + Array(topLevel.keys)
            if let close = suggestion(for: name, among: candidates.sorted()) {
                notes.append("help: did you mean '\(close)'?")
            }
            diagnostics.error(.unknownName, "unknown name '\(name)'", at: range, notes: notes)
        }
        return TypedExpr(.constant(.null), .any, range)
    }

    /// Checks comprehension clauses, declaring their loop variables in the current scope.
    mutating func checkClauses(_ clauses: [ComprehensionClause]) -> [TypedClause] {
        clauses.map { clause in
            switch clause {
            case .forIn(let names, let iterable):
                let typedIterable = checkExpr(iterable)
                let elementTypes = iterationTypes(typedIterable, count: names.count)
                let slots = zip(names, elementTypes).map { name, type in frame.declare(name.0, type: type) }
                return .forIn(slots: slots, iterable: typedIterable)
            case .filter(let condition):
                let typed = checkExpr(condition)
                requireType(typed, .bool, what: "a comprehension filter")
                return .filter(typed)
            }
        }
    }

    /// The types of the loop variables when iterating a value of the given type.
    mutating func iterationTypes(_ iterable: TypedExpr, count: Int) -> [RType] {
        switch iterable.type {
        case .list(let element):
            if count == 1 { return [element] }
            if case .list(let inner) = element { return [inner, inner] }
            if element == .any { return [.any, .any] }
            diagnostics.error(.typeMismatch, "two loop variables need a list of pairs, not \(iterable.type)",
                              at: iterable.range)
            return [.any, .any]
        case .map(let element):
            return count == 1 ? [.string] : [.string, element]
        case .string:
            if count == 1 { return [.string] }
        case .any:
            return Array(repeating: .any, count: count)
        case .optional, .null:
            diagnostics.error(.possiblyNull, "cannot iterate a value that may be null", at: iterable.range,
                              notes: ["help: supply a default with '?? []'"])
            return Array(repeating: .any, count: count)
        default:
            break
        }
        diagnostics.error(.typeMismatch, "cannot iterate over \(iterable.type)", at: iterable.range)
        return Array(repeating: .any, count: count)
    }

    /// Reports an error unless the expression has type `type` (or `any`).
    mutating func requireType(_ value: TypedExpr, _ type: RType, what: String) {
        if value.type == type || value.type == .any { return }
        if type == .float, value.type == .int || value.type == .number { return }
        if value.type.admitsNull, value.type.nonNull == type {
            diagnostics.error(.possiblyNull, "\(what) may be null, but must be \(type)", at: value.range,
                              notes: ["help: supply a default with '??'"])
            return
        }
        diagnostics.error(.typeMismatch, "\(what) must be \(type), not \(value.type)", at: value.range)
    }

    mutating func reportNotIndexable(_ value: TypedExpr, verb: String) {
        if value.type.admitsNull {
            diagnostics.error(.possiblyNull, "a value that may be null cannot be \(verb)", at: value.range,
                              notes: ["help: supply a default with '??'"])
        } else {
            diagnostics.error(.notIndexable, "a value of type \(value.type) cannot be \(verb)", at: value.range)
        }
    }

    mutating func checkField(_ base: TypedExpr, name: String, nameRange: SourceRange, range: SourceRange) -> TypedExpr {
        switch base.type {
        case .map(let element):
            return TypedExpr(.field(base, name), element, range)
        case .any:
            return TypedExpr(.field(base, name), .any, range)
        default:
            if base.type.admitsNull {
                diagnostics.error(.possiblyNull, "cannot read field '\(name)' of a value that may be null",
                                  at: nameRange, notes: ["help: supply a default with '??'"])
            } else {
                diagnostics.error(.notIndexable, "a value of type \(base.type) has no field '\(name)'", at: nameRange,
                                  notes: ["help: to call a function, write \(name)(...) with parentheses"])
            }
            return TypedExpr(.constant(.null), .any, range)
        }
    }

    mutating func checkIndex(_ base: TypedExpr, _ index: TypedExpr, range: SourceRange) -> TypedExpr {
        switch base.type {
        case .list(let element):
            requireType(index, .int, what: "a list index")
            return TypedExpr(.index(base, index), element, range)
        case .string:
            requireType(index, .int, what: "a string index")
            return TypedExpr(.index(base, index), .string, range)
        case .map(let element):
            requireType(index, .string, what: "a map key")
            return TypedExpr(.index(base, index), element, range)
        case .any:
            return TypedExpr(.index(base, index), .any, range)
        default:
            reportNotIndexable(base, verb: "indexed")
            return TypedExpr(.constant(.null), .any, range)
        }
    }
}
