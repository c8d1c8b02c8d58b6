"""SARIF reporter: valid for the OASIS schema, GitHub code scanning and the kaman-lint contract."""

from __future__ import annotations

import dataclasses
import json
import re
import sys

import pytest

from kaman_lint import __version__
from kaman_lint.findings import Finding, Location, Notice, ScanResult, Severity

try:
    from test_report_data import (render, FP_A, RULES, SHARED_TOOLS, FakeHardcodedKey, check_golden,
                                  empty_result, sample_result)
except ImportError:  # tests/ imported as a package
    from tests.test_report_data import (render, FP_A, RULES, SHARED_TOOLS, FakeHardcodedKey, check_golden,
                                        empty_result, sample_result)


def sarif(result=None, **options) -> str:
    return render("sarif", result or sample_result(), RULES, **options)


def run_of(text: str) -> dict:
    return json.loads(text)["runs"][0]


def test_golden():
    check_golden("report.sarif", sarif())


@pytest.mark.parametrize("make", [sample_result, empty_result])
def test_checker_finds_nothing(sarif_check, make):
    found = sarif_check.check_bytes(sarif(make()).encode("utf-8"), github=True, kaman=True)
    assert [f for f in found if f.severity == "problem"] == []
    assert found == []  # not even warnings


def test_long_description_is_cut_to_github_limit(sarif_check):
    class Wordy(FakeHardcodedKey):
        __doc__ = FakeHardcodedKey.__doc__.replace("Anyone who", "Anyone who " + "really " * 300)

    text = render("sarif", sample_result(), [Wordy, RULES[0]])
    rule = run_of(text)["tool"]["driver"]["rules"][0]
    assert len(rule["fullDescription"]["text"]) <= 1024
    assert rule["fullDescription"]["text"].endswith("…")
    assert sarif_check.check_bytes(text.encode(), github=True, kaman=True) == []


def test_top_level_and_driver():
    log = json.loads(sarif())
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "kaman-lint"
    assert driver["version"] == driver["semanticVersion"] == __version__
    assert driver["informationUri"] == "https://pypi.org/project/kaman-lint/"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["automationDetails"] == {"id": "kaman-lint/"}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///home/ci/my%20repo/"}}


def test_rules_from_rule_classes():
    rules = run_of(sarif())["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["KAM001", "KAM003"]
    kam001 = rules[0]
    assert kam001["name"] == "hardcoded-api-key"
    assert kam001["shortDescription"] == {"text": "Kaman API key hard-coded in a file."}
    assert kam001["fullDescription"]["text"].startswith("A real-looking Kaman key literal")
    assert kam001["help"]["text"] == FakeHardcodedKey.help_text()
    assert kam001["help"]["markdown"] == FakeHardcodedKey.help_markdown()
    assert kam001["defaultConfiguration"] == {"level": "error"}
    assert kam001["properties"] == {
        "tags": ["security", "secrets", "external/cwe/cwe-798"],
        "precision": "high",
        "security-severity": "9.5",
        "problem.severity": "error",
    }
    kam003 = rules[1]
    assert kam003["properties"]["problem.severity"] == "warning"
    assert kam003["properties"]["tags"][-1] == "external/cwe/cwe-798"  # from a bare "798"


def test_results():
    results = run_of(sarif())["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("KAM003", 1, "warning"), ("KAM001", 0, "error"), ("KAM001", 0, "error"),
    ]
    location = results[2]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12, "startColumn": 16, "endLine": 12, "endColumn": 52},
    }
    odd = results[1]["locations"][0]["physicalLocation"]
    assert odd["artifactLocation"]["uri"] == "my%20app/%E9%85%8D%E7%BD%AE%20%C3%BC.env"
    assert odd["region"] == {"startLine": 3, "startColumn": 14}


def test_related_locations_and_message_links():
    result = run_of(sarif())["results"][0]
    related = result["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert related[0]["physicalLocation"]["artifactLocation"] == {"uri": "config/dev.env", "uriBaseId": "%SRCROOT%"}
    assert related[0]["message"] == {"text": "Development-side occurrence"}
    links = [int(i) for i in re.findall(r"\[[^\]]*\]\((\d+)\)", result["message"]["text"])]
    assert links == [1, 2]
    assert "[config/dev.env:5](1)" in result["message"]["text"]


def test_no_related_no_links():
    result = run_of(sarif())["results"][2]
    assert "relatedLocations" not in result
    assert "](" not in result["message"]["text"]


def test_partial_fingerprints_follow_the_key_not_the_line():
    results = run_of(sarif())["results"]
    fps = results[2]["partialFingerprints"]
    assert fps["kamanKeyHash/v1"] == FP_A
    assert re.fullmatch(r"[0-9a-f]{16}:1", fps["primaryLocationLineHash"])
    # Same key, different rule: a different alert.
    assert results[0]["partialFingerprints"]["primaryLocationLineHash"] != fps["primaryLocationLineHash"]

    moved = sample_result()
    moved.findings = [dataclasses.replace(f, location=dataclasses.replace(f.location, line=f.location.line + 40))
                      for f in moved.findings]
    assert [r["partialFingerprints"] for r in run_of(sarif(moved))["results"]] == [
        r["partialFingerprints"] for r in results
    ]


def test_same_key_twice_in_one_file_gives_two_alerts():
    twice = ScanResult([
        Finding("KAM001", Severity.ERROR, Location("a.py", line, 1), "m", FP_A) for line in (3, 9)
    ], root="/r")
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run_of(sarif(twice))["results"]]
    assert hashes[0][:16] == hashes[1][:16]
    assert [h[17:] for h in hashes] == ["1", "2"]


def test_notices_become_notifications():
    invocation = run_of(sarif())["invocations"][0]
    assert invocation["executionSuccessful"] is False  # a file could not be read
    assert run_of(sarif(empty_result()))["invocations"][0]["executionSuccessful"] is True
    notes = invocation["toolExecutionNotifications"]
    assert [(n["descriptor"]["id"], n["level"]) for n in notes] == [
        ("stale-baseline", "warning"), ("binary", "note"), ("unreadable", "error"), ("parse-error", "warning")]
    assert "locations" not in notes[0]
    assert notes[3]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "web/broken.js", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3},
    }
    assert notes[3]["message"] == {"text": "could not parse as JavaScript; scanned as text"}


def test_options():
    run = run_of(sarif(automation_id="kaman-lint/monorepo/web", success=False))
    assert run["automationDetails"] == {"id": "kaman-lint/monorepo/web"}
    assert run["invocations"][0]["executionSuccessful"] is False


def test_empty_run_still_has_results():
    run = run_of(sarif(empty_result()))
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["KAM001", "KAM003"]


def test_notice_only_run_is_valid(sarif_check):
    result = ScanResult(notices=[Notice("binary", "skipped binary file", "img/a b.png")], root="/r")
    assert sarif_check.check_bytes(sarif(result).encode(), github=True, kaman=True) == []


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_plain_results_written_as_text_are_the_results_walked(indent):
    """A plain result is written by its own format (sarif._plain_result_text): the same bytes
    as its dict walked, whatever its location holds, its path, its message or the rule."""
    from kaman_lint import printable
    from kaman_lint.indented_json import materialize
    from kaman_lint.report import sarif as sarif_report

    findings = [
        Finding("KAM001", Severity.ERROR, Location("src/app.py", 12, 16, 12, 52), 'say "hi"\\ \t ü 配置', FP_A,
                "kam_Ab3d…"),
        Finding("KAM001", Severity.WARNING, Location("my app/配置 ü.env", 3, 14), "no end", FP_A, "kam_Ab3d…"),
        Finding("KAM001", Severity.NOTE, Location("a.py", 3, 14, end_column=20), "end column only", FP_A, "kam_Ab3d…"),
        Finding("KAM003", "warning", Location("../outside/x.env", 1, 1, 1, 9), "outside the root", FP_A, "kam_Ab3d…"),
        Finding("KAM999", Severity.ERROR, Location("b.py", 2, 3, 2, 9), "a rule not in the table", FP_A, "kam_Ab3d…"),
        Finding("KAM001", Severity.ERROR, Location("b.py", 2, 3, 2, 9), "repeated", FP_A, "kam_Ab3d…",
                occurrences=3, repeats=(Location("b.py", 2, 30, 2, 36),)),
    ]
    result = dataclasses.replace(sample_result(), findings=findings)
    document = sarif_report.document(result, RULES, cwd=result.root)
    assert printable.dumps(document, indent=indent) == json.dumps(
        document, default=materialize, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_notifications_written_as_text_are_the_notifications_walked(indent):
    """A notice about a file is written by its own format (sarif._notification_text): the same
    bytes as its dict walked, with or without a line, whatever its path (one percent-encoded,
    one outside the root, one named after a key), message or kind (one unregistered)."""
    from kaman_lint import printable
    from kaman_lint.indented_json import materialize
    from kaman_lint.report import sarif as sarif_report
    from tests.fakekeys import make_key

    notices = [
        Notice("binary", "binary file skipped", "img/logo.png"),
        Notice("parse-error", 'could not parse "x"\\ \t ü 配置', "web/my app/配置 ü.js", 3),
        Notice("unreadable", "cannot read: Permission denied", "../outside/locked.env"),
        Notice("binary", "binary file skipped", f"keys/{make_key(7)}.bin"),
        Notice("no-such-kind", "an unregistered kind is an error", "a:b/c%d.py", 1),
        Notice("stale-baseline", "2 baseline entries no longer match any finding"),
    ]
    result = dataclasses.replace(sample_result(), notices=notices)
    document = sarif_report.document(result, RULES, cwd=result.root)
    written = printable.dumps(document, indent=indent)
    assert written == json.dumps(document, default=materialize, ensure_ascii=False, indent=indent)
    assert make_key(7) not in written
