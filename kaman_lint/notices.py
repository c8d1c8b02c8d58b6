"""Notices on a terminal (stderr), which carries what a person must act on: what could not be
checked, and what the scan did differently than asked (a parse error, a malformed suppression,
a file over the size limit). Binary files are not listed one by one (`COUNTED_ONLY`): the summary
line counts them, as it counts every skipped file, and the JSON report lists them under `skipped`. A kind seen very often
is shown a few times and then counted, so the findings are not buried; every notice is in the
report (`--format json`).

Each notice is one line: its path relative to the current directory, and whatever a name or a
message holds that is not printable escaped (`printable.line`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from kaman_lint import printable
from kaman_lint.findings import Notice
from kaman_lint.report._common import COUNTED_ONLY, one_line
from kaman_lint.report._paths import ReportPaths

SHOWN_PER_KIND = 10


def for_terminal(notices: Iterable[Notice], shown_per_kind: int = SHOWN_PER_KIND,
                 paths: ReportPaths | None = None) -> Iterator[str]:
    """The stderr lines for `notices`; `paths` says where their paths start from (default: the
    paths as they are, relative to the scan root)."""
    seen: Counter[str] = Counter()
    for notice in notices:
        if notice.kind in COUNTED_ONLY:
            continue
        seen[notice.kind] += 1
        if seen[notice.kind] <= shown_per_kind:
            yield describe(notice, paths)
    for kind, count in sorted(seen.items()):
        if count > shown_per_kind:
            yield (f"... and {count - shown_per_kind} more '{printable.line(kind)}' notices "
                   "(all of them are in the report: --format json)")


def describe(notice: Notice, paths: ReportPaths | None = None) -> str:
    """`path:line: message` on one line; `message` alone for a notice about no file (the command
    line prefixes every line with `kaman-lint: `)."""
    if notice.path is None:
        return printable.line(one_line(notice.message))
    where = paths.shown(notice.path) if paths else printable.line(notice.path)
    if notice.line is not None:
        where += f":{notice.line}"
    return f"{where}: {printable.line(one_line(notice.message))}"
