"""GitLab secret-detection report (`gl-secret-detection-report.json`, schema 15.0.7).

Vulnerabilities carry only what schema 15.x allows: `category`, `scanner`, `message`, `cve` and
`confidence` were removed from them in 15.0.0 (the scanner is named once, under `scan`).

No secret text: `raw_source_code_extract` is never written; the description names the key only
by its redacted preview (`kam_` + 4 characters + `…`) and fingerprint."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import datetime, timezone

from kaman_lint import __version__, printable
from kaman_lint.findings import NoticeClass, Severity
from kaman_lint.report._common import commit_note, counted, occurrence_numbers, rules_by_id
from kaman_lint.report._paths import ReportPaths

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any
    from kaman_lint.findings import Finding, Notice, ScanResult
    from kaman_lint.rules.base import Rule

SCHEMA_VERSION = "15.0.7"
TOOL = {"id": "kaman-lint", "name": "kaman-lint"}
TOOL_URL = "https://pypi.org/project/kaman-lint/"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
NO_COMMIT = "0000000"
# Fixed namespace so vulnerability ids are the same on every machine and every run.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, TOOL_URL)
# When a finding's rule is unknown, its own severity decides.
FALLBACK_SEVERITY = {Severity.ERROR: "High", Severity.WARNING: "Medium", Severity.NOTE: "Low"}


def document(result: ScanResult, rules: Sequence[type[Rule]], *, now: datetime | None = None,
             start_time: datetime | None = None, end_time: datetime | None = None,
             success: bool | None = None, commit_sha: str | None = None, cwd: str | None = None,
             **_options: Any) -> dict[str, Any]:
    """Files are named from the source root (the repository's top: report/_paths.py), as GitLab
    links them; `success` (scan.status) defaults to whether the scan checked all it was asked to."""
    result = result.sorted()
    files = _Files(ReportPaths.of(result, cwd))
    table = rules_by_id(rules)
    numbers = occurrence_numbers(result.findings)
    clock = now or datetime.now(timezone.utc)
    report = {
        "version": SCHEMA_VERSION,
        "vulnerabilities": [
            _vulnerability(f, n, table.get(f.rule_id), commit_sha or NO_COMMIT, files)
            for f, n in zip(result.findings, numbers)
        ],
        "scan": _scan(result.notices, start_time or clock, end_time or clock,
                      not result.incomplete if success is None else success, files),
    }
    return report


class _Files:
    """A report path as GitLab wants it: from the source root (absolute when outside it)."""

    def __init__(self, paths: ReportPaths) -> None:
        self.paths = paths

    def __call__(self, path: str) -> str:
        return printable.unicode(self.paths.from_source_root(path) or self.paths.absolute(path))


# --- vulnerabilities -----------------------------------------------------------------------

def vulnerability_id(finding: Finding, occurrence: int, file: str) -> str:
    """A UUID from (rule, file, fingerprint, occurrence): stable when code moves in a file."""
    name = "\0".join((finding.rule_id, file, finding.fingerprint, str(occurrence)))
    return str(uuid.uuid5(ID_NAMESPACE, name))


def _vulnerability(finding: Finding, occurrence: int, rule: type[Rule] | None,
                   commit_sha: str, files: _Files) -> dict[str, Any]:
    return {
        "id": vulnerability_id(finding, occurrence, files(finding.location.path)),
        "name": (rule.summary().rstrip(".") or rule.name) if rule else finding.rule_id,
        "description": _description(finding, files),
        "severity": _severity(finding, rule),
        "location": _location(finding, commit_sha, files),
        "identifiers": _identifiers(finding, rule),
    }


def _description(finding: Finding, files: _Files) -> str:
    parts = [counted(finding) + (f" {commit_note(finding.commit)}." if finding.commit else "")]
    if finding.preview:
        parts.append(f"Key: {finding.preview} (fingerprint {finding.fingerprint}).")
    for loc in sorted(finding.related):
        parts.append(f"Related: {files(loc.path)}:{loc.line}: {loc.message or 'related location'}.")
    return "\n\n".join(parts)


def _severity(finding: Finding, rule: type[Rule] | None) -> str:
    """GitHub's security-severity bands, which GitLab's levels mirror."""
    if rule is None:
        return FALLBACK_SEVERITY[Severity(finding.severity)]
    try:
        score = float(rule.security_severity)
    except (TypeError, ValueError):
        return FALLBACK_SEVERITY[Severity(finding.severity)]
    if score >= 9.0:
        return "Critical"
    if score >= 7.0:
        return "High"
    if score >= 4.0:
        return "Medium"
    if score > 0.0:
        return "Low"
    return "Info"


def _location(finding: Finding, commit_sha: str, files: _Files) -> dict[str, Any]:
    loc = finding.location
    location: dict[str, Any] = {"file": files(loc.path), "start_line": loc.line}
    if loc.end_line is not None:
        location["end_line"] = loc.end_line
    commit = finding.commit
    # a history finding names the commit that introduced the key; a tree scan the CI's commit
    location["commit"] = ({"sha": commit.sha, "author": commit.author, "date": commit.date}
                          if commit is not None else {"sha": commit_sha})
    return location


def _identifiers(finding: Finding, rule: type[Rule] | None) -> list[dict[str, str]]:
    name = f"kaman-lint rule {finding.rule_id}" + (f" {rule.name}" if rule else "")
    identifiers = [{"type": "kaman_lint_rule_id", "name": name, "value": finding.rule_id}]
    for cwe in rule.cwe if rule else ():
        number = re.search(r"\d+", str(cwe))
        if number:
            identifiers.append({
                "type": "cwe",
                "name": f"CWE-{number.group()}",
                "value": number.group(),
                "url": f"https://cwe.mitre.org/data/definitions/{number.group()}.html",
            })
    return identifiers


# --- scan ----------------------------------------------------------------------------------

def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime(TIME_FORMAT)


def _tool(**extra: Any) -> dict[str, Any]:
    return {**TOOL, **extra, "version": __version__, "vendor": {"name": "kaman-lint"}}


# A message's level by what the notice means for the gate (findings.NoticeClass).
MESSAGE_LEVEL = {NoticeClass.ERROR: "warn", NoticeClass.INFO: "info", NoticeClass.SKIPPED: "info"}


def _scan(notices: Sequence[Notice], start: datetime, end: datetime, success: bool,
          files: _Files) -> dict[str, Any]:
    scan: dict[str, Any] = {
        "analyzer": _tool(),
        "scanner": _tool(url=TOOL_URL),
        "type": "secret_detection",
        "start_time": _timestamp(start),
        "end_time": _timestamp(end),
        "status": "success" if success else "failure",
    }
    if notices:
        scan["messages"] = [{"level": MESSAGE_LEVEL[n.notice_class], "value": _message(n, files)}
                            for n in notices]
    return scan


def _message(notice: Notice, files: _Files) -> str:
    where = files(notice.path) if notice.path else "kaman-lint"
    return f"{where}{f':{notice.line}' if notice.line is not None else ''}: {notice.message}"
