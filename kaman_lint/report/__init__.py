"""Reporters: turn a :class:`~kaman_lint.findings.ScanResult` into one output format.

Each format lives in its own module and is imported only when used. Output is deterministic:
the same result gives the same bytes (findings sorted by :attr:`Finding.sort_key`, no clocks
read except where a format demands a time and the caller gave none).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any
    from kaman_lint.findings import ScanResult
    from kaman_lint.rules.base import Rule

FORMATS = ("text", "json", "sarif", "github", "gitlab")

# Every option some format understands. A format ignores the ones it does not use, so the CLI
# can pass one set for all formats; a name outside this set is a programming error.
OPTIONS = frozenset({
    "now",            # gitlab: datetime used for scan.start_time and scan.end_time
    "start_time",     # gitlab: datetime, overrides `now` for start_time
    "end_time",       # gitlab: datetime, overrides `now` for end_time
    "success",        # sarif executionSuccessful / gitlab scan.status (default: not incomplete)
    "automation_id",  # sarif automationDetails.id (default "kaman-lint/")
    "commit_sha",     # gitlab location.commit.sha (default "0000000")
    "cwd",            # the directory paths are shown relative to (default: the current one)
})


def render(fmt: str, result: ScanResult, rules: Sequence[type[Rule]], *, color: bool = False,
           **options: Any) -> str:
    """Render `result` in format `fmt`. `rules` describes every rule that may appear in it."""
    return "".join(render_chunks(fmt, result, rules, color=color, **options))


def render_chunks(fmt: str, result: ScanResult, rules: Sequence[type[Rule]], *, color: bool = False,
                  **options: Any) -> list[str]:
    """The text of :func:`render`, in chunks to write one after the other: a JSON report of a
    bundle (150 MB) is not also held joined."""
    module = _format(fmt, options)
    if not hasattr(module, "document"):  # the line formats render their text; the others a JSON document
        return [module.render(result, rules, color=color, **options)]
    from kaman_lint import printable

    return [*printable.dump_chunks(module.document(result, rules, color=color, **options), indent=2), "\n"]


def render_utf8(fmt: str, result: ScanResult, rules: Sequence[type[Rule]], *, color: bool = False,
                **options: Any) -> Iterator[bytes]:
    """The text of :func:`render_chunks` as UTF-8, rendered now and encoded as it is read
    (`printable.utf8`: one encoding of each chunk, which is also the test for undecodable bytes
    a JSON document spells)."""
    from kaman_lint import printable

    module = _format(fmt, options)
    if not hasattr(module, "document"):
        return printable.utf8([module.render(result, rules, color=color, **options)], spell=False)
    return printable.utf8([*printable.raw_chunks(module.document(result, rules, color=color, **options), indent=2),
                           "\n"], spell=True)


def _format(fmt: str, options: dict[str, Any]) -> Any:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    unknown = set(options) - OPTIONS
    if unknown:
        raise TypeError(f"unknown report option(s): {', '.join(sorted(unknown))}")
    return importlib.import_module(f"{__name__}.{fmt}")
