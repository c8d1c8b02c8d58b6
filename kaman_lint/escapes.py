"""Keys written with escapes: `\\u006bam_...` in JSON, `"\\x6bam_..."` in Python, `&#107;am_...`
in HTML, a YAML or TOML string broken over lines by a line-ending backslash, a notebook cell whose
`source` list splits the key over two items. The format decodes them to a plain key, so the scan
decodes them the same way before matching.

One job: find where such a key may start, decode from there as the format would, and say where
each decoded character was written. Readers say which rules apply where (a Python raw string
decodes nothing, a YAML single-quoted scalar neither); :func:`keys_in` does the rest.

Decoding is one forward pass from each start, never longer than the text it reads (every escape
is longer than what it decodes to), and a malformed escape (`\\u00ZZ`, `\\N{NO SUCH}`,
`&#99999999;`) stays literal text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from kaman_lint import lazy_re
from kaman_lint.keys import BOUNDARY, CANDIDATE, PREFIX, KeyMatch, KeyMatcher

# --- where an escaped key may start ---------------------------------------------------------
# Every escaped or split key escapes or splits one of `k`, `a`, `m`, `_` (else `kam_` is written
# plainly), so each way of writing one of those four is a marker: the escapes (`\\u006`,
# `\\x6`, `&#107`, ...), a line-ending backslash inside `kam` (`k\\` + a line end, or the
# whitespace TOML allows before it), JS's `\\a` for `a` (after the character before it:
# `k\\a`, `a\\m`, `m\\_`; `\\kam_` holds `kam_`), and `"cell_type"`, which lets every
# notebook through, whose `source` items may split `kam` with no escape at all. They are searched
# in a second packed pass of their own, only over files the plain markers let go: in the same
# pass they took it past 64 patterns (no longer packed: 20x slower) and one 2-byte marker `a\\`
# cost more than the rest together.
BYTE_MARKERS = (
    b"\\u006", b"\\u005", b"\\U000000", b"\\x6", b"\\x5", b"\\153", b"\\141", b"\\155",
    b"\\137", b"\\N{",
    # `&#x` and `\\u{` with the digit that follows (6, 5, or a leading 0): HTML's `&#x27;` and
    # JS's `\\u{1F600}` made 95% of the marker hits on the large benchmark corpus (5,472 of 5,696),
    # each a window the exact pattern searched
    *(start + digit for start in (b"&#x", b"&#X", b"\\u{") for digit in (b"6", b"5", b"0")),
    b"&#10", b"&#9", b"&#0", b"&lowbar", b"&UnderBar",
    *(letter + b"\\" + end for letter in (b"k", b"a", b"m") for end in (b"\n", b"\r", b" ", b"\t")),
    b"k\\a", b"a\\m", b"m\\_",
    b'"cell_type"',
)
_NOTEBOOK_MARKER = len(BYTE_MARKERS) - 1
# Every marker holds one of these (tests/test_escaped_keys.py checks it): a text with none of
# them, a third of a history's bytes (flask: 58 of 166 MB), is told by two `memchr` passes and a
# search for the notebook marker (its own automaton: `bytes.__contains__` took 10x as long on
# an 11-byte needle) instead of the packed pass of 40 markers.
MARKER_GATES = (b"\\", b"&", BYTE_MARKERS[_NOTEBOOK_MARKER])
WINDOW = 256  # bytes around a marker that an escaped `kam_` holding it fits in (`\\N{...}` x 3)


def _char(c: str, code: int, octal: str, names: str = "") -> str:
    """Every way a format writes the character `c` (code point `code`; a letter or `_`, which
    need no escaping in a pattern)."""
    hex2 = f"{code:02x}"
    ci = "".join(f"[{h}{h.upper()}]" if h.isalpha() else h for h in hex2)
    return (f"(?:{c}|\\\\{c}|\\\\x{ci}|\\\\u00{ci}|\\\\U000000{ci}|\\\\u\\{{0*{ci}\\}}"
            f"|\\\\{octal}|&#0*{code};?|&#[xX]0*{ci};?|\\\\N\\{{[^}}\\n]{{1,60}}\\}}{names})")


# Between two characters of `kam_`: a line-ending backslash (with the whitespace TOML allows
# around it), or the end of one JSON string and the start of the next (notebook `source` items).
_SEP = r'(?:\\[ \t]*\r?\n[ \t\r\n]*|"[ \t\r\n]*,[ \t\r\n]*")?'
_ESCAPED_PREFIX = _SEP.join((_char("k", 0x6B, "153"), _char("a", 0x61, "141"), _char("m", 0x6D, "155"),
                             _char("_", 0x5F, "137", "|&lowbar;|&UnderBar;")))
HIDDEN = lazy_re.compile(_ESCAPED_PREFIX)
_HIDDEN_BYTES = lazy_re.compile(_ESCAPED_PREFIX.encode())
# Every `HIDDEN` match but a plain `kam_` holds the start of an escape of one of `kam_` (a
# backslash before `k`, `a`, `m`, `_`, `x`, `u`, `U`, `N` or an octal `1`; `&#`, `&lowbar;`,
# `&UnderBar;`), a line-ending backslash (before a space, tab, CR or LF), or the notebook split
# right after a letter of `kam`: a text with none of these matches it only at its `kam_`s.
_ESCAPE_STARTS = ("\\u", "\\x", "&#", "\\U", "\\N", "\\1", "\\k", "\\a", "\\m", "\\_", "\\\n", "\\ ",
                  "\\\t", "\\\r", "&lowbar;", "&UnderBar;")
_LETTER_QUOTES = ('k"', 'a"', 'm"')
_NOTEBOOK_SPLIT = lazy_re.compile(r'[kam]"[ \t\r\n]*,')
# The starts by first character: `"\\u" in text` reads the whole text even when it has no
# backslash (a two-character search, 25 ms on a 20 MiB bundle, times 13), `"\\" in text` is one
# memchr; the backslash starts, then, are one search (13 searches of a bundle holding a
# backslash took 1.13G instructions, the one search 0.1G), and so are the `&` starts (a bundle
# has an `&` in every query string).
_BACKSLASH_STARTS = tuple(sign for sign in _ESCAPE_STARTS if sign[0] == "\\")
_BACKSLASH_START = lazy_re.compile(r"\\[" + "".join(re.escape(sign[1]) for sign in _BACKSLASH_STARTS) + "]")
_ENTITY_START = lazy_re.compile("|".join(re.escape(sign) for sign in _ESCAPE_STARTS if sign[0] != "\\"))


def _plain_only(text: str) -> bool:
    """Whether `HIDDEN` can match `text` only at its plain `kam_`s: none of `_ESCAPE_STARTS`,
    and no notebook split."""
    if "\\" in text and _BACKSLASH_START.search(text) is not None:
        return False
    if "&" in text and _ENTITY_START.search(text) is not None:
        return False
    return not any(sign in text for sign in _LETTER_QUOTES) or _NOTEBOOK_SPLIT.search(text) is None


def hidden_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `HIDDEN.finditer(text)`, found with `str.find` when the text escapes and
    splits nothing (the pattern, 2 ms to compile, is then not compiled: a short run's files)."""
    if not _plain_only(text):
        return [match.span() for match in HIDDEN.finditer(text)]
    spans, at = [], text.find(PREFIX)
    while at >= 0:
        spans.append((at, at + len(PREFIX)))
        at = text.find(PREFIX, at + len(PREFIX))
    return spans


def has_hidden(text: str) -> bool:
    """`HIDDEN.search(text) is not None`, without the regex for a text that escapes nothing."""
    return PREFIX in text if _plain_only(text) else HIDDEN.search(text) is not None


def may_hide_key(data: bytes | bytearray, start: int = 0, end: int | None = None) -> bool:
    """Whether `data` (`data[start:end]`) writes `kam_` with an escape or a split (a superset:
    the context that would decode it is not checked). One packed pass for the markers, then the
    exact pattern only in a window around each: a file of a few escapes costs what the pass
    costs. The part is searched in place (the history census's read buffer: no copy a blob)."""
    end = len(data) if end is None else end
    part = data if start == 0 and end == len(data) else memoryview(data)[start:end]
    if (data.find(b"\\", start, end) < 0 and data.find(b"&", start, end) < 0  # (MARKER_GATES)
            and not _notebook_marker().find_matches_as_indexes(part)):
        return False
    return gate_passed_hides_key(part)


def gate_passed_hides_key(data: bytes | bytearray | memoryview) -> bool:
    """`may_hide_key(data)` of bytes known to hold one of `MARKER_GATES` (the engine's prefilter
    pass looks for the notebook marker, and memchr for the others): the gate is not asked again."""
    hits = _markers().find_matches_as_indexes(data)
    if not hits:
        return False
    if hits[-1][0] == _NOTEBOOK_MARKER or any(pattern == _NOTEBOOK_MARKER for pattern, _, _ in hits):
        return _hidden_in(data, 0, len(data))  # a split may be anywhere in a notebook's lists
    low = high = None
    for _, start, end in hits:  # merged windows: each byte is searched once at most
        if high is None or start - WINDOW > high:
            if high is not None and _hidden_in(data, low, high):
                return True
            low = max(0, start - WINDOW)
        high = end + WINDOW
    return _hidden_in(data, low, high)


def _hidden_in(data: bytes | memoryview, low: int | None, high: int | None) -> bool:
    assert low is not None and high is not None
    return any(m.group() != b"kam_" for m in _HIDDEN_BYTES.finditer(data, low, high))


def preload() -> None:
    """Build the marker automata now (a process about to fork workers: `engine._preload`)."""
    _markers()
    _notebook_marker()


@lru_cache(maxsize=1)
def _notebook_marker():
    import ahocorasick_rs

    return ahocorasick_rs.BytesAhoCorasick([BYTE_MARKERS[_NOTEBOOK_MARKER]])


@lru_cache(maxsize=1)
def _markers():  # built once per process, as the engine's own prefilter
    import ahocorasick_rs

    return ahocorasick_rs.BytesAhoCorasick(list(BYTE_MARKERS), matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST,
                                           implementation=ahocorasick_rs.Implementation.ContiguousNFA)


# --- decoding rules, one per format ---------------------------------------------------------

class Rules:
    """How a format decodes a string: `pattern` matches one escape at a position, `value` gives
    what it decodes to ("" for a line-ending backslash) or None when it is malformed (it then
    stays literal). `marks`: the characters every match of `pattern` starts with (None: it may
    start anywhere), so a region holding none of them decodes nothing and is not read (a 20 MiB
    bundle without a backslash: one memchr instead of a decoding run from every `kam_` that
    ends at `&`). (A plain class: a dataclass costs milliseconds of every run's start.)"""

    __slots__ = ("name", "pattern", "value", "marks")

    def __init__(self, name: str, pattern, value: Callable[[re.Match[str]], str | None],
                 marks: str | None) -> None:
        self.name, self.pattern, self.value, self.marks = name, pattern, value, marks

    def may_decode(self, text: str, start: int, end: int) -> bool:
        """Whether `pattern` may match anywhere in `text[start:end]`."""
        marks = self.marks
        return marks is None or any(text.find(mark, start, end) >= 0 for mark in marks)

    def __repr__(self) -> str:
        return f"Rules({self.name})"


def _code_point(digits: str | None) -> str | None:
    if digits is None:
        return None
    code = int(digits, 16)
    if code > 0x10FFFF:
        return None
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)


def _pair(high: str, low: str) -> str:
    return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00))


_PAIR = r"u(D[89ABab][0-9A-Fa-f]{2})\\u(D[C-Fc-f][0-9A-Fa-f]{2})"

_JSON = lazy_re.compile(r"\\(?:" + _PAIR + r"|u([0-9A-Fa-f]{4})|([\"\\/bfnrt]))")
_JSON_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _json_value(m: re.Match[str]) -> str | None:
    if m.group(1):
        return _pair(m.group(1), m.group(2))
    if m.group(3):
        return _code_point(m.group(3))
    return _JSON_SIMPLE[m.group(4)]


JSON = Rules("json", _JSON, _json_value, "\\")
# Jupyter joins the items of a `source` (or output `text`) list as they are: inside such a list,
# the end of one item and the start of the next decode to nothing.
_NOTEBOOK = lazy_re.compile(_JSON.pattern + r'|"[ \t\r\n]*,[ \t\r\n]*"')
NOTEBOOK_LIST = Rules("notebook", _NOTEBOOK, lambda m: "" if m.group(0)[0] == '"' else _json_value(m), '\\"')

# TOML basic strings; the line-ending backslash of multi-line ones trims all whitespace after it.
_TOML = lazy_re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|([ \t]*\r?\n[ \t\r\n]*)"
                        r"|([\"\\btnfre]))")
_TOML_SIMPLE = {'"': '"', "\\": "\\", "b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b"}


def _toml_value(m: re.Match[str]) -> str | None:
    if m.group(4) is not None:
        return ""
    if m.group(5):
        return _TOML_SIMPLE[m.group(5)]
    return _code_point(m.group(1) or m.group(2) or m.group(3))


TOML_BASIC = Rules("toml", _TOML, _toml_value, "\\")

# YAML double-quoted scalars: escapes, escaped line breaks (the break and the next line's
# indentation vanish), and folding (a plain break and the whitespace around it read as one
# space, or as one newline per empty line that follows).
_YAML = lazy_re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(\r?\n[ \t]*)"
                        r"|([0abtnvfre \t\"/\\N_LP]))|([ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*)")
_YAML_SIMPLE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
                "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
                "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def _yaml_value(m: re.Match[str]) -> str | None:
    if m.group(6) is not None:
        breaks = m.group(6).count("\n")
        return " " if breaks == 1 else "\n" * (breaks - 1)
    if m.group(4) is not None:
        return ""
    if m.group(5):
        return _YAML_SIMPLE[m.group(5)]
    return _code_point(m.group(1) or m.group(2) or m.group(3))


YAML_DOUBLE = Rules("yaml", _YAML, _yaml_value, None)  # folding starts at any blank or line end

# Python string literals (not raw ones); bytes know no \u, \U or \N.
_PYTHON = lazy_re.compile(r"\\(?:(\r?\n)|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})"
                          r"|N\{([^}\n]{1,100})\}|([0-7]{1,3})|([\\'\"abfnrtv]))")
_PYTHON_SIMPLE = {"\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                  "t": "\t", "v": "\v"}


def _python_value(m: re.Match[str], *, unicode: bool = True) -> str | None:
    if m.group(1) is not None:
        return ""
    if m.group(2):
        return chr(int(m.group(2), 16))
    if m.group(3) or m.group(4) or m.group(5):
        if not unicode:
            return None
        if m.group(5):
            try:
                return unicodedata.lookup(m.group(5))
            except KeyError:
                return None
        return _code_point(m.group(3) or m.group(4))
    if m.group(6):
        return chr(int(m.group(6), 8))
    return _PYTHON_SIMPLE[m.group(7)]


PYTHON = Rules("python", _PYTHON, _python_value, "\\")
PYTHON_BYTES = Rules("python-bytes", _PYTHON, lambda m: _python_value(m, unicode=False), "\\")

# JavaScript/TypeScript strings, template literals and identifiers: a backslash before any
# other character stands for that character (`"\k"` is "k").
_JS = lazy_re.compile(r"\\(?:" + _PAIR + r"|u([0-9A-Fa-f]{4})|u\{0*([0-9A-Fa-f]{1,6})\}|x([0-9A-Fa-f]{2})"
                      r"|(\r\n|[\n\r\u2028\u2029])|([0-3][0-7]{0,2}|[4-7][0-7]?)|(.))", re.S)
_JS_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _js_value(m: re.Match[str]) -> str | None:
    if m.group(1):
        return _pair(m.group(1), m.group(2))
    if m.group(6) is not None:
        return ""
    if m.group(7):
        return chr(int(m.group(7), 8))
    if m.group(8) is not None:
        if m.group(8) in "ux":
            return None  # `\u` or `\x` not followed by digits: a syntax error, kept as written
        return _JS_SIMPLE.get(m.group(8), m.group(8))
    return _code_point(m.group(3) or m.group(4) or m.group(5))


JAVASCRIPT = Rules("javascript", _JS, _js_value, "\\")


def _c_value(m: re.Match[str]) -> str | None:
    if m.group(8) is not None and m.group(8) not in "\\'\"?abfnrtv":
        return None  # no identity escapes: `\\k` is an error, kept as written
    return _js_value(m)


# C-family string escapes (Go, Java, Kotlin, C#, Rust, Swift, Ruby, PHP, C/C++, Dart, ...): what
# JS knows less its identity escapes; a form one language lacks (`\\u{6b}` in Go) is taken
# anyway, as its writer meant it.
C_STRINGS = Rules("c", _JS, _c_value, "\\")

# Java `.properties` (Properties.load): `\\uXXXX`, `\\t \\n \\f \\r`, any other `\\c` is `c`,
# and a line-ending backslash joins the next line without its leading whitespace.
_PROPERTIES = lazy_re.compile(r"\\(?:u([0-9A-Fa-f]{4})|((?:\r\n|[\n\r])[ \t\f]*)|(.))", re.S)
_PROPERTIES_SIMPLE = {"t": "\t", "n": "\n", "f": "\f", "r": "\r"}


def _properties_value(m: re.Match[str]) -> str | None:
    if m.group(2) is not None:
        return ""
    if m.group(3) is not None:
        return _PROPERTIES_SIMPLE.get(m.group(3), m.group(3))
    return _code_point(m.group(1))


PROPERTIES = Rules("properties", _PROPERTIES, _properties_value, "\\")

# HTML and XML character references, in text and attribute values.
# Without `;` a numeric reference ends where its digits do: `&#107am_` is `kam_`, `&#x6bam_` is
# U+06BA then `m_` (`a` is a hex digit), as HTML reads them.
_HTML = lazy_re.compile(r"&(?:#(?:[xX]0*([0-9A-Fa-f]{1,6})(?![0-9A-Fa-f])|0*([0-9]{1,7})(?![0-9]));?"
                        r"|([A-Za-z][A-Za-z0-9]{1,31};))")
def _html_value(m: re.Match[str]) -> str | None:
    if m.group(3):
        from html.entities import html5  # imported on first use: most scans meet no reference

        return html5.get(m.group(3))
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    return "\ufffd" if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF else chr(code)


HTML = Rules("html", _HTML, _html_value, "&")


# --- decoding from a start ------------------------------------------------------------------

_KEY_RUN = lazy_re.compile(r"[A-Za-z0-9_\-]*")
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
TAIL = 16  # characters after a key read as written: `=` (a name, not a value), `...` (masked)


class Run:
    """Text decoded from a start, and for each piece of it where it was written."""

    __slots__ = ("text", "pieces", "escaped", "stop")

    def __init__(self, text: str, pieces: list[tuple[int, int, int]], escaped: bool, stop: int) -> None:
        self.text = text
        self.pieces = pieces  # (start in text, start in source, end in source)
        self.escaped = escaped  # some piece is an escape, not only a split
        self.stop = stop  # where in the source the run of key characters ended

    def source_end(self, end: int) -> int:
        """The source offset just past the character before text offset `end`."""
        i = bisect_right(self.pieces, (end - 1, float("inf"))) - 1
        start, source, source_end = self.pieces[i]
        if source_end - source == self._length(i):  # written as it reads
            return source + end - start
        return source_end

    def as_written(self, start: int) -> bool:
        """Whether the text reads as the source from `start` is written (no escape, no split):
        `source_end` of any end is then `start` plus it."""
        pieces = self.pieces
        for i, (at, source, source_end) in enumerate(pieces):
            if source != start + at or source_end - source != self._length(i):
                return False
        return True

    def _length(self, i: int) -> int:
        following = self.pieces[i + 1][0] if i + 1 < len(self.pieces) else len(self.text)
        return following - self.pieces[i][0]


def decode_run(text: str, start: int, end: int, rules: Rules) -> Run:
    """Decode `text[start:end]` as `rules` say while it decodes to key characters, then read
    TAIL more characters as written. One pass; a malformed escape ends the run."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    length, position, escaped = 0, start, False
    while position < end:
        literal = _KEY_RUN.match(text, position, end).end()
        if literal > position:
            pieces.append((length, position, literal))
            parts.append(text[position:literal])
            length += literal - position
            position = literal
        m = rules.pattern.match(text, position, end)
        value = rules.value(m) if m else None
        if value is None or not all(c in _KEY_CHARS for c in value):
            break
        if value:
            pieces.append((length, position, m.end()))
            parts.append(value)
            length += len(value)
        escaped = escaped or m.group(0)[0] != '"'
        position = m.end()
    tail = text[position:min(end, position + TAIL)]
    if tail:
        pieces.append((length, position, position + len(tail)))
        parts.append(tail)
    return Run("".join(parts), pieces, escaped, position)


def starts(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Offsets in `text[start:end]`, in order, where an escaped or split key may begin: an
    escaped prefix (`HIDDEN`) not glued to a word before it and not itself escaped (`\\\\u006b`
    is a backslash and `u006b`), or a plain `kam_` whose run of key characters ends at an escape
    or a split (`kam_AbCd\\u0045...`, `"kam_AbCd", "EfGh..."`)."""
    end = len(text) if end is None else end
    escaped = _escaped_starts(text, start, end)
    plain = _plain_starts(text, start, end)
    next_escaped, next_plain = next(escaped, None), next(plain, None)
    while next_escaped is not None or next_plain is not None:
        if next_plain is None or (next_escaped is not None and next_escaped < next_plain):
            yield next_escaped
            next_escaped = next(escaped, None)
        else:
            yield next_plain
            next_plain = next(plain, None)


def _escaped_starts(text: str, start: int, end: int) -> Iterator[int]:
    if _plain_only(text[start:end]):  # the range only: a text is asked about many ranges
        return  # no match but plain `kam_`s, which are not yielded here
    position = start
    while (m := HIDDEN.search(text, position, end)) is not None:
        at = m.start()
        if m.group() != PREFIX and BOUNDARY.match(text, at) and not _escaped_backslash(text, at, start):
            yield at
        position = m.end() if m.group() == PREFIX else at + 1


def _plain_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Plain candidates whose body stops at a backslash, `&` or `"` (a CANDIDATE match from each
    `kam_`, the next search after its end: linear, as `keys.candidates`)."""
    position = text.find(PREFIX, start, end)
    while position >= 0:
        m = CANDIDATE.match(text, position, end)
        if m is None:
            position = text.find(PREFIX, position + 1, end)
            continue
        if m.end() < end and text[m.end()] in '\\&"':
            yield m.start()
        position = text.find(PREFIX, m.end(), end)


def _escaped_backslash(text: str, at: int, floor: int) -> bool:
    """Whether the character at `at` is a backslash that the one before it escapes."""
    if text[at] != "\\":
        return False
    before = at
    while before > floor and text[before - 1] == "\\":
        before -= 1
    return (at - before) % 2 == 1


def keys_in(matcher: KeyMatcher, text: str, regions: Iterable[tuple[int, int, Rules]]) -> list[KeyMatch]:
    """Keys written with an escape or a split inside `regions` (start, end, rules) of `text`, at
    the offsets where they are written. A key written plainly is not among them: the plain scan
    finds it."""
    found: list[KeyMatch] = []
    for low, high, rules in regions:
        if not rules.may_decode(text, low, high):
            continue  # every run from a start reads as written: the plain scan has its keys
        resume, marks = low, rules.marks
        for at in starts(text, low, high):
            if at < resume:
                continue
            if marks is not None:  # what decode_run reads first: the key characters from `at`
                stop = _KEY_RUN.match(text, at, high).end()
                if stop == high or text[stop] not in marks:
                    resume = stop  # no escape follows them: the run reads as written (a bundle's
                    continue  # `?key=kam_...&q=`, 8,719 starts, each a run decoded and dropped)
            run = decode_run(text, at, high, rules)
            resume = run.stop  # one run of key characters is one value, key or not
            if run.as_written(at):
                continue  # a key in it is written plainly (below): the plain scan reports it
            match = next(iter(matcher.find(run.text)), None)
            if match is None or match.start != 0 or match.encoding != "plain":
                continue
            source_end = run.source_end(match.end)
            if source_end - at == match.end:
                continue  # written plainly: the plain scan reports it
            encoding = "escaped" if run.escaped else "split"
            found.append(KeyMatch(at, source_end, match.key, encoding))
    return found


def merge(plain: Iterable[KeyMatch], decoded: list[KeyMatch]) -> list[KeyMatch]:
    """The plain scan's matches plus the decoded ones, in order. A plain match inside a decoded
    key's span is a piece of it (`kam_AbCd` of `kam_AbCd\\u0045...`): the decoded key stands."""
    if not decoded:
        return list(plain)
    spans = sorted((m.start, m.end) for m in decoded)
    starts_ = [s for s, _ in spans]
    kept = []
    for m in plain:
        i = bisect_right(starts_, m.start) - 1
        if i >= 0 and spans[i][0] <= m.start < spans[i][1]:
            continue
        kept.append(m)
    return sorted(kept + decoded, key=lambda m: m.start)
