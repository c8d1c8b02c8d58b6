"""Keys written in pieces in JS/TS, joined as the language joins them (issue 10 §1):
`"kam_" + "AbCd…"`, `("kam_" + "Ab") + "Cd…"`, `["kam_", "AbCd…"].join("")`,
`"kam_".concat("Ab", "Cd…")`, `` `kam_${"AbCd…"}` ``, with TS `as const` / `satisfies T` and
parentheses anywhere in between, in JSX attributes too. As in Python, only literals are joined
(a name is never followed: `"kam_" + suffix` is not a key), the pieces' escapes are decoded
as JS decodes them (escapes.py), and a joined key is reported at its first character with its end in
the last piece it spans.

The plain-text scan stays the first pass: this one runs only when a candidate ends where a
literal closes and something that can join follows, so a file with whole keys or none is never
parsed here. From each such literal the expression is climbed (on the path walked down to it,
never with `Node.parent`) while the parent joins its value on, and the topmost expression is
read once, iteratively: a 10,000-piece `+` chain is one walk, with no recursion. A file over
2 MiB (a bundle; tree-sitter takes ~0.7 s per MB) is parsed in windows around the cut literals
only; HTML pages hand over their `<script>` bodies and Astro frontmatter.
"""

from __future__ import annotations

import bisect

from kaman_lint import escapes, lazy_re
from kaman_lint.facts import FileFacts, KeyLiteral
from kaman_lint.keys import KeyMatch, KeyMatcher
from kaman_lint.lang import js_parse
from kaman_lint.lang.text import literal

# A candidate that runs into the delimiter closing its literal (or opening `${`), with what may
# join another piece after the quote: `+`, `,` (array, arguments), `)`, `]`, `}` (a template
# substitution's end), `.` (`.concat`), a comment, or TS's `as` / `satisfies`.
# A first piece holds at most PIECE key characters after its prefix (real bodies are 24-48): the
# repeat is bounded so that a run of prefixes (`kam_kam_kam_...`, each a start) costs PIECE steps
# a start, not the rest of the run from each one.
PIECE = 128
GATE = lazy_re.compile(r"""kam_[A-Za-z0-9_\-]{0,%d}(?:\$\{|["'`]\s*(?:[+,)\]}.]|/[/*]|as\b|satisfies\b))""" % PIECE)
# The same after an escaped prefix (`"\\u006bam_" + "..."`), tried where escapes.starts points.
_JOINS_AFTER = r"""(?:\$\{|["'`]\s*(?:[+,)\]}.]|/[/*]|as\b|satisfies\b))"""
ESCAPED_GATE = lazy_re.compile(escapes.HIDDEN.pattern + r"(?:[A-Za-z0-9_\-]|\\u[0-9A-Fa-f]{4}|\\u\{[0-9A-Fa-f]{1,6}\}"
                               r"|\\x[0-9A-Fa-f]{2}){0,%d}" % PIECE + _JOINS_AFTER)
# A joined key must leave one of these pieces: anything else is already a whole key.
WRAPPERS = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression",
                      "non_null_expression", "template_substitution"})
LITERALS = frozenset({"string", "template_string"})
MAX_PARSE_CHARS = 2 * 1024 * 1024  # a larger file (a bundle) is parsed in windows around the cut literals


class Work:
    """Nodes each pass touched: a test's measure that the work grows with the input, not faster."""

    __slots__ = ("descended", "climbed", "read")

    def __init__(self) -> None:
        self.descended = self.climbed = self.read = 0


LAST_WORK = Work()


def join_split_keys(facts: FileFacts, matcher: KeyMatcher,
                    scripts: list[tuple[int, int, str, str]] | None = None) -> None:
    """Add the keys split over literals to `facts.literals`; a plain-scan literal that is only
    the first piece of a longer joined key is replaced by the joined one. `scripts` are the
    (start, end, language, context) stretches of code in a file of another kind (HTML's
    `<script>`, Astro's frontmatter); by default the whole file is code in its own language."""
    global LAST_WORK
    LAST_WORK = work = Work()
    text = facts.source.text
    gated = {m.start(): m for m in GATE.finditer(text)}
    hits = list(gated)
    if "\\" in text:  # escaped prefixes: only where the escapes reader would start a key
        escaped = [at for at in escapes.starts(text) if text[at] != "k" and ESCAPED_GATE.match(text, at)]
        hits = sorted(set(hits).union(escaped)) if escaped else hits
    if not hits:
        return
    if scripts is None:
        scripts = [(0, len(text), facts.source.language, "string")]
    joined: list[KeyLiteral] = []
    alone = _Alone(text)
    for start, end, language, context in scripts:
        inside = hits[bisect.bisect_left(hits, start):bisect.bisect_left(hits, end)]
        if end - start <= MAX_PARSE_CHARS and all(hit in gated and alone(gated[hit]) for hit in inside):
            continue  # every cut literal stands alone: nothing can join, no parse
        for window_start, window_end, window_hits in _windows(text, start, end, inside):
            joined.extend(_joined_in(facts, matcher, window_start, window_end, language, window_hits,
                                     context, work))
    if not joined:
        return
    unique = {lit.offset: lit for lit in reversed(joined)}  # stretches that overlap read a key once
    facts.literals[:] = [lit for lit in facts.literals if lit.offset not in unique] + list(unique.values())
    facts.literals.sort(key=lambda lit: lit.offset)


class _Alone:
    """Does the literal a GATE match ends stand alone, so that parsing could not join it with
    another piece? Told from the text around it, without a parse (most files that mention
    Kaman hold `{ apiKey: 'kam_...', retries: 2 }` or `` { Authorization: `Bearer kam_...` } ``;
    a tree-sitter parse is ~10x the rest of their reading), for one shape only: the literal is
    followed by `,` `]` or `}`, so nothing after it joins on (no `+`, `.concat`, `)`, `as`, `${`,
    comment), and what precedes its opening quote is `:` or `=` (an object's value, a ternary's
    branch, an assignment), `{` (not `${`), or `[` `(` `,` in a file with no `join` after it and
    no `concat` before it (an element of `[...].join(sep)` or an argument of `.concat(...)`).
    A template literal must have no `${` and no escape before the key. Anything else, or
    anything unclear (an escaped quote, a comment that could hide what precedes), parses."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last_join = text.rfind("join")
        self.first_concat = text.find("concat")

    def __call__(self, match) -> bool:
        text, hit = self.text, match.start()
        if text[match.end() - 1] not in ",]}":
            return False
        quote = text[hit + len(match.group()[:-1].rstrip()) - 1]
        # the nearest: the literal holds no unescaped one, and an escaped one is preceded by `\`,
        # which lets nothing stand alone below
        opening = text.rfind(quote, 0, hit)
        if opening <= 0:
            return False
        if quote == "`" and any(mark in text[opening + 1:hit] for mark in ("${", "}", "\\")):
            return False  # a substitution or escape: pieces inside the template
        before = opening - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before < 0:
            return False
        if "\n" in text[before:opening]:  # on an earlier line: a `//` comment there could hold it
            line_start = text.rfind("\n", 0, before) + 1
            if text.find("/", line_start, before) >= 0:
                return False
        mark = text[before]
        if mark in ":=":
            return True
        if mark == "{":
            return before == 0 or text[before - 1] != "$"
        return mark in "[(," and hit > self.last_join and (self.first_concat < 0 or self.first_concat > hit)


WINDOW = 4096  # characters of context each side of a cut literal in a file too large to parse
MAX_WINDOW = 64 * 1024  # windows of close hits merge up to this size
_CUT = lazy_re.compile(r"[;\n]")


def _windows(text: str, start: int, end: int, hits: list[int]) -> list[tuple[int, int, list[int]]]:
    """Stretches of `text[start:end]` to parse: the whole of it when it is small, else a window
    around each hit, cut after a `;` or a line break where one is near (a minified bundle's
    statements), close windows merged. Each character is in one window at most: linear."""
    if not hits:
        return []
    if end - start <= MAX_PARSE_CHARS:
        return [(start, end, hits)]
    windows: list[tuple[int, int, list[int]]] = []
    for hit in hits:
        if windows and hit + WINDOW // 2 <= windows[-1][1]:
            windows[-1][2].append(hit)  # well inside the last window: no cut to look for
            continue
        low = max(start, hit - WINDOW)
        cut = _CUT.search(text, low, hit)
        low = cut.end() if cut and low > start else low
        high = min(end, hit + WINDOW)
        cut = _CUT.search(text, high, min(end, high + WINDOW))
        high = cut.end() if cut else high
        if windows and low <= windows[-1][1]:
            first, last, inside = windows[-1]
            inside.append(hit)
            if high - first <= MAX_WINDOW:
                windows[-1] = (first, max(high, last), inside)
                continue
            if hit < last:  # in the last window already: read there
                continue
            inside.pop()
            low = last
        windows.append((low, high, [hit]))
    return windows


def _joined_in(facts: FileFacts, matcher: KeyMatcher, start: int, end: int, language: str,
               hits: list[int], context: str, work: Work) -> list[KeyLiteral]:
    """The split keys in `text[start:end]`, code in `language`, from the literals at `hits`."""
    text = facts.source.text[start:end]
    data = text.encode("utf-8")
    whole = start == 0 and end == len(facts.source.text)
    # a whole file's tree is kept for KAM002's flows, which parse the same text next
    tree = js_parse.parse(text, language, data) if whole else js_parse.parser(language).parse(data)
    chars = _CharOffsets(text, data)
    path = _Path(tree.root_node)
    consumed: set[int] = set()  # start bytes of literals already read as part of a joined value
    joined: list[KeyLiteral] = []
    for hit in hits:
        leaf = path.descend(chars.byte(hit - start), work)
        if leaf is None or leaf.start_byte in consumed:
            continue
        root, name = _climb(path, work)
        if root is None or not whole and root.has_error:  # a window's edges parse as errors
            continue
        pieces = _read(root, consumed, work)
        joined.extend(_keys(facts, matcher, pieces, text, chars, start, name, context))
    return joined




class _Path:
    """The nodes from the root down to the last literal looked up, kept between lookups: hits
    come in file order, so neighbours share most of the walk down."""

    def __init__(self, root) -> None:
        self.nodes = [root]

    def descend(self, byte: int, work: Work):
        """The `string` or `template_string` holding `byte`, with the path to it; None in a
        comment or anything else."""
        nodes = self.nodes
        while len(nodes) > 1 and not (nodes[-1].start_byte <= byte < nodes[-1].end_byte):
            nodes.pop()
        node = nodes[-1]
        while node.child_count:  # (`first_child_for_byte` on a leaf crashes py-tree-sitter 0.26)
            child = node.first_child_for_byte(byte)
            if child is None or child.start_byte > byte:
                break
            nodes.append(child)
            node = child
            work.descended += 1
        while len(nodes) > 1 and nodes[-1].type not in LITERALS:
            if nodes[-1].type in ("template_substitution", "comment") or nodes[-1].is_named and \
                    nodes[-1].type not in ("string_fragment", "escape_sequence"):
                return None
            nodes.pop()
        return nodes[-1] if nodes[-1].type in LITERALS else None


def _climb(path: _Path, work: Work):
    """The topmost expression whose value the literal at the end of `path` is part of (None
    when nothing joins it to another piece), and the name that value is given, if any."""
    nodes = path.nodes
    i = len(nodes) - 1
    top = i if nodes[i].type == "template_string" else None  # `kam_${"..."}` joins inside
    while i > 0:
        work.climbed += 1
        child, parent = nodes[i], nodes[i - 1]
        kind = parent.type
        if kind == "binary_expression" and _operator(parent) == "+" or kind in WRAPPERS or kind in LITERALS:
            i -= 1
        elif kind == "member_expression" and i >= 2 and _call_of(nodes[i - 2], parent) and \
                _is(parent.child_by_field_name("object"), child) and _property(parent) == "concat" \
                and child.type in LITERALS | {"binary_expression", "parenthesized_expression"}:
            i -= 2  # `"kam_".concat(...)`: to the call
        elif kind == "arguments" and i >= 2 and nodes[i - 2].type == "call_expression" and \
                _concat_receiver(nodes[i - 2]) is not None:
            i -= 2  # `"".concat("kam_", ...)`
        elif kind == "array" and i >= 3 and nodes[i - 2].type == "member_expression" and \
                _call_of(nodes[i - 3], nodes[i - 2]) and _property(nodes[i - 2]) == "join" and \
                _join_separator(nodes[i - 3]) is not None:
            i -= 3  # `["kam_", ...].join("")`
        else:
            break
        if nodes[i].type not in WRAPPERS:
            top = i
    if top is None:
        return None, None
    return nodes[top], _name_of(nodes[top - 1]) if top else None


def _name_of(holder) -> str | None:
    """What a value is assigned to: `const NAME = `, `{ name: }`, `obj.name = `, `<X name={...}>`."""
    field = {"variable_declarator": "name", "pair": "key", "assignment_expression": "left",
             "public_field_definition": "name", "field_definition": "property"}.get(holder.type)
    target = holder.child_by_field_name(field) if field else None
    if holder.type == "jsx_attribute" and holder.named_child_count:
        target = holder.named_children[0]
    if target is not None and target.type == "member_expression":
        target = target.child_by_field_name("property")
    if target is None or target.type not in ("identifier", "property_identifier", "string",
                                             "private_property_identifier", "shorthand_property_identifier"):
        return None
    return target.text.decode("utf-8", "replace").strip("\"'") or None


def _read(root, consumed: set[int], work: Work) -> list[tuple[int, int] | None]:
    """The value of `root` as pieces of source, in order: (start byte, end byte) of literal text,
    or None where a value that is not a literal (a name, a call) breaks the run."""
    pieces: list[tuple[int, int] | None] = []
    stack: list = [root]
    while stack:
        node = stack.pop()
        work.read += 1
        if isinstance(node, tuple):  # a separator of `.join(sep)`, pushed as its span
            pieces.append(node)
            continue
        kind = node.type
        if kind == "string":
            consumed.add(node.start_byte)
            pieces.append((node.start_byte + 1, node.end_byte - 1))
        elif kind == "template_string":
            consumed.add(node.start_byte)
            parts = []
            for child in node.children:
                if child.type == "template_substitution":
                    inner = child.named_children
                    parts.append(inner[0] if len(inner) == 1 else None)
                elif child.type != "`":
                    parts.append((child.start_byte, child.end_byte))
            stack.extend(reversed(parts))
        elif kind == "binary_expression" and _operator(node) == "+":
            stack.append(node.child_by_field_name("right"))
            stack.append(node.child_by_field_name("left"))
        elif kind in WRAPPERS:
            inner = node.named_children
            stack.append(inner[0] if inner and (len(inner) == 1 or kind != "parenthesized_expression") else None)
        elif kind == "call_expression" and _concat_receiver(node) is not None:
            arguments = node.child_by_field_name("arguments").named_children
            stack.extend(reversed(arguments))
            stack.append(_concat_receiver(node))
        elif kind == "call_expression" and _join_separator(node) is not None:
            separator = _join_separator(node)
            elements = node.child_by_field_name("function").child_by_field_name("object").named_children
            for index in range(len(elements) - 1, -1, -1):
                stack.append(elements[index])
                if index:
                    stack.append(separator)
        elif node is not None:
            pieces.append(None)
        else:
            pieces.append(None)
    return pieces


def literal_value(node, data: bytes) -> str | None:
    """The value of an expression made of literals only (`"kam_" + "..."`, `[...].join("")`), as
    their raw text joined; None when a name, a call or anything else takes part."""
    pieces = _read(node, set(), Work())
    if any(piece is None for piece in pieces):
        return None
    return b"".join(data[start:end] for start, end in pieces).decode("utf-8", "replace")


def _keys(facts: FileFacts, matcher: KeyMatcher, pieces, text: str, chars: "_CharOffsets",
          base: int, name: str | None, context: str) -> list[KeyLiteral]:
    """The keys that span two pieces or more of one joined value. A piece that starts a new
    `kam_` gets a space in front (as in Python), so two keys side by side never merge."""
    joined: list[str] = []
    starts: list[tuple[int, int]] = []  # (offset in the joined text, offset in the file)
    length = 0
    for piece in pieces:
        if piece is None:
            joined.append("\n")
            length += 1
            continue
        start, end = chars.char(piece[0]), chars.char(piece[1])
        content = text[start:end]
        if not content:
            continue
        if content.startswith("kam_") and length:
            joined.append(" ")
            length += 1
        starts.append((length, start))
        joined.append(content)
        length += len(content)
    value = "".join(joined)
    if "kam_" not in value and "\\" not in value:
        return []
    found = []
    positions = [s for s, _ in starts]
    matches = matcher.find(value)
    if "\\" in value:  # `"kam_" + "\u0041..."`: read as JS reads each piece (escapes.py)
        decoded = escapes.keys_in(matcher, value, [(0, len(value), escapes.JAVASCRIPT)])
        matches = escapes.merge(matches, decoded)
    for match in matches:
        first = bisect.bisect_right(positions, match.start) - 1
        last = bisect.bisect_right(positions, match.end - 1) - 1
        if first < 0 or first == last:
            continue  # within one literal: the plain-text scan has it
        offset = base + starts[first][1] + match.start - starts[first][0]
        end = base + starts[last][1] + match.end - starts[last][0]
        found.append(literal(facts, KeyMatch(offset, end, match.key, match.encoding), name=name, context=context))
    return found


def _operator(node) -> str:
    operator = node.child_by_field_name("operator")
    return operator.type if operator is not None else ""


def _property(member) -> str:
    prop = member.child_by_field_name("property")
    return prop.text.decode("utf-8", "replace") if prop is not None and prop.text is not None else ""


def _is(a, b) -> bool:
    return a is not None and b is not None and a.start_byte == b.start_byte and a.end_byte == b.end_byte


def _call_of(call, member) -> bool:
    return call.type == "call_expression" and _is(call.child_by_field_name("function"), member)


def _concat_receiver(call):
    """The string `call` is `.concat(...)` of (a literal or a `+` of literals), else None."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "member_expression" or _property(function) != "concat":
        return None
    receiver = function.child_by_field_name("object")
    while receiver is not None and receiver.type == "parenthesized_expression" and receiver.named_child_count == 1:
        receiver = receiver.named_children[0]
    if receiver is None or receiver.type not in LITERALS | {"binary_expression"}:
        return None
    if receiver.type == "binary_expression" and _operator(receiver) != "+":
        return None
    return function.child_by_field_name("object")


def _join_separator(call) -> tuple[int, int] | None:
    """For `[...].join(sep)` with a literal separator, its span (bytes) in the file; `.join()`
    joins with `,`, which ends any key, so it is no join here."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "member_expression" or _property(function) != "join":
        return None
    if function.child_by_field_name("object").type != "array":
        return None
    arguments = call.child_by_field_name("arguments")
    args = arguments.named_children if arguments is not None else []
    if len(args) != 1 or args[0].type not in LITERALS or any(c.type == "template_substitution" for c in args[0].children):
        return None
    return args[0].start_byte + 1, args[0].end_byte - 1


_NON_ASCII = lazy_re.compile(r"[^\x00-\x7f]")


class _CharOffsets:
    """UTF-8 byte offset <-> string offset, a bisection over the file's non-ASCII characters
    (nothing to do for ASCII files)."""

    def __init__(self, text: str, data: bytes) -> None:
        self._ascii = len(text) == len(data)
        self._bytes: list[int] = []  # byte offset after each non-ASCII character
        self._chars: list[int] = []  # string offset after it
        self._extra: list[int] = []  # extra bytes up to and including it
        if not self._ascii:  # a step per non-ASCII character only, found by the regex engine
            extra = 0
            for match in _NON_ASCII.finditer(text):
                code, index = ord(match.group()), match.end()
                extra += 1 if code < 0x800 else 2 if code < 0x10000 else 3  # its UTF-8 length - 1
                self._chars.append(index)
                self._bytes.append(index + extra)
                self._extra.append(extra)

    def char(self, byte: int) -> int:
        if self._ascii:
            return byte
        i = bisect.bisect_right(self._bytes, byte) - 1
        return byte - (self._extra[i] if i >= 0 else 0)

    def byte(self, char: int) -> int:
        if self._ascii:
            return char
        i = bisect.bisect_right(self._chars, char) - 1
        return char + (self._extra[i] if i >= 0 else 0)
