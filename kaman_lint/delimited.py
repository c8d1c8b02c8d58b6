"""Delimited regions of a text (comments, scripts, template tags), found in time linear in the
text whatever it holds.

A regex like `<!--.*?-->` searches, from every opener that has no closer, to the end of the
text: a page of unclosed `<!--` (or `<%=`, `{#`, `<script>`) is quadratic (40 KiB of `<%= `:
30 s). Here each kind's closer is searched from its opener; once a kind's closer is missing,
no later opener of that kind can close either, so the kind is done and never searched again.
Matches are what `finditer` over the alternation would give: leftmost, then the first kind in
order at that place, non-overlapping.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from kaman_lint.named_tuples import NamedTuple
from kaman_lint.records import dataclass, field
from kaman_lint import lazy_re


@dataclass(frozen=True)
class Delimiter:
    """One kind of embedded region (a script tag, a code fence, ...) and how to find its ends."""
    kind: str
    # Regex source of the opener. It must cost what it matches (no unbounded repetition that
    # can fail far away); a tag's attributes are stepped over with `opener_end` instead.
    opener: str
    # Regex source of the closer, searched from the opener's end; None when the opener's
    # pattern is the whole construct.
    closer: str | None = None
    flags: int = 0
    opener_end: str | None = None  # the opener runs on to this text (`>` after `<script ...`)
    to_end: bool = False  # an opener without its closer runs to the end of the text
    _closer: lazy_re.LazyPattern | None = field(default=None, compare=False, repr=False)
    _opener: lazy_re.LazyPattern | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # delimiters are module constants: compiled when first searched
        object.__setattr__(self, "_opener", lazy_re.compile(self.opener, self.flags))
        if self.closer is not None:
            object.__setattr__(self, "_closer", lazy_re.compile(self.closer, self.flags))


class Region(NamedTuple):
    kind: str
    start: int  # where the opener starts
    inner_start: int  # where the opener ends
    inner_end: int  # where the closer starts
    end: int  # where the closer ends


def regions(text: str, delimiters: Sequence[Delimiter], start: int = 0) -> Iterator[Region]:
    """Every region, left to right, from `start`."""
    live = list(delimiters)
    pattern = _openers(live)
    pos = start
    while live:
        m = pattern.search(text, pos)
        if m is None:
            return
        delimiter, m = _first_opening(live, text, m.start())
        found = _close(text, delimiter, m.end())
        if found is not None:
            inner_start, inner_end, end = found
            yield Region(delimiter.kind, m.start(), inner_start, inner_end, end)
            pos = max(end, m.start() + 1)
            continue
        live.remove(delimiter)  # no closer after here: no later opener of this kind closes
        pattern = _openers(live)
        pos = m.start()  # another kind may open at the same place


def _first_opening(live: Sequence[Delimiter], text: str, at: int) -> tuple[Delimiter, re.Match[str]]:
    """The kind the alternation of openers took at `at` (the first in order that opens there,
    as `|` tries them) and its opener's match."""
    for delimiter in live:
        m = delimiter._opener.match(text, at)
        if m is not None:
            return delimiter, m
    raise AssertionError("the openers' alternation matched where no opener does")


def _close(text: str, delimiter: Delimiter, after: int) -> tuple[int, int, int] | None:
    """(inner start, inner end, end) of the region whose opener ends at `after`, or None."""
    inner_start = after
    if delimiter.opener_end is not None:
        tag_end = text.find(delimiter.opener_end, after)
        if tag_end < 0:
            return None
        inner_start = tag_end + len(delimiter.opener_end)
    if delimiter._closer is None:
        return inner_start, inner_start, inner_start
    closer = delimiter._closer.search(text, inner_start)
    if closer is not None:
        return inner_start, closer.start(), closer.end()
    if delimiter.to_end:
        return inner_start, len(text), len(text)
    return None


_OPENERS: dict[tuple[int, ...], tuple[Sequence[Delimiter], re.Pattern[str]]] = {}


def _openers(delimiters: Sequence[Delimiter]) -> re.Pattern[str]:
    """One pattern for every opener, `(?:...)|(?:...)`, built once per set of delimiters. No
    named group says which one matched (`_first_opening` does): alternatives that start with a
    group would hide their first characters from `re`, which then tries the whole alternation
    at every offset (10-40x slower on pages); plain ones let it skip to a possible first
    character. One set of flags for all, when they share it (the usual case), for the same
    reason."""
    key = tuple(map(id, delimiters))
    cached = _OPENERS.get(key)
    if cached is None:  # (the delimiters are kept with their pattern: their ids stay theirs)
        if len(_OPENERS) >= 256:  # module constants make a few sets; anything else stays bounded
            _OPENERS.clear()
        cached = _OPENERS[key] = (tuple(delimiters), _alternation(delimiters))
    return cached[1]


def _alternation(delimiters: Sequence[Delimiter]) -> re.Pattern[str]:
    if not delimiters:
        return re.compile(r"(?!)")
    flags = {d.flags for d in delimiters}
    if len(flags) == 1:
        return re.compile("|".join(f"(?:{d.opener})" for d in delimiters), flags.pop())
    return re.compile("|".join(f"(?:{_scoped(d.opener, d.flags)})" for d in delimiters))


def _scoped(source: str, flags: int) -> str:
    letters = "".join(letter for flag, letter in ((re.I, "i"), (re.S, "s"), (re.M, "m")) if flags & flag)
    return f"(?{letters}:{source})" if letters else source


class Spans:
    """Sorted, non-overlapping spans (start, end): is an offset inside one? A bisection each."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def containing(self, offset: int) -> tuple[int, int] | None:
        """The span holding `offset`, or None."""
        i = bisect_right(self._starts, offset) - 1
        return (self._starts[i], self._ends[i]) if i >= 0 and offset < self._ends[i] else None

    def __contains__(self, offset: int) -> bool:
        return self.containing(offset) is not None
