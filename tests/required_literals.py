"""The literals a regex cannot match without: `required(pattern)` is a set of strings, one of
which is in every text the pattern matches somewhere in, or None when no such set is seen. Tests
use it to check the literal pre-checks kept next to patterns (a pre-check skips the regex, and
its compile, for text that cannot match)."""

from __future__ import annotations

import re

try:
    from re import _parser as parser  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as parser  # type: ignore[no-redef]

_c = parser  # the opcodes
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)  # they take no characters: a run of literals goes on across them
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))


def required(pattern: str, flags: int = 0) -> frozenset[str] | None:
    parsed = parser.parse(pattern, flags)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE) or flags & re.IGNORECASE:
        return None
    found = _sequence(parsed)
    # a literal holding another of the set is implied by it
    return None if found is None else frozenset(w for w in found if not any(o != w and o in w for o in found))


_MOST = 16  # strings a run of literals and literal alternatives may spell before it is cut


def _sequence(items) -> frozenset[str] | None:
    """Runs of literals, and of groups/alternatives spelling a few literal strings
    (`(sw|service-worker)\\.` is {"sw.", "service-worker."}), are candidates; so is what a
    group, an alternation or a repeated-at-least-once item requires. The best candidate wins."""
    candidates: list[frozenset[str]] = []
    run = frozenset({""})
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        spelled = _spelled(op, av)
        if spelled is not None and len(run) * len(spelled) <= _MOST:
            run = frozenset(r + s for r in run for s in spelled)
            continue
        if run != {""}:
            candidates.append(run)
        run = spelled if spelled is not None else frozenset({""})
        found = None
        if op is _c.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                found = _sequence(av[3])
        elif op is _c.BRANCH:
            alternatives = [_sequence(branch) for branch in av[1]]
            if all(alternatives):
                found = frozenset().union(*alternatives)
        elif op in _REPEATS and av[0] >= 1:
            found = _sequence(av[2])
        if found:
            candidates.append(found)
    if run != {""}:
        candidates.append(run)
    candidates = [c for c in candidates if "" not in c]
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _spelled(op, av) -> frozenset[str] | None:
    """The strings a literal, or a group or alternation of literal strings, spells; else None."""
    if op is _c.LITERAL:
        return frozenset({chr(av)})
    if op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _spelled_sequence(av[3])
    if op is _c.BRANCH:
        parts = [_spelled_sequence(branch) for branch in av[1]]
        if all(part is not None for part in parts) and sum(map(len, parts)) <= _MOST:
            return frozenset().union(*parts)
    return None


def _spelled_sequence(items) -> frozenset[str] | None:
    run = frozenset({""})
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        spelled = _spelled(op, av)
        if spelled is None or len(run) * len(spelled) > _MOST:
            return None
        run = frozenset(r + s for r in run for s in spelled)
    return run
