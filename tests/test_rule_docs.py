"""Each rule is declared once: its class feeds `kaman-lint rules`, SARIF and docs/rules/."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.rules import all_rules
from kaman_lint.rules.base import DOC_SECTIONS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_docs_have_every_section(rule):
    sections = rule.sections()
    assert list(sections) == list(DOC_SECTIONS)
    assert all(body for body in sections.values())
    assert "rotate" in sections["How to fix"].lower()


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_docs_folder_is_generated_from_the_rule(rule):
    # regenerate with: kaman-lint rules KAMnnn --markdown > docs/rules/KAMnnn.md
    assert (DOCS / f"{rule.id}.md").read_text() == rule.help_markdown()


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rules_command_explains_the_rule(rule):
    out = CliRunner().invoke(main, ["rules", rule.id]).output
    assert rule.name in out and "How to fix" in out


def test_unknown_rule_exits_2():
    assert CliRunner().invoke(main, ["rules", "KAM999"]).exit_code == 2
