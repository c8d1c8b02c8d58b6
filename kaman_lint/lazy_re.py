"""Regexes compiled on first use. Compiling the package's ~280 module-level patterns cost
every start about 60 ms, and a short run (one editor buffer, a 5-file commit) uses fewer than
half of them. `compile` here takes what `re.compile` takes and returns a stand-in that
compiles on its first use and from then on hands out the compiled pattern's own methods, so a
hot loop pays nothing for the laziness.

It is meant for module-level constants only: a pattern built at run time is compiled when it is
built (`re.compile`), so a mistake in it shows where it is made. tests/test_lazy_re.py
compiles every stand-in of the package, so a typo in a constant still fails the suite.
"""

from __future__ import annotations

import re

# What a compiled pattern offers, copied onto the stand-in once it is compiled: later lookups
# find them in its own __dict__ and never reach __getattr__.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
               "groups", "groupindex")

made: list[LazyPattern] = []  # every stand-in, for the test that compiles them all


class LazyPattern:
    """A `re.Pattern` compiled on first use. `pattern` and `flags` are there before it is."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags  # the flags asked for; `compiled().flags` adds the implied ones
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            compiled = re.compile(self.pattern, self.flags)
            for name in _ATTRIBUTES:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str):  # only reached before the first compile
        if name.startswith("__") or name in ("pattern", "flags", "_compiled"):
            raise AttributeError(name)  # copy and pickle probe for these on a bare instance
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self.pattern!r}, {self.flags!r})"


def compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:  # noqa: A001 - re.compile's stand-in
    lazy = LazyPattern(pattern, flags)
    made.append(lazy)
    return lazy


def compile_module(module) -> int:
    """Compile every stand-in among `module`'s attributes now (a thread preparing what another
    step will use); how many were still to compile. Safe beside a thread that uses them: one
    compiled twice is the same pattern."""
    lazies = [value for value in vars(module).values() if type(value) is LazyPattern and value._compiled is None]
    for lazy in lazies:
        lazy.compiled()
    return len(lazies)
