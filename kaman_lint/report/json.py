"""JSON: `{"schema_version", "version", "findings", "errors", "skipped", "notices", "summary"}`,
keys in a fixed order, indent 2. The shape is documented, and checked against real output by the
tests, in `docs/json-report.schema.json`; `schema_version` changes only when
a consumer written for the old shape could misread the new one (new fields are additions).

Paths are relative to the current directory, as in the text output (report/_paths.py).
`errors` holds only what the scan could not check (exit 2), `skipped` what it left out by choice
(binary, too large), `notices` the rest (parse errors, suppression hygiene): findings.NoticeClass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kaman_lint import __version__
from kaman_lint.findings import NoticeClass, Severity
from kaman_lint.indented_json import LazyArray
from kaman_lint.report._common import counts_by_rule, rules_by_id
from kaman_lint.report._paths import ReportPaths

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any
    from kaman_lint.findings import CommitInfo, Finding, HistoryScope, Location, Notice, ScanResult
    from kaman_lint.rules.base import Rule


SCHEMA_VERSION = 1


def document(result: ScanResult, rules: Sequence[type[Rule]], *, cwd: str | None = None,
             **_options: Any) -> dict[str, Any]:
    result = result.sorted()
    paths = ReportPaths.of(result, cwd)
    names = {rule_id: rule.name for rule_id, rule in rules_by_id(rules).items()}
    document = {
        "schema_version": SCHEMA_VERSION,
        "version": __version__,
        # made one by one as they are written (see indented_json.LazyArray)
        "findings": LazyArray(result.findings, lambda f: _finding(f, names.get(f.rule_id), paths)),
        "errors": [_notice(n, paths) for n in result.errors],
        "skipped": [_notice(n, paths) for n in result.skipped],
        "notices": [_notice(n, paths) for n in result.notices_of(NoticeClass.INFO)],
        "suppressed": [_suppressed(f, names.get(f.rule_id), paths) for f in result.suppressed],
        "summary": _summary(result),
    }
    if result.history is not None:
        document["history"] = _history(result.history)
    return document


def _finding(finding: Finding, rule_name: str | None, paths: ReportPaths) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule_id": finding.rule_id,
        "rule_name": rule_name,
        "severity": Severity(finding.severity).value,
        "path": paths.from_cwd(loc.path),
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "message": finding.message,
        "fingerprint": finding.fingerprint,
        "preview": finding.preview,
        "related": [_related(r, paths) for r in sorted(finding.related)],
        "occurrences": finding.occurrences,
        "repeats": [_related(r, paths) for r in finding.repeats],
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


def _suppressed(finding: Finding, rule_name: str | None, paths: ReportPaths) -> dict[str, Any]:
    """A finding hidden by a suppression comment (`inSource`) or the config (`external`)."""
    entry = _finding(finding, rule_name, paths)
    suppression = finding.suppression
    if suppression is not None:
        entry["suppression"] = {"kind": suppression.kind, "justification": suppression.justification,
                                "line": suppression.location.line if suppression.location else None}
    return entry


def _related(loc: Location, paths: ReportPaths) -> dict[str, Any]:
    return {"path": paths.from_cwd(loc.path), "line": loc.line, "column": loc.column,
            "end_line": loc.end_line, "end_column": loc.end_column, "message": loc.message}


def _notice(notice: Notice, paths: ReportPaths) -> dict[str, Any]:
    path = paths.from_cwd(notice.path) if notice.path else None
    return {"kind": notice.kind, "path": path, "line": notice.line, "message": notice.message}


def _summary(result: ScanResult) -> dict[str, Any]:
    skipped = Counter(n.kind for n in result.skipped)
    return {
        "files_scanned": result.files_scanned,
        "findings": len(result.findings),
        "by_rule": counts_by_rule(result.findings),
        "errors": len(result.errors),
        "skipped": len(result.skipped),
        "skipped_by_kind": {kind: skipped[kind] for kind in sorted(skipped)},
        "notices": len(result.notices_of(NoticeClass.INFO)),
        "suppressed": len(result.suppressed),
        "baselined": result.baselined,
        "excluded": result.excluded,
    }
