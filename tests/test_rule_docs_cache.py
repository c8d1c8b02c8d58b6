"""A rule's docs are parsed once per docstring (the SARIF rule list asks 5-6 times): the
parse a caller gets stays its own, and a changed docstring is parsed anew."""

from kaman_lint.rules import all_rules
from kaman_lint.rules.base import Rule


def test_sections_are_the_callers_own():
    rule = next(r for r in all_rules() if r.id == "KAM001")
    rule.sections().clear()
    assert "What it flags" in rule.sections()


def test_a_changed_docstring_is_parsed_anew():
    class Changing(Rule):
        """First.

        ## What it flags
        one
        """

    assert Changing.sections() == {"What it flags": "one"}
    Changing.__doc__ = "Second.\n\n## What it flags\ntwo\n"
    assert Changing.summary() == "Second."
    assert Changing.sections() == {"What it flags": "two"}
