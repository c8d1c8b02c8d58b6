"""JSON: `{"version", "findings", "errors", "summary"}`, keys in a fixed order, indent 2."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kaman_lint import __version__
from kaman_lint.findings import Severity
from kaman_lint.report._common import counts_by_rule, rules_by_id

if TYPE_CHECKING:
    from kaman_lint.findings import CommitInfo, Finding, HistoryScope, Location, Notice, ScanResult
    from kaman_lint.rules.base import Rule


def render(result: ScanResult, rules: Sequence[type[Rule]], **_options: Any) -> str:
    result = result.sorted()
    names = {rule_id: rule.name for rule_id, rule in rules_by_id(rules).items()}
    document = {
        "version": __version__,
        "findings": [_finding(f, names.get(f.rule_id)) for f in result.findings],
        "errors": [_error(n) for n in result.notices],
        "suppressed": [_suppressed(f, names.get(f.rule_id)) for f in result.suppressed],
        "summary": _summary(result),
    }
    if result.history is not None:
        document["history"] = _history(result.history)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding: Finding, rule_name: str | None) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule_id": finding.rule_id,
        "rule_name": rule_name,
        "severity": Severity(finding.severity).value,
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "message": finding.message,
        "fingerprint": finding.fingerprint,
        "preview": finding.preview,
        "related": [_related(r) for r in sorted(finding.related)],
        **({"commit": _commit(finding.commit)} if finding.commit is not None else {}),
    }


def _commit(commit: CommitInfo) -> dict[str, Any]:
    return {
        "sha": commit.sha,
        "date": commit.date,
        "author": commit.author,
        "in_head": commit.in_head,
        "removed_in": commit.removed_in,
        "later_commits": commit.later_commits,
    }


def _history(scope: HistoryScope) -> dict[str, Any]:
    return {"revisions": scope.revisions, "commits": scope.commits, "head": scope.head,
            "branch": scope.branch}


def _suppressed(finding: Finding, rule_name: str | None) -> dict[str, Any]:
    """A finding hidden by a suppression comment (`inSource`) or the config (`external`)."""
    entry = _finding(finding, rule_name)
    suppression = finding.suppression
    if suppression is not None:
        entry["suppression"] = {"kind": suppression.kind, "justification": suppression.justification,
                                "line": suppression.location.line if suppression.location else None}
    return entry


def _related(loc: Location) -> dict[str, Any]:
    return {"path": loc.path, "line": loc.line, "column": loc.column, "message": loc.message}


def _error(notice: Notice) -> dict[str, Any]:
    return {"kind": notice.kind, "path": notice.path, "line": notice.line, "message": notice.message}


def _summary(result: ScanResult) -> dict[str, Any]:
    return {
        "files_scanned": result.files_scanned,
        "findings": len(result.findings),
        "by_rule": counts_by_rule(result.findings),
        "errors": len(result.notices),
        "suppressed": len(result.suppressed),
        "baselined": result.baselined,
    }
