"""`pattern.finditer(text)` for a pattern whose every match starts at (or a fixed distance before)
one of a few literals: the literals are found by `str.find`, and the pattern is only tried there.

Python's regex engine has no fast scan for an alternation of literals (`params|query|...`) nor
for a case-insensitive one: it tries the pattern at every character, about 1 s per pattern on a
20 MiB bundle; finding the literals takes a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from operator import itemgetter

from kaman_lint.keys import LARGE_TEXT as _LARGE  # (the length from which an automaton searches)


def finditer(pattern: re.Pattern[str], text: str, literals: Iterable[tuple[str, Iterable[int]]],
             lowered: str | None = None,
             found: dict[str, list[int]] | None = None) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, when each of them starts `back` characters
    before an occurrence of one of `literals` ((literal, backs) pairs) and none is empty. With `lowered` (the text
    lowered, of the same length), the literals are looked for there: for a case-insensitive
    pattern, with lower-case literals. `found` keeps each literal's occurrences for another
    pattern over the same haystack: a search of a 20 MiB bundle for a literal it lacks costs
    about 10 ms, so the callers share short literals (`arams` for `params`, `searchParams`...)."""
    end = 0
    for start in candidates(text, literals, lowered, found):
        if start < end:
            continue  # inside the previous match, as finditer would step over it
        m = pattern.match(text, start)
        if m:
            end = m.end()
            yield m


def candidates(text: str, literals: Iterable[tuple[str, Iterable[int]]], lowered: str | None = None,
               found: dict[str, list[int]] | None = None) -> list[int]:
    """Where `finditer` tries its pattern, ascending: `back` characters before each occurrence
    of a literal (for a caller that tells the matches there itself)."""
    haystack = text if lowered is None else lowered
    starts: set[int] = set()
    data: bytes | None = None  # the haystack's bytes, for a large ASCII one (its offsets are the text's)
    for literal, backs in literals:
        positions = found.get(literal) if found is not None else None
        if positions is None:
            if len(haystack) >= _LARGE and literal.isascii() and haystack.isascii():
                if data is None:
                    data = haystack.encode("ascii")
                positions = occurrences(data, literal)
            else:
                positions = _found_by_find(haystack, literal)
            if found is not None:
                found[literal] = positions
        for back in backs:
            if back == 0:
                starts.update(positions)
            else:
                starts.update([at - back for at in positions if at >= back])
    return sorted(starts)




def occurrences(data: bytes, literal: str) -> list[int]:
    """Where `literal` (ASCII) starts in `data`, ascending, overlapping ones too: what a
    `find` from one after each occurrence finds."""
    matches = _automaton(literal).find_matches_as_indexes(data, overlapping=True)
    return list(map(itemgetter(1), matches))  # one pattern: in the order of their ends, so of their starts


def holds(text: str, literal: str) -> bool:
    """`literal in text`, for a literal a large text likely lacks: Python's search for an absent
    `&amp;` reads a 20 MiB bundle in 38 ms, the automaton (with the copy to bytes) in 3."""
    if len(text) >= _LARGE and literal.isascii() and text.isascii():
        return bool(occurrences(text.encode("ascii"), literal))
    return literal in text


def _found_by_find(haystack: str, literal: str) -> list[int]:
    positions: list[int] = []
    add, find = positions.append, haystack.find
    at = find(literal)
    while at >= 0:
        add(at)
        at = find(literal, at + 1)
    return positions


_AUTOMATA: dict[str, object] = {}  # literal -> its automaton (the callers' few literals)


def _automaton(literal: str):
    found = _AUTOMATA.get(literal)
    if found is None:
        import ahocorasick_rs  # (here: only a large text pays its import, which the prefilter has made)

        found = _AUTOMATA[literal] = ahocorasick_rs.BytesAhoCorasick([literal.encode("ascii")])
    return found
