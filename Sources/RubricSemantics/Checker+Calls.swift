import RubricSyntax

extension Checker {
    /// Checks a call of a user function or builtin, with `receiver` as the first argument for
    /// method-call syntax (`x.f(y)` is `f(x, y)`).
    mutating func checkCall(_ name: String, nameRange: SourceRange, receiver: Expr?, arguments: [Argument],
                            range: SourceRange) -> TypedExpr {
        var positional: [TypedExpr] = []
        var named: [(String, SourceRange, TypedExpr)] = []
        var misordered = false
        if let receiver { positional.append(checkExpr(receiver)) }
        for argument in arguments {
            let value = checkExpr(argument.value)
            if let label = argument.label {
                named.append((label, argument.labelRange ?? argument.value.range, value))
            } else {
                if !named.isEmpty {
                    diagnostics.error(.positionalAfterNamed, "a positional argument cannot follow a named one",
                                      at: argument.value.range)
                    misordered = true
                }
                positional.append(value)
            }
        }
        if misordered {
            // Binding the arguments anyway would only add confusing follow-on errors.
            return TypedExpr(.constant(.null), .any, range)
        }
        if let index = functionIndex(named: name) {
            let function = functions[index]
            let parameters = function.parameterNames.indices.map {
                (function.parameterNames[$0], function.parameterTypes[$0], function.parameterDefaults[$0])
            }
            guard let ordered = bindArguments(name, isUserFunction: true, parameters: parameters,
                                              variadic: nil, positional: positional, named: named,
                                              range: range) else {
                return TypedExpr(.constant(.null), .any, range)
            }
            stage = max(stage, functionStages[index])
            return TypedExpr(.callFunction(index, ordered), function.returnType, range)
        }
        if case .host(let index)? = topLevel[name] {
            return checkHostCall(index, positional: positional, named: named, range: range)
        }
        if let signature = environment.signature(named: name) {
            let parameters = signature.parameters.map { ($0.name, $0.type, $0.defaultValue) }
            guard let ordered = bindArguments(name, parameters: parameters, variadic: signature.variadic,
                                              positional: positional, named: named, range: range) else {
                return TypedExpr(.constant(.null), .any, range)
            }
            for (parameter, argument) in zip(signature.parameters, ordered) where parameter.isRegex {
                checkRegexLiteral(argument)
            }
            let types = ordered.map(\.type)
            if let message = signature.validate?(types) {
                if types.contains(where: { $0.admitsNull && $0 != .any }),
                   signature.validate?(types.map(\.nonNull)) == nil {
                    diagnostics.error(.possiblyNull, "\(name): \(message)", at: range,
                                      notes: ["help: supply a default with '??'"])
                } else {
                    diagnostics.error(.typeMismatch, "\(name): \(message)", at: range)
                }
                return TypedExpr(.callBuiltin(name, ordered), .any, range)
            }
            return TypedExpr(.callBuiltin(name, ordered), signature.result(types), range)
        }
        if name == currentFunction {
            diagnostics.error(.recursion, "'\(name)' calls itself; recursion is not allowed", at: nameRange,
                              notes: ["help: rubrics always terminate; use a comprehension over a list instead"])
        } else if functionsDeclaredLater.contains(name) {
            diagnostics.error(.callBeforeDefinition, "'\(name)' is called before its definition", at: nameRange,
                              notes: ["help: a function can only call functions defined above it, which rules out recursion"])
        } else if case .global? = topLevel[name] {
            diagnostics.error(.notCallable, "'\(name)' is a value, not a function", at: nameRange)
        } else if let registered = registeredHosts?[name] {
            reportUndeclaredHostCall(registered, at: nameRange)
        } else {
            var notes: [String] = []
            let candidates = functions.map(\.name) + environment.builtinNames + (library?.names ?? [])
            if let close = suggestion(for: name, among: candidates) { notes.append("help: did you mean '\(close)'?") }
            diagnostics.error(.unknownName, "unknown function '\(name)'", at: nameRange, notes: notes)
        }
        return TypedExpr(.constant(.null), .any, range)
    }

    /// Matches positional and named arguments to parameters, fills defaults and checks types.
    /// Returns the arguments in parameter order (then variadic ones), or nil after an error.
    mutating func bindArguments(_ name: String, isUserFunction: Bool = false,
                                parameters: [(String, RType, Constant?)], variadic: RType?,
                                positional: [TypedExpr], named: [(String, SourceRange, TypedExpr)],
                                range: SourceRange) -> [TypedExpr]? {
        var slots = [TypedExpr?](repeating: nil, count: parameters.count)
        var extra: [TypedExpr] = []
        for (offset, value) in positional.enumerated() {
            if offset < parameters.count {
                slots[offset] = value
            } else if variadic != nil {
                extra.append(value)
            } else {
                diagnostics.error(.wrongArgumentCount,
                                  "\(name) takes at most \(plural(parameters.count, "argument")), but \(positional.count + named.count) \(positional.count + named.count == 1 ? "was" : "were") given",
                                  at: value.range, notes: ["help: \(name)(\(parameters.map(\.0).joined(separator: ", ")))"])
                return nil
            }
        }
        for (label, labelRange, value) in named {
            guard let index = parameters.firstIndex(where: { $0.0 == label }) else {
                diagnostics.error(.unknownArgument, "\(name) has no parameter named '\(label)'", at: labelRange,
                                  notes: ["help: \(name)(\(parameters.map(\.0).joined(separator: ", ")))"])
                return nil
            }
            if slots[index] != nil {
                diagnostics.error(.duplicateArgument, "parameter '\(label)' of \(name) is given twice", at: labelRange)
                return nil
            }
            slots[index] = value
        }
        var ordered: [TypedExpr] = []
        for (index, parameter) in parameters.enumerated() {
            if let value = slots[index] {
                requireAssignable(value, to: parameter.1, what: "argument '\(parameter.0)' of \(name)")
                ordered.append(isUserFunction ? coerced(value, to: parameter.1) : value)
            } else if let defaultValue = parameter.2 {
                ordered.append(TypedExpr(.constant(defaultValue), defaultValue.type, range))
            } else {
                diagnostics.error(.wrongArgumentCount, "\(name) is missing its argument '\(parameter.0)'", at: range,
                                  notes: ["help: \(name)(\(parameters.map(\.0).joined(separator: ", ")))"])
                return nil
            }
        }
        if let variadic {
            for value in extra { requireAssignable(value, to: variadic, what: "an argument of \(name)") }
        }
        return ordered + extra
    }

    /// Compiles a constant regex argument now, so a bad pattern is a compile-time error.
    mutating func checkRegexLiteral(_ argument: TypedExpr) {
        guard case .constant(.string(let pattern)) = argument.kind else { return }
        guard let (message, offset) = environment.regexError(pattern) else { return }
        // Point into a raw literal when the offset maps directly onto the source text.
        let literal = sourceText(in: argument.range)
        var start = argument.range.start
        if literal.hasPrefix("r\"") { start += 2 + offset } else if literal.hasPrefix("r#\"") { start += 3 + offset }
        let caret = min(start, argument.range.end)
        diagnostics.error(.invalidRegex, "invalid regular expression: \(message)",
                          at: SourceRange(caret, max(caret + 1, min(argument.range.end, caret + 1))))
    }
}

/// "1 argument", "2 arguments", "0 arguments".
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
