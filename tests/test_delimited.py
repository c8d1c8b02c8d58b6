"""Delimited regions (kaman_lint.delimited) find what the `.*?` regexes they replace found,
in linear time: the regexes are kept here as the reference, and compared on random pages made
of the delimiters' own pieces (closed, unclosed, nested, mixed case)."""

from __future__ import annotations

import random
import re

import pytest

from kaman_lint import comments, delimited
from kaman_lint.lang import html

# The regexes html.py and comments.py used before (quadratic on unclosed openers).
SCRIPT = re.compile(r"<(script|py-script|mpy-script)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
COMMENT = re.compile(r"<!--.*?-->|\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|<%#.*?%>|\{\{--.*?--\}\}",
                     re.S)
PRINT = re.compile(r"\{\{\{?-?\s*(?P<curly>[^{}]*?)\s*-?\}?\}\}|\{!!\s*(?P<raw>.*?)\s*!!\}|<%[=-]\s*(?P<erb>.*?)\s*-?%>",
                   re.S)
EMBEDDED = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)

PIECES = ["<!--", "-->", "{#", "#}", "{% comment %}", "{%endcomment%}", "<%#", "%>", "{{--", "--}}",
          "{{", "}}", "{{{", "}}}", "{!!", "!!}", "<%=", "<%-", "-%>", "-", " ", "  ", "\n", "x", "a.b",
          "<script>", "<SCRIPT type=x>", "</script>", "</Script >", "<script", ">", "<py-script>",
          "</py-script>", "<style>", "</style>", "<scripts>", "{", "}", "kam_"]


def pages(count: int, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))


def old_prints(text: str) -> list[tuple[int, str, str]]:
    spans = [(m.start(), m.end()) for m in COMMENT.finditer(text)]
    return [(m.start(), m.lastgroup or "curly", m.group(m.lastgroup or "curly")) for m in PRINT.finditer(text)
            if not any(s <= m.start() < e for s, e in spans)]


def test_template_prints_match_the_regex_they_replace() -> None:
    for text in pages(4000):
        new = [(p.offset, "erb" if p.lodash else ("raw" if p.syntax[0] == "{!!" else "curly"), p.text)
               for p in html.template_prints(text)]
        assert new == old_prints(text), repr(text)


def test_scripts_and_comments_match_the_regexes_they_replace() -> None:
    for text in pages(4000, seed=8):
        assert html._script_bodies(text) == [(m.start(2), m.end(2)) for m in SCRIPT.finditer(text)], repr(text)
        assert [(r.start, r.end) for r in delimited.regions(text, html.COMMENTS)] == [
            m.span() for m in COMMENT.finditer(text)], repr(text)
        assert [(r.start, r.end) for r in delimited.regions(text, comments._EMBEDDED)] == [
            m.span() for m in EMBEDDED.finditer(text)], repr(text)


@pytest.mark.parametrize("opener", ["<!--", "{#", "<%#", "{{--", "{% comment %}", "<script>", "<script ",
                                    "<%= ", "{!! ", "{{ "])
def test_each_closer_is_searched_once_per_kind(opener: str, monkeypatch) -> None:
    # 4,000 unclosed openers: the closer of each kind is looked for once, not 4,000 times.
    searched = []
    original = delimited._close
    monkeypatch.setattr(delimited, "_close", lambda *a: searched.append(1) or original(*a))
    text = opener * 4000
    list(delimited.regions(text, html.COMMENTS))
    list(delimited.regions(text, html.SCRIPTS))
    list(delimited.regions(text, html.PRINTS))
    assert len(searched) <= 10


def _named_alternation_regions(text: str, delimiters) -> list[tuple[str, int, int]]:
    """The reference for which kind opens where: the alternation with each opener in a named
    group (what `regions` searched before), left to right, closers as `regions` finds them."""
    live, pos, found = list(delimiters), 0, []
    while live:
        pattern = re.compile("|".join(f"(?P<d{i}>{delimited._scoped(d.opener, d.flags)})"
                                      for i, d in enumerate(live)))
        m = pattern.search(text, pos)
        if m is None:
            break
        delimiter = live[int(m.lastgroup[1:])]
        closed = delimited._close(text, delimiter, m.end())
        if closed is None:
            live.remove(delimiter)
            pos = m.start()
            continue
        found.append((delimiter.kind, m.start(), closed[2]))
        pos = max(closed[2], m.start() + 1)
    return found


# Openers that overlap at one place (a longer one after a shorter, the same text in two cases)
# and flags that differ between kinds: the first kind in order that opens at a place is taken.
OVERLAPPING = (
    delimited.Delimiter("short", "<a", ">"),
    delimited.Delimiter("long", "<ab", "!"),
    delimited.Delimiter("cased", "<AB", "!", re.I),
    delimited.Delimiter("brace", r"\{+", r"\}"),
    delimited.Delimiter("word", r"\bab", "!", to_end=True),
)

UNIFORM = tuple(d for d in OVERLAPPING if not d.flags)  # one set of flags: one plain alternation


def test_the_first_kind_that_opens_at_a_place_is_taken() -> None:
    rng = random.Random(9)
    pieces = ["<a", "<ab", "<AB", "<Ab", "ab", "x", " ", ">", "!", "{", "{{", "}"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        for delimiters in (OVERLAPPING, OVERLAPPING[1:3], OVERLAPPING[::-1], UNIFORM, UNIFORM[::-1]):
            assert [(r.kind, r.start, r.end) for r in delimited.regions(text, delimiters)] == \
                _named_alternation_regions(text, delimiters), repr(text)
