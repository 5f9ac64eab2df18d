#!/usr/bin/env python3
"""Check rubric files against Grammar/rubric.lark, and smoke-test Grammar/rubric.gbnf.

    python3 Grammar/check_grammar.py FILE...     prints {"FILE": true|false, ...}
    python3 Grammar/check_grammar.py --gbnf FILE...          the same for rubric.gbnf
    python3 Grammar/check_grammar.py --gbnf-smoke [GBNF]     structural check of rubric.gbnf
    python3 Grammar/check_grammar.py --gbnf-names            prints the generated name rules
    python3 Grammar/check_grammar.py --gbnf-sample N DIR [SEED]
                                     writes N random programs drawn from rubric.gbnf

A file is accepted (true) when the Lark grammar accepts it; this is meant to agree with the
Swift parser reporting no diagnostics for it. The exit status is 0 whatever the verdicts;
it is non-zero only when the checker itself fails (bad grammar, unreadable file, ...).

The grammar needs two helpers that live here, because the Swift lexer is not context-free:

* RubricLexer walks the text the way Sources/RubricSyntax/Lexer.swift does, but takes the
  shape of each token from the terminals of rubric.lark. It tracks bracket depth to know
  which ')' closes a string interpolation, and rejects what Lexer.swift (or the parser's
  literal checks) would reject: unknown characters, unterminated strings, bad escapes,
  numbers glued to letters, integers beyond 64 bits and floats beyond the double range.
* NewlineFilter is a Lark postlexer that drops newlines inside ( ), [ ] and interpolations,
  and ends the token stream with a newline so a statement may also end at end of file.
"""

import json
import math
import os
import re
import sys

from lark import Lark, Token
from lark.exceptions import LarkError
from lark.lexer import Lexer

HERE = os.path.dirname(os.path.abspath(__file__))
LARK_PATH = os.path.join(HERE, "rubric.lark")
GBNF_PATH = os.path.join(HERE, "rubric.gbnf")

# The reserved words of Token.swift; the grammar must spell every one of them.
RESERVED = {
    "rubric", "input", "let", "fn", "score", "reward", "example", "expect", "error",
    "if", "then", "else", "and", "or", "not", "in", "for", "true", "false", "null",
    "from", "skip", "steps", "latent", "fallback", "group", "batch", "host",
}
INT_MAX = 2**63 - 1
# Names that the parser reads as type constructors: they are not type names on their own.
CONTAINERS = {"list", "map"}
INT_MIN_DIGITS = "9223372036854775808"  # |Int.min|: valid only as `-9223372036854775808`

OPENERS = {"(", "[", "{"}
CLOSERS = {")", "]", "}"}


class RubricLexError(Exception):
    """The text would get a lexical diagnostic (E0101-E0104) from the Swift lexer/parser."""


class RubricLexer(Lexer):
    """Tokenizes like Lexer.swift, yielding every newline (NewlineFilter drops some)."""

    def __init__(self, lexer_conf):
        terminals = {t.name: t for t in lexer_conf.terminals}

        def regex(name):
            return re.compile(terminals[name].pattern.to_regexp())

        self.ident = regex("IDENT")
        self.container = regex("CONTAINER")
        self.int = regex("INT")
        self.float = regex("FLOAT")
        self.string = regex("STRING")
        self.istr_begin = regex("ISTR_BEGIN")
        self.istr_middle = regex("ISTR_MIDDLE")
        self.istr_end = regex("ISTR_END")
        self.raw_string = regex("RAW_STRING")
        self.ignored = [regex(name) for name in lexer_conf.ignore]
        self.raw_prefix = re.compile(r'r#*"')
        self.escape = re.compile(r"\\(?:u\{([0-9A-Fa-f]+)\}|.)", re.S)

        # Literal terminals: reserved words by their spelling, and punctuation, longest first.
        self.keywords = {}
        self.symbols = []
        for t in lexer_conf.terminals:
            if t.pattern.type != "str" or t.name == "_NL":
                continue
            if self.ident.fullmatch(t.pattern.value):
                self.keywords[t.pattern.value] = t.name
            else:
                self.symbols.append((t.pattern.value, t.name))
        self.symbols.sort(key=lambda pair: -len(pair[0]))
        if set(self.keywords) != RESERVED:
            raise RuntimeError("rubric.lark reserved words differ from Token.swift: "
                               f"{sorted(set(self.keywords) ^ RESERVED)}")

    def lex(self, text):
        pos = 0
        depth = 0  # open brackets, as Lexer.swift counts them (closers never go below 0)
        interpolations = []  # for each open \( the depth it was opened at
        while True:
            pos = self._skip_ignored(text, pos)
            if pos >= len(text):
                break
            char = text[pos]
            if char == "\n":
                yield Token("_NL", "\n", start_pos=pos)
                pos += 1
            elif char.isascii() and (char.isalpha() or char == "_"):
                token = self._raw_string(text, pos) if char == "r" else None
                if token is None:
                    match = self.ident.match(text, pos)
                    word = match.group()
                    if word in self.keywords:
                        kind = self.keywords[word]
                    elif self.container.fullmatch(word):
                        kind = "CONTAINER"
                    else:
                        kind = "IDENT"
                    token = Token(kind, word, start_pos=pos)
                yield token
                pos += len(token.value)
            elif char.isascii() and char.isdigit():
                token = self._number(text, pos)
                yield token
                pos += len(token.value)
            elif char == '"':
                match = self.string.match(text, pos)
                kind = "STRING"
                if match is None:
                    match = self.istr_begin.match(text, pos)
                    kind = "ISTR_BEGIN"
                self._check_string(match, pos)
                if kind == "ISTR_BEGIN":
                    depth += 1
                    interpolations.append(depth)
                yield Token(kind, match.group(), start_pos=pos)
                pos = match.end()
            elif char == ")" and interpolations and interpolations[-1] == depth:
                # This ')' closes `\(`: the string goes on until `\(` or the closing quote.
                interpolations.pop()
                depth -= 1
                match = self.istr_middle.match(text, pos)
                kind = "ISTR_MIDDLE"
                if match is None:
                    match = self.istr_end.match(text, pos)
                    kind = "ISTR_END"
                self._check_string(match, pos)
                if kind == "ISTR_MIDDLE":
                    depth += 1
                    interpolations.append(depth)
                yield Token(kind, match.group(), start_pos=pos)
                pos = match.end()
            else:
                for spelling, kind in self.symbols:
                    if text.startswith(spelling, pos):
                        break
                else:
                    raise RubricLexError(f"unexpected character {char!r} at offset {pos}")
                if spelling in OPENERS:
                    depth += 1
                elif spelling in CLOSERS:
                    depth = max(depth - 1, 0)
                yield Token(kind, spelling, start_pos=pos)
                pos += len(spelling)
        if interpolations:
            raise RubricLexError("string interpolation is not closed")

    def _skip_ignored(self, text, pos):
        moved = True
        while moved:
            moved = False
            for pattern in self.ignored:
                match = pattern.match(text, pos)
                if match and match.end() > pos:
                    pos = match.end()
                    moved = True
        return pos

    def _raw_string(self, text, pos):
        """r"..." or r#"..."#; None when this `r` just starts a name (as in r#comment)."""
        if not self.raw_prefix.match(text, pos):
            return None
        match = self.raw_string.match(text, pos)
        if match is None:
            raise RubricLexError(f"raw string at offset {pos} is not terminated")
        return Token("RAW_STRING", match.group(), start_pos=pos)

    def _number(self, text, pos):
        match = max((p.match(text, pos) for p in (self.float, self.int)),
                    key=lambda m: m.end() if m else -1)
        end = match.end()
        if end < len(text) and text[end].isascii() and (text[end].isalpha() or text[end] == "_"):
            raise RubricLexError(f"number glued to a name at offset {pos}")
        spelling = match.group()
        digits = spelling.replace("_", "")
        if match.re is self.float:
            if not math.isfinite(float(digits)):
                raise RubricLexError(f"float literal out of range at offset {pos}")
            if re.fullmatch(r"[0-9]+\.[0-9]+", digits) and \
                    all(int(part) <= INT_MAX for part in digits.split(".")):
                return Token("DOTTED_INT", spelling, start_pos=pos)
            return Token("FLOAT", spelling, start_pos=pos)
        if int(digits) <= INT_MAX:
            return Token("INT", spelling, start_pos=pos)
        if digits == INT_MIN_DIGITS:
            return Token("INT_MIN_DIGITS", spelling, start_pos=pos)
        raise RubricLexError(f"integer literal out of range at offset {pos}")

    def _check_string(self, match, pos):
        """Fails on a string piece that did not match (bad escape, line end, end of file)
        and on \\u{...} escapes that do not name a Unicode scalar."""
        if match is None:
            raise RubricLexError(f"bad string literal at offset {pos}")
        for escape in self.escape.finditer(match.group()):
            if escape.group(1) is not None:
                value = int(escape.group(1), 16)
                if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
                    raise RubricLexError(f"\\u{{{escape.group(1)}}} is not a Unicode scalar")


class NewlineFilter:
    """Postlexer: a newline is a token only at top level or directly inside { }."""

    always_accept = ()

    def process(self, stream):
        stack = []
        last = None
        for token in stream:
            kind = token.type
            if kind == "_NL" and stack and stack[-1] != "{":
                continue
            if token.value in OPENERS:  # only punctuation is spelt exactly "(", "[" or "{"
                stack.append(token.value)
            elif token.value in CLOSERS:
                if stack:
                    stack.pop()
            elif kind == "ISTR_BEGIN":
                stack.append("(")
            elif kind == "ISTR_MIDDLE":
                stack[-1:] = ["("]
            elif kind == "ISTR_END":
                stack.pop()
            last = token
            yield token
        if last is not None and last.type != "_NL":
            yield Token("_NL", "\n")


def make_parser():
    with open(LARK_PATH, encoding="utf-8") as handle:
        grammar = handle.read()
    return Lark(grammar, parser="lalr", lexer=RubricLexer, postlex=NewlineFilter(),
                strict=True, maybe_placeholders=False)


def accepts(parser, data):
    """True when the grammar accepts `data` (bytes)."""
    try:
        # utf-8-sig drops a leading byte-order mark, as Foundation does when the Swift side
        # turns the file's bytes into a String.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    try:
        parser.parse(text)
    except (RubricLexError, LarkError):
        return False
    return True


# ---- GBNF ------------------------------------------------------------------------------
#
# A small reader for the GBNF dialect of llama.cpp, enough to check rubric.gbnf and to draw
# random programs from it. It follows llama.cpp's layout rules: a rule ends at the end of
# its line unless the line break is inside ( ) or follows a '|'.

class GbnfError(Exception):
    pass


class GbnfReader:
    def __init__(self, source):
        self.src = source
        self.pos = 0
        self.rules = {}      # name -> alternatives: [[item, ...], ...]
        self.references = set()

    def read(self):
        self.space(True)
        while self.pos < len(self.src):
            name = self.word()
            self.space(False)
            if not self.src.startswith("::=", self.pos):
                raise self.error("expected '::='")
            self.pos += 3
            self.space(True)
            if name in self.rules:
                raise self.error(f"rule {name} is defined twice")
            self.rules[name] = self.alternates(nested=False)
            if self.pos < len(self.src) and self.src[self.pos] not in "\r\n":
                raise self.error("expected the end of the line")
            self.space(True)
        return self.rules

    def error(self, message):
        line = self.src.count("\n", 0, self.pos) + 1
        return GbnfError(f"line {line}: {message}")

    def space(self, newlines):
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "#":
                while self.pos < len(self.src) and self.src[self.pos] not in "\r\n":
                    self.pos += 1
            elif char in " \t" or (newlines and char in "\r\n"):
                self.pos += 1
            else:
                return

    def word(self):
        match = re.compile(r"[A-Za-z0-9-]+").match(self.src, self.pos)
        if not match:
            raise self.error("expected a rule name")
        self.pos = match.end()
        return match.group()

    def alternates(self, nested):
        alternatives = [self.sequence(nested)]
        while self.pos < len(self.src) and self.src[self.pos] == "|":
            self.pos += 1
            self.space(True)
            alternatives.append(self.sequence(nested))
        return alternatives

    def char(self):
        """One possibly escaped character of a literal or class."""
        if self.pos >= len(self.src):
            raise self.error("unexpected end of file")
        char = self.src[self.pos]
        if char != "\\":
            self.pos += 1
            return char
        kind = self.src[self.pos + 1:self.pos + 2]
        sizes = {"x": 2, "u": 4, "U": 8}
        if kind in sizes:
            digits = self.src[self.pos + 2:self.pos + 2 + sizes[kind]]
            if not re.fullmatch(r"[0-9A-Fa-f]+", digits) or len(digits) != sizes[kind]:
                raise self.error("bad hex escape")
            self.pos += 2 + sizes[kind]
            return chr(int(digits, 16))
        simple = {"t": "\t", "r": "\r", "n": "\n", "\\": "\\", '"': '"', "[": "[", "]": "]"}
        if kind not in simple:
            raise self.error(f"unknown escape \\{kind}")
        self.pos += 2
        return simple[kind]

    def sequence(self, nested):
        items = []
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == '"':
                self.pos += 1
                text = ""
                while self.src[self.pos:self.pos + 1] != '"':
                    text += self.char()
                self.pos += 1
                items.append(("lit", text))
            elif char == "[":
                self.pos += 1
                negated = self.src[self.pos:self.pos + 1] == "^"
                self.pos += negated
                ranges = []
                while self.src[self.pos:self.pos + 1] != "]":
                    low = self.char()
                    high = low
                    if self.src[self.pos:self.pos + 1] == "-" and self.src[self.pos + 1:self.pos + 2] != "]":
                        self.pos += 1
                        high = self.char()
                    ranges.append((low, high))
                self.pos += 1
                items.append(("class", negated, ranges))
            elif re.match(r"[A-Za-z0-9-]", char):
                name = self.word()
                self.references.add(name)
                items.append(("ref", name))
            elif char == "(":
                self.pos += 1
                self.space(True)
                group = self.alternates(nested=True)
                if self.src[self.pos:self.pos + 1] != ")":
                    raise self.error("expected ')'")
                self.pos += 1
                items.append(("group", group))
            elif char == ".":
                self.pos += 1
                items.append(("any",))
            elif char in "*+?{":
                if not items:
                    raise self.error(f"'{char}' follows nothing")
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}.get(char, (None, None))
                if char == "{":
                    match = re.compile(r"\{\s*(\d+)\s*(?:(,)\s*(\d+)?\s*)?\}").match(self.src, self.pos)
                    if not match:
                        raise self.error("bad {m,n} repetition")
                    low = int(match.group(1))
                    high = low if not match.group(2) else (int(match.group(3)) if match.group(3) else None)
                    self.pos = match.end() - 1
                self.pos += 1
                items[-1] = ("repeat", items[-1], low, high)
            else:
                break
            self.space(nested)
        return items


def gbnf_name_rules():
    """The GBNF rules for a name that is not a reserved word, and for a type name (not a
    reserved word, nor list or map), as text. Each is a trie over the words it excludes:
    `name-k-PREFIX` is "the name so far is PREFIX"."""
    return "\n".join([gbnf_trie("name", RESERVED), gbnf_trie("type-name", RESERVED | CONTAINERS),
                      "name-rest ::= [0-9A-Z_a-z]*"])


def gbnf_trie(rule_name, excluded):
    """The GBNF rules for an identifier that is none of the words in `excluded`."""
    first = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
    later = first | set("0123456789")

    def char_class(chars):
        chars = sorted(chars)
        parts, i = [], 0
        while i < len(chars):
            j = i
            while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
                j += 1
            parts.append(chars[i] if i == j else f"{chars[i]}-{chars[j]}")
            i = j + 1
        return "[" + "".join(parts) + "]"

    prefixes = sorted({word[:n] for word in excluded for n in range(1, len(word))} | excluded)
    lines = []
    for prefix in [""] + prefixes:
        rule = rule_name if not prefix else f"{rule_name}-k-{prefix}"
        allowed = first if not prefix else later
        children = sorted({w[len(prefix)] for w in excluded if w.startswith(prefix) and len(w) > len(prefix)})
        body = [f"{char_class(allowed - set(children))} name-rest"]
        body += [f'"{c}" {rule_name}-k-{prefix}{c}' for c in children]
        text = " | ".join(body)
        if prefix and prefix not in excluded:
            text = f"({text})?"  # a proper prefix of an excluded word is itself a name
        lines.append(f"{rule} ::= {text}")
    return "\n".join(lines)


GENERATED_BEGIN = "# BEGIN generated names"
GENERATED_END = "# END generated names"


def gbnf_smoke(path=GBNF_PATH):
    """Reads a GBNF file and returns a list of problems (empty when it looks sound): rules
    that do not parse or are referenced but not defined, a missing root, and a generated
    block of name rules that is out of date. Unused rules only get a warning."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    reader = GbnfReader(source)
    try:
        rules = reader.read()
    except (GbnfError, IndexError) as error:
        return [str(error)]
    problems = []
    if "root" not in rules:
        problems.append("no root rule")
    for name in sorted(reader.references - set(rules)):
        problems.append(f"rule {name} is referenced but not defined")
    for name in sorted(set(rules) - reader.references - {"root"}):
        print(f"warning: rule {name} is defined but never used", file=sys.stderr)
    if GENERATED_BEGIN in source and GENERATED_END in source:
        block = source.split(GENERATED_BEGIN, 1)[1].split(GENERATED_END, 1)[0]
        block = "\n".join(line for line in block.strip().splitlines() if not line.startswith("#"))
        if block.strip() != gbnf_name_rules():
            problems.append("the generated name rules are out of date: "
                            "run check_grammar.py --gbnf-names and paste the output")
    return problems


def gbnf_to_lark(rules):
    """Translates GBNF rules (as GbnfReader returns them) into a Lark grammar for the Earley
    parser, so that texts can be matched against rubric.gbnf without llama.cpp. Every
    literal and character class becomes a regular expression that matches it exactly, and
    every group and repetition its own rule: Lark expands optional parts inline, which would
    multiply the alternatives of a rule with many of them."""
    output = []
    auxiliary = {}  # Lark text of a group or repetition -> the name of its rule

    def escape(char):
        code = ord(char)
        if char.isascii() and char.isalnum():
            return char
        if 0x20 <= code < 0x7F:
            return "\\" + char  # Lark reads \xHH itself, so metacharacters need a backslash
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"

    def rule_for(key, alternatives):
        """The name of the rule for `key`, made on first use; `alternatives` gets the name."""
        if key not in auxiliary:
            name = auxiliary[key] = f"g__{len(auxiliary)}"
            output.append(f"{name}: " + " | ".join(alternatives(name)))
        return auxiliary[key]

    def item(node):
        kind = node[0]
        if kind == "lit":
            return "/" + "".join(escape(c) for c in node[1]) + "/"
        if kind == "class":
            ranges = "".join(escape(lo) if lo == hi else f"{escape(lo)}-{escape(hi)}" for lo, hi in node[2])
            return "/[" + ("^" if node[1] else "") + ranges + "]/"
        if kind == "any":
            return "/[\\s\\S]/"
        if kind == "ref":
            return "g_" + node[1].replace("-", "_")
        if kind == "group":
            alternatives = [sequence(seq) for seq in node[1]]
            return rule_for("(" + " | ".join(alternatives) + ")", lambda name: alternatives)
        _, inner, low, high = node
        inner = item(inner)
        if high is None:
            # Left recursion suits the Earley parser: star ::= star inner | (nothing).
            star = rule_for(f"{inner}*", lambda name: [f"{name} {inner}", ""])
            return " ".join([inner] * low + [star]) if low else star
        return rule_for(f"{inner}{{{low},{high}}}",
                        lambda name: [" ".join([inner] * count) for count in range(low, high + 1)])

    def sequence(seq):
        return " ".join(item(node) for node in seq)

    for rule, alternatives in rules.items():
        output.append(f"g_{rule.replace('-', '_')}: " + " | ".join(sequence(seq) for seq in alternatives))
    return "\n".join(output)


def make_gbnf_parser(path=GBNF_PATH):
    """A Lark Earley parser that accepts exactly the texts rubric.gbnf matches from `root`."""
    with open(path, encoding="utf-8") as handle:
        rules = GbnfReader(handle.read()).read()
    return Lark(gbnf_to_lark(rules), parser="earley", lexer="dynamic", start="g_root")


def gbnf_matches(parser, data):
    """True when `data` (bytes) matches the GBNF grammar."""
    try:
        parser.parse(data.decode("utf-8"))
    except (UnicodeDecodeError, LarkError):
        return False
    return True


def gbnf_samples(count, seed=0, path=GBNF_PATH, depth=12):
    """Draws `count` random texts from the GBNF grammar (for testing that the Swift parser
    accepts everything the grammar can generate)."""
    import random
    rng = random.Random(seed)
    with open(path, encoding="utf-8") as handle:
        rules = GbnfReader(handle.read()).read()
    pool = [chr(c) for c in range(32, 127)] + ["\t", "\r", "\u00e9", "\u4e2d", "\U0001F600"]

    # cost[name]: fewest rule expansions needed to finish the rule; used to wind down.
    cost = {name: math.inf for name in rules}

    def item_cost(item):
        kind = item[0]
        if kind == "ref":
            return cost[item[1]] + 1
        if kind == "group":
            return min(seq_cost(s) for s in item[1])
        if kind == "repeat":
            return item_cost(item[1]) if item[2] else 0
        return 0

    def seq_cost(seq):
        return sum(item_cost(i) for i in seq)

    changed = True
    while changed:
        changed = False
        for name, alternatives in rules.items():
            best = min(seq_cost(s) for s in alternatives)
            if best < cost[name]:
                cost[name], changed = best, True

    def pick_char(negated, ranges):
        inside = lambda c: any(lo <= c <= hi for lo, hi in ranges)
        if negated:
            return rng.choice([c for c in pool if not inside(c)])
        low, high = rng.choice(ranges)
        return chr(rng.randint(ord(low), ord(high)))

    def expand_alternatives(alternatives, level, out):
        if level > depth:
            seq = min(alternatives, key=seq_cost)
        else:
            seq = rng.choice(alternatives)
        for item in seq:
            expand(item, level, out)

    def expand(item, level, out):
        kind = item[0]
        if kind == "lit":
            out.append(item[1])
        elif kind == "class":
            out.append(pick_char(item[1], item[2]))
        elif kind == "any":
            out.append(rng.choice(pool))
        elif kind == "ref":
            expand_alternatives(rules[item[1]], level + 1, out)
        elif kind == "group":
            expand_alternatives(item[1], level, out)
        elif kind == "repeat":
            _, inner, low, high = item
            if level > depth:
                times = low
            else:
                times = rng.randint(low, low + 3 if high is None else high)
            for _ in range(times):
                expand(inner, level, out)

    for _ in range(count):
        out = []
        expand_alternatives(rules["root"], 0, out)
        yield "".join(out)


def gbnf_file_matches(path):
    """True when the file at `path` matches rubric.gbnf (the parser is built once)."""
    global _gbnf_parser
    if _gbnf_parser is None:
        _gbnf_parser = make_gbnf_parser()
    with open(path, "rb") as handle:
        return gbnf_matches(_gbnf_parser, handle.read())


_gbnf_parser = None


def gbnf_verdicts(paths):
    """{path: matches rubric.gbnf} for every path. The Earley parser reads a few thousand
    characters a second; the files are checked one after another in this process, which
    keeps the check free of worker processes that could die or wait on each other."""
    return {path: gbnf_file_matches(path) for path in paths}


def main(argv):
    if argv[1:2] == ["--gbnf-smoke"]:
        path = argv[2] if len(argv) > 2 else GBNF_PATH
        problems = gbnf_smoke(path)
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        print(json.dumps({path: not problems}))
        return 1 if problems else 0
    if argv[1:2] == ["--gbnf-names"]:
        print(gbnf_name_rules())
        return 0
    if argv[1:2] == ["--gbnf-sample"] and len(argv) >= 4:
        count, directory = int(argv[2]), argv[3]
        seed = int(argv[4]) if len(argv) > 4 else 0
        os.makedirs(directory, exist_ok=True)
        for index, text in enumerate(gbnf_samples(count, seed)):
            with open(os.path.join(directory, f"sample{index:05d}.rubric"), "w",
                      encoding="utf-8", newline="") as handle:
                handle.write(text)
        return 0
    if argv[1:2] == ["--gbnf"]:
        results = gbnf_verdicts(argv[2:])
        print(json.dumps(results, indent=1))
        return 0
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        return 2
    parser = make_parser()
    results = {}
    for path in argv[1:]:
        with open(path, "rb") as handle:
            results[path] = accepts(parser, handle.read())
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
