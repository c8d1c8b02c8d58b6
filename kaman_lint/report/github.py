"""GitHub Actions workflow commands: one `::error file=...,line=...,col=...,title=...::message`
annotation per finding, notices as `::warning`, then a plain summary line (GitHub caps the
annotations shown per step, so the count is printed as well)."""

from __future__ import annotations

from collections.abc import Sequence

from kaman_lint import printable
from kaman_lint.findings import Severity
from kaman_lint.report._common import COUNTED_ONLY, commit_note, counted, rules_by_id, summary_line
from kaman_lint.report._paths import ReportPaths

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any
    from kaman_lint.findings import Finding, Notice, ScanResult
    from kaman_lint.rules.base import Rule

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    """The message part, after `::`. Line breaks are the runner's own (`%0A`); any other
    character that is not printable is spelled out (`printable.line`), so nothing a file name
    or message holds can end the command or start another one."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable.line(text)


def escape_property(text: str) -> str:
    """A property value (`file=`, `title=`, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, Any], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(result: ScanResult, rules: Sequence[type[Rule]], *, cwd: str | None = None,
           **_options: Any) -> str:
    """Files relative to the current directory, as the runner resolves them (report/_paths.py).
    Binary files are counted in the summary, not annotated one by one."""
    result = result.sorted()
    paths = ReportPaths.of(result, cwd)
    names = {rule_id: rule.name for rule_id, rule in rules_by_id(rules).items()}
    lines = [_annotation(f, names.get(f.rule_id), paths) for f in result.findings]
    lines += [_notice(n, paths) for n in result.notices if n.kind not in COUNTED_ONLY]
    lines.append(printable.line(summary_line(result)))
    return "\n".join(lines) + "\n"


def _annotation(finding: Finding, rule_name: str | None, paths: ReportPaths) -> str:
    loc = finding.location
    title = f"{finding.rule_id} {rule_name}" if rule_name else finding.rule_id
    properties = {"file": paths.from_cwd(loc.path), "line": loc.line, "col": loc.column, "title": title}
    return command(COMMAND[Severity(finding.severity)], properties, _message(finding, paths))


def _message(finding: Finding, paths: ReportPaths) -> str:
    lines = [counted(finding) + (f" {commit_note(finding.commit)}" if finding.commit else "")]
    for loc in sorted(finding.related):
        lines.append(f"Related: {paths.from_cwd(loc.path)}:{loc.line}:{loc.column}: "
                     f"{loc.message or 'related location'}")
    return "\n".join(lines)


def _notice(notice: Notice, paths: ReportPaths) -> str:
    properties: dict[str, Any] = {}
    if notice.path:
        properties["file"] = paths.from_cwd(notice.path)
        if notice.line is not None:
            properties["line"] = notice.line
    return command("error" if notice.is_error else "warning", properties, notice.message)
