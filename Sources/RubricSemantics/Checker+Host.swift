import RubricSyntax

extension Checker {
    /// Checks a `host fn` declaration: its types, that the name is free, and, when the rubric
    /// is checked with a host, that the host registered a function of that name with exactly
    /// this signature. Without a host the declaration is taken as written, so `rubric check`
    /// can check a rubric that needs one.
    mutating func checkHostFunction(_ decl: HostFnDecl) {
        if environment.signature(named: decl.name) != nil {
            diagnostics.error(.shadowsBuiltin, "'\(decl.name)' is a builtin function and cannot be redefined",
                              at: decl.nameRange)
            return
        }
        var parameters: [HostParameter] = []
        var seen: Set<String> = []
        for parameter in decl.parameters {
            if !seen.insert(parameter.name).inserted {
                diagnostics.error(.duplicateDefinition, "parameter '\(parameter.name)' is declared twice",
                                  at: parameter.range)
            }
            parameters.append(HostParameter(parameter.name, parameter.type.map { resolveType($0) } ?? .any))
        }
        let signature = HostSignature(name: decl.name, parameters: parameters, returns: resolveType(decl.returnType))
        if let registeredHosts {
            if let registered = registeredHosts[decl.name] {
                if registered != signature {
                    diagnostics.error(.hostSignatureMismatch,
                                      "host function '\(decl.name)' is declared as \(signature), but the host registered \(registered)",
                                      at: decl.range, notes: ["help: declare it as 'host fn \(registered)'"])
                }
            } else {
                let known = registeredHosts.keys.sorted()
                var notes = [known.isEmpty ? "note: the host registered no host functions"
                                           : "note: the host registered \(known.joined(separator: ", "))"]
                if let close = suggestion(for: decl.name, among: known) { notes.append("help: did you mean '\(close)'?") }
                diagnostics.error(.hostNotRegistered,
                                  "host function '\(decl.name)' is declared, but the host registered no function of that name",
                                  at: decl.nameRange, notes: notes)
            }
        }
        if topLevel[decl.name] != nil {
            diagnostics.error(.duplicateDefinition, "'\(decl.name)' is already defined", at: decl.nameRange)
            return
        }
        hostFunctions.append(CheckedHostFunction(signature: signature, range: decl.range))
        topLevel[decl.name] = .host(index: hostFunctions.count - 1)
    }

    /// Checks a call of the declared host function `index`: arguments are bound like a user
    /// function's and converted to the declared parameter types, so the host receives values
    /// of exactly those types.
    mutating func checkHostCall(_ index: Int, positional: [TypedExpr], named: [(String, SourceRange, TypedExpr)],
                                range: SourceRange) -> TypedExpr {
        let signature = hostFunctions[index].signature
        let parameters = signature.parameters.map { ($0.name, $0.type, Constant?.none) }
        guard let ordered = bindArguments(signature.name, isUserFunction: true, parameters: parameters, variadic: nil,
                                          positional: positional, named: named, range: range) else {
            return TypedExpr(.constant(.null), .any, range)
        }
        return TypedExpr(.callHost(index, ordered), signature.returns, range)
    }

    /// Reports a call of a function the host registered but the rubric did not declare.
    mutating func reportUndeclaredHostCall(_ registered: HostSignature, at nameRange: SourceRange) {
        diagnostics.error(.hostNotDeclared,
                          "'\(registered.name)' is a host function; a rubric declares the host functions it uses",
                          at: nameRange, notes: ["help: add 'host fn \(registered)' above its first use"])
    }
}
