"""`pattern.finditer(text)` for a pattern whose every match starts at (or a fixed distance before)
one of a few literals: the literals are found by `str.find`, and the pattern is only tried there.

Python's regex engine has no fast scan for an alternation of literals (`params|query|...`) nor
for a case-insensitive one: it tries the pattern at every character, about 1 s per pattern on a
20 MiB bundle; finding the literals takes a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


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
    find = haystack.find
    for literal, backs in literals:
        positions = found.get(literal) if found is not None else None
        if positions is None:
            positions = []
            add = positions.append
            at = find(literal)
            while at >= 0:
                add(at)
                at = find(literal, at + 1)
            if found is not None:
                found[literal] = positions
        for back in backs:
            if back == 0:
                starts.update(positions)
            else:
                starts.update([at - back for at in positions if at >= back])
    return sorted(starts)
