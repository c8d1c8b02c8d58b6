"""One definition of each thing: severity order, formats, rule ids, the rule registry."""

from __future__ import annotations

from click.testing import CliRunner

from kaman_lint import cli, config, report
from kaman_lint.findings import Severity
from kaman_lint.rules import all_rules


def test_severity_order_lives_on_severity() -> None:
    assert Severity.NOTE.rank < Severity.WARNING.rank < Severity.ERROR.rank
    assert config.SEVERITIES == ("error", "warning", "note")


def test_the_commands_offer_the_report_formats() -> None:
    offered = {name: tuple(param.type.choices) for name, command in cli.main.commands.items()
               for param in command.params if "--format" in getattr(param, "opts", ())}
    assert offered == {"scan": tuple(report.FORMATS), "history": tuple(report.FORMATS)}


def test_the_rule_registry_reads_entry_points_once(monkeypatch) -> None:
    import kaman_lint.rules as rules

    calls = []
    all_rules.cache_clear()
    monkeypatch.setattr(rules, "entry_points", lambda **kw: calls.append(kw) or [])
    try:
        first, second = all_rules(), all_rules()
        assert first is second and len(calls) == 1
    finally:
        all_rules.cache_clear()


def test_lower_case_ids_in_the_config_select_rules(tmp_path, monkeypatch) -> None:
    (tmp_path / ".kaman-lint.toml").write_text('select = ["kam001"]\n')
    (tmp_path / "a.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, ["scan", "."])
    assert result.exit_code == 0, result.stderr
