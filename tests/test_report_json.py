"""JSON reporter: fixed shape and key order, notices as errors."""

from __future__ import annotations

import json

from kaman_lint import __version__

try:
    from test_report_data import render, FP_A, ODD_PATH, RULES, check_golden, empty_result, sample_result
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import render, FP_A, ODD_PATH, RULES, check_golden, empty_result, sample_result


def load(result=None):
    return json.loads(render("json", result or sample_result(), RULES))


def test_golden():
    check_golden("report.json", render("json", sample_result(), RULES))


def test_shape_and_key_order():
    out = render("json", sample_result(), RULES)
    assert out.endswith("}\n") and out.startswith('{\n  "schema_version": 1,\n  "version"')
    doc = json.loads(out)
    assert list(doc) == ["schema_version", "version", "findings", "errors", "skipped", "notices", "suppressed",
                         "summary"]
    assert doc["version"] == __version__ and doc["schema_version"] == 1
    assert list(doc["findings"][0]) == [
        "rule_id", "rule_name", "severity", "path", "line", "column", "end_line", "end_column",
        "message", "fingerprint", "preview", "related", "occurrences", "repeats",
    ]


def test_findings_sorted_with_rule_names_and_related():
    findings = load()["findings"]
    assert [(f["path"], f["rule_id"], f["rule_name"]) for f in findings] == [
        ("config/prod.env", "KAM003", "shared-dev-prod-key"),
        (ODD_PATH, "KAM001", "hardcoded-api-key"),
        ("src/app.py", "KAM001", "hardcoded-api-key"),
    ]
    first = findings[0]
    assert first["severity"] == "warning" and first["fingerprint"] == FP_A and first["preview"] == "kam_Ab3d…"
    assert first["related"] == [
        {"path": "config/dev.env", "line": 5, "column": 15, "end_line": 5, "end_column": 51,
         "message": "Development-side occurrence"},
        {"path": "docker-compose.yml", "line": 8, "column": 22, "end_line": None, "end_column": None,
         "message": "Development-side occurrence (service web-dev)"},
    ]
    assert findings[1]["end_line"] is None and findings[2]["end_column"] == 52


def test_errors_skipped_notices_and_summary():
    doc = load()
    assert doc["errors"] == [  # only what could not be checked
        {"kind": "unreadable", "path": "secrets/locked.env", "line": None,
         "message": "cannot read: Permission denied"},
    ]
    assert doc["skipped"] == [
        {"kind": "binary", "path": "img/logo.png", "line": None, "message": "binary file skipped"},
    ]
    assert doc["notices"] == [
        {"kind": "stale-baseline", "path": None, "line": None,
         "message": "2 baseline entries no longer match any finding"},
        {"kind": "parse-error", "path": "web/broken.js", "line": 3,
         "message": "could not parse as JavaScript; scanned as text"},
    ]
    assert doc["summary"] == {"files_scanned": 7, "findings": 3, "by_rule": {"KAM001": 2, "KAM003": 1},
                              "errors": 1, "skipped": 1, "skipped_by_kind": {"binary": 1}, "notices": 2,
                              "suppressed": 0, "baselined": 0, "excluded": 0}


def test_empty():
    doc = load(empty_result())
    assert doc["findings"] == [] and doc["errors"] == []
    assert doc["summary"]["findings"] == 0
