"""Hint patterns asked only "is any there?" (sink words, browser/server API words), each with
the literals it cannot match without: a text holding none of them is not searched, and the
pattern is not compiled, which a short run's few small files mostly spare (issue 13, target 3).
tests/test_convention_needs.py checks every hint's literals against its pattern."""

from __future__ import annotations

from kaman_lint import lazy_re

made: list[Hint] = []  # every hint, for the test that checks their literals


class Hint:
    __slots__ = ("pattern", "needs")

    def __init__(self, source: str, needs: tuple[str, ...]) -> None:
        self.pattern = lazy_re.compile(source)
        self.needs = needs  # one of these is in every text `pattern` matches
        made.append(self)

    def found_in(self, text: str) -> bool:
        return any(literal in text for literal in self.needs) and self.pattern.search(text) is not None


def any_found(hints: tuple[Hint, ...], text: str) -> bool:
    return any(hint.found_in(text) for hint in hints)
