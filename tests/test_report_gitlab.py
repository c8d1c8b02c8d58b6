"""GitLab secret-detection report: the schema's required fields, stable ids, no secret text."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta, timezone

from kaman_lint import __version__
from kaman_lint.findings import Finding, Location, ScanResult, Severity

try:
    from test_report_data import render, NOW, ODD_PATH, RULES, check_golden, empty_result, leaked_keys, sample_result
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import (render, NOW, ODD_PATH, RULES, check_golden, empty_result, leaked_keys,
                                        sample_result)

TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def gitlab(result=None, **options) -> str:
    options.setdefault("now", NOW)
    return render("gitlab", result or sample_result(), RULES, **options)


def test_golden():
    check_golden("report.gitlab.json", gitlab())


def test_required_fields():
    report = json.loads(gitlab())
    assert report["version"] == "15.0.7"
    assert list(report) == ["version", "vulnerabilities", "scan"]
    for vuln in report["vulnerabilities"]:
        assert {"id", "name", "description", "severity", "location", "identifiers"} <= set(vuln)
        # schema 15.x removed these from vulnerabilities
        assert not {"category", "scanner", "message", "cve", "confidence"} & set(vuln)
        assert uuid.UUID(vuln["id"])
        assert vuln["severity"] in {"Critical", "High", "Medium", "Low", "Info", "Unknown"}
        assert {"file", "start_line", "commit"} <= set(vuln["location"])
        assert vuln["location"]["commit"] == {"sha": "0000000"}
        assert vuln["identifiers"][0]["type"] == "kaman_lint_rule_id"
        assert vuln["identifiers"][0]["value"] == vuln["identifiers"][0]["name"].split()[2]
        assert all({"type", "name", "value"} <= set(i) for i in vuln["identifiers"])
        assert "raw_source_code_extract" not in vuln
        assert "cve" not in vuln and "confidence" not in vuln
    scan = report["scan"]
    assert scan["type"] == "secret_detection"
    assert scan["status"] == "failure"  # a file could not be read: the scan is incomplete
    assert json.loads(gitlab(empty_result()))["scan"]["status"] == "success"
    for part in ("analyzer", "scanner"):
        assert scan[part]["id"] == "kaman-lint" and scan[part]["name"] == "kaman-lint"
        assert scan[part]["version"] == __version__ and scan[part]["vendor"] == {"name": "kaman-lint"}
    assert scan["start_time"] == scan["end_time"] == "2026-01-02T03:04:05"


def test_vulnerabilities():
    vulns = json.loads(gitlab())["vulnerabilities"]
    assert [(v["location"]["file"], v["identifiers"][0]["value"], v["severity"]) for v in vulns] == [
        ("config/prod.env", "KAM003", "Medium"),
        (ODD_PATH, "KAM001", "Critical"),
        ("src/app.py", "KAM001", "Critical"),
    ]
    assert vulns[2]["location"] == {"file": "src/app.py", "start_line": 12, "end_line": 12,
                                    "commit": {"sha": "0000000"}}
    assert vulns[2]["name"] == "Kaman API key hard-coded in a file"
    assert vulns[1]["identifiers"][1] == {"type": "cwe", "name": "CWE-798", "value": "798",
                                          "url": "https://cwe.mitre.org/data/definitions/798.html"}
    assert "kam_Ab3d…" in vulns[2]["description"]
    assert "Related: config/dev.env:5: Development-side occurrence." in vulns[0]["description"]


def test_ids_stable_when_code_moves_and_unique():
    before = [v["id"] for v in json.loads(gitlab())["vulnerabilities"]]
    moved = sample_result()
    moved.findings = [Finding(f.rule_id, f.severity, Location(f.location.path, f.location.line + 9, 1),
                              f.message, f.fingerprint, f.preview, f.related) for f in moved.findings]
    after = [v["id"] for v in json.loads(gitlab(moved))["vulnerabilities"]]
    assert sorted(before) == sorted(after)
    assert len(set(before)) == len(before)
    twice = ScanResult([Finding("KAM001", Severity.ERROR, Location("a.py", n, 1), "m", "f") for n in (1, 2)])
    ids = [v["id"] for v in json.loads(gitlab(twice))["vulnerabilities"]]
    assert len(set(ids)) == 2


def test_no_secret_text():
    text = gitlab()
    assert not leaked_keys(text)
    assert "raw_source_code_extract" not in text


def test_times_and_status_options():
    start = datetime(2026, 3, 4, 10, 0, 0, tzinfo=timezone(timedelta(hours=2)))
    end = datetime(2026, 3, 4, 8, 0, 30)  # naive: taken as given
    scan = json.loads(gitlab(start_time=start, end_time=end, success=False, commit_sha="abc1234"))["scan"]
    assert scan["start_time"] == "2026-03-04T08:00:00"
    assert scan["end_time"] == "2026-03-04T08:00:30"
    assert scan["status"] == "failure"
    assert json.loads(gitlab(commit_sha="abc1234"))["vulnerabilities"][0]["location"]["commit"] == {"sha": "abc1234"}


def test_without_a_clock_the_current_time_is_used():
    scan = json.loads(render("gitlab", empty_result(), RULES))["scan"]
    assert TIME.match(scan["start_time"]) and TIME.match(scan["end_time"])


def test_notices_become_scan_messages():
    messages = json.loads(gitlab())["scan"]["messages"]
    assert messages == [
        {"level": "info", "value": "kaman-lint: 2 baseline entries no longer match any finding"},
        {"level": "info", "value": "img/logo.png: binary file skipped"},
        {"level": "warn", "value": "secrets/locked.env: cannot read: Permission denied"},
        {"level": "info", "value": "web/broken.js:3: could not parse as JavaScript; scanned as text"},
    ]
    assert "messages" not in json.loads(gitlab(empty_result()))["scan"]


def test_severity_bands():
    from kaman_lint.report.gitlab import _severity

    finding = Finding("KAM001", Severity.NOTE, Location("a", 1, 1), "m", "f")
    for score, level in [("9.5", "Critical"), ("9.0", "Critical"), ("8.9", "High"), ("7.0", "High"),
                         ("5.0", "Medium"), ("2.0", "Low"), ("0.0", "Info")]:
        rule = type("R", (RULES[1],), {"security_severity": score})
        assert _severity(finding, rule) == level
    assert _severity(finding, None) == "Low"
