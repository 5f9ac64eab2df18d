import RubricSyntax

/// A library of functions written in Rubric (the standard library): parsed once, and checked
/// into a program only where the program calls them. Its source ranges are shifted by
/// `baseOffset`, far beyond any rubric's size, so an offset tells at once whether it lies in
/// the user's file or in the library.
public final class FunctionLibrary: Sendable {
    /// Offsets at or above this lie in the library: 1 GiB, which no rubric reaches (the
    /// parser rejects sources this large whatever the configured limit) and which leaves the
    /// library's offsets within the 32 bits a chunk's line table stores.
    public static let baseOffset = 1 << 30

    public let source: SourceFile
    /// The library's functions in definition order (each may only call those above it).
    public let functions: [FnDecl]
    /// The names each function calls directly (functions and builtins alike).
    let calls: [Set<String>]
    /// Index of each function by name.
    let indexByName: [String: Int]
    /// Problems found while parsing the library; a test keeps this empty.
    public let diagnostics: DiagnosticBag

    /// Parses `source`, which must hold only function declarations.
    public init(source: SourceFile) {
        self.source = source
        let (tree, diagnostics) = Parser.parse(source, limits: SyntaxLimits(maxSourceBytes: Int.max),
                                               baseOffset: FunctionLibrary.baseOffset)
        var bag = diagnostics
        var functions: [FnDecl] = []
        for statement in tree.statements {
            if case .fn(let decl) = statement {
                functions.append(decl)
            } else {
                bag.error(.invalidStatement, "the standard library may only declare functions",
                          at: SourceRange(0, 0))
            }
        }
        self.functions = functions
        self.diagnostics = bag
        calls = functions.map { decl in
            var names = CallCollector()
            for local in decl.locals { names.visit(local.value) }
            names.visit(decl.body)
            return names.names
        }
        var table: [String: Int] = [:]
        for (index, decl) in functions.enumerated() { table[decl.name] = index }
        indexByName = table
    }

    /// True when `name` is a library function.
    public func contains(_ name: String) -> Bool { indexByName[name] != nil }

    /// Every function name, in definition order.
    public var names: [String] { functions.map(\.name) }

    /// The indices, in definition order, of the library functions that `roots` call directly
    /// or through other library functions.
    func closure(of roots: Set<String>) -> [Int] {
        var needed = Set<Int>()
        var pending = roots.compactMap { indexByName[$0] }
        while let index = pending.popLast() {
            guard needed.insert(index).inserted else { continue }
            pending.append(contentsOf: calls[index].compactMap { indexByName[$0] })
        }
        return needed.sorted()
    }

    /// The text of `range`, which lies in the library.
    public func text(in range: SourceRange) -> String {
        source.text(in: SourceRange(range.start - FunctionLibrary.baseOffset, range.end - FunctionLibrary.baseOffset))
    }

    /// The line and column of `offset`, which lies in the library.
    public func location(of offset: Int) -> SourceLocation {
        source.location(of: offset - FunctionLibrary.baseOffset)
    }
}

/// Collects the names of every function called in an expression. The parser bounds tree
/// height, so the recursion here stays within the stack.
struct CallCollector {
    var names: Set<String> = []

    /// Adds the calls in `expr` and its subexpressions.
    mutating func visit(_ expr: Expr) {
        switch expr.kind {
        case .int, .float, .string, .bool, .null, .name, .reward, .skip, .invalid:
            break
        case .collect(let inner, _): visit(inner)
        case .interpolation(let parts):
            for case .expr(let inner) in parts { visit(inner) }
        case .list(let elements): elements.forEach { visit($0) }
        case .map(let entries):
            for entry in entries {
                visit(entry.key)
                visit(entry.value)
            }
        case .listComprehension(let element, let clauses):
            visit(element)
            visit(clauses)
        case .mapComprehension(let key, let value, let clauses):
            visit(key)
            visit(value)
            visit(clauses)
        case .unary(_, let operand): visit(operand)
        case .binary(_, let lhs, let rhs):
            visit(lhs)
            visit(rhs)
        case .conditional(let condition, let thenBranch, let elseBranch):
            visit(condition)
            visit(thenBranch)
            visit(elseBranch)
        case .call(let name, _, let arguments):
            names.insert(name)
            arguments.forEach { visit($0.value) }
        case .methodCall(let receiver, let name, _, let arguments):
            names.insert(name)
            visit(receiver)
            arguments.forEach { visit($0.value) }
        case .field(let base, _, _): visit(base)
        case .index(let base, let index):
            visit(base)
            visit(index)
        case .slice(let base, let start, let end):
            visit(base)
            if let start { visit(start) }
            if let end { visit(end) }
        }
    }

    /// Adds the calls in comprehension clauses.
    mutating func visit(_ clauses: [ComprehensionClause]) {
        for clause in clauses {
            switch clause {
            case .forIn(_, let iterable): visit(iterable)
            case .filter(let condition): visit(condition)
            }
        }
    }

    /// Adds the calls in every statement of a rubric, examples included.
    mutating func visit(_ tree: SyntaxTree) {
        for statement in tree.statements {
            switch statement {
            case .input(let decl): if let value = decl.defaultValue { visit(value) }
            case .let(let decl): visit(decl.value)
            case .fn(let decl):
                decl.locals.forEach { visit($0.value) }
                visit(decl.body)
            case .host: break
            case .score(let decl): visit(decl.value)
            case .reward(let decl): visit(decl.value)
            case .special(let decl): visit(decl.value)
            case .example(let decl):
                for item in decl.items {
                    switch item {
                    case .assign(_, _, let value), .expect(let value): visit(value)
                    case .expectError: break
                    }
                }
            }
        }
    }
}
