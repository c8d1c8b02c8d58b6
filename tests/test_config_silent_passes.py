"""A repository's config can make the gate check nothing and still pass: every file excluded,
a size limit below every file, per-file-ignores turning every rule off everywhere, severities
lowered below `fail-on`. A pull request can add such a config beside its key. Whatever a
config leaves unchecked is counted in the summary; a config that leaves nothing checked, or
no finding able to fail, is exit 2 with a line that says why (issue 8, "a selection that
leaves no rule enabled", and its kin)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from tests.fakekeys import leaked, make_key

KEY = make_key(9301)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text(f'KEY = "{KEY}"\n')
    (tmp_path / "README.md").write_text("hello\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def config(tree: Path, text: str) -> None:
    (tree / ".kaman-lint.toml").write_text(text)


@pytest.mark.parametrize("setting", [
    'exclude = ["**"]', 'exclude = ["*"]', 'extend-exclude = ["**"]', 'extend-exclude = ["*", ".*"]',
    'exclude = ["src", "*.md", ".kaman-lint.toml"]',
])
def test_a_config_that_excludes_every_file_is_exit_2(tree, setting):
    config(tree, setting + "\n")
    result = run("scan", ".")
    assert result.exit_code == 2, result.output
    assert "exclude" in result.output and "nothing" in result.output
    assert not leaked(result.output, [KEY])


def test_a_size_limit_below_every_file_is_exit_2(tree):
    config(tree, "max-file-size = 1\n")
    result = run("scan", ".")
    assert result.exit_code == 2, result.output
    assert "max-file-size" in result.output and "nothing" in result.output


def test_what_the_config_excludes_is_counted_in_the_summary(tree):
    config(tree, 'extend-exclude = ["src"]\n')
    result = run("scan", ".")
    assert result.exit_code == 0
    assert "1 path excluded by the config" in result.output.splitlines()[-1]
    report = json.loads(run("scan", "--format", "json", ".").output)
    assert report["summary"]["excluded"] == 1


def test_default_excludes_are_not_counted(tree):
    (tree / "node_modules").mkdir()
    (tree / "node_modules" / "x.js").write_text("x = 1\n")
    result = run("scan", ".")
    assert "excluded" not in result.output


def test_an_empty_tree_is_no_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("scan", ".").exit_code == 0  # nothing there: nothing was left unchecked


def test_a_named_file_the_config_excludes_is_no_error(tree):
    # pre-commit names the changed files: a commit of excluded files only must still pass
    config(tree, 'extend-exclude = ["src"]\n')
    assert run("scan", "src/app.py").exit_code == 0


@pytest.mark.parametrize("ignores", [
    '{"**" = ["KAM"]}', '{"*" = ["KAM"]}', '{"**/*" = ["ALL"]}',
    '{"**" = ["KAM001", "KAM002", "KAM003", "KAM004", "KAM005"]}',
    '{"**" = ["KAM001", "KAM002"], "*" = ["KAM003", "KAM004", "KAM005"]}',
])
def test_per_file_ignores_that_turn_every_rule_off_everywhere_are_exit_2(tree, ignores):
    config(tree, f"per-file-ignores = {ignores}\n")
    result = run("scan", ".")
    assert result.exit_code == 2, result.output
    assert "per-file-ignores" in result.output and "no rule" in result.output


def test_per_file_ignores_for_some_files_or_rules_still_scan(tree):
    config(tree, 'per-file-ignores = {"**" = ["KAM002"], "tests/**" = ["KAM"]}\n')
    assert run("scan", ".").exit_code == 1


@pytest.mark.parametrize("setting", [
    'fail-on = "error"\nseverity = {"KAM" = "warning"}',
    'fail-on = "warning"\nseverity = {"ALL" = "note"}',
    'fail-on = "error"\nseverity = {KAM001 = "note", KAM002 = "note", KAM003 = "warning", KAM004 = "note", KAM005 = "note"}',
])
def test_severities_below_fail_on_for_every_rule_are_exit_2(tree, setting):
    config(tree, setting + "\n")
    result = run("scan", ".")
    assert result.exit_code == 2, result.output
    assert "fail-on" in result.output and "--exit-zero" in result.output


def test_fail_on_from_the_command_line_is_checked_against_the_config_too(tree):
    config(tree, 'severity = {"KAM" = "warning"}\n')
    assert run("scan", ".").exit_code == 1
    assert run("scan", "--fail-on", "error", ".").exit_code == 2


def test_one_rule_lowered_below_fail_on_is_a_choice(tree):
    config(tree, 'fail-on = "error"\nseverity = {KAM004 = "warning"}\n')
    assert run("scan", ".").exit_code == 1


def test_the_config_line_says_which_rules_the_config_turns_off(tree, monkeypatch):
    # a change can set `ignore = ["KAM001"]` beside its key: the CI log says so
    config(tree, 'ignore = ["KAM001", "KAM004"]\n')
    monkeypatch.setenv("CI", "true")
    result = CliRunner().invoke(main, ["scan", "."])
    assert "kaman-lint: config: .kaman-lint.toml; rules not run: KAM001, KAM004" in result.stderr
    config(tree, "")
    result = CliRunner().invoke(main, ["scan", "."])
    assert "rules not run" not in result.stderr


def test_the_config_line_says_what_keeps_findings_from_failing(tree, monkeypatch):
    config(tree, 'fail-on = "warning"\n[severity]\nKAM001 = "note"\n')
    monkeypatch.setenv("CI", "true")
    result = CliRunner().invoke(main, ["scan", "."])
    assert result.exit_code == 0  # one rule lowered: a team's choice, but said where CI logs it
    assert "config: .kaman-lint.toml; severity KAM001 = note; fail-on = warning" in result.stderr


def test_the_whole_index_excluded_is_exit_2_with_staged(tree):
    import subprocess

    subprocess.run(["git", "init", "-q", "."], check=True)
    subprocess.run(["git", "add", "src/app.py", "README.md"], check=True)
    config(tree, 'exclude = ["**"]\n')
    result = run("scan", "--staged")
    assert result.exit_code == 2, result.output
    assert "nothing was scanned" in result.output
    # pre-commit names the changed files: excluded ones are no error there
    assert run("scan", "--staged", "--", "src/app.py").exit_code == 0


def test_a_small_file_over_the_limit_says_its_size_once(tree):
    config(tree, "max-file-size = 10\n")
    result = run("scan", "README.md")
    assert "skipped: 6 bytes is over" not in result.output  # README.md is 6 bytes: under 10
    config(tree, "max-file-size = 3\n")
    result = run("scan", "README.md")
    assert "skipped: 6 bytes is over the 3 bytes limit" in result.output
