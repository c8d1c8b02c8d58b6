"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

One run; rules described in `tool.driver.rules` from the Rule classes; locations relative to
`%SRCROOT%`, the source root (the git work tree's top, else the scan root: report/_paths.py), so
the URIs are the same whatever directory the scan started from and resolve against the checkout
GitHub code scanning makes; URIs percent-encode the file names' own bytes; columns in Unicode code
points; no timestamps, so the same scan gives the same bytes.
"""

from __future__ import annotations

import os
import re
from json.encoder import encode_basestring  # the C escaper indented_json writes strings with
from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter
from pathlib import Path

from kaman_lint import __version__, printable
from kaman_lint.findings import NOTICE_KEY, SORT_KEY, NoticeClass, Severity
from kaman_lint.indented_json import LazyArray
from kaman_lint.report._common import counted, rules_by_id
from kaman_lint.report._paths import ReportPaths
from kaman_lint.sha256 import sha256

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any
    from kaman_lint.findings import CommitInfo, Finding, HistoryScope, Location, Notice, ScanResult, Suppression
    from kaman_lint.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/kaman-lint/"
SRCROOT = "%SRCROOT%"
DEFAULT_AUTOMATION_ID = "kaman-lint/"  # category "kaman-lint": everything before the last "/"
MAX_DESCRIPTION = 1024  # GitHub's limit for shortDescription/fullDescription
MAX_TAGS = 10  # GitHub shows 10 tags (and rejects more than 20)
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "recommendation"}


def document(result: ScanResult, rules: Sequence[type[Rule]], *, success: bool | None = None,
             automation_id: str = DEFAULT_AUTOMATION_ID, cwd: str | None = None,
             **_options: Any) -> dict[str, Any]:
    """`success` (executionSuccessful) defaults to whether the scan checked all it was asked to."""
    # the findings are sorted below, open and suppressed together (`reported`), so of
    # `result.sorted()` only the notices' order is needed (a stable sort of the two lists
    # joined orders them as sorting each first would)
    notices = sorted(result.notices, key=NOTICE_KEY)
    paths = ReportPaths.of(result, cwd)
    table = rules_by_id(rules)
    index = {rule_id: i for i, rule_id in enumerate(table)}
    # open and suppressed results together: the same key hidden on one line and open on
    # another of a file must stay two alerts (their occurrence numbers are counted together)
    reported = sorted(result.findings + result.suppressed, key=SORT_KEY)
    line_hashes = _line_hashes(reported, paths)
    run = {
        "tool": {"driver": _driver(table.values())},
        "automationDetails": {"id": automation_id},
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri(paths.source_root)}},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(notices, not result.incomplete if success is None else success,
                                    paths)],
        # made one by one as they are written: 160,000 results are not all held as dicts; most
        # are written as text (`_plain_result_text`)
        "results": LazyArray(list(zip(reported, map(index.get, map(_RULE_ID, reported)), line_hashes, repeat(paths))),
                             _result_of, _plain_result_text),
    }
    if result.history is not None and result.history.head:
        run["versionControlProvenance"] = [_provenance(result.history, paths.source_root)]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


# --- tool.driver ---------------------------------------------------------------------------

def _driver(rules: Sequence[type[Rule]]) -> dict[str, Any]:
    return {
        "name": "kaman-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in rules],
    }


def _rule(rule: type[Rule]) -> dict[str, Any]:
    severity = Severity(rule.severity)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _truncate(rule.summary() or rule.name)},
        "fullDescription": {"text": _truncate(_full_description(rule))},
        "help": {"text": rule.help_text() or rule.summary() or rule.name, "markdown": rule.help_markdown()},
        "defaultConfiguration": {"level": severity.value},
        "properties": {
            "tags": _tags(rule),
            "precision": rule.precision,
            "security-severity": str(rule.security_severity),
            "problem.severity": PROBLEM_SEVERITY[severity],
        },
    }


def _full_description(rule: type[Rule]) -> str:
    sections = rule.sections()
    parts = [sections.get("What it flags", ""), sections.get("Why is this bad?", "")]
    return "\n\n".join(p for p in parts if p) or rule.summary() or rule.name


def _truncate(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tags(rule: type[Rule]) -> list[str]:
    tags = ["security", *rule.tags, *(_cwe_tag(c) for c in rule.cwe)]
    return list(dict.fromkeys(t for t in tags if t))[:MAX_TAGS]


def _cwe_tag(cwe: str) -> str:
    """"CWE-798", "cwe-798" or "798" -> "external/cwe/cwe-798" (the CodeQL convention)."""
    number = re.search(r"\d+", str(cwe))
    return f"external/cwe/cwe-{number.group()}" if number else ""


# --- locations -----------------------------------------------------------------------------

def root_uri(root: str) -> str:
    """A directory as an absolute, percent-encoded `file:` URI ending in `/`, redacted: the
    checkout's own directories are anyone's to name (`x_kam_<key>/`), as are the tree's."""
    from kaman_lint.keys import redact_path

    path = redact_path(Path(os.path.abspath(root)).as_posix())  # abspath: no symlink resolution
    uri = "file://" + printable.uri_path(path if path.startswith("/") else "/" + path)
    return uri if uri.endswith("/") else uri + "/"


def relative_uri(path: str) -> str:
    """A `/`-separated relative path as a relative URI reference (`:` encoded too, so that the
    first segment cannot read as a scheme)."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    # most paths hold only characters percent-encoding leaves as they are: no encoding to do
    return path if _URI_UNCHANGED.issuperset(path) else printable.uri_path(path)


# what `urllib.parse.quote(safe=printable.URI_SAFE)`, which `printable.uri_path` asks, leaves alone
_URI_UNCHANGED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~" + printable.URI_SAFE)


def _artifact(path: str, paths: ReportPaths) -> dict[str, str]:
    """Under `%SRCROOT%`; a path outside the source root (a stale baseline entry) is absolute."""
    return dict(_artifact_of(path, paths))  # a copy: each result owns its dict


def _artifact_of(path: str, paths: ReportPaths) -> dict[str, str]:
    """`_artifact`, worked out once per path of a report (a bundle names its file per finding)."""
    found = paths.per_path.get(("sarif-artifact", path))
    if found is None:
        found = paths.per_path["sarif-artifact", path] = _artifact_uncached(path, paths)
    return found  # type: ignore[return-value]


def _artifact_uncached(path: str, paths: ReportPaths) -> dict[str, str]:
    relative = paths.from_source_root(path)
    if relative is None:
        return {"uri": root_uri(paths.absolute(path)).rstrip("/")}
    return {"uri": relative_uri(relative), "uriBaseId": SRCROOT}


def _physical(loc: Location | None, path: str, paths: ReportPaths, line: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(path, paths)}
    if loc is not None:
        physical["region"] = _region(loc)
    elif line is not None:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _region(loc: Location) -> dict[str, int]:
    region = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end_line is not None:
        region["endLine"] = loc.end_line
    if loc.end_column is not None:
        region["endColumn"] = loc.end_column  # exclusive, like SARIF's
    return region


# --- results -------------------------------------------------------------------------------

def _result(finding: Finding, rule_index: int | None, line_hash: str, paths: ReportPaths) -> dict[str, Any]:
    related = sorted(finding.related)
    result: dict[str, Any] = {"ruleId": finding.rule_id}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = Severity(finding.severity).value
    result["message"] = {"text": _message(counted(finding), related, paths)}
    result["locations"] = [_physical(finding.location, finding.location.path, paths)]
    result["partialFingerprints"] = {
        "kamanKeyHash/v1": finding.fingerprint,
        "primaryLocationLineHash": line_hash,
    }
    if related or finding.repeats:
        # The repeats on the line (kaman_lint/repeats.py) follow the related places, not linked
        # from the message (which says their count).
        result["relatedLocations"] = [_related(i, loc, paths) for i, loc in enumerate(related, start=1)] + [
            _related(i, loc, paths, f"also here (occurrence {n} of {finding.occurrences:,} on this line)")
            for n, (i, loc) in enumerate(enumerate(finding.repeats, start=len(related) + 1), start=2)]
    if finding.flow:
        result["codeFlows"] = [_code_flow(finding.flow, paths)]
    if finding.commit is not None:
        result["properties"] = _commit_properties(finding.commit)
    if finding.occurrences > 1:
        result.setdefault("properties", {})["occurrences"] = finding.occurrences
    if finding.suppression is not None:
        result["suppressions"] = [_suppression(finding.suppression, paths)]
    return result


_RULE_ID = attrgetter("rule_id")


def _result_of(source: tuple[Finding, int | None, str, ReportPaths]) -> dict[str, Any]:
    """`_result` of a `results` source: (finding, rule index, line hash, paths)."""
    return _result(*source)


def _plain_result_text(newline: str, step: str, source: tuple[Finding, int | None, str, ReportPaths]) -> str | None:
    """The indented JSON text of `_result_of(source)` as indented_json writes it at `newline`,
    for a result of the plain shape (one location, nothing related, repeated, suppressed, from
    history); None for any other, or a value it does not write the same. A bundle's 30,000
    results are each one string format, not five dicts walked by the JSON writer."""
    finding, rule_index, line_hash, paths = source
    if (rule_index is None or finding.related or finding.repeats or finding.flow or finding.commit is not None
            or finding.occurrences != 1 or finding.suppression is not None):
        return None
    loc = finding.location
    line, column, end_line, end_column = loc.line, loc.column, loc.end_line, loc.end_column
    # exact ints only (f-strings write them as `int.__repr__` does; a subclass may not)
    if type(line) is not int or type(column) is not int or type(rule_index) is not int:
        return None
    frame = _PLAIN_FRAMES.get((newline, step))
    if frame is None:
        frame = _PLAIN_FRAMES[newline, step] = _plain_frame(newline, step)
    n5 = frame[1]
    region = f"{n5}\"startLine\": {line},{n5}\"startColumn\": {column}"
    if end_line is not None:
        if type(end_line) is not int:
            return None
        region += f",{n5}\"endLine\": {end_line}"
    if end_column is not None:
        if type(end_column) is not int:
            return None
        region += f",{n5}\"endColumn\": {end_column}"
    level = _LEVELS.get(finding.severity)
    if level is None:
        level = _LEVELS[finding.severity] = encode_basestring(Severity(finding.severity).value)
    fingerprint = finding.fingerprint
    if not (type(finding.message) is type(fingerprint) is type(line_hash) is type(finding.rule_id) is str):
        return None
    artifact = paths.per_path.get((_ARTIFACT_TEXT, n5, loc.path))
    if artifact is None:
        artifact = _artifact_text(loc.path, paths, n5, frame[7])
    return "".join((
        frame[2], encode_basestring(finding.rule_id), frame[3], f"{rule_index}", frame[4], level,
        frame[5], encode_basestring(finding.message), frame[6], artifact,
        frame[8], region, frame[9], encode_basestring(fingerprint), frame[10], encode_basestring(line_hash),
        frame[11]))


_PLAIN_FRAMES: dict[tuple[str, str], tuple[str, ...]] = {}  # (newline, step) -> the fixed text
_LEVELS: dict[Any, str] = {}  # a finding's severity -> its JSON-encoded SARIF level


def _plain_frame(newline: str, step: str) -> tuple[str, ...]:
    """The fixed text around a plain result's values, at one indentation: n1..n5 are the
    line breaks of its five nesting levels, as indented_json writes them."""
    n1, n2, n3, n4, n5 = (newline + step * depth for depth in range(1, 6))
    return (
        n2, n5,
        f'{{{n1}"ruleId": ', f',{n1}"ruleIndex": ', f',{n1}"level": ',
        f',{n1}"message": {{{n2}"text": ',
        f'{n1}}},{n1}"locations": [{n2}{{{n3}"physicalLocation": {{{n4}"artifactLocation": ',
        n4,
        f',{n4}"region": {{',
        f'{n4}}}{n3}}}{n2}}}{n1}],{n1}"partialFingerprints": {{{n2}"kamanKeyHash/v1": ',
        f',{n2}"primaryLocationLineHash": ',
        f'{n1}}}{newline}}}',
    )


_ARTIFACT_TEXT = "sarif-artifact-text"  # in `ReportPaths.per_path`: (this, inner, path) -> the text


def _artifact_text(path: str, paths: ReportPaths, inner: str, newline: str) -> str:
    """The text of `_artifact(path, paths)` as indented_json writes it (entries at `inner`,
    the closing brace at `newline`), once per path and indentation."""
    key = (_ARTIFACT_TEXT, inner, path)
    found = paths.per_path.get(key)
    if found is None:
        entries = ",".join([f"{inner}{encode_basestring(k)}: {encode_basestring(v)}"
                            for k, v in _artifact_uncached(path, paths).items()])
        found = paths.per_path[key] = "{" + entries + newline + "}"
    return found  # type: ignore[return-value]


def _suppression(suppression: Suppression, paths: ReportPaths) -> dict[str, Any]:
    """SARIF §3.35: a suppression comment (`inSource`) or the config's per-file-ignores
    (`external`), with the reason; viewers show the result as suppressed, not open."""
    entry: dict[str, Any] = {"kind": suppression.kind, "status": "accepted",
                             "justification": suppression.justification}
    if suppression.location is not None:
        entry["location"] = _physical(suppression.location, suppression.location.path, paths)
    return entry


def _commit_properties(commit: CommitInfo) -> dict[str, Any]:
    """The commit that introduced the key (history scans). `partialFingerprints` stay key-based,
    so a key found again in another commit is the same alert."""
    return {
        "commit": commit.sha,
        "commitDate": commit.date,
        "commitAuthor": commit.author,
        "inHead": commit.in_head,
        "removedIn": commit.removed_in,
        "laterCommits": commit.later_commits,
    }


def _provenance(scope: HistoryScope, root: str) -> dict[str, Any]:
    """The revision a history scan ran at (SARIF §3.14.28), so viewers can link to files."""
    details: dict[str, Any] = {"repositoryUri": scope.repository_uri or root_uri(root),
                               "revisionId": scope.head, "mappedTo": {"uriBaseId": SRCROOT}}
    if scope.branch:
        details["branch"] = scope.branch
    return details


def _message(message: str, related: Sequence[Location], paths: ReportPaths) -> str:
    """The finding's message, plus `[path:line](id)` links to its related locations: each link
    names the id of a `relatedLocations` entry, so viewers can jump there."""
    if not related:
        return message
    links = ", ".join(f"[{_link_text(loc, paths)}]({i})" for i, loc in enumerate(related, start=1))
    return f"{message} Related: {links}."


def _link_text(loc: Location, paths: ReportPaths) -> str:
    # Literal square brackets inside link text must be escaped (SARIF §3.11.6).
    shown = paths.from_source_root(loc.path) or paths.absolute(loc.path)
    return re.sub(r"([\[\]\\])", r"\\\1", f"{printable.line(shown)}:{loc.line}")


def _code_flow(steps: Sequence[Location], paths: ReportPaths) -> dict[str, Any]:
    """SARIF §3.36: the way across files to a finding (an entry point, its imports, the key),
    which GitHub code scanning shows step by step."""
    return {"threadFlows": [{"locations": [
        {"location": {**_physical(step, step.path, paths), "message": {"text": step.message or "step"}}}
        for step in steps]}]}


def _related(ident: int, loc: Location, paths: ReportPaths, message: str | None = None) -> dict[str, Any]:
    return {"id": ident, **_physical(loc, loc.path, paths),
            "message": {"text": message or loc.message or "related location"}}


def _line_hashes(findings: Sequence[Finding], paths: ReportPaths) -> list[str]:
    """GitHub keys code-scanning alerts on `primaryLocationLineHash`. When it is missing the
    upload action hashes the text of the flagged line, so editing or moving that line churns
    the alert (closed here, reopened there). We derive it from (rule id, key fingerprint, path)
    instead: the alert follows the key, not the line. `:n` numbers repeated occurrences of the
    same key in the same file, as GitHub's own line hashes do, so they stay distinct alerts.
    The path is the source-root one: the alert does not depend on where the scan started."""
    hashes = []
    # (rule, fingerprint, path) -> [digest, occurrences so far]: the same key repeats, hashed
    # once per file, its occurrences numbered as `occurrence_numbers` numbers them
    seen: dict[tuple[str, str, str], list] = {}
    # path -> "\0" and its source-root text, the identity's tail: a bundle's 29,000 findings
    # name one path, worked out once (this call's own: nothing is kept for another report)
    tails: dict[str, str] = {}
    for which in map(_IDENTITY, findings):
        entry = seen.get(which)
        if entry is None:
            rule_id, fingerprint, path = which
            tail = tails.get(path)
            if tail is None:
                tail = tails[path] = "\0" + printable.unicode(paths.from_source_root(path) or path)
            identity = rule_id + "\0" + fingerprint + tail  # "\0".join((rule_id, fingerprint, path))
            entry = seen[which] = [sha256(identity.encode()).hexdigest()[:16], 0]
        entry[1] += 1
        hashes.append(f"{entry[0]}:{entry[1]}")
    return hashes


_IDENTITY = attrgetter("rule_id", "fingerprint", "location.path")


# --- invocation ----------------------------------------------------------------------------

# A notification's level by what the notice means for the gate (findings.NoticeClass).
NOTIFICATION_LEVEL = {NoticeClass.ERROR: "error", NoticeClass.INFO: "warning", NoticeClass.SKIPPED: "note"}


def _invocation(notices: Sequence[Notice], success: bool, paths: ReportPaths) -> dict[str, Any]:
    return {
        "executionSuccessful": success,
        "toolExecutionNotifications": LazyArray(list(zip(notices, repeat(paths))), _notification_of,
                                                _notification_text),
    }


def _notification_of(source: tuple[Notice, ReportPaths]) -> dict[str, Any]:
    """`_notification` of a `toolExecutionNotifications` source: (notice, paths)."""
    return _notification(*source)


def _notification_text(newline: str, step: str, source: tuple[Notice, ReportPaths]) -> str | None:
    """The indented JSON text of `_notification_of(source)` for a notice with a path, as
    indented_json writes it at `newline`; None for one without (walked as its dict) or a value
    it does not write the same. A tree's 1,225 binaries skipped are each a few joins, not six
    dicts made and walked: what their kind and message make is written once per report, and a
    path's artifact in one format (`_notification_artifact`)."""
    notice, paths = source
    kind, message, path, line = notice.kind, notice.message, notice.path, notice.line
    if not path or not (type(kind) is type(message) is type(path) is str) or not (line is None or type(line) is int):
        return None
    frame = _NOTIFICATION_FRAMES.get((newline, step))
    if frame is None:
        frame = _NOTIFICATION_FRAMES[newline, step] = _notification_frame(newline, step)
    per_path = paths.per_path
    head = per_path.get((_NOTIFICATION_HEAD, frame, kind, message))
    if head is None:
        level = encode_basestring(NOTIFICATION_LEVEL[notice.notice_class])
        head = per_path[_NOTIFICATION_HEAD, frame, kind, message] = "".join(
            (frame[0], level, frame[1], encode_basestring(message), frame[2], encode_basestring(kind), frame[3]))
    artifact = per_path.get((_NOTIFICATION_ARTIFACT, frame, path))
    if artifact is None:
        artifact = per_path[_NOTIFICATION_ARTIFACT, frame, path] = _notification_artifact(frame, path, paths)
    if line is None:
        return "".join((head, artifact, frame[5]))
    return "".join((head, artifact, frame[6], int.__repr__(line), frame[7], frame[5]))


# in `ReportPaths.per_path`: (this, the frame, kind, message) -> the text up to the artifact
_NOTIFICATION_HEAD = "sarif-notification-head"
_NOTIFICATION_ARTIFACT = "sarif-notification-artifact"  # (this, the frame, path) -> its artifact's text


def _notification_artifact(frame: tuple[str, ...], path: str, paths: ReportPaths) -> str:
    """The text of a notification's `artifactLocation`, as `_artifact_text` writes it: a path
    under `%SRCROOT%` (most notices) in one format, without the dict `_artifact_text` walks."""
    relative = paths.from_source_root(path)
    if relative is None:
        return _artifact_text(path, paths, frame[8], frame[4])
    inner = frame[8]
    return f'{{{inner}"uri": {encode_basestring(relative_uri(relative))},{inner}"uriBaseId": "{SRCROOT}"{frame[4]}}}'


_NOTIFICATION_FRAMES: dict[tuple[str, str], tuple[str, ...]] = {}  # (newline, step) -> the fixed text
_NOTIFICATION_LEVELS: dict[str, str] = {}  # a notice's kind -> its JSON-encoded notification level


def _notification_frame(newline: str, step: str) -> tuple[str, ...]:
    """The fixed text around a notification's values (`_plain_frame`, for `_notification`)."""
    n1, n2, n3, n4, n5 = (newline + step * depth for depth in range(1, 6))
    return (
        f'{{{n1}"level": ',
        f',{n1}"message": {{{n2}"text": ',
        f'{n1}}},{n1}"descriptor": {{{n2}"id": ',
        f'{n1}}},{n1}"locations": [{n2}{{{n3}"physicalLocation": {{{n4}"artifactLocation": ',
        n4,
        f'{n3}}}{n2}}}{n1}]{newline}}}',
        f',{n4}"region": {{{n5}"startLine": ',
        n4 + "}",
        n5,
    )


def _notification(notice: Notice, paths: ReportPaths) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "level": NOTIFICATION_LEVEL[notice.notice_class],
        "message": {"text": notice.message},
        "descriptor": {"id": notice.kind},
    }
    if notice.path:
        notification["locations"] = [_physical(None, notice.path, paths, notice.line)]
    return notification
