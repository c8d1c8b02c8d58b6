"""GitHub Actions workflow commands: one `::error file=...,line=...,col=...,title=...::message`
annotation per finding, notices as `::warning`, then a plain summary line (GitHub caps the
annotations shown per step, so the count is printed as well)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kaman_lint.findings import Severity
from kaman_lint.report._common import commit_note, rules_by_id, summary_line

if TYPE_CHECKING:
    from kaman_lint.findings import Finding, Notice, ScanResult
    from kaman_lint.rules.base import Rule

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    """The message part, after `::`."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (`file=`, `title=`, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, Any], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(result: ScanResult, rules: Sequence[type[Rule]], **_options: Any) -> str:
    result = result.sorted()
    names = {rule_id: rule.name for rule_id, rule in rules_by_id(rules).items()}
    lines = [_annotation(f, names.get(f.rule_id)) for f in result.findings]
    lines += [_notice(n) for n in result.notices]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def _annotation(finding: Finding, rule_name: str | None) -> str:
    loc = finding.location
    title = f"{finding.rule_id} {rule_name}" if rule_name else finding.rule_id
    properties = {"file": loc.path, "line": loc.line, "col": loc.column, "title": title}
    return command(COMMAND[Severity(finding.severity)], properties, _message(finding))


def _message(finding: Finding) -> str:
    lines = [finding.message + (f" {commit_note(finding.commit)}" if finding.commit else "")]
    for loc in sorted(finding.related):
        lines.append(f"Related: {loc.path}:{loc.line}:{loc.column}: {loc.message or 'related location'}")
    return "\n".join(lines)


def _notice(notice: Notice) -> str:
    properties: dict[str, Any] = {}
    if notice.path:
        properties["file"] = notice.path
        if notice.line is not None:
            properties["line"] = notice.line
    return command("warning", properties, notice.message)
