"""`kaman-lint baseline` without -o writes .kaman-lint-baseline.json; a scan with a baseline says
how many findings it hid (issue 8 item 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main

try:
    from fakekeys import fp, leaked, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, leaked, make_key

OLD = [make_key(8701), make_key(8702), make_key(8703)]
NEW = make_key(8704)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "old.py").write_text("".join(f'K{i} = "{k}"\n' for i, k in enumerate(OLD)))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_baseline_without_o_writes_the_default_file(tree):
    result = run("baseline", "--select", "KAM001")
    assert result.exit_code == 0, result.stderr
    written = json.loads((tree / ".kaman-lint-baseline.json").read_text())
    assert "--baseline .kaman-lint-baseline.json" in result.stderr  # how to use it
    assert not leaked(json.dumps(written) + result.stderr, OLD)


def test_a_scan_with_a_baseline_says_how_many_it_hid(tree):
    assert run("baseline", "--select", "KAM001").exit_code == 0
    clean = run("scan", "--select", "KAM001", "--baseline", ".kaman-lint-baseline.json")
    assert clean.exit_code == 0
    assert clean.stdout.splitlines()[-1] == "No new findings in 2 files, 3 recorded in the baseline."
    (tree / "new.py").write_text(f'K = "{NEW}"\n')
    found = run("scan", "--select", "KAM001", "--baseline", ".kaman-lint-baseline.json", "--format", "json")
    assert found.exit_code == 1
    report = json.loads(found.stdout)
    assert [f["fingerprint"] for f in report["findings"]] == [fp(NEW)]
    assert report["summary"]["baselined"] == 3
    text = run("scan", "--select", "KAM001", "--baseline", ".kaman-lint-baseline.json")
    assert text.stdout.splitlines()[-1] == "Found 1 new finding (KAM001: 1) in 3 files, 3 recorded in the baseline."
