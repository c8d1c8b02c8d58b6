"""The plain-text scan: every key in any text file, with a best guess at the name it is
assigned to. It is also the fallback for files whose own analyzer fails."""

from __future__ import annotations

import re

from kaman_lint import escapes, lazy_re
from kaman_lint.facts import MAX_SECTIONS, FileFacts, KeyLiteral
from kaman_lint.keys import KeyMatch, KeyMatcher, safe_label
from kaman_lint.memo import MISSING, BoundedMemo

# `NAME = `, `NAME: `, `"NAME": `, `NAME := `, `NAME => `, `--name=`: the last one before the key
# on its line names the setting. `==` and `!=` are comparisons, not assignments.
_LABEL = lazy_re.compile(r"""([A-Za-z_][\w.\-]*)["']?\s*(?::=|=>|(?<![=!<>])=(?!=)|:(?!//))""")
_INSTRUCTION = lazy_re.compile(r"^\s*(?:ENV|ARG|export|set|setenv)\s+([A-Za-z_]\w*)\s+\S*$", re.I)


_NAME_CHAR = lazy_re.compile(r"[\w.\-]")  # what `_LABEL`'s name is made of
_NAME_START = lazy_re.compile(r"[A-Za-z_]")  # what it starts with
_SPACE = lazy_re.compile(r"\s")


def guess_name(line_prefix: str) -> str | None:
    """The setting a key is assigned to, from the text before it on its line."""
    label = _last_label(line_prefix)
    if label is not None:
        return label
    instruction = _INSTRUCTION.match(line_prefix)
    return instruction.group(1) if instruction else None


def _last_label(text: str) -> str | None:
    """`_LABEL.findall(text)[-1]` (or None). A bundle's keys sit behind a few distinct tails
    (`...fetch(S+"/search?key=`): the answer is remembered by the last _TAIL characters when it
    lies within them, whatever is before (a run of name characters that starts inside the tail
    is whole, and every run after it is judged by the text after it)."""
    tail = text[-_TAIL:]
    known = _LABELS_BY_TAIL.get(tail, MISSING)
    if known is not MISSING:
        return known
    label, run = _last_run_label(tail)
    if run > 0 or len(tail) == len(text):
        return _LABELS_BY_TAIL.put(tail, label)
    return _last_run_label(text)[0]


_TAIL = 64
_LABELS_BY_TAIL = BoundedMemo(4096)


def _last_run_label(text: str) -> tuple[str | None, int]:
    """`_LABEL.findall(text)[-1]` (or None), and where the run of name characters it ends
    starts (-1 for none), found from the end. A match is a whole run of name characters (from
    its first letter) and what follows it up to an operator: a name part that stopped short of
    its run would be followed by a name character, which neither a quote, a space nor an
    operator is. So the runs are judged apart, and the last match is that of the last run
    followed by `["']?\\s*` and an operator, found by walking back from each `=` and `:` in
    turn; the regex confirms it. (`findall` over the tail of a 240-character prefix that held
    a match cost 10 µs a key on a bundle: the name part is retried from each character.)"""
    rfind = text.rfind
    equals, colon = rfind("="), rfind(":")  # each searched again only once passed: linear
    while True:
        op = max(equals, colon)
        if op < 0:
            return None, -1
        if op == equals:
            equals = rfind("=", 0, op)
        else:
            colon = rfind(":", 0, op)
        j = op
        while j > 0 and _SPACE.match(text, j - 1):
            j -= 1
        if j > 0 and text[j - 1] in "\"'":
            j -= 1
        run = j
        while run > 0 and _NAME_CHAR.match(text, run - 1):
            run -= 1
        start = _NAME_START.search(text, run, j) if run < j else None
        if start is None:
            continue
        m = _LABEL.match(text, start.start())
        if m is not None and m.end(1) == j and m.end() > op:
            return m.group(1), run


def literal(facts: FileFacts, match: KeyMatch, *, name: str | None = None,
            section: tuple[str, ...] = (), context: str = "text") -> KeyLiteral:
    """A KeyLiteral for a match; the name is guessed from the line when not given. Every
    analyzer builds its literals here, so this is where a name or section that is itself a key
    (`{"kam_...": "kam_..."}`) is redacted before any message can print it."""
    source = facts.source
    line, column = source.position(match.start)
    if name is None:
        name = guess_name(source.line_prefix(match.start))
    if name is not None and name == source.text[match.start:match.end]:
        name = None  # the key names itself (`kam_...=kam_...` in a .env): it is assigned nothing
    section = tuple(safe_label(part) or "" for part in section[:MAX_SECTIONS])
    return KeyLiteral(match.start, match.end, line, column, match.key, safe_label(name), section,
                      context, match.encoding)


# XML decodes character references (`&#107;am_...`) in text and attribute values, and Markdown
# renders them decoded (CommonMark: outside code, which is rare around a key).
REFERENCE_SUFFIXES = (".xml", ".svg", ".plist", ".xaml", ".csproj", ".resx", ".xsd", ".xsl", ".xslt",
                      ".config", ".props", ".targets", ".wsdl", ".rss", ".atom", ".md", ".markdown")


# Source files of languages whose strings decode C-style escapes (`"\x6bam_..."` in Go, PHP, Ruby,
# C; `"\u006bam_..."` in Java, Kotlin, C#; `"\u{6b}am_..."` in Rust, Swift).
C_STRING_SUFFIXES = (".go", ".java", ".kt", ".kts", ".scala", ".groovy", ".gradle", ".cs", ".rs", ".swift",
                     ".rb", ".php", ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".m", ".mm", ".dart", ".lua")


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    text = facts.source.text
    matches = matcher.find(text)
    name = facts.source.name.lower()
    rules = (escapes.HTML if name.endswith(REFERENCE_SUFFIXES)
             else escapes.C_STRINGS if name.endswith(C_STRING_SUFFIXES) else None)
    if rules is not None:
        matches = escapes.merge(matches, escapes.keys_in(matcher, text, [(0, len(text), rules)]))
    for match in matches:
        facts.literals.append(literal(facts, match))
