"""The plain-text scan: every key in any text file, with a best guess at the name it is
assigned to. It is also the fallback for files whose own analyzer fails."""

from __future__ import annotations

import re

from kaman_lint import escapes, lazy_re
from kaman_lint.facts import MAX_SECTIONS, FileFacts, KeyLiteral
from kaman_lint.keys import KeyMatch, KeyMatcher, safe_label

# `NAME = `, `NAME: `, `"NAME": `, `NAME := `, `NAME => `, `--name=`: the last one before the key
# on its line names the setting. `==` and `!=` are comparisons, not assignments.
_LABEL = lazy_re.compile(r"""([A-Za-z_][\w.\-]*)["']?\s*(?::=|=>|(?<![=!<>])=(?!=)|:(?!//))""")
_INSTRUCTION = lazy_re.compile(r"^\s*(?:ENV|ARG|export|set|setenv)\s+([A-Za-z_]\w*)\s+\S*$", re.I)


_NAME_CHAR = lazy_re.compile(r"[\w.\-]")  # what `_LABEL`'s name is made of
_FIRST_TAIL = 32  # a name and its `=`, most often


def guess_name(line_prefix: str) -> str | None:
    """The setting a key is assigned to, from the text before it on its line."""
    label = _last_label(line_prefix)
    if label is not None:
        return label
    instruction = _INSTRUCTION.match(line_prefix)
    return instruction.group(1) if instruction else None


def _last_label(text: str) -> str | None:
    """`_LABEL.findall(text)[-1]` (or None), found in the shortest tail that holds it. A match
    is a whole run of name characters (from its first letter) and what follows it, so matches
    of different runs never overlap, and a tail that starts where a run does holds exactly the
    matches of the runs in it; `findall` over all of a 240-character prefix cost 75 µs a key
    (the name part is retried from each of its characters)."""
    width = _FIRST_TAIL
    while True:
        start = max(0, len(text) - width)
        while start > 0 and _NAME_CHAR.match(text, start - 1):
            start -= 1
        labels = _LABEL.findall(text[start:])
        if labels:
            return labels[-1]
        if start == 0:
            return None
        width = 4 * (len(text) - start)


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
