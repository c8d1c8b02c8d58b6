"""Baselines: (rule, path, fingerprint), sorted, byte-identical for the same tree, no churn when
code moves, notices for stale entries, `--update` only prunes."""

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

KEYS = [make_key(60 + i) for i in range(4)]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text(f"import os\nKEY = '{KEYS[0]}'\n")
    (tmp_path / "src" / "web.js").write_text(f"const a = '{KEYS[1]}';\nconst b = '{KEYS[1]}';\n")
    (tmp_path / ".env").write_text(f"KAMAN_API_KEY={KEYS[2]}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def entries(path: Path) -> list[tuple[str, str, str]]:
    return [(e["rule"], e["path"], e["fingerprint"]) for e in json.loads(path.read_text())["entries"]]


def test_the_file_is_sorted_and_holds_only_rule_path_fingerprint(tree):
    assert run("baseline", "-o", "baseline.json").exit_code == 0
    text = (tree / "baseline.json").read_text()
    data = json.loads(text)
    assert set(data) == {"version", "tool", "entries"}
    assert all(set(e) == {"rule", "path", "fingerprint"} for e in data["entries"])
    assert entries(tree / "baseline.json") == [
        ("KAM001", ".env", fp(KEYS[2])), ("KAM001", "src/app.py", fp(KEYS[0])), ("KAM001", "src/web.js", fp(KEYS[1]))]
    assert not leaked(text, KEYS)
    assert "line" not in text and "time" not in text


def test_the_same_tree_gives_the_same_bytes_and_moving_code_changes_nothing(tree):
    run("baseline", "-o", "one.json")
    app = tree / "src" / "app.py"
    app.write_text("# a new header\n\n\n" + app.read_text())  # the key moves down three lines
    run("baseline", "-o", "two.json")
    assert (tree / "one.json").read_bytes() == (tree / "two.json").read_bytes()


def test_scan_reports_only_what_is_new(tree):
    run("baseline", "-o", "baseline.json")
    assert run("scan", "--baseline", "baseline.json").exit_code == 0
    (tree / "src" / "new.py").write_text(f"TOKEN = '{KEYS[3]}'\n")
    result = run("scan", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    assert [(f["path"], f["fingerprint"]) for f in json.loads(result.stdout)["findings"]] == [("src/new.py", fp(KEYS[3]))]


def test_the_config_baseline_key_is_used(tree):
    run("baseline", "-o", "kaman-baseline.json")
    (tree / ".kaman-lint.toml").write_text('baseline = "kaman-baseline.json"\n')
    assert run("scan").exit_code == 0
    (tree / "src").joinpath("sub").mkdir()
    result = CliRunner().invoke(main, ["scan", "."], catch_exceptions=False)
    assert result.exit_code == 0


def test_baseline_paths_do_not_depend_on_the_working_directory(tree, monkeypatch):
    run("baseline", "-o", "baseline.json")
    monkeypatch.chdir(tree / "src")
    assert run("scan", ".", "--baseline", "../baseline.json").exit_code == 0


def test_stale_entries_draw_a_notice_only_where_the_scan_looked(tree):
    run("baseline", "-o", "baseline.json")
    (tree / "src" / "app.py").write_text("import os\nKEY = os.environ['KAMAN_API_KEY']\n")
    result = run("scan", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert "src/app.py: baseline entry KAM001" in result.stderr and "--update" in result.stderr
    only_web = run("scan", "src/web.js", "--baseline", "baseline.json")  # as pre-commit would
    assert "baseline entry" not in only_web.stderr


def test_update_drops_stale_entries_and_adds_nothing(tree):
    run("baseline", "-o", "baseline.json")
    (tree / "src" / "app.py").write_text("x = 1\n")
    (tree / "src" / "new.py").write_text(f"TOKEN = '{KEYS[3]}'\n")
    result = run("baseline", "--update", "-o", "baseline.json")
    assert result.exit_code == 0 and "1 dropped" in result.stderr
    assert entries(tree / "baseline.json") == [("KAM001", ".env", fp(KEYS[2])), ("KAM001", "src/web.js", fp(KEYS[1]))]


def test_a_partial_baseline_run_keeps_the_entries_elsewhere(tree):
    run("baseline", "-o", "baseline.json")
    (tree / "src" / "new.py").write_text(f"TOKEN = '{KEYS[3]}'\n")
    run("baseline", "src/new.py", "-o", "baseline.json")
    assert len(entries(tree / "baseline.json")) == 4


@pytest.mark.parametrize("content", ["not json", '{"entries": 3}', '{"version": 99, "entries": []}',
                                     '{"version": 1, "entries": [{"rule": "KAM001"}]}'])
def test_a_broken_baseline_is_exit_2(tree, content):
    (tree / "bad.json").write_text(content)
    result = run("scan", "--baseline", "bad.json")
    assert result.exit_code == 2 and "bad.json" in result.stderr


def test_a_missing_baseline_is_exit_2_but_a_missing_config_baseline_is_a_notice(tree):
    assert run("scan", "--baseline", "nope.json").exit_code == 2
    (tree / ".kaman-lint.toml").write_text('baseline = "nope.json"\n')
    result = run("scan")
    assert result.exit_code == 1 and "not found" in result.stderr


def test_baseline_without_a_target_writes_the_default_file(tree):
    result = run("baseline")
    assert result.exit_code == 0 and (tree / ".kaman-lint-baseline.json").is_file()
