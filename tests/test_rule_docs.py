"""Each rule is declared once: its class feeds `kaman-lint rules`, SARIF and docs/rules/."""

from pathlib import Path

import inspect

import pytest
from click.testing import CliRunner

from kaman_lint.cli import main
from kaman_lint.rules import all_rules
from kaman_lint.rules.base import DOC_SECTIONS, Rule, cleandoc

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


_ODD_DOCS = ["", "one line", "  lead\n\n    body\n      deeper\n\n", "\n\n  \n", "\tx\n\ty\n\t\tz", "a\n  b\n c\u3000\n\u3000 d",
             "first\n\n\n    only\n    \n", "x\r\n  y\r\n"]


@pytest.mark.parametrize("doc", [r.__doc__ for r in (*all_rules(), Rule)] + _ODD_DOCS)
def test_cleandoc_is_inspects(doc):
    # base.cleandoc stands in for inspect.cleandoc (a scan need not import inspect)
    assert cleandoc(doc) == inspect.cleandoc(doc)
