"""A `^...$` pattern's matches, tried at line starts only, and only near some lines.

`every(pattern, text)` is `pattern.finditer(text)` for a MULTILINE pattern whose every match
starts at a line's start: tried only there, each line start not inside the match before it
(the regex engine tries `^` at every character: 0.6 s on a 20 MiB one-line bundle).

`near(pattern, text, lines, carried)` yields, of those same matches, at least every one that
ends on one of `lines` (line starts, increasing), without trying the line starts far from them:
KAM004 looks for a key's local aliases only in assignments whose value holds a key literal or
a Kaman name, a line or two of a 2,000-line module. Its pattern's matches end on the line
where the value is, and every character of a match before that line is one `carried` cannot
find (`carried` finds a character only the last line of a match can hold, `=` of an
assignment). So a line start whose previous line holds such a character is one the full walk
tries (no match reaches over it): the walk toward a line starts at the nearest one before it,
and from there finds what the full walk finds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def every(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    yield from _tried(pattern, text, 0, 0, -1)


def near(pattern: re.Pattern[str], text: str, lines: Iterable[int],
         carried: re.Pattern[str]) -> Iterator[re.Match[str]]:
    tried = 0  # a line start the full walk tries; every match before it was yielded
    for line in lines:
        if line < tried:
            continue  # walked already (or inside a match that was yielded)
        start = line
        while start > tried:  # back over lines a match may reach across
            previous = text.rfind("\n", 0, start - 1) + 1
            if carried.search(text, previous, start - 1):
                break
            start = previous
        # no match before `start` reaches past it; the walk goes as far as the start of `line`
        start, end = yield from _tried(pattern, text, start, start, text.find("\n", line))
        while 0 <= start < end:  # a match that reaches past `line` covers these line starts
            newline = text.find("\n", start)
            start = newline + 1 if newline >= 0 else -1
        if start < 0:
            return
        tried = start


def _tried(pattern: re.Pattern[str], text: str, start: int, end: int, stop: int):
    """The matches at the line starts from `start` up to `stop` (-1: the end of the text), a
    line start inside the match before it (which ends at `end`) skipped; returns the next line
    start (-1 past the text) and the end of the last match."""
    while start >= 0 and (stop < 0 or start <= stop):
        if start >= end:
            m = pattern.match(text, start)
            if m:
                end = m.end()
                yield m
        newline = text.find("\n", start)
        start = newline + 1 if newline >= 0 else -1
    return start, end
