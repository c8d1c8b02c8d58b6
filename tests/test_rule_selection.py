"""A typo in a rule selector must not turn rules off: unknown ids, prefixes and names are exit 2
with a did-you-mean, wherever a rule list is read; a selection that enables no rule is exit 2;
rule names work wherever ids do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main

try:
    from fakekeys import fp, make_key
except ImportError:  # tests/ imported as a package
    from tests.fakekeys import fp, make_key

KEY = make_key(8301)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "app.py").write_text(f"KEY = '{KEY}'\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("args", "hint"), [
    (["--select", "KAM01"], "did you mean 'KAM001'?"),
    (["--select", "KAM1"], "did you mean 'KAM001'?"),
    (["--select", "KAM001,KAM0001"], "KAM0001"),
    (["--ignore", "KAM01"], "did you mean 'KAM001'?"),
    (["--select", "hardcoded-api-kye"], "did you mean 'hardcoded-api-key'?"),
    (["--select", "K"], "unknown rule 'K'"),  # a prefix keeps the whole letter part
])
def test_an_unknown_selector_on_the_command_line_is_exit_2(tree, args, hint):
    result = run("scan", *args)
    assert result.exit_code == 2 and hint in result.stderr and result.stdout == ""


@pytest.mark.parametrize("body", [
    'select = ["KAM01"]',
    'ignore = ["KAM1"]',
    'extend-select = ["KAM005x"]',
    '[per-file-ignores]\n"tests/*" = ["KAM01"]',
    '[severity]\nKAM01 = "warning"',
])
def test_an_unknown_selector_in_the_config_is_exit_2_and_names_the_key(tree, body):
    (tree / ".kaman-lint.toml").write_text(body + "\n")
    result = run("scan")
    assert result.exit_code == 2 and "unknown rule" in result.stderr and "did you mean" in result.stderr


@pytest.mark.parametrize(("args", "config"), [
    (["--ignore", "KAM"], ""),
    (["--ignore", "ALL"], ""),
    ([], "select = []\n"),
    ([], 'select = ["KAM001"]\nignore = ["KAM001"]\n'),
    (["--select", "KAM002", "--ignore", "client-exposed-key"], ""),
])
def test_a_selection_that_enables_no_rule_is_exit_2(tree, args, config):
    if config:
        (tree / ".kaman-lint.toml").write_text(config)
    result = run("scan", *args)
    assert result.exit_code == 2 and "enables no rule" in result.stderr and result.stdout == ""


def test_rule_names_work_wherever_ids_do(tree):
    found = run("scan", "--select", "hardcoded-api-key", "--format", "json")
    assert found.exit_code == 1
    assert [f["fingerprint"] for f in json.loads(found.stdout)["findings"]] == [fp(KEY)]
    assert run("scan", "--ignore", "Hardcoded-API-Key,KAM002,KAM003,KAM004,KAM005").exit_code == 2  # nothing left
    (tree / ".kaman-lint.toml").write_text('[per-file-ignores]\n"app.py" = ["hardcoded-api-key"]\n'
                                           '[severity]\nclient-exposed-key = "warning"\n')
    assert run("scan").exit_code == 0


def test_prefixes_and_all_still_work(tree):
    assert run("scan", "--select", "KAM00").exit_code == 1
    assert run("scan", "--select", "kam").exit_code == 1
    assert run("scan", "--select", "ALL").exit_code == 1
    assert run("scan", "--select", "ALL", "--ignore", "KAM001").exit_code == 0  # other rules still on


def test_the_rules_command_takes_names_and_ids_both_ways():
    by_name = run("rules", "client-exposed-key")
    assert by_name.exit_code == 0 and by_name.stdout.startswith("KAM002 client-exposed-key")
    assert run("rules", "kam002").stdout == by_name.stdout
    typo = run("rules", "client-exposed-kye")
    assert typo.exit_code == 2 and "did you mean 'client-exposed-key'?" in typo.stderr
