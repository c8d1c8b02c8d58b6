"""TOML and INI/cfg files: `[section]` or `[table.path]` headers and `key = value` lines.
TOML is checked with tomllib so a broken file is reported, and still scanned line by line."""

from __future__ import annotations

import re

from kaman_lint import escapes, lazy_re
from kaman_lint.comments import is_comment_line
from kaman_lint.facts import FileFacts
from kaman_lint.keys import KeyMatcher
from kaman_lint.lang import ParseError
from kaman_lint.lang.text import literal

HEADER = lazy_re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:[#;].*)?$")
ASSIGNMENT = lazy_re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([\w.\-]+))\s*[=:]""")


# TOML strings and comments, in file order: only basic strings (`"..."`, `"""..."""`) decode escapes.
_TOML_TOKEN = lazy_re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*', re.S)


def basic_strings(text: str) -> list[tuple[int, int]]:
    """(start, end) of the contents of each basic string."""
    spans = []
    for token in _TOML_TOKEN.finditer(text):
        quote = 3 if token.group().startswith('"""') else 1 if token.group().startswith('"') else 0
        if quote:
            spans.append((token.start() + quote, token.end() - quote))
    return spans


def sections(lines: list[str]) -> list[tuple[str, ...]]:
    current: tuple[str, ...] = ()
    result = []
    for text in lines:
        header = HEADER.match(text)
        if header:
            current = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
        result.append(current)
    return result


def analyze(facts: FileFacts, matcher: KeyMatcher) -> None:
    source = facts.source
    matches = list(matcher.find(source.text))
    if source.name.lower().endswith(".properties") and "\\" in source.text:  # Java's `\u006b`, `\` + line end
        matches = escapes.merge(matches, escapes.keys_in(matcher, source.text,
                                                         [(0, len(source.text), escapes.PROPERTIES)]))
    if source.language == "toml":
        _check_toml(source.text, facts)
        if "\\" in source.text:  # `"\u006bam_..."`, a line-ending backslash: read as TOML reads it
            regions = [(start, end, escapes.TOML_BASIC) for start, end in basic_strings(source.text)]
            matches = escapes.merge(matches, escapes.keys_in(matcher, source.text, regions))
    if not matches:
        return
    table = sections(source.lines())
    for match in matches:
        line, _ = source.position(match.start)
        text = source.line(line)
        assignment = ASSIGNMENT.match(text)
        name = next((g for g in assignment.groups() if g), None) if assignment else None
        context = "comment" if is_comment_line(text, source.language) else "string"
        section = table[line - 1] if line <= len(table) else ()
        facts.literals.append(literal(facts, match, name=name, section=section, context=context))


def _check_toml(text: str, facts: FileFacts) -> None:
    """Record a TOML syntax error as a notice; the line scan above still ran."""
    from kaman_lint._toml import tomllib
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        facts.parse_error = f"TOML does not parse ({err}); scanned as text"
