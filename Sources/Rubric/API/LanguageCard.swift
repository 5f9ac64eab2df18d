import RubricSemantics
import RubricSyntax

/// The language card `rubric prompt` prints: one Markdown page that teaches a language model
/// to write rubrics, for its system prompt. The syntax, the semantics and the worked examples
/// are written here; every builtin and library signature, the limits and their codes are
/// generated from the registry, the standard library and `Limits`, so the card cannot drift
/// from the implementation (a test keeps the hand-written parts honest too).
public enum LanguageCard {
    /// The whole card.
    public static func markdown(limits: Limits = Limits()) -> String {
        [overview, syntax, semantics, builtinsSection, librarySection, limitsSection(limits), examplesSection]
            .joined(separator: "\n")
    }

    static let overview = """
        # Rubric language card

        Rubric is a small, typed language for reward functions used in reinforcement learning of \
        language models. A rubric file declares typed inputs (fields of one sample record), named \
        scores and one reward; `rubric check FILE` verifies it (syntax, names, types, no recursion, \
        regexes) and `rubric test FILE` runs its `example` blocks. There are no loops, no \
        recursion, no assignment and no I/O: only expressions over the sample, so every rubric \
        terminates. Write the smallest rubric that states the reward, with an example for each case.

        """

    /// A rubric using every construct; a test compiles it and runs its examples.
    static let syntaxRubric = #"""
        rubric demo "what a rubric looks like"  # optional header: name and description

        input completion: string  # a field of the sample (missing: error E1001)
        input answer: string = ""  # a default when the field is absent
        input tokens: int from usage.completion_tokens = token_count(completion)
        input judge: float? = null  # T? may be null
        input prompt_id: string

        let words = split(completion)  # let: a named value
        let long_words = [w for w in words if len(w) > 6]
        let counts = {w: count(words, w) for w in words}

        # Functions are pure and may call only functions defined above them.
        fn ratio(part: number, whole: number) -> float = if whole == 0 then 0.0 else part / whole
        fn shout(text: string, mark: string = "!") -> string {
          let loud = text.upper()  # x.f(y) is f(x, y)
          "\(loud)\(mark)"
        }

        group = prompt_id  # samples with equal keys form a group
        score correct = math_equal(last_boxed(completion) ?? "", answer)
        score judged = judge ?? skip  # skip: no value (null), not 0
        score share = ratio(len(long_words), max(len(words), 1))
        score relative = correct - mean(group(correct))
        steps = [clip(c - 0.5, -1, 1) for c in [correct, share]]
        latent = {"correct": correct, "share": share}
        fallback = 0  # the reward of a sample that fails
        reward in [-1, 1] = clip(correct + 0.1 * share + (if shout("ok") == "OK!" then 0 else 1), -1.0, 1.0)

        example "a right answer" {
          completion = "It is \\boxed{4}"
          answer = "4"
          prompt_id = "p1"
          expect correct == 1.0
          expect reward == 1.0
        }

        example "a sample without a prompt id fails" {
          completion = "x"
          expect error "E1001"
        }
        """#

    static var syntax: String {
        """
        ## Syntax

        ```rubric
        \(syntaxRubric)
        ```

        - One declaration per line: `input`, `let`, `fn`, `score`, `reward` (exactly one), `steps`, \
        `latent`, `fallback`, `group`, `example`. A name is defined once and used after its definition.
        - Types: `int`, `float`, `number` (int or float), `bool`, `string`, `any`, `list[T]`, \
        `map[T]` (string keys, insertion-ordered), `T?` (may be null). An input is required \
        unless it has a default: write `input x: T? = null` for a field that may be absent.
        - Operators: `+ - * / // % **` (`/` always gives a float; int overflow is an error), \
        `== != < <= > >=` (not chained), `in`, `not in`, `and or not` (bools only), `x ?? d` \
        (d when x is null), `if c then a else b`, `xs[i]` (negative from the end), `s[a:b]`, `m.key`.
        - Strings: `"…"` with escapes `\\n \\t \\" \\\\ \\u{41}` and interpolation `"\\(x)"`; raw \
        strings `r"\\d+"` for regexes. Comprehensions `[e for x in xs if c]`, \
        `[e for k, v in m]`, `{k: v for x in xs}` are the only iteration. Comments start with `#`.
        - Declared ranges: `reward in [lo, hi] = …` and `score x in [lo, hi] = …` state an \
        interval that `rubric check` must prove from the expression (E0802 when it cannot).
        - Host functions: `host fn NAME(PARAMETER: TYPE, …) -> TYPE` declares a function the \
        embedding program provides (an LLM judge, a tokenizer); it is called like any function, \
        and its signature must match the host's registration.
        - Examples: `name = value` sets an input, `expect condition` must hold, `expect error "E…"` \
        expects the sample to fail with that code.

        """
    }

    static let semantics = """
        ## Reward semantics

        - A score or the reward is a number; a bool counts 1 or 0; a string there is a type error \
        found by `check`. Each sample gives a record `{"reward", "scores", ["steps",] ["latent",] \
        "error"}`, one per input record, in order.
        - `skip` makes a score or the reward null (as TRL's None): "no signal", distinct from 0.
        - A sample that fails (missing input, division by zero, a limit…) gets an error record \
        (code, message, line, column) and the `fallback` reward (default skip); other samples go on.
        - `group(e)` is the list of `e` over the samples of this sample's group (`group = key`, \
        else the host's groups, else the whole batch); `batch(e)` over the whole batch. Use them \
        for z-scores, ranks, majority votes, length penalties relative to the group.
        - `steps = list` reports dense per-step rewards; `latent = {"name": x}` named factor scores.
        - Inputs given by the host (token counts, judge scores, step scores, log-probabilities) \
        arrive as ordinary inputs; nothing else from outside is reachable.

        """

    static var builtinsSection: String {
        var lines = ["## Builtins", ""]
        for family in BuiltinLibrary.families {
            lines.append("### \(family.title)")
            for builtin in family.builtins {
                lines.append("- `\(signature(of: builtin.signature))` — \(builtin.signature.summary)")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    static var librarySection: String {
        var lines = ["## Standard library (written in Rubric, callable like builtins)"]
        var module = ""
        for function in StandardLibrary.shared.functions {
            let located = StandardLibrary.locate(function.range.start)
            if located.module != module {
                module = located.module
                lines.append("")
                lines.append("### \(moduleTitle(module))")
            }
            lines.append("- `\(signature(of: function))` — \(firstSentence(commentAbove(function)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func limitsSection(_ limits: Limits) -> String {
        let rows: [(String, String, String)] = [
            ("fuel (loop iterations, calls, builtin work)", "\(limits.fuel) units", "E1201"),
            ("memory built by strings, lists, maps", "\(limits.memoryBytes >> 20) MiB", "E1202"),
            ("wall-clock time per sample", "\(limits.deadlineNanoseconds / 1_000_000) ms", "E1203"),
            ("regex backtracking (match, depth, heap, JIT stack)", "PCRE2 limits", "E1204"),
            ("size of one record", "\(limits.maxOutputBytes >> 10) KiB", "E1205"),
            ("nesting of lists and maps", "\(limits.maxValueDepth) levels", "E1206"),
            ("source size", "\(limits.syntax.maxSourceBytes >> 20) MiB", "E0901"),
            ("expression nesting in source", "\(limits.syntax.maxNesting) levels", "E0902"),
        ]
        return """
            ## Limits (each exceeded limit fails only that sample, with its code)

            | limit | default | code |
            |---|---|---|
            \(rows.map { "| \($0.0) | \($0.1) | \($0.2) |" }.joined(separator: "\n"))

            Codes: `E0xxx` from `check` (E01 syntax, E02 names, E03 types and calls, E04 recursion \
            and order, E05 regexes, E06 examples, E07 reward semantics, E09 limits); `E1xxx` per \
            sample (E10 inputs, E11 operations, E12 limits).

            """
    }

    /// The worked examples: excerpts of files in Examples/ (a test checks that each is one,
    /// that it compiles and that its examples pass).
    static let workedExamples: [(file: String, text: String)] = [
        ("r1_math.rubric", #"""
            rubric r1_math "DeepSeek-R1 / open-r1 format + accuracy, with DAPO overlong shaping"

            input completion: string
            input answer: string
            # Real token counts when the trainer has them; a rough estimate otherwise.
            input tokens: int from usage.completion_tokens = token_count(completion)

            score format = r1_format(completion)
            score tags = tag_count_reward(completion)
            # The gold answer is compared with the last \boxed{} answer of the completion.
            score correct = math_equal(last_boxed(completion) ?? "", answer)
            score overlong = soft_overlong(tokens, max: 16384, cache: 4096)

            reward in [-1, 1] = clip(0.1 * format + correct + overlong, -1.0, 1.0)

            example "right and well formed" {
              completion = "<think>\n2+2\n</think>\n<answer>\n\\boxed{4}\n</answer>"
              answer = "4"
              expect reward == 1.0
              expect format == 1.0
              expect tags == 1.0
            }

            example "wrong answer keeps the format bonus" {
              completion = "<think>\nhm\n</think>\n<answer>\n\\boxed{5}\n</answer>"
              answer = "4"
              expect correct == 0.0
              expect reward == 0.1
            }
            """#),
        ("prm_clip_delta.rubric", #"""
            rubric prm_clip_delta "Clip-Delta process rewards that cannot be farmed by adding steps"

            input step_scores: list[float]
            input correct: bool
            input eta: float = 0.5

            let dense = add_success(clip_delta([clip(s, 0.0, 1.0) for s in step_scores], eta), if correct then 1.0 else 0.0)
            steps = dense
            score prm_min = prm_aggregate(step_scores, "min")

            reward = sum(dense)

            example "clipped and telescoped" {
              step_scores = [0.9, 0.3, 0.6]
              correct = true
              expect dense == [0.2, -0.2, 1.0]
              expect abs(reward - 1.0) < 1e-12
            }

            example "more steps do not earn more" {
              step_scores = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
              correct = false
              expect reward <= 0.0
            }
            """#),
    ]

    static var examplesSection: String {
        var lines = ["## Worked examples", ""]
        for example in workedExamples {
            lines += ["```rubric", example.text, "```", ""]
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Signatures

    /// `name(p: T, q: T = default, ...T) -> R` for a builtin; the result type is the one
    /// the declared parameter types give.
    static func signature(of builtin: BuiltinSignature) -> String {
        var parameters = builtin.parameters.map { parameter in
            "\(parameter.name): \(parameter.type)" + (parameter.defaultValue.map { " = \(literal($0))" } ?? "")
        }
        if let variadic = builtin.variadic { parameters.append("...\(variadic)") }
        let result = builtin.result(builtin.parameters.map(\.type))
        return "\(builtin.name)(\(parameters.joined(separator: ", "))) -> \(result)"
    }

    /// A default value as a rubric literal.
    static func literal(_ constant: Constant) -> String {
        switch constant {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .float(let number): pythonFloatRepr(number)
        case .string(let text): DiagnosticRenderer.quote(text)
        }
    }

    /// A library function's signature as written in its module, on one line.
    static func signature(of function: FnDecl) -> String {
        let library = StandardLibrary.shared
        let parameters = function.parameters.map { parameter in
            parameter.name + (parameter.type.map { ": " + library.text(in: $0.range) } ?? "")
                + (parameter.defaultValue.map { " = " + library.text(in: $0.range) } ?? "")
        }
        let result = function.returnType.map { " -> " + library.text(in: $0.range) } ?? ""
        return oneLine("\(function.name)(\(parameters.joined(separator: ", ")))\(result)")
    }

    /// The comment lines right above a library function, without their `#`.
    static func commentAbove(_ function: FnDecl) -> String {
        let library = StandardLibrary.shared
        let line = library.location(of: function.range.start).line
        let lines = library.source.text.split(separator: "\n", omittingEmptySubsequences: false)
        var comment: [String] = []
        var index = line - 2
        while index >= 0, lines[index].hasPrefix("#") {
            comment.insert(trim(lines[index].dropFirst()), at: 0)
            index -= 1
        }
        return comment.joined(separator: " ")
    }

    /// The text up to the end of its first sentence (a period followed by a space or the end).
    static func firstSentence(_ text: String) -> String {
        var sentence = ""
        var previous: Character = " "
        for character in text {
            if previous == ".", character == " ", !abbreviations.contains(where: { sentence.hasSuffix($0) }) {
                return sentence
            }
            sentence.append(character)
            previous = character
        }
        return sentence
    }

    /// Words ending in a period that do not end a sentence.
    static let abbreviations = ["e.g.", "i.e.", "et al.", "Dr.", "vs.", "cf."]

    /// A module's title: the first sentence of its leading comment, up to a colon.
    static func moduleTitle(_ module: String) -> String {
        let text = StandardLibrary.modules.first { $0.name == module }?.text ?? ""
        let comment = text.split(separator: "\n").prefix { $0.hasPrefix("#") }.map { trim($0.dropFirst()) }
        let sentence = firstSentence(comment.joined(separator: " "))
        return trim(sentence.split(separator: ":").first ?? Substring(module), " .")
    }

    /// `text` without spaces (or the other characters of `set`) at either end.
    static func trim(_ text: Substring, _ set: String = " ") -> String {
        var trimmed = text
        while let first = trimmed.first, set.contains(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, set.contains(last) { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// `text` with runs of whitespace (line breaks included) as single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }
}
