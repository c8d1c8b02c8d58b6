"""Text: one `path:line:col: KAM001 message` line per finding (vim errorformat `%f:%l:%c: %m`),
related locations indented beneath it, then a summary line. ANSI colour only when asked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.report._common import one_line, summary_line

if TYPE_CHECKING:
    from kaman_lint.findings import ScanResult
    from kaman_lint.rules.base import Rule

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
SEVERITY_COLOR = {
    Severity.ERROR: "\x1b[31m",    # red
    Severity.WARNING: "\x1b[33m",  # yellow
    Severity.NOTE: "\x1b[36m",     # cyan
}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.enabled else text


def render(result: ScanResult, rules: Sequence[type[Rule]], *, color: bool = False,
           **_options: Any) -> str:
    paint = _Paint(color)
    lines: list[str] = []
    for finding in result.sorted().findings:
        lines.append(_finding_line(finding, paint))
        lines.extend(_related_line(loc, paint) for loc in sorted(finding.related))
    lines.append(paint(summary_line(result), BOLD))
    return "\n".join(lines) + "\n"


def _position(loc: Location) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}"


def _finding_line(finding: Finding, paint: _Paint) -> str:
    rule = paint(finding.rule_id, BOLD + SEVERITY_COLOR[Severity(finding.severity)])
    return f"{paint(_position(finding.location), BOLD)}: {rule} {one_line(finding.message)}"


def _related_line(loc: Location, paint: _Paint) -> str:
    message = one_line(loc.message or "related location")
    return paint(f"    {_position(loc)}: {message}", DIM)
