"""Notices on a terminal: every one is in the report's `errors`; stderr gets them all too,
except that a kind seen very often (binary files in a vendored tree) is shown a few times
and then counted, so the findings are not buried."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from kaman_lint.findings import Notice

SHOWN_PER_KIND = 10


def for_terminal(notices: Iterable[Notice], shown_per_kind: int = SHOWN_PER_KIND) -> Iterator[str]:
    seen: Counter[str] = Counter()
    for notice in notices:
        seen[notice.kind] += 1
        if seen[notice.kind] <= shown_per_kind:
            yield str(notice)
    for kind, count in sorted(seen.items()):
        if count > shown_per_kind:
            yield (f"... and {count - shown_per_kind} more '{kind}' notices "
                   "(all of them are in the report: --format json, under errors)")
