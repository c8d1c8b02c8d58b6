"""A change can add a key and, in the same stroke, a suppression comment or a per-file-ignores
entry that hides it (issue 10 §2). Hidden findings are still reported, as suppressed: SARIF
results with a `suppressions` entry (kind inSource / external, with the reason), JSON
`suppressed`, and a count in the text summary. They do not fail the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

OPEN, COMMENTED, IGNORED = make_key(8501), make_key(8502), make_key(8503)
KEYS = [OPEN, COMMENTED, IGNORED]
SARIF_CHECK = Path("/work/shared/tools/sarif_check.py")


def run(*args: str):
    return CliRunner().invoke(main, ["scan", *args, "--select", "KAM001"], catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "app.py").write_text(f'KEY = "{OPEN}"\n'
                                     f'# kaman-lint: ignore[KAM001] -- a test key, rotated\n'
                                     f'OTHER = "{COMMENTED}"\n')
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "sdk.py").write_text(f'DEFAULT = "{IGNORED}"\n')
    (tmp_path / ".kaman-lint.toml").write_text('[per-file-ignores]\n"vendor/**" = ["KAM001"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_lists_suppressed_findings_with_kind_and_reason(tree):
    result = run("--format", "json")
    assert result.exit_code == 1  # the open key fails the run, the suppressed ones do not
    report = json.loads(result.stdout)
    assert [f["fingerprint"] for f in report["findings"]] == [fp(OPEN)]
    hidden = {f["fingerprint"]: f["suppression"] for f in report["suppressed"]}
    assert hidden[fp(COMMENTED)] == {"kind": "inSource", "justification": "a test key, rotated", "line": 2}
    assert hidden[fp(IGNORED)]["kind"] == "external"
    assert "per-file-ignores 'vendor/**' in .kaman-lint.toml" == hidden[fp(IGNORED)]["justification"]
    assert report["summary"]["suppressed"] == 2
    assert not leaked(result.stdout, KEYS)


def test_sarif_carries_them_as_suppressed_results(tree):
    result = run("--format", "sarif", "-o", "out.sarif")
    assert result.exit_code == 1
    log = json.loads((tree / "out.sarif").read_text())
    results = log["runs"][0]["results"]
    by_key = {r["partialFingerprints"]["kamanKeyHash/v1"]: r for r in results}
    assert set(by_key) == {fp(k) for k in KEYS}
    assert "suppressions" not in by_key[fp(OPEN)]
    [in_source] = by_key[fp(COMMENTED)]["suppressions"]
    assert (in_source["kind"], in_source["justification"]) == ("inSource", "a test key, rotated")
    assert in_source["location"]["physicalLocation"]["region"]["startLine"] == 2
    [external] = by_key[fp(IGNORED)]["suppressions"]
    assert external["kind"] == "external" and "vendor/**" in external["justification"]
    assert not leaked((tree / "out.sarif").read_text(), KEYS)
    if SARIF_CHECK.exists():
        check = subprocess.run([sys.executable, str(SARIF_CHECK), "out.sarif", "--github", "--kaman"],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout


def test_the_text_summary_counts_them(tree):
    result = run()
    assert result.stdout.splitlines()[-1] == "Found 1 finding (KAM001: 1) in 3 files, 2 suppressed."


def test_only_suppressed_findings_pass_and_still_show(tree):
    (tree / "app.py").write_text(f'KEY = "{OPEN}"  # kaman-lint: ignore[KAM001]\n')
    result = run("--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["findings"] == [] and len(report["suppressed"]) == 2
    [blanket] = [f for f in report["suppressed"] if f["fingerprint"] == fp(OPEN)]
    assert blanket["suppression"]["justification"] == "`kaman-lint: ignore[KAM001]` (no reason given)"
    assert run().stdout.splitlines()[-1] == "No findings in 3 files, 2 suppressed."


def test_a_key_open_on_one_line_and_suppressed_on_another_stays_two_alerts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(f'A = "{OPEN}"  # kaman-lint: ignore[KAM001] -- fixture\nB = "{OPEN}"\n')
    result = run("--format", "sarif")
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in json.loads(result.stdout)["runs"][0]["results"]]
    assert len(hashes) == 2 and len(set(hashes)) == 2
