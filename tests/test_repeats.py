"""One finding per repeat on a line: the same rule, key (fingerprint) and message written more
than once on one line is one finding that says how often (`occurrences`) and where the first few
repeats are. A minified bundle gives nothing per repeat that its first does not: the line and
the fix are the same, and GitHub code scanning merges such results anyway."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakekeys import fp, make_key

from kaman_lint import engine, report, repeats
from kaman_lint.config import Config
from kaman_lint.findings import Finding, Location, ScanResult, Severity
from kaman_lint.rules import all_rules

KEY = make_key(71)
OTHER = make_key(72)
UNIT = "fetch(`${B}/v2/search?q=${q}&key=${kamanKey}`);"
HEAD = 'var B="http://api.kaman.io";'


def scan(tmp_path: Path, files: dict[str, str], select=("KAM004",)):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = Config().with_overrides(select=list(select), no_ignore=True)
    config.project_root = tmp_path
    return engine.scan([str(tmp_path)], config, root=tmp_path, jobs=1)


def test_the_same_key_in_a_url_fifty_times_on_a_line_is_one_finding(tmp_path):
    line = HEAD + UNIT * 50 + "\n"
    [finding] = scan(tmp_path, {"app.min.js": line}).findings
    assert finding.occurrences == 50
    first = line.index("kamanKey}") + 1
    assert finding.location.column == first
    columns = [loc.column for loc in finding.repeats]
    assert len(columns) == repeats.MAX_SHOWN
    assert columns == [first + len(UNIT) * k for k in range(1, repeats.MAX_SHOWN + 1)]
    assert all(loc.line == 1 for loc in finding.repeats)


def test_two_keys_on_a_line_stay_two_findings(tmp_path):
    line = HEAD + (UNIT + UNIT.replace("kamanKey", "kamanApiKey")) * 3 + "\n"
    found = scan(tmp_path, {"app.min.js": line}).findings
    assert sorted(f.occurrences for f in found) == [3, 3]
    assert len({f.fingerprint for f in found}) == 2


def test_repeats_on_two_lines_are_two_findings(tmp_path):
    found = scan(tmp_path, {"app.js": HEAD + "\n" + (UNIT * 2 + "\n") * 2}).findings
    assert [(f.location.line, f.occurrences) for f in found] == [(2, 2), (3, 2)]


def test_a_literal_repeated_on_a_line_is_one_kam001_finding(tmp_path):
    line = "var k=[" + ",".join([f'"{KEY}"'] * 5 + [f'"{OTHER}"']) + "];\n"
    found = scan(tmp_path, {"a.js": line}, select=("KAM001",)).findings
    assert sorted((f.fingerprint, f.occurrences) for f in found) == sorted([(fp(KEY), 5), (fp(OTHER), 1)])


def test_a_suppression_on_the_line_suppresses_every_repeat(tmp_path):
    line = HEAD + UNIT * 20 + "// kaman-lint: ignore[KAM004] -- mock server\n"
    result = scan(tmp_path, {"app.js": line})
    assert result.findings == []
    [hidden] = result.suppressed
    assert hidden.occurrences == 20


def test_a_baseline_entry_matches_the_collapsed_finding(tmp_path):
    from kaman_lint import baseline

    line = HEAD + UNIT * 20 + "\n"
    result = scan(tmp_path, {"app.js": line})
    [finding] = result.findings
    accepted = baseline.Baseline(frozenset({baseline.Entry("app.js", "KAM004", finding.fingerprint)}), tmp_path)
    after = baseline.apply(result, accepted, lambda entry: True)
    assert after.findings == [] and after.notices == result.notices


def _finding(column: int, **changes) -> Finding:
    fields = dict(rule_id="KAM004", severity=Severity.ERROR, location=Location("a.js", 1, column),
                  message="`k` (a Kaman API key) is sent", fingerprint="n1:abc")
    fields.update(changes)
    return Finding(**fields)


def test_collapse_keeps_different_messages_rules_and_lines_apart():
    found = [_finding(5), _finding(9), _finding(7, message="other"), _finding(3, rule_id="KAM001"),
             _finding(4, location=Location("a.js", 2, 4)), _finding(11)]
    collapsed = repeats.collapse(found)
    assert [(f.rule_id, f.location.line, f.location.column, f.occurrences) for f in collapsed] == [
        ("KAM004", 1, 5, 3), ("KAM004", 1, 7, 1), ("KAM001", 1, 3, 1), ("KAM004", 2, 4, 1)]
    assert [loc.column for loc in collapsed[0].repeats] == [9, 11]


def test_collapse_counts_a_place_once_and_merges_collapsed_findings():
    once = repeats.collapse([_finding(5), _finding(5), _finding(9)])
    assert [f.occurrences for f in once] == [2]
    again = repeats.collapse(once + [_finding(2)])
    [merged] = again
    assert (merged.location.column, merged.occurrences, [r.column for r in merged.repeats]) == (2, 3, [5, 9])


def test_collapse_leaves_single_findings_untouched():
    found = [_finding(5), _finding(7, message="other")]
    assert repeats.collapse(found) == found


# --- every format shows the count --------------------------------------------------------------

def _result() -> ScanResult:
    many = replace_repeats(_finding(5), 132_119, [Location("a.js", 1, 5 + 40 * k) for k in range(1, 11)])
    return ScanResult(findings=[many, _finding(3, message="once", location=Location("b.js", 2, 3))],
                      files_scanned=2, root="/tmp/r")


def replace_repeats(finding: Finding, occurrences: int, places) -> Finding:
    from dataclasses import replace
    return replace(finding, occurrences=occurrences, repeats=tuple(places))


def _render(fmt: str) -> str:
    return report.render(fmt, _result(), all_rules())


@pytest.mark.parametrize("fmt", ["text", "github", "gitlab", "sarif", "json"])
def test_every_format_shows_the_count(fmt):
    out = _render(fmt)
    assert "132,119 times on this line" in out or '"occurrences": 132119' in out
    assert out.count("times on this line") <= (1 if fmt != "json" else 0) + (fmt == "sarif")


def test_json_has_an_occurrences_field():
    findings = json.loads(_render("json"))["findings"]
    assert [f["occurrences"] for f in findings] == [132_119, 1]
    assert [c["column"] for c in findings[0]["repeats"]] == [5 + 40 * k for k in range(1, 11)]


def test_sarif_has_the_count_and_the_repeats_as_related_locations():
    result = json.loads(_render("sarif"))["runs"][0]["results"][0]
    assert result["properties"]["occurrences"] == 132_119
    assert [r["physicalLocation"]["region"]["startColumn"] for r in result["relatedLocations"]] == [
        5 + 40 * k for k in range(1, 11)]
    assert "132,119 times on this line" in result["message"]["text"]


def test_the_sarif_of_collapsed_findings_passes_the_checker(sarif_check):
    found = sarif_check.check_bytes(_render("sarif").encode("utf-8"), github=True, kaman=True)
    assert [f for f in found if f.severity == "problem"] == []
