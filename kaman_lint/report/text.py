"""Text: one `path:line:col: KAM001 message` line per finding (vim errorformat `%f:%l:%c: %m`),
its related locations folded into the end of that line, then a summary line. Paths are relative
to the current directory (report/_paths.py); what a name or message holds that is not printable
is escaped (`printable.line`), so every record is one line. ANSI colour only when asked."""

from __future__ import annotations

from collections.abc import Sequence

from kaman_lint import printable
from kaman_lint.findings import Finding, Location, Severity
from kaman_lint.report._common import commit_note, counted, one_line, summary_line
from kaman_lint.report._paths import ReportPaths

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any
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
           cwd: str | None = None, **_options: Any) -> str:
    paint = _Paint(color)
    paths = ReportPaths.of(result, cwd)
    lines: list[str] = []
    for finding in result.sorted().findings:
        lines.append(_finding_line(finding, paint, paths))
    lines.append(paint(summary_line(result), BOLD))
    return "\n".join(lines) + "\n"


def _position(loc: Location, paths: ReportPaths) -> str:
    return f"{paths.shown(loc.path)}:{loc.line}:{loc.column}"


def _finding_line(finding: Finding, paint: _Paint, paths: ReportPaths) -> str:
    rule = paint(finding.rule_id, BOLD + SEVERITY_COLOR[Severity(finding.severity)])
    line = f"{paint(_position(finding.location, paths), BOLD)}: {rule} {_text(counted(finding))}"
    if finding.commit is not None:
        line += " " + paint(_text(commit_note(finding.commit)), DIM)
    unnamed = [loc for loc in finding.related if f"{loc.path}:{loc.line}" not in finding.message]
    if unnamed:
        line += " " + paint(_related(unnamed, paths), DIM)
    return line


def _text(message: str) -> str:
    return printable.line(one_line(message))


def _related(related: list[Location], paths: ReportPaths) -> str:
    """`(development: .env.development:2; ...)`: on the finding's own line, so that every line
    but the summary is one `path:line:col: message` for editors and grep. Places the message
    already names are not repeated."""
    parts = (f"{_text(loc.message or 'related')}: {paths.shown(loc.path)}:{loc.line}" for loc in sorted(related))
    return f"({'; '.join(parts)})"
